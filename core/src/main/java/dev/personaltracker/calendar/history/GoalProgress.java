package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.plan.StudyGoal;
import java.util.Objects;
import java.util.Optional;

/**
 * How one study goal goes, as {@link StudyProgress#goals()} reports it: this week's study of the goal against its
 * time per week (zero for a deadline goal), its own streak of study days, its adherence over all its history up to
 * now, and for a deadline goal whether it is on track. {@link StudyProgress#forGoal(String)} answers every other
 * query (weekly totals of any range, moves, a report) for the goal alone.
 *
 * @param goalId  the goal's id, not null
 * @param kind  weekly or deadline, not null
 * @param thisWeek  the goal's study in the current ISO week, against its time per week, not null
 * @param streak  the runs of local dates with study of this goal, not null
 * @param adherence  completed over scheduled time of the goal's sessions with a known outcome, not null
 * @param deadline  for a deadline goal, how it stands against its total and due; empty for a weekly goal
 */
public record GoalProgress(String goalId, StudyGoal.Kind kind, WeekTotal thisWeek, Streak streak, Adherence adherence,
        Optional<DeadlineProgress> deadline) {

    /**
     * Validates the components.
     *
     * @param goalId  the goal's id, not null
     * @param kind  weekly or deadline, not null
     * @param thisWeek  the goal's study in the current ISO week, not null
     * @param streak  the goal's streak, not null
     * @param adherence  the goal's adherence, not null
     * @param deadline  a deadline goal's standing, empty for a weekly goal, not null
     */
    public GoalProgress {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thisWeek, "thisWeek");
        Objects.requireNonNull(streak, "streak");
        Objects.requireNonNull(adherence, "adherence");
        Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * Checks if the goal is where it should be: a weekly goal met this week, a deadline goal on track.
     *
     * @return true if so
     */
    public boolean onTrack() {
        return deadline.map(DeadlineProgress::onTrack).orElseGet(thisWeek::isGoalMet);
    }
}
