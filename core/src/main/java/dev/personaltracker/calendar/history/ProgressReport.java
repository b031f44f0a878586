package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the short plain-text report of {@link StudyProgress#report(String)} from the progress queries: this week
 * against the goal, the streak, this week's adherence when some outcome is known and, with several goals, one line
 * per goal.
 * <p>
 * Immutable; thread-safe when the progress is.
 *
 * @param progress  the queries the report is written from
 * @param clock  the clock that says what time it is: this week's adherence counts up to now
 * @param several  whether the progress counts several goals, each with a line of its own
 */
record ProgressReport(StudyProgress progress, Clock clock, boolean several) {

    /** @return the report of a user, lines ending with {@code \n} */
    String write(String userId) {
        WeekTotal week = progress.thisWeek(userId);
        StringBuilder b = new StringBuilder("This week (").append(week.label()).append("): ");
        List<GoalProgress> perGoal = several ? progress.goals(userId) : List.of();
        if (several) {
            // the sum of the weekly goals is not one target: each goal has its own, listed below
            List<GoalProgress> weekly = perGoal.stream().filter(g -> g.deadline().isEmpty()).toList();
            b.append(format(week.studied())).append(" studied in all");
            if (!weekly.isEmpty()) {
                b.append("; weekly goals met: ").append(weekly.stream().filter(GoalProgress::onTrack).count())
                        .append(" of ").append(weekly.size());
            }
            b.append(".\n");
        } else if (week.goal().isZero()) {
            b.append(format(week.studied())).append(" studied (no weekly goal set).\n");
        } else {
            b.append(format(week.studied())).append(" of ").append(format(week.goal())).append(" studied, ")
                    .append(goalState(week)).append(".\n");
        }
        Streak streak = progress.streak(userId);
        if (streak.longest() == 0) {
            b.append("Streak: no study days yet.\n");
        } else {
            b.append("Streak: ").append(days(streak.current())).append(" (longest ").append(days(streak.longest()))
                    .append(").\n");
        }
        Instant weekStart = progress.zones().earliestStartOf(week.monday());
        Instant now = clock.instant();
        if (weekStart.isBefore(now)) {
            Adherence adherence = progress.adherence(userId, Interval.of(weekStart, now));
            adherence.ratio().ifPresent(ratio -> b.append("Adherence this week: ")
                    .append(Math.round(ratio * 100)).append("% of ").append(format(adherence.scheduled()))
                    .append(" scheduled.\n"));
        }
        if (several) {
            for (GoalProgress g : perGoal) {
                b.append("- ").append(g.goalId()).append(": ");
                if (g.deadline().isPresent()) {
                    b.append(g.deadline().get().summary()).append(".\n");
                } else {
                    WeekTotal w = g.thisWeek();
                    b.append(format(w.studied())).append(" of ").append(format(w.goal())).append(" this week, ")
                            .append(goalState(w)).append(".\n");
                }
            }
        }
        return b.toString();
    }

    /** Formats a duration as hours and minutes, as {@link StudyProgress#format(Duration)} says. */
    static String format(Duration duration) {
        long minutes = Objects.requireNonNull(duration, "duration").toMinutes();
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + "m";
        }
        return m == 0 ? h + "h" : String.format(Locale.ROOT, "%dh %dm", h, m);
    }

    /** @return "goal met", or the time still to study this week, for example "2h 30m to go" */
    private static String goalState(WeekTotal week) {
        return week.isGoalMet() ? "goal met" : format(week.remaining()) + " to go";
    }

    private static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
