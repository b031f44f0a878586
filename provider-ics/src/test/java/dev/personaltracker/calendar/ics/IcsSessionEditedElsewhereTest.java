package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study session another app edited in the output file (a calendar app that imported it and saved it back): its
 * start in that app's zone, and its end as DURATION instead of DTEND (RFC 5545 allows either). The session must still
 * be found, with the times the edit means, and a move must leave it valid: one DTSTART and one DTEND in UTC, no
 * DURATION beside DTEND.
 */
class IcsSessionEditedElsewhereTest {

    private static final SessionKey KEY = SessionKey.of("s-edited");

    @TempDir
    Path dir;

    static Stream<Arguments> edits() {
        List<Arguments> all = new ArrayList<>();
        // zone as written, the real zone with its rules, start, DURATION text and what it means
        for (String[] zone : new String[][] {{"W. Europe Standard Time", "Europe/Berlin", ""},
                {"Customized Time Zone", "Europe/Berlin", "custom"}, {"America/New_York", "America/New_York", ""}}) {
            all.add(Arguments.of(zone[0], zone[1], zone[2].equals("custom"), "2026-11-10T11:00", "PT1H30M",
                    Duration.ofMinutes(90)));
            // a day over the autumn change is 25 hours: nominal, in the session's zone
            all.add(Arguments.of(zone[0], zone[1], zone[2].equals("custom"), "2026-10-24T10:00", "P1D",
                    Period.ofDays(1)));
            all.add(Arguments.of(zone[0], zone[1], zone[2].equals("custom"), "2026-10-31T22:00", "P1DT2H",
                    Period.ofDays(1)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {3} {4}")
    @MethodSource("edits")
    void sessionWithDurationInAnotherZone_isFoundAndMovesToAValidEvent(String tzid, String real, boolean custom,
            String start, String duration, TemporalAmount days) throws Exception {
        Path output = dir.resolve("study-sessions.ics");
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Other App//EN"));
        if (custom) {
            lines.addAll(IcsZoneDefinitionsTest.berlinRules("TZID:" + tzid));
        }
        LocalDateTime local = LocalDateTime.parse(start);
        lines.addAll(List.of("BEGIN:VEVENT", "UID:" + KEY.value() + "@sessions.personaltracker.dev",
                "DTSTAMP:20261101T000000Z", "DTSTART;TZID=" + tzid + ":" + IcsFixtures.basic(local),
                "DURATION:" + duration, "SUMMARY:Study Session", "SEQUENCE:1",
                "X-PERSONALTRACKER-SESSION-KEY:" + KEY.value(),
                "BEGIN:VALARM", "TRIGGER:-PT15M", "ACTION:DISPLAY", "DESCRIPTION:Study", "END:VALARM",
                "END:VEVENT", "END:VCALENDAR", ""));
        Files.writeString(output, String.join("\r\n", lines), StandardCharsets.UTF_8);
        CalendarConnection c = new IcsCalendarProvider().connect(IcsFixtures.settings("output", output.toString(),
                        "zone", "UTC").clock(Clock.fixed(Instant.parse("2026-10-30T08:00:00Z"), ZoneOffset.UTC)).build(),
                Credentials.none());
        ZonedDateTime from = local.atZone(ZoneId.of(real));
        ZonedDateTime to = from.plus(days);
        if (duration.equals("P1DT2H")) {
            to = to.plusHours(2);
        }
        Interval expected = Interval.of(from.toInstant(), to.toInstant());

        StudyEvent found = c.findSession("study-sessions", KEY).orElseThrow();
        assertThat(found.interval()).isEqualTo(expected);
        assertThat(c.findSessions("study-sessions", expected)).containsExactly(found);

        Interval later = Interval.of(expected.start().plus(Duration.ofDays(2)), expected.start().plus(Duration.ofDays(2))
                .plus(Duration.ofHours(1)));
        StudyEvent moved = c.moveSession(found, later);
        assertThat(moved.interval()).isEqualTo(later);
        assertThat(c.findSession("study-sessions", KEY)).contains(moved);
        List<String> written = List.of(Files.readString(output, StandardCharsets.UTF_8).replace("\r\n ", "")
                .split("\r\n"));
        List<String> event = written.subList(written.indexOf("BEGIN:VEVENT"), written.indexOf("BEGIN:VALARM"));
        assertThat(event).filteredOn(l -> l.startsWith("DTSTART")).containsExactly("DTSTART:"
                + IcsFixtures.basic(LocalDateTime.ofInstant(later.start(), ZoneOffset.UTC)) + "Z");
        assertThat(event).filteredOn(l -> l.startsWith("DTEND")).containsExactly("DTEND:"
                + IcsFixtures.basic(LocalDateTime.ofInstant(later.end(), ZoneOffset.UTC)) + "Z");
        assertThat(event).noneMatch(l -> l.startsWith("DURATION"));
        assertThat(written).contains("BEGIN:VALARM", "TRIGGER:-PT15M");
    }
}
