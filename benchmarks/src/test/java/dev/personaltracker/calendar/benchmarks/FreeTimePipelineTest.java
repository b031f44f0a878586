package dev.personaltracker.calendar.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.TreeRangeSet;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreeTimePipelineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 1_000, 10_000})
    void ours_andGuava_giveTheSameFreeTime(int n) {
        List<Interval> busy = BusyCalendars.busy(n, BusyCalendars.SEED);
        IntervalSet work = BusyCalendars.workHoursOfYear();
        IntervalSet study = BusyCalendars.studyHoursOfYear();

        IntervalSet ours = FreeTimePipeline.ours(busy, BusyCalendars.YEAR, work, study);
        List<Interval> guava = FreeTimePipeline.toIntervals(FreeTimePipeline.guava(busy,
                FreeTimePipeline.toRange(BusyCalendars.YEAR), FreeTimePipeline.toRangeSet(work),
                TreeRangeSet.create(FreeTimePipeline.toRangeSet(study).complement())));

        assertThat(ours.intervals()).isEqualTo(guava);
        assertThat(ours.isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000})
    void busyCalendars_keepAboutHalfTheYearBusy(int n) {
        List<Interval> busy = BusyCalendars.busy(n, BusyCalendars.SEED);
        assertThat(busy.size()).isEqualTo(n);
        assertThat(busy.stream().allMatch(BusyCalendars.YEAR::encloses)).isTrue();
        double busyShare = (double) IntervalSet.of(busy).totalDuration().toSeconds() / BusyCalendars.YEAR.duration().toSeconds();
        assertThat(busyShare).isBetween(0.4, 0.6);
        assertThat(BusyCalendars.busy(n, BusyCalendars.SEED).equals(busy)).as("same seed, same data").isTrue();
    }

    @Test
    void hoursOfYear_matchTheWeeklyHours() {
        // 2026 has 261 weekdays; DST changes fall on Sundays, so every work day has 8 hours
        assertThat(BusyCalendars.workHoursOfYear().intervalCount()).isEqualTo(261);
        assertThat(BusyCalendars.workHoursOfYear().totalDuration()).isEqualTo(Duration.ofHours(8 * 261));
        assertThat(BusyCalendars.studyHoursOfYear().intervalCount()).isEqualTo(365);
    }
}
