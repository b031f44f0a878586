package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.DroppedTime;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.util.List;
import java.util.Objects;

/**
 * What {@link UserTracker#reconcile(Interval)} found and did: every change to a session (moved because busy time
 * landed on it, moved by the person in their calendar app, completed, skipped, cancelled), the sessions it left as
 * they were, and the conflicts it deliberately left alone because the person had placed those sessions themselves.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param window  the window reconciled, not null
 * @param updates  the changes, in the order made, not null
 * @param unchanged  the scheduled sessions left as they were, not null
 * @param conflicts  sessions the person moved themselves that busy time now overlaps; the library does not move
 *                   them, the person decides, not null
 * @param shortfalls  per goal and ISO week, the study time of the sessions dropped because their own week had no
 *                    legal slot left for them (a moved session stays in its goal and its week), not null
 * @param failures  sessions whose move or delete the provider refused, or answered with something other than what
 *                  was asked (a move that did not move): each stays as it was, its history has a
 *                  {@link ChangeKind#FAILED} change saying why, and the other sessions of the same reconcile went
 *                  ahead; the reconcile reports them and does not throw, not null
 */
public record ReconcileReport(Interval window, List<SessionUpdate> updates, List<SessionKey> unchanged,
        List<Conflict> conflicts, List<DroppedTime> shortfalls, List<Failure> failures) {

    /**
     * Validates and copies the components.
     *
     * @param window  the window reconciled, not null
     * @param updates  the changes, in the order made, not null
     * @param unchanged  the scheduled sessions left as they were, not null
     * @param conflicts  sessions the person moved themselves that busy time now overlaps; the library does not move them, the person decides, not null
     * @param shortfalls  per goal and ISO week, the time of the dropped sessions, not null
     * @param failures  sessions whose move or delete failed, not null
     */
    public ReconcileReport {
        Objects.requireNonNull(window, "window");
        updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
        unchanged = List.copyOf(Objects.requireNonNull(unchanged, "unchanged"));
        conflicts = List.copyOf(Objects.requireNonNull(conflicts, "conflicts"));
        shortfalls = List.copyOf(Objects.requireNonNull(shortfalls, "shortfalls"));
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }

    /**
     * Creates a report without failures.
     *
     * @param window  the window reconciled, not null
     * @param updates  the changes, in the order made, not null
     * @param unchanged  the scheduled sessions left as they were, not null
     * @param conflicts  sessions the person moved themselves that busy time now overlaps, not null
     * @param shortfalls  per goal and ISO week, the time of the dropped sessions, not null
     */
    public ReconcileReport(Interval window, List<SessionUpdate> updates, List<SessionKey> unchanged,
            List<Conflict> conflicts, List<DroppedTime> shortfalls) {
        this(window, updates, unchanged, conflicts, shortfalls, List.of());
    }

    /**
     * Creates a report without dropped time.
     *
     * @param window  the window reconciled, not null
     * @param updates  the changes, in the order made, not null
     * @param unchanged  the scheduled sessions left as they were, not null
     * @param conflicts  sessions the person moved themselves that busy time now overlaps, not null
     */
    public ReconcileReport(Interval window, List<SessionUpdate> updates, List<SessionKey> unchanged,
            List<Conflict> conflicts) {
        this(window, updates, unchanged, conflicts, List.of(), List.of());
    }

    /**
     * Gets the changes of one kind.
     *
     * @param kind  the kind, not null
     * @return the changes of that kind, in the order made, not null
     */
    public List<SessionUpdate> updates(ChangeKind kind) {
        Objects.requireNonNull(kind, "kind");
        return updates.stream().filter(u -> u.kind() == kind).toList();
    }

    /**
     * Checks if reconcile changed nothing and found no conflict.
     *
     * @return true if there are no updates and no conflicts
     */
    public boolean isQuiet() {
        return updates.isEmpty() && conflicts.isEmpty() && failures.isEmpty();
    }

    /**
     * A session whose calendar write failed during reconcile; it stays as it was and the reconcile went on.
     *
     * @param key  the session, not null
     * @param error  what the provider did, typed, naming provider, account and event, not null
     */
    public record Failure(SessionKey key, CalendarException error) {

        /**
         * Validates the components.
         *
         * @param key  the session, not null
         * @param error  what the provider did, not null
         */
        public Failure {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A session the person placed themselves that busy time now overlaps.
     *
     * @param key  the session, not null
     * @param interval  its time, not null
     * @param overlapping  the busy intervals that overlap it, with their sources, not null
     */
    public record Conflict(SessionKey key, Interval interval, List<BusyInterval> overlapping) {

        /**
         * Validates and copies the components.
         *
         * @param key  the session, not null
         * @param interval  its time, not null
         * @param overlapping  the busy intervals that overlap it, with their sources, not null
         */
        public Conflict {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(interval, "interval");
            overlapping = List.copyOf(Objects.requireNonNull(overlapping, "overlapping"));
        }
    }
}
