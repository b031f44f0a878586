package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.ics.internal.BusyRequest;
import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Odd but real input around event times and exceptions: line ends and quoting, EXDATE forms, moved overrides,
 * UNTIL on the last day, DURATION and DTEND forms. Each asserts the busy time the event means.
 */
class IcsOddInputTest {

    private static final Interval NOVEMBER = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");

    private static List<Interval> busy(String zone, Interval window, String text) {
        return IcsCalendar.parse(text, ZoneId.of(zone), "test")
                .busy(BusyRequest.of(window, BusyPolicy.defaults(), Set.of(), "ics", "a", "cal"))
                .stream().map(BusyInterval::interval).toList();
    }

    private static String calendar(String eol, String[]... events) {
        List<String> lines = new ArrayList<>();
        for (String[] e : events) {
            lines.addAll(List.of(e));
        }
        return IcsFixtures.calendarText(eol, lines.toArray(String[]::new));
    }

    private static String[] event(String... lines) {
        List<String> all = new ArrayList<>(List.of("BEGIN:VEVENT", "DTSTAMP:20260101T000000Z"));
        all.addAll(List.of(lines));
        all.add("END:VEVENT");
        return all.toArray(String[]::new);
    }

    @Test
    void crOnlyLineEndsWithFoldingAreRead() {
        String text = calendar("\r", event("UID:cr", "DTSTART;TZID=Europe/\r Berlin:20261103T100000",
                "DTEND;TZID=Europe/Berlin:20261103T110000", "RRULE:FREQ=DAILY;\r\tCOUNT=2"));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"),
                at("2026-11-04T09:00:00Z", "2026-11-04T10:00:00Z"));
    }

    /** TZID values are identifiers, but an IANA id in the wrong case still names that zone (not the person's). */
    @ParameterizedTest
    @ValueSource(strings = {"dtstart;tzid=europe/berlin:20261103T100000", "DTSTART;TZID=\"Europe/Berlin\":20261103T100000",
        "dtstart;TZID=\"europe/BERLIN\":20261103T100000"})
    void tzidInAnyCaseOrQuotedNamesItsZone(String dtstart) {
        String text = calendar("\r\n", event("UID:q", dtstart, "DURATION:PT1H",
                "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=\"Europe/Berlin\":20261104T100000"));
        assertThat(busy("Asia/Tokyo", NOVEMBER, text)).containsExactly(
                at("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"),
                at("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z"));
    }

    @Test
    void exdateListsLinesOtherZonesAndDatesEachRemoveTheirInstance() {
        String text = calendar("\r\n", event("UID:ex", "DTSTART;TZID=Europe/Berlin:20261102T100000",
                "DTEND;TZID=Europe/Berlin:20261102T110000", "RRULE:FREQ=DAILY;COUNT=8",
                "EXDATE;TZID=Europe/Berlin:20261103T100000,20261104T100000",
                "EXDATE:20261105T090000Z",
                "EXDATE;TZID=America/New_York:20261106T040000", // 10:00 Berlin
                "EXDATE;VALUE=DATE:20261107",
                "exdate;value=date:20261108,20261109"));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(at("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"));
    }

    @Test
    void overridesMoveInstancesIntoAndOutOfTheWindowAlsoFromAnotherVcalendar() {
        String master = calendar("\r\n", event("UID:mv", "DTSTART:20261102T100000Z", "DTEND:20261102T110000Z",
                "RRULE:FREQ=WEEKLY;COUNT=4"),
                event("UID:mv", "RECURRENCE-ID:20261109T100000Z", "DTSTART:20261201T100000Z",
                        "DTEND:20261201T110000Z")); // moved out of the window
        String other = calendar("\r\n", event("UID:mv", "RECURRENCE-ID:20261123T100000Z",
                "DTSTART:20261110T150000Z", "DTEND:20261110T160000Z")); // moved into the window's first half
        Interval firstHalf = window("2026-11-01T00:00:00Z", "2026-11-16T00:00:00Z");
        assertThat(busy("UTC", firstHalf, master + other)).containsExactly(
                at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"),
                at("2026-11-10T15:00:00Z", "2026-11-10T16:00:00Z"));
        Interval secondHalf = window("2026-11-16T00:00:00Z", "2026-12-02T00:00:00Z");
        assertThat(busy("UTC", secondHalf, master + other)).containsExactly(
                at("2026-11-16T10:00:00Z", "2026-11-16T11:00:00Z"),
                at("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
    }

    /**
     * A floating EXDATE or RECURRENCE-ID on a zoned series (invalid, but written) names the series' local time,
     * not a time in the person's zone: the instance it names goes, and no other.
     */
    @Test
    void floatingExdateAndRecurrenceIdOnAZonedSeriesNameItsLocalTime() {
        String text = calendar("\r\n", event("UID:f", "DTSTART;TZID=Europe/Berlin:20261102T100000",
                "DTEND;TZID=Europe/Berlin:20261102T110000", "RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20261103T100000"),
                event("UID:f", "RECURRENCE-ID:20261104T100000", "DTSTART;TZID=Europe/Berlin:20261104T100000",
                        "DTEND;TZID=Europe/Berlin:20261104T110000", "STATUS:CANCELLED"));
        for (String person : List.of("UTC", "America/New_York", "Europe/Berlin")) {
            assertThat(busy(person, NOVEMBER, text)).as(person).containsExactly(
                    at("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"),
                    at("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z"));
        }
    }

    /** An override without DTSTART (some generators write only what changed) keeps its original start. */
    @Test
    void overrideWithoutDtstartKeepsItsRecurrenceIdAsStart() {
        String text = calendar("\r\n", event("UID:o", "DTSTART:20261102T100000Z", "DTEND:20261102T110000Z",
                "RRULE:FREQ=DAILY;COUNT=2"), event("UID:o", "RECURRENCE-ID:20261103T100000Z", "SUMMARY:changed"));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"),
                at("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"));
    }

    /** UNTIL is inclusive: in UTC on a zoned series (Sydney's 09:00 is the day before in UTC), or as a DATE. */
    @Test
    void untilOnTheLastInstanceIsInclusive() {
        String text = calendar("\r\n",
                event("UID:u1", "DTSTART;TZID=Australia/Sydney:20261102T090000", "DURATION:PT1H",
                        "RRULE:FREQ=DAILY;UNTIL=20261103T220000Z"),
                event("UID:u2", "DTSTART;TZID=America/New_York:20261110T233000", "DURATION:PT30M",
                        "RRULE:FREQ=DAILY;UNTIL=20261111"));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-01T22:00:00Z", "2026-11-01T23:00:00Z"),
                at("2026-11-02T22:00:00Z", "2026-11-02T23:00:00Z"),
                at("2026-11-03T22:00:00Z", "2026-11-03T23:00:00Z"),
                at("2026-11-11T04:30:00Z", "2026-11-11T05:00:00Z"),
                at("2026-11-12T04:30:00Z", "2026-11-12T05:00:00Z"));
    }

    /**
     * A UTC UNTIL on an all-day series: exporters write the last day's local midnight in UTC (the day before, in
     * zones east of UTC) or the last day at 00:00 UTC (still the day before, west of UTC): both keep the last day.
     */
    @Test
    void utcUntilOnAnAllDaySeriesKeepsTheLastDay() {
        for (String[] c : new String[][] {{"Europe/Berlin", "20261122T230000Z"}, {"America/New_York", "20261123T000000Z"},
            {"Australia/Sydney", "20261122T130000Z"}}) {
            String text = calendar("\r\n", event("UID:a", "DTSTART;VALUE=DATE:20261109", "DTEND;VALUE=DATE:20261110",
                    "RRULE:FREQ=WEEKLY;UNTIL=" + c[1]));
            ZoneId zone = ZoneId.of(c[0]);
            assertThat(busy(c[0], NOVEMBER, text)).as(c[0]).hasSize(3).last().isEqualTo(Interval.of(
                    java.time.LocalDate.of(2026, 11, 23).atStartOfDay(zone).toInstant(),
                    java.time.LocalDate.of(2026, 11, 24).atStartOfDay(zone).toInstant()));
        }
    }

    /**
     * DURATION in days is nominal (RFC 5545 3.3.6): over the DST change P1D is 25 hours, PT24H is 24, and P1DT2H
     * is one nominal day and then two hours (27), also in an RDATE period.
     */
    @Test
    void durationInDaysIsNominalAcrossDst() {
        String text = calendar("\r\n",
                event("UID:d1", "DTSTART;TZID=Europe/Berlin:20261024T120000", "DURATION:P1D"),
                event("UID:d2", "DTSTART;TZID=Europe/Berlin:20261030T120000", "DURATION:PT24H"),
                event("UID:d3", "DTSTART;TZID=Europe/Berlin:20261017T120000", "DURATION:P1DT2H",
                        "RRULE:FREQ=WEEKLY;COUNT=2"),
                event("UID:d4", "DTSTART;TZID=Europe/Berlin:20261007T120000", "DTEND;TZID=Europe/Berlin:20261007T130000",
                        "RDATE;VALUE=PERIOD;TZID=Europe/Berlin:20261024T200000/P1DT1H"));
        assertThat(busy("UTC", window("2026-10-01T00:00:00Z", "2026-11-30T00:00:00Z"), text)).containsExactly(
                at("2026-10-07T10:00:00Z", "2026-10-07T11:00:00Z"),
                at("2026-10-17T10:00:00Z", "2026-10-18T12:00:00Z"),
                at("2026-10-24T10:00:00Z", "2026-10-25T11:00:00Z"),
                at("2026-10-24T10:00:00Z", "2026-10-25T13:00:00Z"), // one nominal day, then two hours: 27 hours
                at("2026-10-24T18:00:00Z", "2026-10-25T20:00:00Z"), // RDATE period: 26 hours
                at("2026-10-30T11:00:00Z", "2026-10-31T11:00:00Z"));
    }

    /**
     * An end before the start (DTEND, or a negative DURATION) is invalid; the event still blocks the time between
     * its two stamps (swapped), instead of vanishing. No end: a date is one day, a date-time takes no time
     * (RFC 5545 3.6.1), and so does a zero DURATION.
     */
    @Test
    void endBeforeStartStillBlocksAndMissingEndsFollowTheRfc() {
        String text = calendar("\r\n",
                event("UID:e1", "DTSTART:20261102T110000Z", "DTEND:20261102T100000Z"),
                event("UID:e2", "DTSTART:20261103T100000Z", "DURATION:-PT1H"),
                event("UID:e3", "DTSTART:20261104T100000Z", "DURATION:PT0S"),
                event("UID:e4", "DTSTART:20261105T100000Z"),
                event("UID:e5", "DTSTART;VALUE=DATE:20261106"),
                event("UID:e6", "DTSTART:20261109T110000Z", "DTEND:20261109T100000Z", "RRULE:FREQ=DAILY;COUNT=2"));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"),
                at("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"),
                at("2026-11-06T00:00:00Z", "2026-11-07T00:00:00Z"),
                at("2026-11-09T10:00:00Z", "2026-11-09T11:00:00Z"),
                at("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z"));
    }

    /** RRULE parts real exporters add (Evolution's X- parts, RFC 7529's RSCALE=GREGORIAN) and list slips. */
    @ParameterizedTest
    @ValueSource(strings = {"FREQ=MONTHLY;BYMONTHDAY=3,5;X-EVOLUTION-ENDDATE=20271231T000000Z",
        "RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=3,5", "FREQ=MONTHLY;BYMONTHDAY=3,5,", "freq=monthly;bymonthday=3,5",
        "FREQ=MONTHLY;BYMONTHDAY=3,5;SKIP=OMIT", "FREQ=MONTHLY;BYMONTHDAY=3, 5;BYDAY=;", "FREQ=MONTHLY; BYMONTHDAY=3,5 ;;",
        "FREQ=MONTHLY;BYMONTHDAY=+3,+5;WKST=MO", "FREQ=MONTHLY;BYMONTHDAY=3,5;UNTIL=2026-11-30T23:00:00z", "FREQ=MONTHLY;BYMONTHDAY=3,5,32", "FREQ=MONTHLY;BYMONTHDAY=0,3,5;INTERVAL=0"})
    void extraOrSloppyRulePartsAreRead(String rule) {
        String text = calendar("\r\n", event("UID:r", "DTSTART:20261003T100000Z", "DURATION:PT1H", "RRULE:" + rule));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"),
                at("2026-11-05T10:00:00Z", "2026-11-05T11:00:00Z"));
    }

    /**
     * A free/busy publication (Outlook's Internet Free/Busy, Exchange or Nextcloud free/busy URLs) has no VEVENT,
     * only VFREEBUSY periods: each busy period blocks (BUSY, BUSY-UNAVAILABLE, BUSY-TENTATIVE), FREE does not.
     */
    @Test
    void freeBusyPeriodsBlock() {
        String text = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VFREEBUSY",
                "ORGANIZER:mailto:pat@example.com", "DTSTAMP:20261101T000000Z", "DTSTART:20261101T000000Z",
                "DTEND:20261201T000000Z", "FREEBUSY:20261102T090000Z/20261102T100000Z,20261103T090000Z/PT30M",
                "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261104T120000Z/20261104T130000Z",
                "freebusy;fbtype=free:20261105T090000Z/20261105T100000Z",
                "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261106T090000Z/PT1H", "FREEBUSY:20261231T090000Z/PT1H",
                "END:VFREEBUSY", "END:VCALENDAR", "");
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"),
                at("2026-11-03T09:00:00Z", "2026-11-03T09:30:00Z"),
                at("2026-11-04T12:00:00Z", "2026-11-04T13:00:00Z"),
                at("2026-11-06T09:00:00Z", "2026-11-06T10:00:00Z"));
    }

    /** Dates written in ISO 8601's extended form or with a lower-case T and Z (hand-made and script-made files). */
    @Test
    void extendedAndLowerCaseDateTimesAreRead() {
        String text = calendar("\r\n",
                event("UID:x1", "DTSTART:2026-11-03T10:00:00Z", "DTEND:2026-11-03T11:00:00Z"),
                event("UID:x2", "DTSTART;VALUE=DATE:2026-11-04"),
                event("UID:x3", "DTSTART:20261105t100000z", "DTEND:20261105t110000z"),
                event("UID:x4", "DTSTART;TZID=Europe/Berlin:2026-11-09T10:00", "DURATION:PT1H",
                        "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=Europe/Berlin:2026-11-10T10:00:00"));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(
                at("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"),
                at("2026-11-04T00:00:00Z", "2026-11-05T00:00:00Z"),
                at("2026-11-05T10:00:00Z", "2026-11-05T11:00:00Z"),
                at("2026-11-09T09:00:00Z", "2026-11-09T10:00:00Z"),
                at("2026-11-11T09:00:00Z", "2026-11-11T10:00:00Z"));
    }

    /** An RRULE nobody can read is not dropped in silence: DTSTART still counts, and a warning names the UID. */
    @ParameterizedTest
    @ValueSource(strings = {"FREQ=FORTNIGHTLY", "BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX", "FREQ=WEEKLY;COUNT=abc"})
    void unreadableRuleWarnsNamingTheEvent(String rule) {
        var log = IcsRealWorldTextTest.capture();
        String text = calendar("\r\n", event("UID:bad-rule-7", "DTSTART:20261102T100000Z", "DURATION:PT1H",
                "RRULE:" + rule));
        assertThat(busy("UTC", NOVEMBER, text)).containsExactly(at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"));
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("bad-rule-7")
                .contains("RRULE"));
    }
}
