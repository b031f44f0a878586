package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * How a file names the zones only its own VTIMEZONEs define: each VCALENDAR of a file names its own zones (RFC 5545
 * 3.4), so the same TZID in two of them may be two zones; and a TZID is an identifier, which spaces or quotes around
 * it (in the VTIMEZONE's TZID or in an event's TZID parameter) do not change. Each custom zone copies a real zone's
 * rules under another name; the expected times come from the real zone.
 */
class IcsZoneDefinitionsTest {

    private static final String TZID = "Customized Time Zone";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Interval YEAR = IcsFixtures.window("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** Outlook's VTIMEZONE for a zone with Berlin's rules, under {@code tzidLine}. */
    static List<String> berlinRules(String tzidLine) {
        return List.of("BEGIN:VTIMEZONE", tzidLine,
                "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE");
    }

    /** A VTIMEZONE with New York's rules (since 2007), under {@code tzidLine}. */
    static List<String> newYorkRules(String tzidLine) {
        return List.of("BEGIN:VTIMEZONE", tzidLine,
                "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
                "BEGIN:STANDARD", "DTSTART:20071104T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE");
    }

    /**
     * A weekly series on Mondays at 09:30 local from January, one EXDATE in summer, one instance moved to 14:00 by a
     * RECURRENCE-ID, and a single event on the 10th of each month at 12:00, all in {@code tzidParameter}; the
     * expected busy time, keyed by event id, is added to {@code expected}.
     */
    static List<String> events(String prefix, String tzidParameter, ZoneId real, Map<String, Interval> expected) {
        String tz = ";TZID=" + tzidParameter + ":";
        List<String> lines = new ArrayList<>();
        LocalDate monday = LocalDate.of(2026, 1, 5);
        LocalDate excluded = LocalDate.of(2026, 7, 6);
        LocalDate moved = LocalDate.of(2026, 10, 26); // the Monday after Europe's change, before America's
        lines.addAll(List.of("BEGIN:VEVENT", "UID:" + prefix + "-weekly", "DTSTAMP:20260101T000000Z",
                "DTSTART" + tz + IcsFixtures.basic(monday.atTime(9, 30)),
                "DTEND" + tz + IcsFixtures.basic(monday.atTime(10, 15)), "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=52",
                "EXDATE" + tz + IcsFixtures.basic(excluded.atTime(9, 30)), "END:VEVENT",
                "BEGIN:VEVENT", "UID:" + prefix + "-weekly", "DTSTAMP:20260101T000000Z",
                "RECURRENCE-ID" + tz + IcsFixtures.basic(moved.atTime(9, 30)),
                "DTSTART" + tz + IcsFixtures.basic(moved.atTime(14, 0)),
                "DTEND" + tz + IcsFixtures.basic(moved.atTime(15, 0)), "END:VEVENT"));
        for (int w = 0; w < 52; w++) {
            LocalDate day = monday.plusWeeks(w);
            if (day.equals(excluded)) {
                continue;
            }
            Interval slot = local(real, day.atTime(9, 30), 45);
            expected.put(prefix + "-weekly_" + IcsFixtures.basic(slot.start().atZone(java.time.ZoneOffset.UTC)
                    .toLocalDateTime()) + "Z", day.equals(moved) ? local(real, moved.atTime(14, 0), 60) : slot);
        }
        for (int month = 1; month <= 12; month++) {
            LocalDateTime start = LocalDate.of(2026, month, 10).atTime(12, 0);
            lines.addAll(List.of("BEGIN:VEVENT", "UID:" + prefix + "-single-" + month, "DTSTAMP:20260101T000000Z",
                    "DTSTART" + tz + IcsFixtures.basic(start), "DTEND" + tz + IcsFixtures.basic(start.plusHours(1)),
                    "END:VEVENT"));
            expected.put(prefix + "-single-" + month, local(real, start, 60));
        }
        return lines;
    }

    @Test
    void sameTzidInTwoCalendars_eachCalendarReadsItsOwnZone() {
        Map<String, Interval> expected = new TreeMap<>();
        List<String> lines = new ArrayList<>(berlinRules("TZID:" + TZID));
        lines.addAll(events("berlin", TZID, BERLIN, expected));
        lines.addAll(List.of("END:VCALENDAR", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//other exporter//EN"));
        // the second calendar's zone comes after the events that use it
        lines.addAll(events("newyork", TZID, NEW_YORK, expected));
        lines.addAll(newYorkRules("TZID:" + TZID));
        // a third calendar repeats the first one's zone word for word: the same zone
        lines.addAll(List.of("END:VCALENDAR", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//third//EN"));
        lines.addAll(berlinRules("TZID:" + TZID));
        lines.addAll(events("third", TZID, BERLIN, expected));

        assertThat(busyById(IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new))))
                .isEqualTo(expected);
    }

    static List<Arguments> spellings() {
        List<Arguments> all = new ArrayList<>();
        for (String defined : List.of("TZID:" + TZID, "TZID:\"" + TZID + "\"", "TZID: " + TZID + " ",
                "TZID:\" " + TZID + "\"")) {
            for (String used : List.of(TZID, "\"" + TZID + "\"", " \"" + TZID + "\" ", " " + TZID, "\"" + TZID + " \"")) {
                all.add(Arguments.of(defined, used));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "[{0}] used as [{1}]")
    @MethodSource("spellings")
    void tzidWithSpacesOrQuotes_namesTheFilesZone(String definedAs, String usedAs) {
        Map<String, Interval> expected = new TreeMap<>();
        List<String> lines = new ArrayList<>(berlinRules(definedAs));
        lines.addAll(events("e", usedAs, BERLIN, expected));

        assertThat(busyById(IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new))))
                .isEqualTo(expected);
    }

    /**
     * Lotus Notes' form of a European zone: yearly rules with BYHOUR and BYMINUTE, last Sundays of March and October.
     */
    static List<String> notesRules(String tzid, String standard, String summer) {
        return List.of("BEGIN:VTIMEZONE", "TZID:" + tzid,
                "BEGIN:STANDARD", "DTSTART:19501029T020000", "TZOFFSETFROM:" + summer, "TZOFFSETTO:" + standard,
                "RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:19500326T020000", "TZOFFSETFROM:" + standard, "TZOFFSETTO:" + summer,
                "RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE");
    }

    static List<Arguments> fixedOffsetNames() {
        return List.of(
                Arguments.of("GMT", "+0000", "+0100", "Europe/London"),
                Arguments.of("UTC", "+0000", "+0100", "Europe/London"),
                Arguments.of("Etc/GMT-1", "+0100", "+0200", "Europe/Berlin"),
                Arguments.of("GMT+01:00", "+0100", "+0200", "Europe/Berlin"),
                // no summer time in the file: the name means what it says
                Arguments.of("GMT", "+0000", "+0000", "UTC"),
                Arguments.of("Etc/GMT+5", "-0500", "-0500", "Etc/GMT+5"));
    }

    @ParameterizedTest(name = "{0} {1}/{2}")
    @MethodSource("fixedOffsetNames")
    void fixedOffsetNameWithSummerTimeInItsVtimezone_readsTheFilesZone(String tzid, String standard, String summer,
            String real) {
        Map<String, Interval> expected = new TreeMap<>();
        List<String> lines = new ArrayList<>(events("e", "\"" + tzid + "\"", ZoneId.of(real), expected));
        lines.addAll(notesRules(tzid, standard, summer));

        assertThat(busyById(IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new))))
                .isEqualTo(expected);
    }

    @Test
    void knownNameWithSummerTime_keepsTheIanaRulesOverTheFiles() {
        // an exporter that wrote only one year's rules (and wrong ones) for a zone with a real name
        Map<String, Interval> expected = new TreeMap<>();
        List<String> lines = new ArrayList<>(notesRules("Europe/Berlin", "+0100", "+0100"));
        lines.addAll(events("e", "Europe/Berlin", BERLIN, expected));

        assertThat(busyById(IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new))))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "series from {0}")
    @MethodSource("seriesStarts")
    void seriesInACustomZone_takesEachInstancesOwnOffset_inTheGapAndTheOverlapToo(String firstDay) {
        // weekly on Sundays at 02:30 local: the spring Sunday has no 02:30 (forward by the gap), the autumn one two
        LocalDate first = LocalDate.parse(firstDay);
        List<String> lines = new ArrayList<>(berlinRules("TZID:" + TZID));
        lines.addAll(List.of("BEGIN:VEVENT", "UID:sunday", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=" + TZID + ":" + IcsFixtures.basic(first.atTime(2, 30)),
                "DTEND;TZID=" + TZID + ":" + IcsFixtures.basic(first.atTime(3, 15)), "RRULE:FREQ=WEEKLY;COUNT=60",
                "END:VEVENT"));
        Map<String, Interval> expected = new TreeMap<>();
        for (int w = 0; w < 60; w++) {
            ZonedDateTime start = first.plusWeeks(w).atTime(2, 30).atZone(BERLIN); // RFC 5545 3.3.5, as java.time
            Interval slot = Interval.of(start.toInstant(), start.plusMinutes(45).toInstant());
            if (slot.overlaps(YEAR)) {
                expected.put("sunday_" + IcsFixtures.basic(start.withZoneSameInstant(java.time.ZoneOffset.UTC)
                        .toLocalDateTime()) + "Z", slot);
            }
        }

        assertThat(busyById(IcsFixtures.inlineCalendar(dir, "UTC", lines.toArray(String[]::new))))
                .isEqualTo(expected);
    }

    static List<String> seriesStarts() {
        return List.of("2026-01-04", "2026-07-05", "2025-11-02");
    }

    private static Map<String, Interval> busyById(CalendarConnection c) {
        List<BusyInterval> busy = IcsFixtures.busy(c, YEAR);
        return busy.stream().collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval,
                (a, b) -> a, TreeMap::new));
    }

    private static Interval local(ZoneId zone, LocalDateTime start, int minutes) {
        ZonedDateTime s = start.atZone(zone);
        return Interval.of(s.toInstant(), s.plusMinutes(minutes).toInstant());
    }
}
