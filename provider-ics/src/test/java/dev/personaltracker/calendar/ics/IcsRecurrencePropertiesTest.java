package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Weekly events keep their wall-clock time in their own zone whatever DST does, and no occurrence is lost or
 * invented: the expansion agrees with a plain java.time walk over the weeks.
 */
class IcsRecurrencePropertiesTest {

    private static final List<String> ZONES = List.of("America/New_York", "Europe/Berlin", "Australia/Sydney",
            "Australia/Lord_Howe", "Asia/Kolkata", "America/Santiago", "W. Europe Standard Time",
            "AUS Eastern Standard Time");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    @Property(tries = 40)
    void weeklyEvents_keepTheirLocalTimeAndEveryOccurrence(
            @ForAll @IntRange(min = 0, max = 7) int zoneIndex,
            @ForAll @IntRange(min = 0, max = 900) int startDayOffset,
            @ForAll @IntRange(min = 4, max = 22) int hour,
            @ForAll @IntRange(min = 0, max = 3) int quarter,
            @ForAll @IntRange(min = 15, max = 180) int lengthMinutes,
            @ForAll @IntRange(min = 0, max = 400) int windowOffsetDays,
            @ForAll @IntRange(min = 1, max = 120) int windowDays) throws Exception {
        String tzid = ZONES.get(zoneIndex);
        ZoneId zone = dev.personaltracker.calendar.zone.WindowsZones.resolve(tzid);
        LocalDateTime start = LocalDate.of(2025, 1, 1).plusDays(startDayOffset).atTime(LocalTime.of(hour, quarter * 15));
        Interval window = Interval.of(ZonedDateTime.of(start, zone).toInstant().plus(Duration.ofDays(windowOffsetDays))
                .minus(Duration.ofHours(12)), Duration.ofDays(windowDays));

        Path dir = Files.createTempDirectory("ics-prop");
        try {
            CalendarConnection c = IcsFixtures.inlineCalendar(dir, "UTC",
                    "BEGIN:VEVENT", "UID:weekly", "DTSTAMP:20250101T000000Z",
                    "DTSTART;TZID=" + tzid + ":" + LOCAL.format(start),
                    "DTEND;TZID=" + tzid + ":" + LOCAL.format(start.plusMinutes(lengthMinutes)),
                    "RRULE:FREQ=WEEKLY", "END:VEVENT");
            List<Interval> actual = c.busy(List.of("cal"), window, BusyPolicy.defaults()).stream()
                    .map(BusyInterval::interval).toList();

            List<Interval> expected = new ArrayList<>();
            for (LocalDateTime t = start; ZonedDateTime.of(t, zone).toInstant().isBefore(window.end()); t = t.plusWeeks(1)) {
                ZonedDateTime from = ZonedDateTime.of(t, zone);
                Interval occurrence = Interval.of(from.toInstant(), from.plusMinutes(lengthMinutes).toInstant());
                occurrence.intersection(window).filter(i -> occurrence.overlaps(window)).ifPresent(expected::add);
            }
            assertThat(actual).containsExactlyElementsOf(expected);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
