package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.CALENDAR;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.multistatus;
import static dev.personaltracker.calendar.caldav.DavStubs.privilege;
import static dev.personaltracker.calendar.caldav.DavStubs.response;
import static dev.personaltracker.calendar.caldav.DavStubs.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who the calendar's owner is, for the PARTSTAT rules: every address of the principal's
 * {@code calendar-user-address-set}, as iCloud, Apple's calendar server and Nextcloud write them: {@code mailto:} in
 * any case, aliases, {@code urn:uuid:} and principal URLs.
 */
class CaldavOwnerAddressesTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-05-04T00:00:00Z"), Instant.parse("2026-05-11T00:00:00Z"));

    static String invitation(String uid, String start, String end, String attendee) {
        return Fixtures.crlf("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Apple Inc.//iOS 17//EN
                BEGIN:VEVENT
                UID:%s
                DTSTAMP:20260301T000000Z
                DTSTART:%s
                DTEND:%s
                ORGANIZER;CN=Prof:mailto:prof@example.com
                ATTENDEE;CN=Prof;PARTSTAT=ACCEPTED:mailto:prof@example.com
                %s
                END:VEVENT
                END:VCALENDAR
                """.formatted(uid, start, end, attendee));
    }

    @Test
    void everyAddressOfThePrincipal_isTheOwner_soADeclineInAnySpellingIsFree() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/")).willReturn(multistatus(response("/dav/",
                "<d:current-user-principal><d:href>/dav/principals/me/</d:href></d:current-user-principal>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/principals/me/")).willReturn(multistatus(response(
                "/dav/principals/me/", "<c:calendar-home-set><d:href>/dav/calendars/me/</d:href></c:calendar-home-set>"
                        + "<c:calendar-user-address-set>"
                        + "<d:href>urn:uuid:4E2B1C3A-0000-4000-8000-00000000ABCD</d:href>"
                        + "<d:href>MAILTO:Student.Alias@Uni.example.EDU</d:href>"
                        + "<d:href>/dav/principals/me/</d:href>"
                        + "<d:href>https://p42-caldav.icloud.com/123/principal/</d:href>"
                        + "</c:calendar-user-address-set>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(CALENDAR)).withHeader("Depth", equalTo("0"))
                .willReturn(multistatus(response(CALENDAR, "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
                        + "<d:current-user-privilege-set>" + privilege("read") + "</d:current-user-privilege-set>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(CALENDAR)).withHeader("Depth", equalTo("1"))
                .willReturn(multistatus(response(CALENDAR, "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"))));
        String data = resource("urn.ics", invitation("urn", "20260504T080000Z", "20260504T090000Z",
                        "ATTENDEE;EMAIL=x@icloud.com;PARTSTAT=DECLINED:urn:uuid:4e2b1c3a-0000-4000-8000-00000000abcd"))
                + resource("alias.ics", invitation("alias", "20260505T080000Z", "20260505T090000Z",
                        "ATTENDEE;PARTSTAT=DECLINED:mailto:student.alias@uni.example.edu"))
                + resource("principal.ics", invitation("principal", "20260506T080000Z", "20260506T090000Z",
                        "ATTENDEE;PARTSTAT=DECLINED:https://p42-caldav.icloud.com/123/principal/"))
                + resource("relative.ics", invitation("relative", "20260507T080000Z", "20260507T090000Z",
                        "ATTENDEE;PARTSTAT=DECLINED:/dav/principals/me/"))
                + resource("other.ics", invitation("other", "20260508T080000Z", "20260508T090000Z",
                        "ATTENDEE;PARTSTAT=DECLINED:mailto:someone.else@example.com"));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .willReturn(multistatus(data)));

        List<BusyInterval> busy = new CaldavCalendarProvider().connect(settings(wm, fast(2)),
                DavStubs.stored(InMemoryTokenStore.create(), wm.baseUrl() + "/dav/"))
                .busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());

        // only the invitation someone else declined blocks (the person has not answered it: their calendar shows it)
        assertThat(busy).extracting(b -> b.interval().toString())
                .containsExactly("2026-05-08T08:00:00Z/2026-05-08T09:00:00Z");
    }

    /**
     * A calendar shared with the person (Nextcloud, iCloud, Fastmail sharing): its events carry the sharer's answer,
     * so the PARTSTAT that counts is the calendar owner's ({@code DAV:owner}'s addresses): an invitation the owner
     * declined does not block, as it does not show in the owner's calendar.
     */
    @Test
    void aSharedCalendar_judgesInvitationsByItsOwnersAnswer() {
        DavStubs.discovery(wm);
        String shared = "/dav/calendars/me/team_shared_by_bob/";
        wm.stubFor(request("PROPFIND", urlEqualTo(shared)).withHeader("Depth", equalTo("0"))
                .willReturn(multistatus(response(shared, "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"
                        + "<d:owner><d:href>/dav/principals/bob/</d:href></d:owner>"
                        + "<d:current-user-privilege-set>" + privilege("read") + "</d:current-user-privilege-set>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(shared)).withHeader("Depth", equalTo("1"))
                .willReturn(multistatus(response(shared, "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/principals/bob/")).willReturn(multistatus(response(
                "/dav/principals/bob/", "<c:calendar-user-address-set><d:href>mailto:Bob@Example.com</d:href>"
                        + "</c:calendar-user-address-set>"))));
        String bob = "ATTENDEE;PARTSTAT=%s:mailto:bob@example.com";
        wm.stubFor(request("REPORT", urlEqualTo(shared)).withRequestBody(containing("calendar-query"))
                .willReturn(multistatus(
                        resource(shared, "declined.ics", invitation("d", "20260504T080000Z", "20260504T090000Z",
                                bob.formatted("DECLINED")))
                        + resource(shared, "accepted.ics", invitation("a", "20260505T080000Z", "20260505T090000Z",
                                bob.formatted("ACCEPTED")))
                        + resource(shared, "own.ics", Fixtures.crlf("""
                                BEGIN:VCALENDAR
                                VERSION:2.0
                                PRODID:-//Example//EN
                                BEGIN:VEVENT
                                UID:own
                                DTSTAMP:20260301T000000Z
                                DTSTART:20260506T080000Z
                                DTEND:20260506T090000Z
                                ORGANIZER:mailto:bob@example.com
                                END:VEVENT
                                END:VCALENDAR
                                """)))));

        List<BusyInterval> busy = new CaldavCalendarProvider().connect(settings(wm, fast(2)),
                DavStubs.stored(InMemoryTokenStore.create(), wm.baseUrl() + "/dav/"))
                .busy(List.of(shared), WEEK, BusyPolicy.defaults());

        assertThat(busy).extracting(b -> b.interval().toString()).containsExactly(
                "2026-05-05T08:00:00Z/2026-05-05T09:00:00Z", "2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");
        assertThat(busy.get(1).facts().response()).isEqualTo(dev.personaltracker.calendar.spi.SelfResponse.ORGANIZER);
    }

    private static String resource(String calendar, String name, String ics) {
        return response(calendar + name, "<d:getetag>\"1\"</d:getetag><c:calendar-data>" + ics + "</c:calendar-data>");
    }

    private static String resource(String name, String ics) {
        return response(CALENDAR + name, "<d:getetag>\"1\"</d:getetag><c:calendar-data>" + ics + "</c:calendar-data>");
    }
}
