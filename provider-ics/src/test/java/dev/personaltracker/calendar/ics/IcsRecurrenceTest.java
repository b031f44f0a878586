package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static dev.personaltracker.calendar.ics.IcsFixtures.busy;
import static dev.personaltracker.calendar.ics.IcsFixtures.fixtureConnection;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recurrence on a Google Calendar export (google-work.ics, America/New_York). */
class IcsRecurrenceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final CalendarConnection google = fixtureConnection("google-work.ics", "America/New_York");

    private Map<String, Interval> standups(Interval window) {
        return busy(google, window).stream()
                .filter(b -> b.source().eventId().startsWith("standup-weekly@google.com"))
                .collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval));
    }

    @Test
    void busy_expandsWeeklyRuleMinusExdateWithOverrides() {
        Map<String, Interval> standups = standups(window("2026-10-26T04:00:00Z", "2026-11-30T05:00:00Z"));
        assertThat(standups).containsOnly(
                // 09:00 EDT
                Map.entry("standup-weekly@google.com_20261026T130000Z", at("2026-10-26T13:00:00Z", "2026-10-26T14:00:00Z")),
                // 09:00 EST, after the November change
                Map.entry("standup-weekly@google.com_20261102T140000Z", at("2026-11-02T14:00:00Z", "2026-11-02T15:00:00Z")),
                // Nov 9 is an EXDATE; Nov 16 moved to 14:00 by a RECURRENCE-ID override
                Map.entry("standup-weekly@google.com_20261116T140000Z", at("2026-11-16T19:00:00Z", "2026-11-16T20:00:00Z")),
                // Nov 23 cancelled by an override; Dec 7 pulled forward to Nov 27 by an override
                Map.entry("standup-weekly@google.com_20261207T140000Z", at("2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z")));
    }

    @Test
    void busy_keepsNineOClockLocalAcrossTheNovemberDstChange() {
        // cal.com #10517: 09:00 New York shifted to 08:00 after the change
        Map<String, Interval> standups = standups(window("2026-10-01T00:00:00Z", "2026-11-09T00:00:00Z"));
        assertThat(standups).hasSize(5); // Oct 5, 12, 19, 26, Nov 2: every Monday, not just the first
        assertThat(standups.values()).allSatisfy(i -> {
            assertThat(i.start().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(i.end().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(10, 0));
        });
    }

    @Test
    void busy_movedOverrideLeavesItsOriginalSlotFree() {
        assertThat(standups(window("2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z"))).isEmpty();
        assertThat(standups(window("2026-12-14T00:00:00Z", "2026-12-15T00:00:00Z")))
                .containsOnlyKeys("standup-weekly@google.com_20261214T140000Z");
    }

    @Test
    void busy_addsRdatesToTheFirstOccurrence() {
        List<Interval> reviews = busy(google, window("2026-10-26T00:00:00Z", "2026-11-20T00:00:00Z")).stream()
                .filter(b -> b.source().eventId().startsWith("review-rdate"))
                .map(BusyInterval::interval).toList();
        assertThat(reviews).containsExactly(
                at("2026-10-27T19:00:00Z", "2026-10-27T20:00:00Z"),  // DTSTART 15:00 EDT
                at("2026-11-04T20:00:00Z", "2026-11-04T21:00:00Z"),  // RDATE 15:00 EST
                at("2026-11-12T21:00:00Z", "2026-11-12T22:00:00Z")); // RDATE 16:00 EST
    }

    @Test
    void busy_clipsOccurrencesToTheWindow() {
        List<BusyInterval> busy = busy(google, window("2026-10-26T13:30:00Z", "2026-10-26T13:45:00Z"));
        assertThat(busy).extracting(BusyInterval::interval)
                .containsExactly(at("2026-10-26T13:30:00Z", "2026-10-26T13:45:00Z"));
    }

    @Test
    void busy_readsRdatePeriodsExdatesInUtcAndCountedRules(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "UTC",
                "BEGIN:VEVENT", "UID:p", "DTSTAMP:20261001T000000Z",
                "DTSTART:20261102T090000Z", "DTEND:20261102T100000Z",
                "RRULE:FREQ=DAILY;COUNT=4",
                "EXDATE:20261103T090000Z",
                "RDATE;VALUE=PERIOD:20261110T120000Z/PT2H,20261111T120000Z/20261111T123000Z",
                "END:VEVENT");
        assertThat(busy(c, window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z")))
                .extracting(BusyInterval::interval).containsExactly(
                        at("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"),
                        at("2026-11-04T09:00:00Z", "2026-11-04T10:00:00Z"),
                        at("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z"),
                        at("2026-11-10T12:00:00Z", "2026-11-10T14:00:00Z"),
                        at("2026-11-11T12:00:00Z", "2026-11-11T12:30:00Z"));
    }

    @Test
    void busy_expandsRulesThatStartedYearsAgo(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "Europe/Berlin",
                "BEGIN:VEVENT", "UID:daily", "DTSTAMP:20100101T000000Z",
                "DTSTART;TZID=Europe/Berlin:20100104T083000", "DTEND;TZID=Europe/Berlin:20100104T090000",
                "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
                "END:VEVENT");
        assertThat(busy(c, window("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")))
                .extracting(BusyInterval::interval).hasSize(5)
                .allSatisfy(i -> assertThat(i.start().atZone(ZoneId.of("Europe/Berlin")).toLocalTime())
                        .isEqualTo(LocalTime.of(8, 30)));
    }

    @Test
    void busy_readsUntilGivenAsADateOnATimedSeries(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "Europe/Berlin",
                "BEGIN:VEVENT", "UID:u", "DTSTAMP:20261001T000000Z",
                "DTSTART;TZID=Europe/Berlin:20261102T180000", "DTEND;TZID=Europe/Berlin:20261102T190000",
                "RRULE:FREQ=DAILY;UNTIL=20261104",
                "END:VEVENT");
        assertThat(busy(c, window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z"))).hasSize(3);
    }

    @Test
    void busy_matchesExdatesAndRecurrenceIdsWrittenInUtcAgainstAZonedSeries(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "Europe/Berlin",
                "BEGIN:VEVENT", "UID:zoned", "DTSTAMP:20261001T000000Z",
                "DTSTART;TZID=Europe/Berlin:20261102T100000", "DTEND;TZID=Europe/Berlin:20261102T110000",
                "RRULE:FREQ=DAILY;COUNT=4",
                "EXDATE:20261103T090000Z", // 10:00 CET written in UTC
                "END:VEVENT",
                "BEGIN:VEVENT", "UID:zoned", "DTSTAMP:20261001T000000Z",
                "RECURRENCE-ID:20261104T090000Z",
                "DTSTART;TZID=Europe/Berlin:20261104T150000", "DTEND;TZID=Europe/Berlin:20261104T160000",
                "END:VEVENT");
        assertThat(busy(c, window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z")))
                .extracting(b -> b.source().eventId(), BusyInterval::interval).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("zoned_20261102T090000Z", at("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("zoned_20261104T090000Z", at("2026-11-04T14:00:00Z", "2026-11-04T15:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("zoned_20261105T090000Z", at("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z")));
    }

    @Test
    void busy_expandsAllDaySeriesWithDateExdatesAndOverrides(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "Europe/Berlin",
                "BEGIN:VEVENT", "UID:days", "DTSTAMP:20261001T000000Z",
                "DTSTART;VALUE=DATE:20261102", "DTEND;VALUE=DATE:20261103",
                "RRULE:FREQ=WEEKLY;UNTIL=20261123T000000Z", // a DATE-TIME UNTIL on a DATE series
                "EXDATE;VALUE=DATE:20261109",
                "END:VEVENT",
                "BEGIN:VEVENT", "UID:days", "DTSTAMP:20261001T000000Z",
                "RECURRENCE-ID;VALUE=DATE:20261116", "DTSTART;VALUE=DATE:20261116", "DTEND;VALUE=DATE:20261117",
                "TRANSP:TRANSPARENT", "END:VEVENT");
        assertThat(busy(c, window("2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z")))
                .extracting(b -> b.source().eventId(), BusyInterval::interval).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("days_20261102", at("2026-11-01T23:00:00Z", "2026-11-02T23:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("days_20261123", at("2026-11-22T23:00:00Z", "2026-11-23T23:00:00Z")));
    }
}
