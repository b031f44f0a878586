package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.allDay;
import static dev.personaltracker.calendar.google.GoogleApi.calendarEntry;
import static dev.personaltracker.calendar.google.GoogleApi.calendarList;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.session;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.EventKind;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading busy time: events.list classified by the shared BusyPolicy, and freeBusy.query for shared calendars. */
class GoogleBusyTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    private static List<String> weekOfEvents() {
        return List.of(
                timed("meet1", "2026-11-24T09:00:00+01:00", "2026-11-24T10:00:00+01:00", ""),
                // starts before the window: clipped
                timed("early", "2026-11-22T23:00:00Z", "2026-11-23T01:00:00Z", ""),
                // Google's default for an all-day event: "Free"
                allDay("holiday-free", "2026-11-25", "2026-11-26", "\"transparency\": \"transparent\""),
                // an all-day event marked busy blocks the whole local day (Europe/Berlin)
                allDay("vacation", "2026-11-26", "2026-11-27", ""),
                // two instances of a recurring event (singleEvents=true expands them)
                timed("standup_20261124T080000Z", "2026-11-24T08:00:00Z", "2026-11-24T08:15:00Z",
                        "\"recurringEventId\": \"standup\", \"originalStartTime\": {\"dateTime\": \"2026-11-24T08:00:00Z\"}"),
                timed("standup_20261125T080000Z", "2026-11-25T08:00:00Z", "2026-11-25T08:15:00Z",
                        "\"recurringEventId\": \"standup\", \"originalStartTime\": {\"dateTime\": \"2026-11-25T08:00:00Z\"}"),
                timed("declined", "2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z",
                        "\"attendees\": [{\"email\": \"bob@example.com\", \"organizer\": true, \"responseStatus\": \"accepted\"},"
                                + " {\"email\": \"ada@example.com\", \"self\": true, \"responseStatus\": \"declined\"}]"),
                timed("invite", "2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z",
                        "\"attendees\": [{\"email\": \"ada@example.com\", \"self\": true, \"responseStatus\": \"needsAction\"}]"),
                timed("lunch-free", "2026-11-24T11:00:00Z", "2026-11-24T12:00:00Z", "\"transparency\": \"transparent\""),
                timed("ooo", "2026-11-27T08:00:00Z", "2026-11-27T17:00:00Z",
                        "\"eventType\": \"outOfOffice\", \"outOfOfficeProperties\": {\"autoDeclineMode\": "
                                + "\"declineAllConflictingInvitations\", \"declineMessage\": \"Away\"}").replace(
                        "\"eventType\": \"default\",", ""),
                allDay("wl", "2026-11-23", "2026-11-24", "\"transparency\": \"transparent\", \"visibility\": \"public\", "
                        + "\"workingLocationProperties\": {\"type\": \"homeOffice\", \"homeOffice\": {}}")
                        .replace("\"eventType\": \"default\",", "\"eventType\": \"workingLocation\","),
                allDay("bday", "2026-11-28", "2026-11-29", "\"transparency\": \"transparent\"")
                        .replace("\"eventType\": \"default\",", "\"eventType\": \"birthday\","),
                session("s-1", "2026-11-28T10:00:00Z", "2026-11-28T11:00:00Z", "e1"),
                // outside the window
                timed("next-month", "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z", ""));
    }

    private static Map<String, Interval> byEvent(List<BusyInterval> busy) {
        return busy.stream().collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval));
    }

    @Test
    void busy_classifiesEventsByTheSharedPolicy() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(weekOfEvents(), null, "sync-1"))));

        List<BusyInterval> busy = api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults());

        assertThat(byEvent(busy)).containsOnlyKeys("meet1", "early", "vacation", "standup_20261124T080000Z",
                "standup_20261125T080000Z", "invite", "ooo");
        assertThat(byEvent(busy).get("meet1")).isEqualTo(Interval.of(Instant.parse("2026-11-24T08:00:00Z"),
                Instant.parse("2026-11-24T09:00:00Z")));
        assertThat(byEvent(busy).get("early")).isEqualTo(Interval.of(WEEK.start(), Instant.parse("2026-11-23T01:00:00Z")));
        assertThat(byEvent(busy).get("vacation")).isEqualTo(Interval.of(Instant.parse("2026-11-25T23:00:00Z"),
                Instant.parse("2026-11-26T23:00:00Z")));
        assertThat(busy).extracting(b -> b.interval().start()).isSorted();
        BusyInterval ooo = busy.stream().filter(b -> b.source().eventId().equals("ooo")).findFirst().orElseThrow();
        assertThat(ooo.facts().kind()).isEqualTo(EventKind.OUT_OF_OFFICE);
        assertThat(ooo.source().calendarId()).isEqualTo("primary");
        assertThat(ooo.source().accountId()).isEqualTo("ada@example.com");
        assertThat(ooo.source().title()).isEmpty();
    }

    @Test
    void busy_unansweredInvitationIsFreeWhenThePolicySaysSo_andTitlesOnlyWhenAsked() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(weekOfEvents(), null, "sync-1"))));

        List<BusyInterval> busy = api.connect().busy(List.of("primary"), WEEK,
                BusyPolicy.defaults().withUnansweredBlocks(false).withIncludeTitles(true));

        assertThat(byEvent(busy)).doesNotContainKey("invite").containsKey("meet1");
        assertThat(busy).filteredOn(b -> b.source().eventId().equals("meet1"))
                .extracting(b -> b.source().title().orElseThrow()).containsExactly("Meeting meet1");
    }

    @Test
    void busy_neverReturnsTheLibrarysOwnSessions() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(
                session("s-1", "2026-11-28T10:00:00Z", "2026-11-28T11:00:00Z", "e1")), null, "sync-1"))));

        assertThat(api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults())).isEmpty();
    }

    @Test
    void busy_asksForSingleEventsFullPagesAndAFieldsMaskThatKeepsThePagingAndSyncTokens() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(), null, "sync-1"))));

        api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults());

        wm.verify(1, getRequestedFor(urlPathEqualTo(EVENTS_PATH))
                .withQueryParam("singleEvents", equalTo("true"))
                .withQueryParam("maxResults", equalTo("2500"))
                .withQueryParam("fields", containing("nextPageToken"))
                .withQueryParam("fields", containing("nextSyncToken"))
                .withQueryParam("timeMin", equalTo("2026-11-22T00:00:00.000Z"))   // a day of margin
                .withQueryParam("syncToken", absent())
                .withHeader("Authorization", equalTo("Bearer " + GoogleApi.ACCESS)));
    }

    @Test
    void busy_readsFreeBusyOnlyCalendarsWithFreeBusyQuery() {
        String colleague = "colleague@example.com";
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList(
                calendarEntry("ada@example.com", "ada@example.com", "owner", true),
                calendarEntry(colleague, "Colleague", "freeBusyReader", false)))));
        wm.stubFor(post(urlPathEqualTo("/calendar/v3/freeBusy")).willReturn(ok("""
                {
                 "kind": "calendar#freeBusy",
                 "timeMin": "2026-11-23T00:00:00.000Z",
                 "timeMax": "2026-11-30T00:00:00.000Z",
                 "calendars": {
                  "colleague@example.com": {
                   "busy": [
                    {"start": "2026-11-24T09:00:00Z", "end": "2026-11-24T10:30:00Z"},
                    {"start": "2026-11-29T23:00:00Z", "end": "2026-11-30T02:00:00Z"}
                   ]
                  }
                 }
                }""")));

        List<BusyInterval> busy = api.connect().busy(List.of(colleague), WEEK, BusyPolicy.defaults());

        assertThat(busy).extracting(BusyInterval::interval).containsExactly(
                Interval.of(Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T10:30:00Z")),
                Interval.of(Instant.parse("2026-11-29T23:00:00Z"), WEEK.end()));
        assertThat(busy).allSatisfy(b -> assertThat(b.source().calendarId()).isEqualTo(colleague));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/calendar/v3/calendars/" + colleague + "/events")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/calendar/v3/freeBusy"))
                .withRequestBody(containing("\"timeMin\":\"2026-11-23T00:00:00.000Z\""))
                .withRequestBody(containing("\"id\":\"colleague@example.com\"")));
    }

    @Test
    void busy_splitsFreeBusyIntoChunksOfNinetyDaysAndBatchesOfFifty() {
        List<String> entries = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add("person" + i + "@example.com");
            entries.add(calendarEntry(ids.get(i), "P" + i, "freeBusyReader", false));
        }
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList"))
                .willReturn(ok(calendarList(entries.toArray(String[]::new)))));
        String calendars = ids.stream().map(id -> "\"" + id + "\": {\"busy\": []}").collect(Collectors.joining(","));
        wm.stubFor(post(urlPathEqualTo("/calendar/v3/freeBusy"))
                .willReturn(ok("{\"kind\": \"calendar#freeBusy\", \"calendars\": {" + calendars + "}}")));
        Interval twoHundredDays = Interval.of(WEEK.start(), WEEK.start().plus(java.time.Duration.ofDays(200)));

        api.connect().busy(ids, twoHundredDays, BusyPolicy.defaults());

        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlPathEqualTo("/calendar/v3/freeBusy")));
        // 3 chunks (90 + 90 + 20 days) x 2 batches (50 + 10 calendars)
        assertThat(requests).hasSize(6);
        assertThat(requests).extracting(r -> r.getBodyAsString().split("\"id\"").length - 1)
                .containsExactlyInAnyOrder(50, 10, 50, 10, 50, 10);
        assertThat(requests).extracting(r -> r.getBodyAsString().replaceAll(".*\"timeMax\":\"([^\"]+)\".*", "$1"))
                .containsOnly("2027-02-21T00:00:00.000Z", "2027-05-22T00:00:00.000Z", "2027-06-11T00:00:00.000Z");
    }

    @Test
    void busy_freeBusyChunkIsConfigurable() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList"))
                .willReturn(ok(calendarList(calendarEntry("c@example.com", "C", "reader", false)))));
        wm.stubFor(post(urlPathEqualTo("/calendar/v3/freeBusy"))
                .willReturn(ok("{\"calendars\": {\"c@example.com\": {\"busy\": []}}}")));
        CalendarConnection c = api.connect(api.settings()
                .property(GoogleCalendarProvider.PROPERTY_FREE_BUSY_CHUNK_DAYS, "2").build());

        c.busy(List.of("c@example.com"), WEEK, BusyPolicy.defaults());

        wm.verify(4, postRequestedFor(urlPathEqualTo("/calendar/v3/freeBusy")));
    }

    @Test
    void busy_reportsPerCalendarFreeBusyErrorsNamingTheCalendar() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList())));
        wm.stubFor(post(urlPathEqualTo("/calendar/v3/freeBusy")).willReturn(ok("""
                {"kind": "calendar#freeBusy", "calendars": {
                  "ok@example.com": {"busy": [{"start": "2026-11-24T09:00:00Z", "end": "2026-11-24T10:00:00Z"}]},
                  "gone@example.com": {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}
                }}""")));

        assertThatThrownBy(() -> api.connect().busy(List.of("ok@example.com", "gone@example.com"), WEEK,
                BusyPolicy.defaults()))
                .isExactlyInstanceOf(CalendarException.class)
                .hasMessageContaining("gone@example.com=notFound");
    }

    @Test
    void busy_transientFreeBusyErrorsAreProviderUnavailable() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList())));
        wm.stubFor(post(urlPathEqualTo("/calendar/v3/freeBusy")).willReturn(ok("""
                {"calendars": {"x@example.com": {"errors": [{"domain": "global", "reason": "internalError"}]}}}""")));

        assertThatThrownBy(() -> api.connect().busy(List.of("x@example.com"), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("x@example.com=internalError");
    }

    @Test
    void calendars_listsPrimaryFirstWithAccess() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList(
                calendarEntry("team@group.calendar.google.com", "Team", "writer", false),
                calendarEntry("ada@example.com", "ada@example.com", "owner", true),
                calendarEntry("c@example.com", "C", "freeBusyReader", false)))));

        List<CalendarInfo> calendars = api.connect().calendars();

        assertThat(calendars).extracting(CalendarInfo::id)
                .containsExactly("ada@example.com", "team@group.calendar.google.com", "c@example.com");
        assertThat(calendars).extracting(CalendarInfo::access)
                .containsExactly(CalendarAccess.OWNER, CalendarAccess.WRITER, CalendarAccess.FREE_BUSY);
        assertThat(calendars.get(0).zone()).hasValue(java.time.ZoneId.of("Europe/Berlin"));
    }

    @Test
    void calendars_withoutTheCalendarListScopeOffersThePrimaryCalendar() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(GoogleApi.json(403,
                GoogleApi.error(403, "global", "insufficientPermissions", "Insufficient Permission"))));

        assertThat(api.connect().calendars()).extracting(CalendarInfo::id).containsExactly("primary");
    }
}
