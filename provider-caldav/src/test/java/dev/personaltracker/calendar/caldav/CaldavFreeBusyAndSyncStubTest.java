package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** free-busy-query for calendars seen only as free/busy, and sync answers Radicale does not give (paging). */
class CaldavFreeBusyAndSyncStubTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-05-04T00:00:00Z"), Instant.parse("2026-05-11T00:00:00Z"));

    @BeforeEach
    void discovery() {
        DavStubs.discovery(wm);
    }

    CalendarConnection connect() {
        return new CaldavCalendarProvider().connect(settings(wm, fast(2)),
                DavStubs.stored(InMemoryTokenStore.create(), wm.baseUrl() + "/dav/"));
    }

    @Test
    void freeBusyOnlyCalendar_isReadWithFreeBusyQuery_andTypesFollowThePolicy() {
        DavStubs.calendar(wm, "<d:privilege><c:read-free-busy/></d:privilege>");
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("free-busy-query"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/calendar")
                        .withBody(Fixtures.crlf("""
                                BEGIN:VCALENDAR
                                VERSION:2.0
                                PRODID:-//Example//EN
                                BEGIN:VFREEBUSY
                                DTSTART:20260504T000000Z
                                DTEND:20260511T000000Z
                                FREEBUSY;FBTYPE=BUSY:20260504T080000Z/PT1H,20260505T080000Z/20260505T093000Z
                                FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260506T080000Z/PT2H
                                FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260507T000000Z/P1D
                                FREEBUSY;FBTYPE=FREE:20260508T080000Z/PT1H
                                END:VFREEBUSY
                                END:VCALENDAR
                                """))));

        List<BusyInterval> busy = connect().busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());
        List<BusyInterval> firm = connect().busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults().withTentativeBlocks(false));

        assertThat(busy).extracting(b -> b.interval().toString()).containsExactly(
                "2026-05-04T08:00:00Z/2026-05-04T09:00:00Z",
                "2026-05-05T08:00:00Z/2026-05-05T09:30:00Z",
                "2026-05-06T08:00:00Z/2026-05-06T10:00:00Z",
                "2026-05-07T00:00:00Z/2026-05-08T00:00:00Z");
        assertThat(busy.get(3).facts().availability()).isEqualTo(Availability.OUT_OF_OFFICE);
        assertThat(firm).hasSize(3);
    }

    /** RFC 6578 3.6: a truncated answer (507 on the collection) continues with the new token. */
    @Test
    void truncatedSyncAnswer_isContinuedWithTheNewToken() {
        DavStubs.calendar(wm, privilege("read"));
        wm.stubFor(request("PROPFIND", urlEqualTo(CALENDAR)).willReturn(multistatus(response(CALENDAR,
                "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:sync-token>t0</d:sync-token>"
                        + "<d:current-user-privilege-set>" + privilege("read") + "</d:current-user-privilege-set>"))));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag>")
                        + "<d:response><d:href>" + CALENDAR + "</d:href><d:status>HTTP/1.1 507 Insufficient Storage"
                        + "</d:status></d:response><d:sync-token>t1</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token>t1</d:sync-token>"))
                .willReturn(multistatus(response(CALENDAR + "b.ics", "<d:getetag>\"2\"</d:getetag>")
                        + "<d:sync-token>t2</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .willReturn(multistatus(response(CALENDAR + "b.ics", "<d:getetag>\"2\"</d:getetag><c:calendar-data>"
                        + Fixtures.invitation("b", "20260505T100000Z", "ACCEPTED") + "</c:calendar-data>"))));

        List<BusyInterval> busy = connect().busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());

        assertThat(busy).extracting(b -> b.interval().toString()).containsExactly("2026-05-05T10:00:00Z/2026-05-05T11:00:00Z");
        wm.verify(1, requestedFor("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token>t1<")));
    }

    @Test
    void syncAnswerWithoutData_fetchesTheChangedResourcesWithOneMultiget() {
        DavStubs.calendar(wm, privilege("read"));
        wm.stubFor(request("PROPFIND", urlEqualTo(CALENDAR)).willReturn(multistatus(response(CALENDAR,
                "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:sync-token>t0</d:sync-token>"
                        + "<d:current-user-privilege-set>" + privilege("read") + "</d:current-user-privilege-set>"))));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .willReturn(multistatus("<d:sync-token>t1</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .willReturn(multistatus("")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token>t1<"))
                .inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(multistatus(response(CALENDAR + "x%20y.ics", "<d:getetag>\"9\"</d:getetag>")
                        + "<d:sync-token>t2</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-multiget"))
                .withRequestBody(containing("<d:href>" + CALENDAR + "x%20y.ics</d:href>"))
                .willReturn(multistatus(response(CALENDAR + "x%20y.ics", "<d:getetag>\"9\"</d:getetag><c:calendar-data>"
                        + Fixtures.invitation("xy", "20260506T100000Z", "ACCEPTED") + "</c:calendar-data>"))));
        CalendarConnection connection = connect();
        assertThat(connection.busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults())).isEmpty();

        List<BusyInterval> busy = connection.busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());

        assertThat(busy).extracting(b -> b.interval().toString()).containsExactly("2026-05-06T10:00:00Z/2026-05-06T11:00:00Z");
    }
}
