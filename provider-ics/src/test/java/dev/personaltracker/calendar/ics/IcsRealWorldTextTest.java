package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static dev.personaltracker.calendar.ics.IcsFixtures.calendarText;
import static dev.personaltracker.calendar.ics.IcsFixtures.intervals;
import static dev.personaltracker.calendar.ics.IcsFixtures.rawCalendar;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The text people really have: LF or mixed line ends with folding, blank lines, several VCALENDARs, lower-case
 * names, repeated UIDs and RDATE forms. Each class is checked against the same calendar written strictly.
 */
class IcsRealWorldTextTest {

    /** Three events that use folding-sensitive properties: a long DESCRIPTION, an RRULE, a TZID. */
    private static final List<String> EVENTS = List.of(
            "BEGIN:VEVENT", "UID:lecture@uni.example", "DTSTAMP:20260101T000000Z",
            "DTSTART;TZID=Europe/Berlin:20261102T101500", "DTEND;TZID=Europe/Berlin:20261102T114500",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6",
            "EXDATE;TZID=Europe/Berlin:20261104T101500",
            "SUMMARY:Linear algebra", "DESCRIPTION:Room 1.101\\, building A. Bring the exercise sheet and the"
                    + " lecture notes from last week; the tutorial group meets afterwards in room 2.204.",
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:seminar@uni.example", "DTSTAMP:20260101T000000Z",
            "DTSTART;TZID=America/New_York:20261105T090000", "DURATION:PT2H", "SUMMARY:Seminar", "END:VEVENT",
            "BEGIN:VEVENT", "UID:holiday@uni.example", "DTSTAMP:20260101T000000Z",
            "DTSTART;VALUE=DATE:20261110", "DTEND;VALUE=DATE:20261111", "SUMMARY:Day off", "END:VEVENT");
    private static final Interval WINDOW = window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z");

    private static List<Interval> strict(Path dir) {
        return intervals(rawCalendar(dir, "Europe/Berlin", calendarText("\r\n", EVENTS.toArray(String[]::new))), WINDOW);
    }

    @Test
    void theStrictCalendarHasTheExpectedBusyTime(@TempDir Path dir) {
        assertThat(strict(dir)).containsExactly(
                at("2026-11-02T09:15:00Z", "2026-11-02T10:45:00Z"),
                at("2026-11-05T14:00:00Z", "2026-11-05T16:00:00Z"),
                at("2026-11-09T09:15:00Z", "2026-11-09T10:45:00Z"),
                at("2026-11-09T23:00:00Z", "2026-11-10T23:00:00Z"),
                at("2026-11-11T09:15:00Z", "2026-11-11T10:45:00Z"),
                at("2026-11-16T09:15:00Z", "2026-11-16T10:45:00Z"),
                at("2026-11-18T09:15:00Z", "2026-11-18T10:45:00Z"));
    }

    /** Folds every line at random places, with random line ends (CRLF, LF, mixed) and space or tab continuations. */
    @Property(tries = 40)
    void foldedLinesWithAnyLineEndsReadTheSame(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int ends)
            throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (String line : calendarText("\n", EVENTS.toArray(String[]::new)).split("\n")) {
            String eol = ends == 0 ? "\n" : ends == 1 ? "\r\n" : random.nextBoolean() ? "\n" : "\r\n";
            int at = 0;
            while (line.length() - at > 8 && random.nextInt(3) > 0) {
                int cut = at + 1 + random.nextInt(Math.min(40, line.length() - at - 1));
                text.append(line, at, cut).append(eol).append(random.nextBoolean() ? ' ' : '\t');
                at = cut;
            }
            text.append(line.substring(at)).append(eol);
        }
        assertSameAsStrict(text.toString());
    }

    @Test
    void lfOnlyFileWithFoldedDescriptionRruleAndTzidKeepsEveryEvent(@TempDir Path dir) {
        String text = calendarText("\n", EVENTS.toArray(String[]::new))
                .replace("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6", "RRULE:FREQ=WEEKLY;BYDA\n Y=MO,WE;CO\n UNT=6")
                .replace("TZID=America/New_York", "TZID=America/New_\n York")
                .replace("bring the exercise", "bring the\n  exercise")
                .replace("the tutorial group", "the tutori\n al group");
        assertThat(intervals(rawCalendar(dir, "Europe/Berlin", text), WINDOW)).isEqualTo(strict(dir));
    }

    /** Blank lines (empty, CR only, several) anywhere: between lines, inside events, before and after. */
    @Property(tries = 30)
    void blankLinesAnywhereAreSkipped(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "\r\n" : "");
        for (String line : calendarText("\r\n", EVENTS.toArray(String[]::new)).split("\r\n")) {
            text.append(line).append("\r\n");
            for (int i = random.nextInt(4) - 1; i > 0; i--) {
                text.append(random.nextBoolean() ? "\r\n" : "\n");
            }
        }
        assertSameAsStrict(text.toString());
    }

    /** Component, property and parameter names in any case, and case-insensitive values (VALUE, BEGIN, RRULE). */
    @Property(tries = 30)
    void namesInAnyCaseReadTheSame(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (String line : calendarText("\r\n", EVENTS.toArray(String[]::new)).split("\r\n")) {
            int colon = line.indexOf(':');
            String head = line.substring(0, colon);
            String value = line.substring(colon + 1);
            String name = head.contains(";") ? head.substring(0, head.indexOf(';')) : head;
            String params = head.substring(name.length());
            // TZID values are names, kept; other parameter names and VALUE=DATE change case
            params = params.replace(";TZID=", mixed(";tzid=", random)).replace(";VALUE=DATE", mixed(";value=date", random));
            if (name.equals("BEGIN") || name.equals("END") || name.equals("RRULE")) {
                value = mixed(value, random);
            }
            text.append(mixed(name, random)).append(params).append(':').append(value).append("\r\n");
        }
        assertSameAsStrict(text.toString());
    }

    private static String mixed(String s, Random random) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    @Test
    void lowerCaseEventIsRead(@TempDir Path dir) {
        String text = "begin:vcalendar\nversion:2.0\nbegin:vevent\nuid:x@example.com\ndtstart;tzid=europe/berlin:"
                + "20261103T100000\ndtend;tzid=Europe/Berlin:20261103T110000\nrrule:freq=daily;count=2\nend:vevent\n"
                + "end:vcalendar\n";
        assertThat(intervals(rawCalendar(dir, "UTC", text), WINDOW)).hasSize(2);
    }

    @Test
    void lowerCaseParameterValuesAreJudgedLikeUpperCase(@TempDir Path dir) {
        String text = calendarText("\n", "begin:vevent", "uid:inv@example.com", "dtstart:20261103T100000Z",
                "dtend:20261103T110000Z", "attendee;partstat=declined;cn=Me:MAILTO:Me@Example.com", "end:vevent",
                "begin:vevent", "uid:ok@example.com", "dtstart:20261104T100000Z", "dtend:20261104T110000Z",
                "attendee;partstat=accepted:mailto:me@example.com", "transp:opaque", "end:vevent",
                "begin:vevent", "uid:free@example.com", "dtstart:20261105T100000Z", "dtend:20261105T110000Z",
                "transp:transparent", "end:vevent");
        assertThat(intervals(rawCalendar(dir, "UTC", text), WINDOW))
                .containsExactly(at("2026-11-04T10:00:00Z", "2026-11-04T11:00:00Z"));
    }

    /** Several VCALENDAR objects, each with its own calendar properties and VTIMEZONE: all their events count. */
    @Test
    void everyVcalendarInAFileIsRead(@TempDir Path dir) {
        String zone = "BEGIN:VTIMEZONE\nTZID:Custom Zone\nBEGIN:STANDARD\nDTSTART:16010101T000000\n"
                + "TZOFFSETFROM:+0300\nTZOFFSETTO:+0300\nEND:STANDARD\nEND:VTIMEZONE\n";
        String first = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//a//EN\nX-WR-CALNAME:A\n" + zone
                + "BEGIN:VEVENT\nUID:a@x\nDTSTART;TZID=Custom Zone:20261103T100000\nDTEND;TZID=Custom Zone:"
                + "20261103T110000\nEND:VEVENT\nEND:VCALENDAR\n";
        String second = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//b//EN\nMETHOD:PUBLISH\n" + zone
                + "BEGIN:VEVENT\nUID:b@x\nDTSTART;TZID=Custom Zone:20261104T100000\nDTEND;TZID=Custom Zone:"
                + "20261104T110000\nEND:VEVENT\nEND:VCALENDAR\n";
        String third = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:c@x\nDTSTART:20261105T100000Z\n"
                + "DTEND:20261105T110000Z\nEND:VEVENT\nEND:VCALENDAR";
        assertThat(intervals(rawCalendar(dir, "UTC", first + "\n" + second + third), WINDOW)).containsExactly(
                at("2026-11-03T07:00:00Z", "2026-11-03T08:00:00Z"),
                at("2026-11-04T07:00:00Z", "2026-11-04T08:00:00Z"),
                at("2026-11-05T10:00:00Z", "2026-11-05T11:00:00Z"));
    }

    /** Several VEVENTs with one UID and no RECURRENCE-ID: each counts, and a warning names the UID. */
    @Test
    void repeatedUidWithoutRecurrenceIdKeepsEveryEventAndWarns(@TempDir Path dir) {
        ListAppender<ILoggingEvent> log = capture();
        String text = calendarText("\r\n",
                "BEGIN:VEVENT", "UID:same-uid-42", "DTSTART:20261103T100000Z", "DTEND:20261103T110000Z", "END:VEVENT",
                "BEGIN:VEVENT", "UID:same-uid-42", "DTSTART:20261104T100000Z", "DTEND:20261104T110000Z",
                "RRULE:FREQ=DAILY;COUNT=2", "END:VEVENT",
                "BEGIN:VEVENT", "UID:same-uid-42", "DTSTART:20261110T100000Z", "DTEND:20261110T110000Z", "END:VEVENT");
        List<BusyInterval> busy = IcsFixtures.busy(rawCalendar(dir, "UTC", text), WINDOW);
        assertThat(busy).extracting(BusyInterval::interval).containsExactly(
                at("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"),
                at("2026-11-04T10:00:00Z", "2026-11-04T11:00:00Z"),
                at("2026-11-05T10:00:00Z", "2026-11-05T11:00:00Z"),
                at("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z"));
        assertThat(busy).extracting(b -> b.source().eventId()).doesNotHaveDuplicates();
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("same-uid-42")
                .contains("RECURRENCE-ID"));
    }

    /** RDATE as periods (end or duration, with TZID), as lists, over several lines, and as dates. */
    @Test
    void rdatePeriodsListsAndDatesAreRead(@TempDir Path dir) {
        String text = calendarText("\r\n",
                "BEGIN:VEVENT", "UID:periods@x", "DTSTART;TZID=Europe/Berlin:20261102T090000",
                "DTEND;TZID=Europe/Berlin:20261102T100000",
                "RDATE;VALUE=PERIOD;TZID=Europe/Berlin:20261103T140000/20261103T163000,20261104T080000/PT30M",
                "RDATE;VALUE=PERIOD:20261105T120000Z/PT1H", "END:VEVENT",
                "BEGIN:VEVENT", "UID:list@x", "DTSTART:20261112T090000Z", "DURATION:PT1H",
                "RDATE:20261113T090000Z,20261114T090000Z", "RDATE:20261115T090000Z", "END:VEVENT",
                "BEGIN:VEVENT", "UID:days@x", "DTSTART;VALUE=DATE:20261120", "DTEND;VALUE=DATE:20261121",
                "RDATE;VALUE=DATE:20261122,20261124", "END:VEVENT",
                "BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD", "DTSTART:16010101T000000",
                "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "END:STANDARD", "END:VTIMEZONE",
                "BEGIN:VEVENT", "UID:custom@x", "DTSTART;TZID=Customized Time Zone:20261126T090000",
                "DTEND;TZID=Customized Time Zone:20261126T100000",
                "RDATE;VALUE=PERIOD;TZID=Customized Time Zone:20261127T090000/PT3H",
                "rdate;value=period:20261128T090000/20261128T093000", "END:VEVENT");
        assertThat(intervals(rawCalendar(dir, "UTC", text), WINDOW)).containsExactly(
                at("2026-11-02T08:00:00Z", "2026-11-02T09:00:00Z"),
                at("2026-11-03T13:00:00Z", "2026-11-03T15:30:00Z"),
                at("2026-11-04T07:00:00Z", "2026-11-04T07:30:00Z"),
                at("2026-11-05T12:00:00Z", "2026-11-05T13:00:00Z"),
                at("2026-11-12T09:00:00Z", "2026-11-12T10:00:00Z"),
                at("2026-11-13T09:00:00Z", "2026-11-13T10:00:00Z"),
                at("2026-11-14T09:00:00Z", "2026-11-14T10:00:00Z"),
                at("2026-11-15T09:00:00Z", "2026-11-15T10:00:00Z"),
                at("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"),
                at("2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"),
                at("2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z"),
                at("2026-11-26T06:00:00Z", "2026-11-26T07:00:00Z"),
                at("2026-11-27T06:00:00Z", "2026-11-27T09:00:00Z"), // a zone only the file defines
                at("2026-11-28T09:00:00Z", "2026-11-28T09:30:00Z")); // floating, lower case
    }

    /** All-day dates, floating times, an unknown TZID and Windows names keep their meaning in sloppy text. */
    @Test
    void allDayFloatingUnknownAndWindowsZonesKeepTheirMeaningInSloppyText(@TempDir Path dir) {
        String text = "begin:VCALENDAR\n\nbegin:vevent\nuid:a\ndtstart;value=date:20261103\nend:vevent\n"
                + "begin:vevent\nuid:b\ndtstart:20261104T100000\nduration:PT1H\nend:vevent\n"
                + "begin:vevent\nuid:c\ndtstart;tzid=Mars Standard Time:20261105T100000\nduration:PT1H\nend:vevent\n"
                + "begin:vevent\nuid:d\ndtstart;tzid=\"W. Europe Standard\n  Time\":20261106T100000\nduration:PT1H\n"
                + "end:vevent\nend:vcalendar";
        assertThat(intervals(rawCalendar(dir, "Asia/Tokyo", text), WINDOW)).containsExactly(
                at("2026-11-02T15:00:00Z", "2026-11-03T15:00:00Z"), // the day in Tokyo
                at("2026-11-04T01:00:00Z", "2026-11-04T02:00:00Z"), // floating: Tokyo
                at("2026-11-05T01:00:00Z", "2026-11-05T02:00:00Z"), // unknown zone: Tokyo, with a warning
                at("2026-11-06T09:00:00Z", "2026-11-06T10:00:00Z")); // Windows name: Berlin
    }

    private void assertSameAsStrict(String text) throws Exception {
        Path dir = Files.createTempDirectory("ics-text");
        Path strictDir = Files.createTempDirectory("ics-strict");
        try {
            assertThat(intervals(rawCalendar(dir, "Europe/Berlin", text), WINDOW)).isEqualTo(strict(strictDir));
        } finally {
            IcsDstTest.deleteTree(dir);
            IcsDstTest.deleteTree(strictDir);
        }
    }

    static ListAppender<ILoggingEvent> capture() {
        Logger root = (Logger) LoggerFactory.getLogger("dev.personaltracker.calendar.ics");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        return appender;
    }
}
