package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.calendarText;
import static dev.personaltracker.calendar.ics.IcsFixtures.intervals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recurrence instance resolves its own local time in its own zone (RFC 5545 3.3.5): a time in the repeated
 * hour takes its first occurrence, a time in the skipped hour moves forward by the gap, whatever offset DTSTART had
 * (series started in winter or in summer), for weekly, daily and monthly rules, EXDATE and RECURRENCE-ID included.
 */
class IcsDstTest {

    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney",
            "America/Santiago", "Europe/London", "Australia/Lord_Howe", "America/Havana");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    /** The 2026 transition of a zone: overlap (clocks back) or gap (clocks forward). */
    private static ZoneOffsetTransition transition(ZoneId zone, boolean overlap) {
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
        while (t.isOverlap() != overlap) {
            t = zone.getRules().nextTransition(t.getInstant());
        }
        return t;
    }

    /** A local time inside the transition's repeated or skipped range, {@code minute} minutes into it. */
    private static LocalDateTime inside(ZoneOffsetTransition t, int minute) {
        LocalDateTime from = t.isOverlap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
        long length = t.getDuration().abs().toMinutes();
        return from.plusMinutes(minute % length);
    }

    private static CalendarConnection calendar(Path dir, String... lines) throws Exception {
        Path file = dir.resolve("dst.ics");
        Files.writeString(file, calendarText("\r\n", lines));
        return IcsFixtures.connect("source.cal", file.toString(), "zone", "UTC");
    }

    private static String event(String tzid, LocalDateTime start, int minutes, String... extra) {
        StringBuilder b = new StringBuilder("BEGIN:VEVENT\r\nUID:dst@example.com\r\nDTSTAMP:20260101T000000Z\r\n")
                .append("DTSTART;TZID=").append(tzid).append(':').append(LOCAL.format(start)).append("\r\n")
                .append("DTEND;TZID=").append(tzid).append(':').append(LOCAL.format(start.plusMinutes(minutes)))
                .append("\r\n");
        for (String line : extra) {
            b.append(line).append("\r\n");
        }
        return b.append("END:VEVENT").toString();
    }

    @Property(tries = 100)
    void everyInstanceInATransitionResolvesInItsOwnZone(
            @ForAll @IntRange(min = 0, max = 6) int zoneIndex,
            @ForAll boolean overlap,
            @ForAll @IntRange(min = 0, max = 2) int frequency,
            @ForAll @IntRange(min = 1, max = 30) int periodsBefore,
            @ForAll @IntRange(min = 0, max = 59) int minute,
            @ForAll @IntRange(min = 10, max = 120) int length) throws Exception {
        String tzid = ZONES.get(zoneIndex);
        ZoneId zone = ZoneId.of(tzid);
        ZoneOffsetTransition t = transition(zone, overlap);
        LocalDateTime instance = inside(t, minute);
        String rule;
        LocalDateTime seed;
        switch (frequency) {
            case 0 -> {
                rule = "RRULE:FREQ=WEEKLY";
                seed = instance.minusWeeks(periodsBefore);
            }
            case 1 -> {
                rule = "RRULE:FREQ=DAILY";
                seed = instance.minusDays(periodsBefore);
            }
            default -> {
                rule = "RRULE:FREQ=MONTHLY";
                seed = instance.minusMonths(periodsBefore % 12 + 1);
            }
        }
        if (seed.getDayOfMonth() != instance.getDayOfMonth() && frequency == 2) {
            return; // a monthly rule on the 31st skips short months; the transition days are never that late
        }
        Path dir = Files.createTempDirectory("ics-dst");
        try {
            CalendarConnection c = calendar(dir, event(tzid, seed, length, rule));
            ZonedDateTime expected = ZonedDateTime.ofLocal(instance, zone, null); // earlier offset; gap: forward
            // every instance lasts DTEND - DTSTART exactly (RFC 5545 3.8.5.3), the written length if that is not positive
            Duration exact = Duration.between(ZonedDateTime.ofLocal(seed, zone, null),
                    ZonedDateTime.ofLocal(seed.plusMinutes(length), zone, null));
            Duration span = exact.isNegative() || exact.isZero() ? Duration.ofMinutes(length) : exact;
            Interval day = Interval.of(expected.toInstant().minus(Duration.ofHours(6)), Duration.ofHours(12));
            assertThat(intervals(c, day)).as("%s %s in %s from %s", rule, instance, tzid, seed)
                    .contains(Interval.of(expected.toInstant(), expected.toInstant().plus(span)));
            assertThat(intervals(c, day)).hasSize(1);
        } finally {
            deleteTree(dir);
        }
    }

    /** Replays the run that once reported a Sydney monthly instance at 17:00Z instead of 15:00Z. */
    @Property(tries = 100, seed = "4907253388485990792")
    void everyInstanceInATransitionResolvesInItsOwnZoneForTheReportedSeed(
            @ForAll @IntRange(min = 0, max = 6) int zoneIndex,
            @ForAll boolean overlap,
            @ForAll @IntRange(min = 0, max = 2) int frequency,
            @ForAll @IntRange(min = 1, max = 30) int periodsBefore,
            @ForAll @IntRange(min = 0, max = 59) int minute,
            @ForAll @IntRange(min = 10, max = 120) int length) throws Exception {
        everyInstanceInATransitionResolvesInItsOwnZone(zoneIndex, overlap, frequency, periodsBefore, minute, length);
    }

    /** The case jqwik found (seed 4907253388485990792): a monthly series in Sydney on the night clocks go back. */
    @Test
    void sydneyMonthlySeriesTakesTheFirstRepeatedHour(@TempDir Path dir) throws Exception {
        Interval window = IcsFixtures.window("2026-04-04T06:00:00Z", "2026-04-05T06:00:00Z");
        for (String seed : List.of("2026-03-05T02:00:00", "2025-05-05T02:00:00", "2025-10-05T02:00:00")) {
            CalendarConnection c = calendar(dir, event("Australia/Sydney", LocalDateTime.parse(seed), 30,
                    "RRULE:FREQ=MONTHLY"));
            assertThat(intervals(c, window)).as(seed)
                    .containsExactly(IcsFixtures.at("2026-04-04T15:00:00Z", "2026-04-04T15:30:00Z")); // 02:00 AEDT
        }
        CalendarConnection yearly = calendar(dir, event("Australia/Sydney", LocalDateTime.parse("2024-04-05T02:00:00"),
                30, "RRULE:FREQ=YEARLY"));
        assertThat(intervals(yearly, window))
                .containsExactly(IcsFixtures.at("2026-04-04T15:00:00Z", "2026-04-04T15:30:00Z"));
    }

    @Test
    void newYorkMonthlyAndYearlySeriesTakeTheFirstRepeatedHourAndMoveForwardInTheGap(@TempDir Path dir)
            throws Exception {
        Interval autumn = IcsFixtures.window("2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z");
        Interval spring = IcsFixtures.window("2026-03-07T12:00:00Z", "2026-03-09T00:00:00Z");
        for (String rule : List.of("RRULE:FREQ=MONTHLY", "RRULE:FREQ=YEARLY", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,8",
                "RRULE:FREQ=YEARLY;BYMONTH=3,11;BYDAY=1SU,2SU")) {
            String seed = rule.contains("BY") ? "2025-06-01T01:30:00" : "2025-11-01T01:30:00";
            CalendarConnection c = calendar(dir, event("America/New_York", LocalDateTime.parse(seed), 30, rule));
            assertThat(intervals(c, autumn)).as(rule)
                    .containsExactly(IcsFixtures.at("2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z")); // 01:30 EDT
        }
        for (String rule : List.of("RRULE:FREQ=MONTHLY", "RRULE:FREQ=YEARLY")) {
            CalendarConnection c = calendar(dir, event("America/New_York", LocalDateTime.parse("2025-03-08T02:30:00"),
                    30, rule));
            assertThat(intervals(c, spring)).as(rule) // 02:30 does not exist: 03:30 EDT
                    .containsExactly(IcsFixtures.at("2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z"));
        }
    }

    @Test
    void berlinWeeklySeriesStartedInWinterTakesTheFirstRepeatedHour(@TempDir Path dir) throws Exception {
        CalendarConnection c = calendar(dir, event("Europe/Berlin", LocalDateTime.parse("2026-01-04T02:30:00"), 45,
                "RRULE:FREQ=WEEKLY"));
        assertThat(intervals(c, IcsFixtures.window("2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-10-25T00:30:00Z", "2026-10-25T01:15:00Z"));
    }

    @Test
    void newYorkSeriesStartedInSummerAndWinterAgreeOnTheRepeatedHour(@TempDir Path dir) throws Exception {
        Interval window = IcsFixtures.window("2026-10-31T12:00:00Z", "2026-11-02T00:00:00Z");
        for (String seed : List.of("2026-01-04T01:30:00", "2026-07-05T01:30:00")) {
            CalendarConnection c = calendar(dir, event("America/New_York", LocalDateTime.parse(seed), 30,
                    "RRULE:FREQ=WEEKLY;BYDAY=SU"));
            assertThat(intervals(c, window)).as(seed)
                    .containsExactly(IcsFixtures.at("2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z")); // 01:30 EDT
        }
    }

    @Test
    void seriesStartedInTheSkippedHourRecursAtItsWrittenTime(@TempDir Path dir) throws Exception {
        CalendarConnection c = calendar(dir, "BEGIN:VEVENT\r\nUID:gap@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART;TZID=Europe/Berlin:20260329T023000\r\nDURATION:PT45M\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT");
        assertThat(intervals(c, IcsFixtures.window("2026-03-29T00:00:00Z", "2026-04-06T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-03-29T01:30:00Z", "2026-03-29T02:15:00Z"), // 03:30 CEST
                        IcsFixtures.at("2026-04-05T00:30:00Z", "2026-04-05T01:15:00Z")); // 02:30 CEST, as written
        assertThat(intervals(c, IcsFixtures.window("2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-10-25T00:30:00Z", "2026-10-25T01:15:00Z"));
    }

    @Test
    void exdateInTheRepeatedHourRemovesThatInstance(@TempDir Path dir) throws Exception {
        CalendarConnection c = calendar(dir, event("Europe/Berlin", LocalDateTime.parse("2026-01-04T02:30:00"), 45,
                "RRULE:FREQ=WEEKLY", "EXDATE;TZID=Europe/Berlin:20261025T023000"));
        assertThat(intervals(c, IcsFixtures.window("2026-10-17T00:00:00Z", "2026-11-02T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-10-18T00:30:00Z", "2026-10-18T01:15:00Z"),
                        IcsFixtures.at("2026-11-01T01:30:00Z", "2026-11-01T02:15:00Z"));
    }

    @Test
    void recurrenceIdInTheRepeatedAndSkippedHourReplacesThatInstance(@TempDir Path dir) throws Exception {
        String series = event("Europe/Berlin", LocalDateTime.parse("2026-01-04T02:30:00"), 45, "RRULE:FREQ=WEEKLY");
        String movedAutumn = "BEGIN:VEVENT\r\nUID:dst@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
                + "RECURRENCE-ID;TZID=Europe/Berlin:20261025T023000\r\n"
                + "DTSTART;TZID=Europe/Berlin:20261025T120000\r\nDTEND;TZID=Europe/Berlin:20261025T130000\r\nEND:VEVENT";
        String movedSpring = "BEGIN:VEVENT\r\nUID:dst@example.com\r\nDTSTAMP:20260101T000000Z\r\n"
                + "RECURRENCE-ID;TZID=Europe/Berlin:20260329T023000\r\n"
                + "DTSTART;TZID=Europe/Berlin:20260329T120000\r\nDTEND;TZID=Europe/Berlin:20260329T130000\r\nEND:VEVENT";
        CalendarConnection c = calendar(dir, series, movedAutumn, movedSpring);
        assertThat(intervals(c, IcsFixtures.window("2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-10-25T11:00:00Z", "2026-10-25T12:00:00Z"));
        assertThat(intervals(c, IcsFixtures.window("2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-03-29T10:00:00Z", "2026-03-29T11:00:00Z"));
    }

    @Test
    void skippedHourMovesForwardByTheGapAndTheNextWeekIsBackAtItsTime(@TempDir Path dir) throws Exception {
        CalendarConnection c = calendar(dir, event("Europe/Berlin", LocalDateTime.parse("2026-01-04T02:30:00"), 45,
                "RRULE:FREQ=WEEKLY"));
        assertThat(intervals(c, IcsFixtures.window("2026-03-28T00:00:00Z", "2026-04-06T00:00:00Z")))
                .containsExactly(IcsFixtures.at("2026-03-29T01:30:00Z", "2026-03-29T02:15:00Z"), // 03:30 CEST
                        IcsFixtures.at("2026-04-05T00:30:00Z", "2026-04-05T01:15:00Z")); // 02:30 CEST
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
