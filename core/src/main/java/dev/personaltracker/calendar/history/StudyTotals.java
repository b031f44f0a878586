package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sums a user's study time per local date and per ISO week, for {@link StudyProgress#dailyTotals(String, LocalDate,
 * LocalDate)} and {@link StudyProgress#weeklyTotals(String, LocalDate, LocalDate)}: a completed session counts, whole,
 * on the person's local date of its start, and a week is the sum of its seven days.
 * <p>
 * Immutable; thread-safe when the store is.
 */
final class StudyTotals {

    private final RecordScope scope;
    private final ZoneTimeline zones;

    StudyTotals(RecordScope scope, ZoneTimeline zones) {
        this.scope = scope;
        this.zones = zones;
    }

    /** @return one total per date of [from, to], ascending, dates without study included */
    List<DayTotal> daily(String userId, LocalDate from, LocalDate to) {
        Map<LocalDate, List<SessionRecord>> byDate = completedByDate(userId, from, to);
        List<DayTotal> totals = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            List<SessionRecord> day = byDate.getOrDefault(d, List.of());
            totals.add(new DayTotal(d, sum(day), day.size()));
        }
        return totals;
    }

    /** @return one total per ISO week that holds a date of [from, to], ascending, each against the weekly goal */
    List<WeekTotal> weekly(String userId, LocalDate from, LocalDate to, Duration weeklyGoal) {
        LocalDate firstMonday = mondayOf(from);
        LocalDate lastSunday = mondayOf(to).plusDays(6);
        Map<LocalDate, List<SessionRecord>> byDate = completedByDate(userId, firstMonday, lastSunday);
        List<WeekTotal> weeks = new ArrayList<>();
        for (LocalDate monday = firstMonday; monday.isBefore(lastSunday); monday = monday.plusWeeks(1)) {
            Duration studied = Duration.ZERO;
            for (int i = 0; i < 7; i++) {
                studied = studied.plus(sum(byDate.getOrDefault(monday.plusDays(i), List.of())));
            }
            weeks.add(new WeekTotal(monday, studied, weeklyGoal));
        }
        return weeks;
    }

    private static LocalDate mondayOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static Duration sum(List<SessionRecord> records) {
        return records.stream().map(StudyProgress::studied).reduce(Duration.ZERO, Duration::plus);
    }

    /** The completed sessions whose start date lies in [from, to], by date. */
    private Map<LocalDate, List<SessionRecord>> completedByDate(String userId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The last date " + to + " is before the first date " + from);
        }
        Interval range = Interval.of(zones.earliestStartOf(from), zones.latestEndOf(to));
        Map<LocalDate, List<SessionRecord>> byDate = new TreeMap<>();
        for (SessionRecord r : scope.query(userId, range)) {
            LocalDate d = zones.dateOf(r.interval().start());
            if (r.status() == SessionStatus.COMPLETED && !d.isBefore(from) && !d.isAfter(to)) {
                byDate.computeIfAbsent(d, k -> new ArrayList<>()).add(r);
            }
        }
        return byDate;
    }
}
