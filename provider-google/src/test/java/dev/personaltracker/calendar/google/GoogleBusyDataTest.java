package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.allDay;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Busy time as the person sees it in Google Calendar, for event shapes the other tests do not use: every
 * {@code eventType}, the person's own answer with and without {@code attendeesOmitted}, offsets that differ from the
 * named zone, zero-length events, all-day days in the person's zone east and west of UTC across DST, and a cancelled
 * instance of a recurring event in an incremental sync.
 */
class GoogleBusyDataTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    private static String typed(String json, String eventType) {
        return json.replace("\"eventType\": \"default\"", "\"eventType\": \"" + eventType + "\"");
    }

    private static String self(String response, boolean organizer) {
        return "\"attendees\": [{\"email\": \"bob@example.com\"" + (organizer ? "" : ", \"organizer\": true")
                + ", \"responseStatus\": \"accepted\"}, {\"email\": \"ada@example.com\", \"self\": true"
                + (organizer ? ", \"organizer\": true" : "") + ", \"responseStatus\": \"" + response + "\"}]";
    }

    private static Map<String, Interval> byEvent(List<BusyInterval> busy) {
        return busy.stream().collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval));
    }

    private static Interval at(String start, String end) {
        return Interval.of(Instant.parse(start), Instant.parse(end));
    }

    private List<String> shapes() {
        return List.of(
                typed(timed("focus", "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z",
                        "\"focusTimeProperties\": {\"autoDeclineMode\": \"declineNone\"}"), "focusTime"),
                typed(timed("gmail", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z", ""), "fromGmail"),
                // a timed working-location entry marked busy: still only a note of where the person works
                typed(timed("wl-timed", "2026-11-23T08:00:00Z", "2026-11-23T17:00:00Z",
                        "\"workingLocationProperties\": {\"type\": \"officeLocation\", \"officeLocation\": {}}"),
                        "workingLocation"),
                typed(allDay("bday-opaque", "2026-11-24", "2026-11-25", ""), "birthday"),
                timed("free-accepted", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z",
                        "\"transparency\": \"transparent\", " + self("accepted", false)),
                timed("tentative", "2026-11-24T11:00:00Z", "2026-11-24T12:00:00Z", self("tentative", false)),
                timed("status-tentative", "2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z", "")
                        .replace("\"status\": \"confirmed\"", "\"status\": \"tentative\""),
                timed("unanswered-omitted", "2026-11-24T15:00:00Z", "2026-11-24T16:00:00Z",
                        "\"attendeesOmitted\": true, \"attendees\": [{\"email\": \"ada@example.com\", \"self\": true, "
                                + "\"responseStatus\": \"needsAction\"}]"),
                timed("declined-omitted", "2026-11-24T17:00:00Z", "2026-11-24T18:00:00Z",
                        "\"attendeesOmitted\": true, \"attendees\": [{\"email\": \"ada@example.com\", \"self\": true, "
                                + "\"responseStatus\": \"declined\"}]"),
                timed("organizer-alone", "2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z",
                        "\"organizer\": {\"email\": \"ada@example.com\", \"self\": true}"),
                timed("organizer-with-guests", "2026-11-25T11:00:00Z", "2026-11-25T12:00:00Z", self("accepted", true)),
                // written in India's offset, named as New York's zone: the instant counts, not the name
                timed("offset", "2026-11-25T20:30:00+05:30", "2026-11-25T21:30:00+05:30", "")
                        .replace("Europe/Berlin", "America/New_York"),
                timed("no-end", "2026-11-26T09:00:00Z", "2026-11-26T09:00:00Z", "\"endTimeUnspecified\": true"),
                timed("zero", "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z", ""));
    }

    @Test
    void eventShapes_blockAsGoogleCalendarShowsThem() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(shapes(), null, "sync-1"))));

        Map<String, Interval> busy = byEvent(api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsOnlyKeys("focus", "gmail", "tentative", "status-tentative", "unanswered-omitted",
                "organizer-alone", "organizer-with-guests", "offset");
        assertThat(busy.get("offset")).isEqualTo(at("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z"));
        assertThat(busy.get("focus")).isEqualTo(at("2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z"));
    }

    @Test
    void eventShapes_tentativeAndUnansweredFollowThePolicy() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(shapes(), null, "sync-1"))));

        Map<String, Interval> busy = byEvent(api.connect().busy(List.of("primary"), WEEK,
                BusyPolicy.defaults().withTentativeBlocks(false).withUnansweredBlocks(false)));

        assertThat(busy).containsOnlyKeys("focus", "gmail", "organizer-alone", "organizer-with-guests", "offset");
    }

    /**
     * The calendar's own zone (Europe/Berlin here) is not where the person is: all-day events block the person's
     * local days, as {@code ProviderSettings.userZone} promises, over a change of daylight saving time.
     */
    @ParameterizedTest(name = "person in {0}, DST change {1}")
    @CsvSource({"America/Los_Angeles, 2026-11-01", "Australia/Sydney, 2026-04-05", "Pacific/Auckland, 2026-04-05"})
    void allDayEvents_blockThePersonsLocalDays_acrossDaylightSavingTime(String person, String dstDay) {
        ZoneId zone = ZoneId.of(person);
        LocalDate change = LocalDate.parse(dstDay);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(
                allDay("one-day", change.toString(), change.plusDays(1).toString(), ""),
                allDay("three-days", change.minusDays(1).toString(), change.plusDays(2).toString(), "")),
                null, "sync-1"))));
        Interval window = Interval.of(change.minusDays(3).atStartOfDay(zone).toInstant(),
                change.plusDays(4).atStartOfDay(zone).toInstant());
        CalendarConnection c = api.connect(api.settings().build().forUser("ada", zone));

        Map<String, Interval> busy = byEvent(c.busy(List.of("primary"), window, BusyPolicy.defaults()));

        assertThat(busy.get("one-day")).isEqualTo(Interval.of(change.atStartOfDay(zone).toInstant(),
                change.plusDays(1).atStartOfDay(zone).toInstant()));
        assertThat(busy.get("one-day").duration().toHours()).isIn(23L, 25L);
        assertThat(busy.get("three-days")).isEqualTo(Interval.of(change.minusDays(1).atStartOfDay(zone).toInstant(),
                change.plusDays(2).atStartOfDay(zone).toInstant()));
    }

    @Test
    void allDayEvents_withoutThePersonsZone_blockTheCalendarsLocalDays() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(
                allDay("day", "2026-11-24", "2026-11-25", "")), null, "sync-1")
                .replace("Europe/Berlin", "America/Los_Angeles"))));

        Map<String, Interval> busy = byEvent(api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults()));

        assertThat(busy.get("day")).isEqualTo(at("2026-11-24T08:00:00Z", "2026-11-25T08:00:00Z"));
    }

    @Test
    void cancelledInstanceOfARecurringEvent_inAnIncrementalSync_freesExactlyThatInstance() {
        String extra = "\"recurringEventId\": \"standup\", \"originalStartTime\": {\"dateTime\": \"%s\", "
                + "\"timeZone\": \"Europe/Berlin\"}";
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", absent()).willReturn(ok(page(List.of(
                timed("standup_20261124T080000Z", "2026-11-24T08:00:00Z", "2026-11-24T08:15:00Z",
                        extra.formatted("2026-11-24T09:00:00+01:00")),
                timed("standup_20261125T080000Z", "2026-11-25T08:00:00Z", "2026-11-25T08:15:00Z",
                        extra.formatted("2026-11-25T09:00:00+01:00")),
                timed("standup_20261126T080000Z", "2026-11-26T08:00:00Z", "2026-11-26T08:15:00Z",
                        extra.formatted("2026-11-26T09:00:00+01:00"))), null, "sync-1"))));
        // what Google sends for one deleted instance: id, status, recurringEventId and originalStartTime only
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("sync-1"))
                .willReturn(ok(page(List.of("{\"kind\": \"calendar#event\", \"etag\": \"\\\"3391847200000009\\\"\", "
                        + "\"id\": \"standup_20261125T080000Z\", \"status\": \"cancelled\", \"recurringEventId\": "
                        + "\"standup\", \"originalStartTime\": {\"dateTime\": \"2026-11-25T09:00:00+01:00\", "
                        + "\"timeZone\": \"Europe/Berlin\"}}"), null, "sync-2"))));
        CalendarConnection c = api.connect();
        c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());

        Map<String, Interval> busy = byEvent(c.busy(List.of("primary"), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsOnlyKeys("standup_20261124T080000Z", "standup_20261126T080000Z");
    }
}
