package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static dev.personaltracker.calendar.ics.IcsFixtures.busy;
import static dev.personaltracker.calendar.ics.IcsFixtures.fixture;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zones: Windows TZIDs and VTIMEZONEs (an Outlook export), floating times and all-day dates (an Apple export). */
class IcsTimeZoneTest {

    private static final Interval NOVEMBER = window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z");

    private static Map<String, Interval> busyByUid(CalendarConnection c, BusyPolicy policy) {
        return c.busy(List.of("cal"), NOVEMBER, policy).stream()
                .collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval));
    }

    private static CalendarConnection outlook() {
        return IcsFixtures.connect("source.cal", fixture("outlook-windows-zones.ics").toString(),
                "zone", "Europe/Berlin", "owner", "me@example.com");
    }

    private static CalendarConnection apple(String zone) {
        return IcsFixtures.connect("source.cal", fixture("apple-home.ics").toString(),
                "zone", zone, "owner", "pat@example.com");
    }

    @Test
    void busy_readsWindowsZoneNamesCustomVtimezonesAndOutlookStatuses() {
        String prefix = "040000008200E00074C5B7101A82E00800000000B0D5C1A1A1A1D901000000000000000010000000";
        assertThat(busyByUid(outlook(), BusyPolicy.defaults())).containsOnly(
                // TZID="W. Europe Standard Time" (quoted): 10:00 CET
                Map.entry(prefix + "A1", at("2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z")),
                // all-day OOF: the whole local day in Berlin
                Map.entry(prefix + "A2", at("2026-11-03T23:00:00Z", "2026-11-04T23:00:00Z")),
                // all-day busy with a Windows TZID on its DATE values: not shifted (cal.com #2236); A3 is free
                Map.entry(prefix + "A4", at("2026-11-05T23:00:00Z", "2026-11-06T23:00:00Z")),
                // "Pacific Standard Time" without VTIMEZONE: 09:00 PST
                Map.entry("outlook-pacific", at("2026-11-02T17:00:00Z", "2026-11-02T18:00:00Z")),
                // "Customized Time Zone" defined only by the file's VTIMEZONE: +03:00
                Map.entry("outlook-custom-zone", at("2026-11-09T09:00:00Z", "2026-11-09T10:00:00Z")),
                // "India Standard Time": +05:30
                Map.entry("outlook-india", at("2026-11-10T09:30:00Z", "2026-11-10T10:30:00Z")),
                // "Lord Howe Standard Time": +11:00 in its summer
                Map.entry("outlook-lord-howe", at("2026-11-10T23:00:00Z", "2026-11-11T00:00:00Z")));
        // the weekly WORKINGELSEWHERE block never appears
    }

    @Test
    void busy_readsFloatingTimesAndAllDayDatesInThePersonsZone() {
        Map<String, Interval> berlin = busyByUid(apple("Europe/Berlin"), BusyPolicy.defaults());
        String p = "7A1C0D55-2B4F-4F43-9E0B-0D7C9B1E0A0";
        assertThat(berlin).containsOnly(
                Map.entry(p + "1", at("2026-11-03T08:00:00Z", "2026-11-03T09:00:00Z")),  // floating 09:00 CET
                // p2: all-day TRANSPARENT does not block; p3: two busy days, end date exclusive
                Map.entry(p + "3", at("2026-11-04T23:00:00Z", "2026-11-06T23:00:00Z")),
                Map.entry(p + "4", at("2026-11-09T10:00:00Z", "2026-11-09T11:00:00Z")),  // unanswered, blocks
                // floating weekly 18:00 on both sides of the European change (Oct 25)
                Map.entry(p + "5_20261019T160000Z", at("2026-10-19T16:00:00Z", "2026-10-19T17:00:00Z")),
                Map.entry(p + "5_20261026T170000Z", at("2026-10-26T17:00:00Z", "2026-10-26T18:00:00Z")),
                Map.entry(p + "5_20261102T170000Z", at("2026-11-02T17:00:00Z", "2026-11-02T18:00:00Z")));
    }

    @Test
    void busy_movesFloatingAndAllDayEventsWithThePersonsZone() {
        Map<String, Interval> tokyo = busyByUid(apple("Asia/Tokyo"), BusyPolicy.defaults());
        String p = "7A1C0D55-2B4F-4F43-9E0B-0D7C9B1E0A0";
        assertThat(tokyo).containsEntry(p + "1", at("2026-11-03T00:00:00Z", "2026-11-03T01:00:00Z"))
                .containsEntry(p + "3", at("2026-11-04T15:00:00Z", "2026-11-06T15:00:00Z"))
                // a TZID'd time does not move with the person
                .containsEntry(p + "4", at("2026-11-09T10:00:00Z", "2026-11-09T11:00:00Z"));
    }

    @Test
    void busy_unansweredAppleInvitationIsFreeWhenThePolicySaysSo() {
        // cal.com #29410: iCloud writes unanswered invitations as OPAQUE
        assertThat(busyByUid(apple("Europe/Berlin"), BusyPolicy.defaults().withUnansweredBlocks(false)))
                .doesNotContainKey("7A1C0D55-2B4F-4F43-9E0B-0D7C9B1E0A04")
                .containsKey("7A1C0D55-2B4F-4F43-9E0B-0D7C9B1E0A01");
    }

    @Test
    void busy_readsMozillaStyleTzidsAndFallsBackToThePersonsZoneForUnknownOnes(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "Asia/Tokyo",
                "BEGIN:VEVENT", "UID:mozilla", "DTSTAMP:20261001T000000Z",
                "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20261102T090000", "DURATION:PT1H",
                "END:VEVENT",
                "BEGIN:VEVENT", "UID:unknown", "DTSTAMP:20261001T000000Z",
                "DTSTART;TZID=Mars Standard Time:20261103T090000", "DURATION:PT1H",
                "END:VEVENT",
                "BEGIN:VEVENT", "UID:no-end", "DTSTAMP:20261001T000000Z",
                "DTSTART:20261104T090000Z", "SUMMARY:a reminder without end takes no time",
                "END:VEVENT");
        assertThat(busyByUid(c, BusyPolicy.defaults())).containsOnly(
                Map.entry("mozilla", at("2026-11-02T14:00:00Z", "2026-11-02T15:00:00Z")),
                Map.entry("unknown", at("2026-11-03T00:00:00Z", "2026-11-03T01:00:00Z")));
    }

    @Test
    void connect_acceptsAWindowsNameAsThePersonsZone() {
        CalendarConnection c = IcsFixtures.connect("source.cal", fixture("apple-home.ics").toString(),
                "zone", "W. Europe Standard Time");
        assertThat(busy(c, window("2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z")))
                .extracting(BusyInterval::interval)
                .containsExactly(at("2026-11-03T08:00:00Z", "2026-11-03T09:00:00Z"));
    }

    @Test
    void busy_allDayEventOnTheDstChangeDayLastsThatDaysLength(@TempDir Path dir) {
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "Europe/Berlin",
                "BEGIN:VEVENT", "UID:change-day", "DTSTAMP:20261001T000000Z",
                "DTSTART;VALUE=DATE:20261025", "DTEND;VALUE=DATE:20261026", "END:VEVENT");
        // Sunday 25 October 2026 has 25 hours in Berlin: 00:00 CEST to 00:00 CET
        assertThat(busy(c, NOVEMBER)).extracting(BusyInterval::interval)
                .containsExactly(at("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z"));
    }
}
