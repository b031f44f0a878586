package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output file is a calendar other apps write into too. Each session write (create, move, delete) prints the
 * whole file back; every other app's event must keep its meaning for the provider and for the other apps: its lines
 * as they were, the VTIMEZONE of every TZID it uses (also those the provider resolves itself, such as Outlook's
 * "W. Europe Standard Time", which mean nothing to other apps without it), each VCALENDAR's own zones, lines folded at
 * 75 octets, and none of the reader's internal names.
 */
class IcsOutputRoundTripTest {

    private static final Interval WINDOW = IcsFixtures.window("2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z");
    private static final BusyPolicy WITH_TITLES = BusyPolicy.defaults().withIncludeTitles(true);
    private static final Pattern TZID_PARAMETER = Pattern.compile(";TZID=(\"[^\"]*\"|[^;:]*)");
    private static final String SESSION_KEY_LINE = "X-PERSONALTRACKER-SESSION-KEY:";

    @TempDir
    Path dir;

    /** Another app's calendar: its zones, a custom one, non-ASCII, escapes, X- properties, overrides, a VTODO. */
    private static List<String> otherAppsCalendar() {
        String longText = "Vorlesung über Zeitzonen — Raum 3.14 · 日本語のテキスト 🎓 " + "lorem ipsum ".repeat(12) + "Ende";
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0",
                "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "X-WR-CALNAME:Kalender"));
        lines.addAll(List.of("BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
                "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
                "BEGIN:VTIMEZONE", "TZID:America/New_York", "X-LIC-LOCATION:America/New_York",
                "BEGIN:DAYLIGHT", "DTSTART:19700308T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "TZNAME:EDT", "END:DAYLIGHT",
                "BEGIN:STANDARD", "DTSTART:19701101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500",
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "TZNAME:EST", "END:STANDARD", "END:VTIMEZONE"));
        lines.addAll(IcsZoneDefinitionsTest.berlinRules("TZID:Customized Time Zone"));
        lines.addAll(List.of("BEGIN:VEVENT", "UID:lecture", "DTSTAMP:20260101T000000Z", "CREATED:20251201T101010Z",
                "LAST-MODIFIED:20251202T101010Z",
                "DTSTART;TZID=Customized Time Zone:20261005T093000", "DTEND;TZID=Customized Time Zone:20261005T101500",
                "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231T235959Z",
                "EXDATE;TZID=Customized Time Zone:20261019T093000,20261102T093000",
                "SUMMARY;LANGUAGE=de:Sprechstunde\\, Raum 3\\; Büro",
                "DESCRIPTION:" + longText,
                "X-FOO;X-PARAM=\"a:b\":va\\,lue\\;x\\\\y",
                "X-ALT-DESC;FMTTYPE=text/html:<html><body><p>" + longText + "</p></body></html>",
                "ATTENDEE;CN=\"Müller, Hans\";PARTSTAT=ACCEPTED:mailto:hans@example.com",
                "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Erinnerung", "END:VALARM",
                "END:VEVENT",
                "BEGIN:VEVENT", "UID:lecture", "DTSTAMP:20260101T000000Z",
                "RECURRENCE-ID;TZID=Customized Time Zone:20261026T093000",
                "DTSTART;TZID=Customized Time Zone:20261026T140000", "DTEND;TZID=Customized Time Zone:20261026T150000",
                "SUMMARY:Verlegt", "LAST-MODIFIED:20251203T101010Z", "END:VEVENT",
                "BEGIN:VEVENT", "UID:outlook", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=W. Europe Standard Time:20261104T120000",
                "DTEND;TZID=W. Europe Standard Time:20261104T130000",
                "RDATE;TZID=W. Europe Standard Time:20261105T120000", "SUMMARY:Outlook", "END:VEVENT",
                "BEGIN:VEVENT", "UID:google", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=America/New_York:20261101T013000", "DTEND;TZID=America/New_York:20261101T023000",
                "SUMMARY:Google", "END:VEVENT",
                "BEGIN:VEVENT", "UID:allday", "DTSTAMP:20260101T000000Z",
                "DTSTART;VALUE=DATE:20261106", "DTEND;VALUE=DATE:20261107", "SUMMARY:Ganztägig", "END:VEVENT",
                "BEGIN:VTODO", "UID:todo", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=Customized Time Zone:20261104T120000", "DUE;TZID=Customized Time Zone:20261104T130000",
                "END:VTODO", "END:VCALENDAR"));
        // a second calendar, pasted on by another exporter, whose "Customized Time Zone" is New York's
        lines.addAll(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//another exporter//EN"));
        lines.addAll(IcsZoneDefinitionsTest.newYorkRules("TZID:Customized Time Zone"));
        lines.addAll(List.of("BEGIN:VEVENT", "UID:pasted", "DTSTAMP:20260101T000000Z",
                "DTSTART;TZID=Customized Time Zone:20261110T120000", "DTEND;TZID=Customized Time Zone:20261110T130000",
                "SUMMARY:Pasted", "END:VEVENT", "END:VCALENDAR"));
        return lines;
    }

    /**
     * What a check after each write sees: the file's text, its lines unfolded, the output calendar and its busy time
     * before the first write.
     */
    private record Written(String text, List<String> lines, CalendarConnection connection, List<BusyInterval> before) {
    }

    private interface Check {
        void after(Written written) throws Exception;
    }

    /**
     * Writes another app's calendar to the output file, then creates, moves and deletes a session, running the check
     * after each write.
     *
     * @return the busy time of the output calendar before the first write, titles included
     */
    private List<BusyInterval> writeSessions(Check check) throws Exception {
        Path output = dir.resolve("study-sessions.ics");
        Files.writeString(output, folded(otherAppsCalendar()), StandardCharsets.UTF_8);
        CalendarConnection c = new IcsCalendarProvider().connect(IcsFixtures.settings("output", output.toString(),
                        "zone", "Europe/Berlin").clock(Clock.fixed(Instant.parse("2026-10-30T08:00:00Z"),
                        ZoneOffset.UTC)).build(), Credentials.none());
        List<BusyInterval> before = c.busy(List.of("study-sessions"), WINDOW, WITH_TITLES);
        assertThat(before).extracting(b -> b.source().eventId()).contains("pasted", "outlook_20261104T110000Z");

        StudyEvent created = c.createSession("study-sessions", SessionKey.of("k1"),
                IcsFixtures.at("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z"), SessionDetails.defaults());
        check.after(read(output, c, before));
        StudyEvent moved = c.moveSession(created, IcsFixtures.at("2026-11-11T10:00:00Z", "2026-11-11T11:00:00Z"));
        check.after(read(output, c, before));
        assertThat(c.findSessions("study-sessions", WINDOW)).containsExactly(moved);
        assertThat(c.findSession("study-sessions", SessionKey.of("k1"))).contains(moved);
        assertThat(moved.toString()).doesNotContain("X-PERSONALTRACKER");
        c.deleteSession(moved);
        check.after(read(output, c, before));
        assertThat(c.findSessions("study-sessions", WINDOW)).isEmpty();
        return before;
    }

    private static Written read(Path output, CalendarConnection c, List<BusyInterval> before) throws Exception {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return new Written(text, Stream.of(text.replace("\r\n ", "").split("\r\n"))
                .map(IcsOutputRoundTripTest::rule).toList(), c, before);
    }

    @Test
    void sessionWrites_keepOtherAppsLinesBusyTimeAndNoInternalName() throws Exception {
        List<String> firstCalendar = otherAppsCalendar().subList(4, otherAppsCalendar().indexOf("END:VCALENDAR"))
                .stream().map(IcsOutputRoundTripTest::rule).toList();
        List<List<String>> others = components(firstCalendar);
        writeSessions(w -> {
            // every other app's component keeps its lines as they were
            for (List<String> component : others) {
                assertThat(w.lines()).containsSubsequence(component);
            }
            // no internal name, only the session tag
            assertThat(w.lines()).filteredOn(l -> l.contains("X-PERSONALTRACKER") && !l.startsWith(SESSION_KEY_LINE))
                    .isEmpty();
            List<BusyInterval> after = w.connection().busy(List.of("study-sessions"), WINDOW, WITH_TITLES);
            assertThat(after.toString()).doesNotContain("X-PERSONALTRACKER");
            assertThat(after.stream().filter(b -> !b.source().eventId().contains("@sessions.")).toList())
                    .isEqualTo(w.before());
        });
    }

    @Test
    void sessionWrites_keepTheVtimezoneOfEveryTzidUsed() throws Exception {
        List<String> firstCalendar = otherAppsCalendar().subList(4, otherAppsCalendar().indexOf("END:VCALENDAR"))
                .stream().map(IcsOutputRoundTripTest::rule).toList();
        List<String> zones = firstCalendar.subList(0, firstCalendar.indexOf("BEGIN:VEVENT"));
        writeSessions(w -> {
            // (ical4j prints a custom zone's observance rules with their parts in its own order: the same rules)
            assertThat(w.lines()).containsSubsequence(zones);
            Set<String> defined = new HashSet<>();
            Set<String> used = new HashSet<>();
            for (String line : w.lines()) {
                if (line.startsWith("TZID:")) {
                    defined.add(line.substring(5));
                }
                Matcher m = TZID_PARAMETER.matcher(line.substring(0, Math.max(0, line.indexOf(':', line.indexOf(';')))));
                while (m.find()) {
                    used.add(m.group(1).replace("\"", ""));
                }
            }
            assertThat(used).contains("W. Europe Standard Time", "America/New_York", "Customized Time Zone");
            assertThat(defined).containsAll(used);
        });
    }

    @Test
    void sessionWrites_keepEachCalendarsOwnZones() throws Exception {
        Path output = dir.resolve("study-sessions.ics");
        List<BusyInterval> before = writeSessions(w -> {
            assertThat(w.connection().busy(List.of("study-sessions"), WINDOW, WITH_TITLES).stream()
                    .filter(b -> b.source().eventId().equals("pasted")).map(BusyInterval::interval).toList())
                    .containsExactly(IcsFixtures.at("2026-11-10T17:00:00Z", "2026-11-10T18:00:00Z"));
        });
        // and a fresh reader of the written file, as a plain source, sees the same busy time
        CalendarConnection reader = IcsFixtures.connect("source.copy", output.toString(), "zone", "Europe/Berlin");
        assertThat(reader.busy(List.of("copy"), WINDOW, WITH_TITLES)).extracting(BusyInterval::interval,
                b -> b.source().eventId(), b -> b.source().title())
                .isEqualTo(before.stream().map(b -> org.assertj.core.groups.Tuple.tuple(b.interval(),
                        b.source().eventId(), b.source().title())).toList());
    }

    @Test
    void sessionWrites_foldLinesAtSeventyFiveOctets() throws Exception {
        writeSessions(w -> {
            for (String physical : w.text().split("\r\n", -1)) {
                assertThat(physical.getBytes(StandardCharsets.UTF_8).length).as(physical).isLessThanOrEqualTo(75);
                assertThat(physical).doesNotContain("\n", "\r", "\uFFFD");
            }
            assertThat(w.lines()).anySatisfy(l -> assertThat(l).startsWith("DESCRIPTION:Vorlesung über Zeitzonen")
                    .contains("日本語のテキスト 🎓"));
        });
    }

    @Test
    void propertiesNamedLikeTheReadersInternalNames_areNeitherReadNorWritten() throws Exception {
        Path output = dir.resolve("study-sessions.ics");
        String zone = java.util.Base64.getEncoder().encodeToString(String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:Injected",
                "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0500", "TZOFFSETTO:+0500", "END:STANDARD",
                "END:VTIMEZONE").getBytes(StandardCharsets.UTF_8));
        Files.writeString(output, String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Other//EN",
                "X-PERSONALTRACKER-VTIMEZONE:" + zone,
                "BEGIN:VEVENT", "UID:plain", "DTSTAMP:20260101T000000Z", "DTSTART:20261102T100000Z",
                "DTEND;X-PERSONALTRACKER-TZID=America/New_York:20261102T110000Z",
                "X-PERSONALTRACKER-DTSTART:20261201T000000Z", "X-PERSONALTRACKER-RRULE:FREQ=DAILY;COUNT=5",
                "X-PERSONALTRACKER-RDATE:20261203T100000Z", "X-PERSONALTRACKER-LAST-MODIFIED:20261204T000000Z",
                "SUMMARY:Plain", "END:VEVENT", "END:VCALENDAR", ""), StandardCharsets.UTF_8);
        CalendarConnection c = new IcsCalendarProvider().connect(IcsFixtures.settings("output", output.toString(),
                        "zone", "UTC").clock(Clock.fixed(Instant.parse("2026-10-30T08:00:00Z"), ZoneOffset.UTC)).build(),
                Credentials.none());

        assertThat(c.busy(List.of("study-sessions"), WINDOW, WITH_TITLES)).extracting(BusyInterval::interval)
                .containsExactly(IcsFixtures.at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"));
        c.createSession("study-sessions", SessionKey.of("k1"),
                IcsFixtures.at("2026-11-10T10:00:00Z", "2026-11-10T11:00:00Z"), SessionDetails.defaults());
        List<String> lines = List.of(Files.readString(output, StandardCharsets.UTF_8).replace("\r\n ", "")
                .split("\r\n"));
        assertThat(lines).filteredOn(l -> l.contains("X-PERSONALTRACKER") && !l.startsWith(SESSION_KEY_LINE)).isEmpty();
        assertThat(lines).noneMatch(l -> l.startsWith("RRULE") || l.startsWith("RDATE") || l.contains("Injected"));
        assertThat(lines).contains("DTSTART:20261102T100000Z", "DTEND:20261102T110000Z");
        assertThat(c.busy(List.of("study-sessions"), WINDOW, WITH_TITLES)).extracting(BusyInterval::interval)
                .containsExactly(IcsFixtures.at("2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z"));
    }

    /** @return an RRULE line with its parts sorted, any other line as it is */
    private static String rule(String line) {
        return line.startsWith("RRULE:")
                ? "RRULE:" + String.join(";", new java.util.TreeSet<>(List.of(line.substring(6).split(";"))))
                : line;
    }

    /** The top-level VEVENTs and VTODOs of a calendar's lines, each as its lines. */
    private static List<List<String>> components(List<String> lines) {
        List<List<String>> result = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (start < 0 && (line.equals("BEGIN:VEVENT") || line.equals("BEGIN:VTODO"))) {
                start = i;
            } else if (start >= 0 && (line.equals("END:VEVENT") || line.equals("END:VTODO"))) {
                result.add(lines.subList(start, i + 1));
                start = -1;
            }
        }
        return result;
    }

    /** The lines folded every 60 characters, as an exporter might, CRLF. */
    private static String folded(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            while (line.length() > 60) {
                int cut = Character.isHighSurrogate(line.charAt(59)) ? 59 : 60;
                b.append(line, 0, cut).append("\r\n ");
                line = line.substring(cut);
            }
            b.append(line).append("\r\n");
        }
        return b.toString();
    }
}
