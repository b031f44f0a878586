package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VTIMEZONE observances in the forms exporters write that ical4j refuses, and with them (before) the whole file:
 * onsets in UTC or as a DATE, Windows' "fifth Sunday" for the last one, an observance without DTSTART. Each zone
 * here means Berlin's rules; the expected times come from Europe/Berlin (RFC 5545 3.3.5 for the skipped and the
 * repeated hour: forward by the gap, the first occurrence).
 */
class IcsZoneObservancesTest {

    private static final String TZID = "Customized Time Zone";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private static Arguments zone(String name, String... observances) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VTIMEZONE", "TZID:" + TZID));
        lines.addAll(List.of(observances));
        lines.add("END:VTIMEZONE");
        return Arguments.of(name, lines);
    }

    static List<Arguments> berlinWrittenOddly() {
        return List.of(
                zone("onsets in UTC",
                        "BEGIN:STANDARD", "DTSTART:16010101T010000Z", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                        "BEGIN:DAYLIGHT", "DTSTART:16010101T010000Z", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT"),
                // earlier onsets listed as RDATEs in UTC before the rule (ical4j builds listed onsets only up to
                // the present day: a zone given by RDATEs alone has no summer time in future years, a known gap)
                zone("onsets listed as UTC RDATEs before the rule",
                        "BEGIN:STANDARD", "DTSTART:20251026T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                        "RDATE:20231029T010000Z,20241027T010000Z", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                        "END:STANDARD",
                        "BEGIN:DAYLIGHT", "DTSTART:20250330T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                        "RDATE:20230326T010000Z", "RDATE:20240331T010000Z", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                        "END:DAYLIGHT"),
                zone("DTSTART as a DATE, the hour in the rule",
                        "BEGIN:STANDARD", "DTSTART;VALUE=DATE:16010101", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;BYHOUR=3;BYMINUTE=0", "END:STANDARD",
                        "BEGIN:DAYLIGHT", "DTSTART:16010101", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;BYHOUR=2;BYMINUTE=0", "END:DAYLIGHT"),
                zone("Windows' fifth Sunday for the last",
                        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                        "RRULE:FREQ=YEARLY;BYDAY=5SU;BYMONTH=10", "END:STANDARD",
                        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=5SU", "END:DAYLIGHT"),
                zone("Lotus Notes' rules with BYHOUR and BYMINUTE, offsets with seconds, lower case",
                        "begin:standard", "dtstart:19501029T030000", "tzoffsetfrom:+020000", "tzoffsetto:+010000",
                        "rrule:freq=yearly;byminute=0;byhour=3;byday=-1su;bymonth=10", "end:standard",
                        "begin:daylight", "dtstart:19500326T020000", "tzoffsetfrom:+010000", "tzoffsetto:+020000",
                        "rrule:freq=yearly;byminute=0;byhour=2;byday=-1su;bymonth=3", "end:daylight"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("berlinWrittenOddly")
    void observancesInFormsIcal4jRefuses_meanWhatTheySay(String name, List<String> vtimezone) {
        Map<String, Interval> expected = new TreeMap<>();
        List<String> lines = new ArrayList<>(vtimezone);
        lines.addAll(IcsZoneDefinitionsTest.events("e", TZID, BERLIN, expected));
        // single events in the skipped and in the repeated hour
        for (String start : List.of("2026-03-29T02:30", "2026-10-25T02:30", "2027-03-28T02:30", "2027-10-31T02:30")) {
            LocalDateTime local = LocalDateTime.parse(start);
            lines.addAll(List.of("BEGIN:VEVENT", "UID:dst-" + start, "DTSTAMP:20260101T000000Z",
                    "DTSTART;TZID=" + TZID + ":" + IcsFixtures.basic(local), "DURATION:PT30M", "END:VEVENT"));
            ZonedDateTime s = local.atZone(BERLIN);
            expected.put("dst-" + start, Interval.of(s.toInstant(), s.toInstant().plusSeconds(1800)));
        }
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new));

        assertThat(busyById(c, IcsFixtures.window("2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z")))
                .isEqualTo(expected);
    }

    private static final List<String> BROKEN_ZONE = List.of("BEGIN:VTIMEZONE", "TZID:Broken",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:garbage", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
            "END:VTIMEZONE");

    @Test
    void aZoneNoObservanceOfWhichCanBeRead_costsOnlyTheTimesThatNameIt_andStaysInAFileWrittenBack() throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "BEGIN:VEVENT", "UID:broken", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Broken:20260710T120000",
                "DURATION:PT1H", "END:VEVENT",
                "BEGIN:VEVENT", "UID:berlin", "DTSTAMP:20260101T000000Z", "DTSTART;TZID=Europe/Berlin:20260710T120000",
                "DURATION:PT1H", "END:VEVENT",
                "BEGIN:VEVENT", "UID:utc", "DTSTAMP:20260101T000000Z", "DTSTART:20260710T150000Z",
                "DURATION:PT1H", "END:VEVENT"));
        lines.addAll(BROKEN_ZONE); // after the events that name it
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new));

        Map<String, Interval> busy = busyById(c, IcsFixtures.window("2026-07-10T00:00:00Z", "2026-07-11T00:00:00Z"));

        ZonedDateTime berlin = LocalDateTime.parse("2026-07-10T12:00").atZone(BERLIN);
        assertThat(busy).containsOnly(
                Map.entry("broken", IcsFixtures.at("2026-07-10T12:00:00Z", "2026-07-10T13:00:00Z")), // in `zone`
                Map.entry("berlin", Interval.of(berlin.toInstant(), berlin.plusHours(1).toInstant())),
                Map.entry("utc", IcsFixtures.at("2026-07-10T15:00:00Z", "2026-07-10T16:00:00Z")));

        // the same file as the output file: a session write keeps the other app's zone as it was
        Path file = dir.resolve("cal.ics");
        CalendarConnection output = IcsFixtures.connect("output", file.toString(), "zone", "UTC");
        output.createSession("study-sessions", SessionKey.of("k1"),
                IcsFixtures.at("2026-07-11T10:00:00Z", "2026-07-11T11:00:00Z"), SessionDetails.defaults());
        assertThat(Files.readString(file, StandardCharsets.UTF_8).replace("\r\n ", "").split("\r\n"))
                .containsSubsequence(BROKEN_ZONE).noneMatch(l -> l.contains("X-PERSONALTRACKER")
                        && !l.startsWith("X-PERSONALTRACKER-SESSION-KEY"));
        assertThat(busyById(output, "study-sessions", IcsFixtures.window("2026-07-10T00:00:00Z",
                "2026-07-11T00:00:00Z"))).isEqualTo(busy);
    }

    private static Map<String, Interval> busyById(CalendarConnection c, Interval window) {
        return busyById(c, "cal", window);
    }

    private static Map<String, Interval> busyById(CalendarConnection c, String calendarId, Interval window) {
        List<BusyInterval> busy = c.busy(List.of(calendarId), window, BusyPolicy.defaults());
        return busy.stream().collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval,
                (a, b) -> a, TreeMap::new));
    }
}
