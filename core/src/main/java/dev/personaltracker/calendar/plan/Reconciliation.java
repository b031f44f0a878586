package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.List;
import java.util.Objects;

/**
 * What {@link StudyPlanner#reconcile reconcile} did with each scheduled session: kept it, moved it, or dropped it.
 * Every scheduled session appears in exactly one of the three lists.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param kept  the sessions left untouched, ascending, not null
 * @param moved  the sessions moved, ascending by their old place, not null
 * @param dropped  the sessions with no legal place left, ascending, not null
 */
public record Reconciliation(List<Interval> kept, List<Move> moved, List<Interval> dropped) {

    /**
     * Creates a reconciliation, copying the lists.
     *
     * @param kept  the sessions left untouched, ascending, not null
     * @param moved  the sessions moved, ascending by their old place, not null
     * @param dropped  the sessions with no legal place left, ascending, not null
     * @throws NullPointerException if a list or an element is null
     */
    public Reconciliation {
        kept = List.copyOf(Objects.requireNonNull(kept, "kept"));
        moved = List.copyOf(Objects.requireNonNull(moved, "moved"));
        dropped = List.copyOf(Objects.requireNonNull(dropped, "dropped"));
    }

    /**
     * Checks if nothing had to change.
     *
     * @return true if no session was moved or dropped
     */
    public boolean isUnchanged() {
        return moved.isEmpty() && dropped.isEmpty();
    }
}
