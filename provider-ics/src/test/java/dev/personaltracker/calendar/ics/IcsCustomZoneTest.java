package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zones only a file's VTIMEZONE defines (Outlook's "Customized Time Zone", a Lotus Notes or an exporter's own name)
 * with daylight saving time: the VTIMEZONE's observances recur by their own RRULE (or list their onsets as RDATE),
 * and every event, single or recurring, takes the offset in force at its own date. Each custom zone here copies the
 * rules of a real zone under another name, and the expected times come from that real zone.
 */
class IcsCustomZoneTest {

    @TempDir
    Path dir;

    /** A custom zone: its name, the VTIMEZONE lines, and the real zone whose rules it copies. */
    static Arguments zone(String tzid, String real, String... lines) {
        return Arguments.of(tzid, ZoneId.of(real), List.of(lines));
    }

    static List<Arguments> zones() {
        return List.of(
                // Outlook's form: observances from 1601 with yearly rules
                zone("Customized Time Zone", "Europe/Berlin",
                        "BEGIN:VTIMEZONE", "TZID:Customized Time Zone",
                        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"),
                // an exporter's own name, lower-case rule text, North America's second Sunday / first Sunday
                zone("Eastern (own)", "America/New_York",
                        "BEGIN:VTIMEZONE", "TZID:Eastern (own)",
                        "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
                        "rrule:freq=yearly;bymonth=3;byday=2su", "TZNAME:EDT", "END:DAYLIGHT",
                        "BEGIN:STANDARD", "DTSTART:20071104T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
                        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "TZNAME:EST", "END:STANDARD", "END:VTIMEZONE"),
                // the southern hemisphere: summer time over the new year
                zone("AUS Eastern (custom)", "Australia/Sydney",
                        "BEGIN:VTIMEZONE", "TZID:AUS Eastern (custom)",
                        "BEGIN:STANDARD", "DTSTART:20080406T030000", "TZOFFSETFROM:+1100", "TZOFFSETTO:+1000",
                        "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU", "END:STANDARD",
                        "BEGIN:DAYLIGHT", "DTSTART:20081005T020000", "TZOFFSETFROM:+1000", "TZOFFSETTO:+1100",
                        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU", "END:DAYLIGHT", "END:VTIMEZONE"),
                // onsets listed as RDATE instead of a rule
                zone("Berlin by dates", "Europe/Berlin",
                        "BEGIN:VTIMEZONE", "TZID:Berlin by dates",
                        "BEGIN:DAYLIGHT", "DTSTART:20260329T020000", "RDATE:20270328T020000",
                        "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "END:DAYLIGHT",
                        "BEGIN:STANDARD", "DTSTART:20251026T030000", "RDATE:20261025T030000,20271031T030000",
                        "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zones")
    void eachEvent_takesTheOffsetInForceAtItsOwnDate(String tzid, ZoneId real, List<String> vtimezone) {
        List<String> lines = new ArrayList<>(vtimezone);
        Map<String, Interval> expected = new TreeMap<>();
        // a single event on the 10th of every month of 2026 at 12:00 local
        for (int month = 1; month <= 12; month++) {
            LocalDateTime start = LocalDate.of(2026, month, 10).atTime(12, 0);
            lines.addAll(List.of("BEGIN:VEVENT", "UID:single-" + month, "DTSTAMP:20260101T000000Z",
                    "DTSTART;TZID=" + tzid + ":" + IcsFixtures.basic(start),
                    "DTEND;TZID=" + tzid + ":" + IcsFixtures.basic(start.plusHours(1)), "END:VEVENT"));
            expected.put("single-" + month, local(real, start, 60));
        }
        // a weekly series on Mondays at 09:30 local, all year
        LocalDate monday = LocalDate.of(2026, 1, 5);
        lines.addAll(List.of("BEGIN:VEVENT", "UID:weekly", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=" + tzid + ":" + IcsFixtures.basic(monday.atTime(9, 30)),
                "DTEND;TZID=" + tzid + ":" + IcsFixtures.basic(monday.atTime(10, 15)),
                "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=52", "END:VEVENT"));
        for (int w = 0; w < 52; w++) {
            LocalDateTime start = monday.plusWeeks(w).atTime(LocalTime.of(9, 30));
            expected.put("weekly_" + local(real, start, 45).start().toString(), local(real, start, 45));
        }
        CalendarConnection c = IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new));

        List<BusyInterval> busy = c.busy(List.of("cal"), IcsFixtures.window("2026-01-01T00:00:00Z",
                "2027-01-01T00:00:00Z"), BusyPolicy.defaults());

        Map<String, Interval> actual = busy.stream().collect(Collectors.toMap(
                b -> b.source().eventId().startsWith("weekly") ? "weekly_" + b.interval().start() : b.source().eventId(),
                BusyInterval::interval, (a, b) -> a, TreeMap::new));
        assertThat(actual).isEqualTo(expected);
    }

    private static Interval local(ZoneId zone, LocalDateTime start, int minutes) {
        ZonedDateTime s = start.atZone(zone);
        return Interval.of(s.toInstant(), s.plusMinutes(minutes).toInstant());
    }
}
