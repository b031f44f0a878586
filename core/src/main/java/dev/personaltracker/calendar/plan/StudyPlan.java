package dev.personaltracker.calendar.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The sessions the planner proposes for a window, and how far they fall short of the weekly goals.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param sessions  the new sessions only (not the existing ones), ascending, not null
 * @param shortfall  the sum over the weeks of {@link WeekSummary#shortfall()}, not null, not negative
 * @param weeks  one summary per ISO week the window touches, ascending, not null
 */
public record StudyPlan(List<ProposedSession> sessions, Duration shortfall, List<WeekSummary> weeks) {

    /**
     * Creates a plan, copying the lists.
     *
     * @param sessions  the new sessions only (not the existing ones), ascending, not null
     * @param shortfall  the sum over the weeks of {@link WeekSummary#shortfall()}, not null, not negative
     * @param weeks  one summary per ISO week the window touches, ascending, not null
     * @throws NullPointerException if a component or an element is null
     * @throws IllegalArgumentException if {@code shortfall} is negative
     */
    public StudyPlan {
        sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
        Objects.requireNonNull(shortfall, "shortfall");
        weeks = List.copyOf(Objects.requireNonNull(weeks, "weeks"));
        if (shortfall.isNegative()) {
            throw new IllegalArgumentException("shortfall must not be negative, but was " + shortfall);
        }
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
}
