package dev.personaltracker.calendar.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sessions the planner proposes for a window, and how far they fall short of the goals.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param sessions  the new sessions only (not the existing ones), ascending, each with its goal, not null
 * @param shortfall  the sum over the goals of {@link GoalSummary#shortfall()} (with a single weekly goal: the sum
 *     over the weeks of {@link WeekSummary#shortfall()}), not null, not negative
 * @param weeks  one summary per ISO week the window touches, ascending; with several goals each week sums the
 *     goals' weeks (targets, existing, placed, shortfall) and joins their reasons, not null
 * @param goals  one summary per goal, in the order of {@link StudyPreferences#goals()}, not null
 */
public record StudyPlan(List<ProposedSession> sessions, Duration shortfall, List<WeekSummary> weeks,
        List<GoalSummary> goals) {

    /**
     * Creates a plan, copying the lists.
     *
     * @param sessions  the new sessions only (not the existing ones), ascending, each with its goal, not null
     * @param shortfall  the sum over the goals of {@link GoalSummary#shortfall()} (with a single weekly goal: the sum over the weeks of {@link WeekSummary#shortfall()}), not null, not negative
     * @param weeks  one summary per ISO week the window touches, ascending; with several goals each week sums the goals' weeks (targets, existing, placed, shortfall) and joins their reasons, not null
     * @param goals  one summary per goal, in the order of {@link StudyPreferences#goals()}, not null
     * @throws NullPointerException if a component or an element is null
     * @throws IllegalArgumentException if {@code shortfall} is negative
     */
    public StudyPlan {
        sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
        Objects.requireNonNull(shortfall, "shortfall");
        weeks = List.copyOf(Objects.requireNonNull(weeks, "weeks"));
        goals = List.copyOf(Objects.requireNonNull(goals, "goals"));
        if (shortfall.isNegative()) {
            throw new IllegalArgumentException("shortfall must not be negative, but was " + shortfall);
        }
    }

    /**
     * Creates a plan without goal summaries (as a host builds an empty plan).
     *
     * @param sessions  the new sessions, not null
     * @param shortfall  the shortfall, not null, not negative
     * @param weeks  the week summaries, not null
     * @throws NullPointerException if a component or an element is null
     * @throws IllegalArgumentException if {@code shortfall} is negative
     */
    public StudyPlan(List<ProposedSession> sessions, Duration shortfall, List<WeekSummary> weeks) {
        this(sessions, shortfall, weeks, List.of());
    }

    /**
     * Gets the total time of the proposed sessions.
     *
     * @return the sum of the sessions' lengths, not null
     */
    public Duration planned() {
        Duration d = Duration.ZERO;
        for (ProposedSession s : sessions) {
            d = d.plus(s.interval().duration());
        }
        return d;
    }

    /**
     * Finds the summary of one goal.
     *
     * @param goalId  the goal's id, not null
     * @return the goal's summary, empty if the plan holds no goal of that id
     */
    public Optional<GoalSummary> goal(String goalId) {
        Objects.requireNonNull(goalId, "goalId");
        return goals.stream().filter(g -> g.goalId().equals(goalId)).findFirst();
    }

    /**
     * Gets the time of one goal's target that the plan leaves unplaced: {@link GoalSummary#shortfall()}.
     *
     * @param goalId  the goal's id, not null
     * @return the goal's shortfall, not null, not negative
     * @throws IllegalArgumentException if the plan holds no goal of that id; the message names it and the ids held
     */
    public Duration shortfall(String goalId) {
        return goal(goalId).map(GoalSummary::shortfall).orElseThrow(() -> new IllegalArgumentException(
                "no goal '" + goalId + "' in this plan; its goals are " + goals.stream().map(GoalSummary::goalId).toList()));
    }

    /**
     * Gets the new sessions of one goal.
     *
     * @param goalId  the goal's id, not null
     * @return the goal's proposed sessions, ascending, not null (empty for an unknown id)
     */
    public List<ProposedSession> sessions(String goalId) {
        Objects.requireNonNull(goalId, "goalId");
        return sessions.stream().filter(s -> s.goalId().equals(goalId)).toList();
    }
}
