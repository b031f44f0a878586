package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The study goals a {@link StudyProgress} knows, for {@link StudyProgress#forGoal(String)} and {@link
 * StudyProgress#goals(String)}: their ids are unique, the default weekly goal is the sum of their time per week, and
 * each is reported through the progress narrowed to it.
 * <p>
 * Immutable and thread-safe.
 */
final class ProgressGoals {

    private ProgressGoals() {
    }

    /**
     * Copies the goals a builder is given.
     *
     * @throws IllegalArgumentException if two goals share an id
     */
    static List<StudyGoal> copyOf(List<StudyGoal> value) {
        List<StudyGoal> copy = List.copyOf(Objects.requireNonNull(value, "goals"));
        if (copy.stream().map(StudyGoal::id).distinct().count() != copy.size()) {
            throw new IllegalArgumentException("Goal ids must be unique, but were "
                    + copy.stream().map(StudyGoal::id).toList());
        }
        return copy;
    }

    /** @return the sum of the weekly goals' time per week, zero if there are none */
    static Duration sumOfWeekly(List<StudyGoal> goals) {
        return goals.stream().filter(g -> !g.isDeadline()).map(StudyGoal::amount).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Finds a goal by id.
     *
     * @throws IllegalArgumentException if no goal has that id; the message names the ids known
     */
    static StudyGoal find(List<StudyGoal> goals, String goalId) {
        Objects.requireNonNull(goalId, "goalId");
        return goals.stream().filter(g -> g.id().equals(goalId)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No goal '" + goalId + "' in these progress queries; the goals are "
                        + goals.stream().map(StudyGoal::id).toList() + " (set them with the builder's goals(...))"));
    }

    /**
     * Reports each goal of a progress: this week, its streak, its adherence up to now and, for a deadline goal,
     * whether it is on track.
     *
     * @param progress  the progress over every goal
     * @param userId  the user
     * @param now  the time now
     * @return one progress per goal, in the order of {@link StudyProgress#studyGoals()}
     */
    static List<GoalProgress> report(StudyProgress progress, String userId, Instant now) {
        List<GoalProgress> out = new ArrayList<>();
        for (StudyGoal goal : progress.studyGoals()) {
            StudyProgress view = progress.forGoal(goal.id());
            Optional<DeadlineProgress> deadline = goal.isDeadline()
                    ? Optional.of(DeadlineProgress.of(goal, view.sessions(userId, Interval.of(Instant.EPOCH,
                            goal.due().orElseThrow())), now, progress.zones())) : Optional.empty();
            out.add(new GoalProgress(goal.id(), goal.kind(), view.thisWeek(userId), view.streak(userId),
                    view.adherence(userId, Interval.of(Instant.EPOCH, now.plusSeconds(1))), deadline));
        }
        return out;
    }
}
