package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.List;
import java.util.Objects;

/**
 * What {@link StudyPlanner#reconcile reconcile} did with each scheduled session: kept it, moved it, or dropped it.
 * Every scheduled session appears in exactly one of the three lists, with its goal.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param keptSessions  the sessions left untouched, ascending, not null
 * @param moved  the sessions moved, ascending by their old place, not null
 * @param droppedSessions  the sessions with no legal place left in their own ISO week, ascending, not null
 * @param shortfalls  per goal and ISO week, the time the dropped sessions leave missing, ordered by week then
 *     goal id, not null
 */
public record Reconciliation(List<ScheduledSession> keptSessions, List<Move> moved, List<ScheduledSession> droppedSessions,
        List<DroppedTime> shortfalls) {

    /**
     * Creates a reconciliation, copying the lists.
     *
     * @param keptSessions  the sessions left untouched, ascending, not null
     * @param moved  the sessions moved, ascending by their old place, not null
     * @param droppedSessions  the sessions with no legal place left in their own ISO week, ascending, not null
     * @param shortfalls  per goal and ISO week, the time the dropped sessions leave missing, ordered by week then goal id, not null
     * @throws NullPointerException if a list or an element is null
     */
    public Reconciliation {
        keptSessions = List.copyOf(Objects.requireNonNull(keptSessions, "keptSessions"));
        moved = List.copyOf(Objects.requireNonNull(moved, "moved"));
        droppedSessions = List.copyOf(Objects.requireNonNull(droppedSessions, "droppedSessions"));
        shortfalls = List.copyOf(Objects.requireNonNull(shortfalls, "shortfalls"));
    }

    /**
     * Creates a reconciliation of sessions of the single goal {@value StudyPreferences#DEFAULT_GOAL_ID}, without
     * shortfall records.
     *
     * @param kept  the sessions left untouched, not null
     * @param moved  the sessions moved, not null
     * @param dropped  the sessions dropped, not null
     * @throws NullPointerException if a list or an element is null
     */
    public Reconciliation(List<Interval> kept, List<Move> moved, List<Interval> dropped) {
        this(Schedule.of(StudyPreferences.DEFAULT_GOAL_ID, kept).sessions(), moved,
                Schedule.of(StudyPreferences.DEFAULT_GOAL_ID, dropped).sessions(), List.of());
    }

    /** @return the intervals of {@link #keptSessions()}, ascending, not null */
    public List<Interval> kept() {
        return keptSessions.stream().map(ScheduledSession::interval).toList();
    }

    /** @return the intervals of {@link #droppedSessions()}, ascending, not null */
    public List<Interval> dropped() {
        return droppedSessions.stream().map(ScheduledSession::interval).toList();
    }

    /**
     * Checks if nothing had to change.
     *
     * @return true if no session was moved or dropped
     */
    public boolean isUnchanged() {
        return moved.isEmpty() && droppedSessions.isEmpty();
    }
}
