package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.GoalSummary;
import dev.personaltracker.calendar.plan.StudyPlan;
import dev.personaltracker.calendar.plan.WeekSummary;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.text.LocalText;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What {@link UserTracker#propose(Interval)} proposes for a window: the new sessions, each with its stable key,
 * and the planner's account of every week (goal, what already existed, what was placed, and why a goal was missed).
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param window  the window planned, not null
 * @param sessions  the proposed sessions, ascending, not null
 * @param plan  the planner's plan behind them, not null
 */
public record Proposals(Interval window, List<Proposal> sessions, StudyPlan plan) {

    /**
     * Validates and copies the components.
     *
     * @param window  the window planned, not null
     * @param sessions  the proposed sessions, ascending, not null
     * @param plan  the planner's plan behind them, not null
     */
    public Proposals {
        Objects.requireNonNull(window, "window");
        sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
        Objects.requireNonNull(plan, "plan");
    }

    /**
     * Gets the goal time that could not be placed in the window.
     *
     * @return the shortfall, zero when every week's goal is met, not null
     */
    public Duration shortfall() {
        return plan.shortfall();
    }

    /**
     * Gets the per-week explanation: goal, existing, placed, shortfall and its reasons.
     *
     * @return one summary per ISO week the window touches, ascending, not null
     */
    public List<WeekSummary> weeks() {
        return plan.weeks();
    }

    /**
     * Gets the per-goal explanation: target, existing, placed, shortfall, and for a deadline goal whether it is on
     * track ({@link GoalSummary#deadline()}).
     *
     * @return one summary per goal of the preferences, in their order, not null
     */
    public List<GoalSummary> goals() {
        return plan.goals();
    }

    /**
     * Gets the goal time of one goal that could not be placed in the window.
     *
     * @param goalId  the goal's id, not null
     * @return the goal's shortfall, not null
     * @throws IllegalArgumentException if the preferences held no goal of that id; the message names the ids held
     */
    public Duration shortfall(String goalId) {
        return plan.shortfall(goalId);
    }

    /**
     * Gets the proposals of one goal.
     *
     * @param goalId  the goal's id, not null
     * @return its proposals, ascending, not null (empty for an unknown id)
     */
    public List<Proposal> sessions(String goalId) {
        Objects.requireNonNull(goalId, "goalId");
        return sessions.stream().filter(p -> p.goalId().equals(goalId)).toList();
    }

    /**
     * Gets the total length of the proposed sessions.
     *
     * @return the total, not null
     */
    public Duration total() {
        return sessions.stream().map(p -> p.interval().duration()).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Describes the proposals for a person, in their zone, with human durations: one line per session, then the
     * total, and the shortfall of each week that missed its goal:
     * <pre>
     * Mon 9 Mar 17:15-18:45 (1 h 30 min)
     * Tue 10 Mar 07:00-08:00 (1 h)
     * Total: 2 h 30 min
     * Week of Mon 9 Mar: 2 h 30 min short of 5 h
     * </pre>
     * With several goals (or one named goal) each session line ends with its goal, and each goal that missed its
     * target gets a line (a deadline goal: its {@link dev.personaltracker.calendar.plan.DeadlineStatus#summary()}):
     * <pre>
     * Mon 9 Mar 17:15-18:45 (1 h 30 min) Linear algebra
     * Total: 1 h 30 min
     * Week of Mon 9 Mar: 3 h 30 min short of 5 h
     * Linear algebra: 1 h 30 min short of 3 h
     * </pre>
     *
     * @param zone  the person's zone, not null
     * @return the text, not null
     */
    public String describe(ZoneId zone) {
        LocalText text = LocalText.in(zone);
        StringBuilder out = new StringBuilder();
        boolean named = plan.goals().size() > 1
                || plan.goals().stream().anyMatch(g -> !g.goalId().equals(SessionRecord.DEFAULT_GOAL_ID));
        for (Proposal p : sessions) {
            out.append(text.interval(p.interval())).append(" (").append(LocalText.duration(p.interval().duration()))
                    .append(')');
            if (named) {
                out.append(' ').append(p.goalId());
            }
            out.append('\n');
        }
        out.append("Total: ").append(LocalText.duration(total())).append('\n');
        for (WeekSummary week : weeks()) {
            if (!week.goalMet()) {
                out.append("Week of ").append(text.date(week.weekStart())).append(": ")
                        .append(LocalText.duration(week.shortfall()))
                        .append(" short of ").append(LocalText.duration(week.goal())).append('\n');
            }
        }
        if (named) {
            for (GoalSummary goal : plan.goals()) {
                if (goal.deadline().isPresent()) {
                    out.append(goal.goalId()).append(": ").append(goal.deadline().get().summary()).append('\n');
                } else if (!goal.goalMet()) {
                    out.append(goal.goalId()).append(": ").append(LocalText.duration(goal.shortfall()))
                            .append(" short of ").append(LocalText.duration(goal.target())).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * Checks if nothing was proposed.
     *
     * @return true if there are no sessions
     */
    public boolean isEmpty() {
        return sessions.isEmpty();
    }
}
