package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreeTimeTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Interval DAY = Interval.of(T0, Duration.ofDays(1));

    private static BusyInterval busy(String id, int fromHour, int toHour) {
        return new BusyInterval(Interval.of(T0.plus(Duration.ofHours(fromHour)), T0.plus(Duration.ofHours(toHour))),
                new BusySource("p", "a", "c", id, Optional.empty()), EventFacts.busy());
    }

    @Test
    void free_isTheWindowMinusBusyAndWorkHours() {
        IntervalSet work = IntervalSet.of(Interval.of(T0.plus(Duration.ofHours(9)), Duration.ofHours(8)));

        FreeTime free = FreeTime.of(DAY, List.of(busy("late", 18, 19), busy("early", 8, 10)), work);

        assertThat(free.free().totalDuration()).isEqualTo(Duration.ofHours(24 - 8 - 1 - 1));
        assertThat(free.blocked().union(free.free())).isEqualTo(IntervalSet.of(DAY));
        assertThat(free.busyIntervals()).extracting(b -> b.source().eventId()).containsExactly("early", "late");
    }

    @Test
    void busyAt_answersWhyASlotIsBusy_overlappingSourcesIncluded() {
        FreeTime free = FreeTime.of(DAY, List.of(busy("a", 10, 12), busy("b", 11, 13)), IntervalSet.empty());

        assertThat(free.busyAt(T0.plus(Duration.ofMinutes(690)))).extracting(b -> b.source().eventId()).containsExactly("a", "b");
        assertThat(free.busyAt(T0.plus(Duration.ofHours(12)))).extracting(b -> b.source().eventId()).containsExactly("b");
        // end is exclusive
        assertThat(free.busyAt(T0.plus(Duration.ofHours(13)))).isEmpty();
    }

    @Test
    void workHours_areClippedToTheWindow() {
        IntervalSet work = IntervalSet.of(Interval.of(T0.minus(Duration.ofHours(2)), Duration.ofHours(4)));

        FreeTime free = FreeTime.of(DAY, List.of(), work);

        assertThat(free.workHours().totalDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(free.isWorkHours(T0.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void freeByDay_splitsAtLocalMidnight() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        FreeTime free = FreeTime.of(DAY, List.of(), IntervalSet.empty());

        // the UTC day 2026-03-02 is 01:00 on the 2nd to 01:00 on the 3rd in Berlin
        assertThat(free.freeByDay(berlin)).containsOnlyKeys(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3));
        assertThat(free.freeByDay(berlin).get(LocalDate.of(2026, 3, 3)).totalDuration()).isEqualTo(Duration.ofHours(1));
    }
}
