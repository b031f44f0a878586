package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Records every step in the life of a study session through a {@link HistoryStore}, refusing steps that make no
 * sense.
 * <p>
 * <b>The state machine.</b> Each (user, key) has at most one {@link SessionRecord}. Its {@link SessionStatus} moves
 * as follows; "none" means no record yet. Every legal step appends one {@link SessionChange} (of the {@link
 * ChangeKind} shown; {@link #settle} may append two, a move by the person and then an outcome) and saves the
 * record; a step marked "no-op" returns the record unchanged and saves nothing.
 * <table>
 * <caption>Legal steps</caption>
 * <tr><th>operation</th><th>from</th><th>to</th><th>change</th></tr>
 * <tr><td>{@link #proposed}</td><td>none</td><td>PROPOSED</td><td>PROPOSED</td></tr>
 * <tr><td>{@link #proposed}</td><td>PROPOSED</td><td>PROPOSED (new time; no-op if the same)</td><td>PROPOSED</td></tr>
 * <tr><td>{@link #scheduled}</td><td>none, PROPOSED</td><td>SCHEDULED</td><td>SCHEDULED</td></tr>
 * <tr><td>{@link #scheduled}</td><td>SCHEDULED, same event and time</td><td>no-op (a retried approval)</td><td></td></tr>
 * <tr><td>{@link #movedByLibrary}</td><td>SCHEDULED</td><td>SCHEDULED</td><td>MOVED</td></tr>
 * <tr><td>{@link #movedByPerson}</td><td>SCHEDULED</td><td>SCHEDULED</td><td>MOVED_BY_PERSON</td></tr>
 * <tr><td>{@link #settle}</td><td>SCHEDULED</td><td>see {@link #settle}</td><td>MOVED_BY_PERSON, COMPLETED,
 * SKIPPED or CANCELLED</td></tr>
 * <tr><td>{@link #settle}</td><td>PROPOSED, COMPLETED, SKIPPED, CANCELLED</td><td>no-op</td><td></td></tr>
 * <tr><td>{@link #markCompleted}</td><td>SCHEDULED, COMPLETED, SKIPPED</td><td>COMPLETED</td><td>COMPLETED</td></tr>
 * <tr><td>{@link #markSkipped}</td><td>SCHEDULED, COMPLETED, SKIPPED</td><td>SKIPPED</td><td>SKIPPED</td></tr>
 * <tr><td>{@link #cancelled}</td><td>PROPOSED, SCHEDULED</td><td>CANCELLED</td><td>CANCELLED</td></tr>
 * <tr><td>{@link #cancelled}</td><td>CANCELLED</td><td>no-op</td><td></td></tr>
 * </table>
 * Moves may repeat (moved twice, moved by the person and then moved by the library because busy time landed on the
 * new time: all legal). A host may correct an outcome (completed to skipped and back) because people misreport.
 * Every other step throws {@link IllegalStateException} whose message names the session, the user, the state it is
 * in and the state the step wanted, for example a move of a COMPLETED session, scheduling a CANCELLED one, or
 * any step but {@code proposed} and {@code scheduled} on a session with no record.
 * <p>
 * Proposals that were never approved stay PROPOSED; they count for nothing in {@link StudyProgress}.
 * <p>
 * <b>Times.</b> Each change is stamped with this lifecycle's clock, except {@link #settle}, which is stamped with
 * the {@code now} it is given.
 * <p>
 * <b>Thread-safety.</b> This class is thread-safe. Each step is a read, a check and a save; steps on one (user, key)
 * are serialized across every instance in this JVM, so two lifecycles over one store never lose a step. Writers in
 * other processes sharing a store are coordinated by the store's {@link HistoryStore#update} (the PostgreSQL store
 * re-applies the step after a conflict); with the default implementation of that method they are not.
 */
public final class SessionLifecycle {

    /** The reason recorded when the person moved a session in their calendar app. */
    public static final String MOVED_BY_PERSON_REASON = "moved by the person in their calendar app";
    /** The reason recorded when busy time landed on a session and the library moved it. */
    public static final String BUSY_REASON = "busy time landed on it";

    /** The reason recorded when a session's event still stood after its time. */
    public static final String STOOD = "its event still stood when its time had passed";
    /** The reason recorded when the person deleted a session's event once it had started. */
    public static final String DELETED = "the person deleted its event";
    /** The reason recorded when the person deleted a session's event before it started. */
    public static final String DELETED_BEFORE_START = "the person deleted its event before it started";

    private final HistoryStore store;
    private final Clock clock;
    private final SessionSteps steps;
    private final SessionTransitions transitions;

    private SessionLifecycle(HistoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.steps = new SessionSteps(store);
        this.transitions = new SessionTransitions(clock);
    }

    /**
     * Obtains a lifecycle that records into a store, stamping changes with a clock.
     *
     * @param store  the store to read and write, not null
     * @param clock  the clock that stamps changes, not null
     * @return the lifecycle, not null
     */
    public static SessionLifecycle create(HistoryStore store, Clock clock) {
        return new SessionLifecycle(Objects.requireNonNull(store, "store"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Records that the planner proposed a session. Proposing a PROPOSED session again records the new time (or does
     * nothing if the time is the same).
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param interval  the proposed time, not null
     * @return the saved record, status PROPOSED, not null
     * @throws IllegalStateException if the session has gone past PROPOSED
     */
    public SessionRecord proposed(String userId, SessionKey key, Interval interval) {
        return proposed(userId, key, SessionRecord.DEFAULT_GOAL_ID, interval);
    }

    /**
     * Records that the planner proposed a session of a goal. Proposing a PROPOSED session again records the new time
     * and goal (or does nothing if both are the same).
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param goalId  the goal the session serves, not blank
     * @param interval  the proposed time, not null
     * @return the saved record, status PROPOSED, not null
     * @throws IllegalStateException if the session has gone past PROPOSED
     */
    public SessionRecord proposed(String userId, SessionKey key, String goalId, Interval interval) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(goalId, "goalId");
        return steps.step(userId, key, "proposed",
                current -> transitions.proposed(userId, key, goalId, interval, current));
    }

    /**
     * Records that a session was approved and written to a calendar. A session may be scheduled without a recorded
     * proposal. Scheduling a SCHEDULED session again with the same event and time does nothing, so a retried
     * approval is harmless.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param event  where its event lives, not null
     * @param interval  the time the event was written at, not null
     * @return the saved record, status SCHEDULED, not null
     * @throws IllegalStateException if the session is final, or already scheduled at another event or time
     */
    public SessionRecord scheduled(String userId, SessionKey key, EventRef event, Interval interval) {
        return scheduled(userId, key, Optional.empty(), event, interval);
    }

    /**
     * Records that a session of a goal was approved and written to a calendar; as
     * {@link #scheduled(String, SessionKey, EventRef, Interval)}, and the record takes the goal.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param goalId  the goal the session serves, not blank
     * @param event  where its event lives, not null
     * @param interval  the time the event was written at, not null
     * @return the saved record, status SCHEDULED, not null
     * @throws IllegalStateException if the session is final, or already scheduled at another event or time
     */
    public SessionRecord scheduled(String userId, SessionKey key, String goalId, EventRef event, Interval interval) {
        return scheduled(userId, key, Optional.of(goalId), event, interval);
    }

    private SessionRecord scheduled(String userId, SessionKey key, Optional<String> goalId, EventRef event,
            Interval interval) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(interval, "interval");
        return steps.step(userId, key, "scheduled",
                current -> transitions.scheduled(userId, key, goalId, event, interval, current));
    }

    /**
     * One session of a batch {@link #scheduledAll}: its key, its goal (empty keeps the goal it was proposed for),
     * where its event lives and the time it was written at.
     *
     * @param key  the session key, not null
     * @param goalId  the goal the session serves, empty to keep the recorded one, not null
     * @param event  where its event lives, not null
     * @param interval  the time the event was written at, not null
     */
    public record Scheduling(SessionKey key, Optional<String> goalId, EventRef event, Interval interval) {
        /**
         * Checks the components.
         *
         * @param key  the session key, not null
         * @param goalId  the goal the session serves, empty to keep the recorded one, not null
         * @param event  where its event lives, not null
         * @param interval  the time the event was written at, not null
         */
        public Scheduling {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(goalId, "goalId");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * Records, as {@link #scheduled} does for one, that several sessions were approved and written, with one
     * {@link HistoryStore#saveAll} (one transaction in a store that has them): all records land or none does. A session
     * already scheduled at the same event and time is left as it is.
     *
     * @param userId  the user, not blank
     * @param batch  the sessions, each key at most once, not null
     * @return the records, in the order of the batch, not null
     * @throws IllegalStateException if a session is final, or already scheduled at another event or time; nothing is
     *     saved then
     */
    public List<SessionRecord> scheduledAll(String userId, List<Scheduling> batch) {
        return steps.stepAll(userId, batch, "scheduled", Scheduling::key, (s, current) ->
                transitions.scheduled(userId, s.key(), s.goalId(), s.event(), s.interval(), current));
    }

    /**
     * Records that the library moved a scheduled session because busy time landed on it, with the default reason
     * {@value #BUSY_REASON}.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param from  the session's time before, not null, equal to its recorded time
     * @param to  its new time, not null, different from {@code from}
     * @param cause  the busy interval that forced the move, not null
     * @return the saved record, still SCHEDULED, not null
     * @throws IllegalStateException if the session is not SCHEDULED, or is recorded at a time other than {@code from}
     * @throws IllegalArgumentException if {@code from} equals {@code to}
     */
    public SessionRecord movedByLibrary(String userId, SessionKey key, Interval from, Interval to, BusySource cause) {
        return movedByLibrary(userId, key, from, to, Optional.of(Objects.requireNonNull(cause, "cause")), BUSY_REASON);
    }

    /**
     * Records that the library moved a scheduled session, with an optional cause and a reason.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param from  the session's time before, not null, equal to its recorded time
     * @param to  its new time, not null, different from {@code from}
     * @param cause  the busy interval that forced the move, if any, not null
     * @param reason  a short human-readable reason, not blank, never a secret
     * @return the saved record, still SCHEDULED, not null
     * @throws IllegalStateException if the session is not SCHEDULED, or is recorded at a time other than {@code from}
     * @throws IllegalArgumentException if {@code from} equals {@code to} or the reason is blank
     */
    public SessionRecord movedByLibrary(String userId, SessionKey key, Interval from, Interval to,
            Optional<BusySource> cause, String reason) {
        Objects.requireNonNull(cause, "cause");
        return move(userId, key, from, to, ChangeKind.MOVED, cause, reason, clock.instant());
    }

    /**
     * Records that the person moved a scheduled session in their calendar app. The library respects the new time
     * from then on; the reason recorded is {@value #MOVED_BY_PERSON_REASON}.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param from  the session's time before, not null, equal to its recorded time
     * @param to  the time the person moved it to, not null, different from {@code from}
     * @return the saved record, still SCHEDULED, not null
     * @throws IllegalStateException if the session is not SCHEDULED, or is recorded at a time other than {@code from}
     * @throws IllegalArgumentException if {@code from} equals {@code to}
     */
    public SessionRecord movedByPerson(String userId, SessionKey key, Interval from, Interval to) {
        return move(userId, key, from, to, ChangeKind.MOVED_BY_PERSON, Optional.empty(), MOVED_BY_PERSON_REASON,
                clock.instant());
    }

    /**
     * Settles a session against its event as the calendar holds it now; reconcile calls this for every session it
     * sees, any number of times.
     * <ul>
     * <li>Not SCHEDULED (a proposal, or already final): nothing happens; a session deleted after it was settled stays
     * as it was settled.</li>
     * <li>The event stands at another time: the person moved it, recorded as {@link #movedByPerson}; then the rules
     * below apply to the new time.</li>
     * <li>The event is gone: CANCELLED if the session has not started ({@code now} before its start: deleted before
     * it started), SKIPPED otherwise (deleted while it ran or after it ended: it did not take place).</li>
     * <li>The event stands and the session has ended ({@code now} at or after its end): COMPLETED.</li>
     * <li>Otherwise (the event stands and the session is still ahead or running): nothing more happens.</li>
     * </ul>
     * Changes are stamped with {@code now}.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param eventNow  the session's event as the calendar holds it now, empty if it is gone, not null
     * @param now  the current instant, not null
     * @return the record after settling, not null
     * @throws IllegalStateException if the session has no record
     * @throws IllegalArgumentException if the event belongs to another session key
     */
    public SessionRecord settle(String userId, SessionKey key, Optional<StudyEvent> eventNow, Instant now) {
        Objects.requireNonNull(eventNow, "eventNow");
        Objects.requireNonNull(now, "now");
        eventNow.ifPresent(e -> {
            if (!e.key().equals(key)) {
                throw new IllegalArgumentException("The event " + e.eventId() + " belongs to session '" + e.key()
                        + "', not to session '" + key + "'; pass the event found for this key");
            }
        });
        return steps.step(userId, key, "settled",
                current -> SessionTransitions.settled(userId, key, eventNow, now, current));
    }

    /**
     * Records that the person completed a session, as the host reports it. Also corrects a session settled as
     * SKIPPED, or updates the minutes and note of a COMPLETED one.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param actual  how long the person actually studied, if they said, not null; positive, at most 24 hours
     * @param note  the person's note, if any, not null
     * @return the saved record, status COMPLETED, not null
     * @throws IllegalStateException if the session is not SCHEDULED, COMPLETED or SKIPPED
     * @throws IllegalArgumentException if {@code actual} is zero, negative or over 24 hours
     */
    public SessionRecord markCompleted(String userId, SessionKey key, Optional<Duration> actual, Optional<String> note) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(note, "note");
        actual.ifPresent(a -> {
            if (a.isNegative() || a.isZero() || a.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("The actual study time must be positive and at most 24 hours, but was "
                        + a + " for session '" + key + "'; use markSkipped for a session that did not take place");
            }
        });
        return outcome(userId, key, SessionStatus.COMPLETED, ChangeKind.COMPLETED, actual, note);
    }

    /**
     * Records that the person skipped a session, as the host reports it. Also corrects a session settled as
     * COMPLETED (its actual minutes are cleared), or updates the note of a SKIPPED one.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param note  the person's note, if any, not null
     * @return the saved record, status SKIPPED, not null
     * @throws IllegalStateException if the session is not SCHEDULED, COMPLETED or SKIPPED
     */
    public SessionRecord markSkipped(String userId, SessionKey key, Optional<String> note) {
        Objects.requireNonNull(note, "note");
        return outcome(userId, key, SessionStatus.SKIPPED, ChangeKind.SKIPPED, Optional.empty(), note);
    }

    /**
     * Records that a proposed or scheduled session was dropped: reconcile found no legal slot left, the host
     * discarded a proposal, or the person deleted the event before it started. Cancelling a CANCELLED session does
     * nothing.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param reason  a short human-readable reason, not blank, never a secret
     * @return the saved record, status CANCELLED, not null
     * @throws IllegalStateException if the session has no record, or is COMPLETED or SKIPPED
     */
    public SessionRecord cancelled(String userId, SessionKey key, String reason) {
        return cancelled(userId, key, Optional.empty(), reason);
    }

    /**
     * Records that a proposed or scheduled session was dropped, naming the busy interval that left it no slot.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param cause  the busy interval that forced the drop, if any, not null
     * @param reason  a short human-readable reason, not blank, never a secret
     * @return the saved record, status CANCELLED, not null
     * @throws IllegalStateException if the session has no record, or is COMPLETED or SKIPPED
     */
    public SessionRecord cancelled(String userId, SessionKey key, Optional<BusySource> cause, String reason) {
        Objects.requireNonNull(cause, "cause");
        requireReason(reason);
        return steps.step(userId, key, "cancelled",
                current -> transitions.cancelled(userId, key, cause, reason, current));
    }

    /**
     * Records that a calendar write for a session failed (the provider refused it or answered with something other
     * than what was asked): a {@link ChangeKind#FAILED} change with the reason; status and time stay as they were.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param reason  what was tried and what went wrong, not blank, never a secret
     * @return the saved record, not null
     * @throws IllegalStateException if the session has no record
     */
    public SessionRecord failed(String userId, SessionKey key, String reason) {
        requireReason(reason);
        return steps.step(userId, key, "failed", current -> transitions.failed(userId, key, reason, current));
    }

    /**
     * Finds the record of one session.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @return the record, empty if none
     */
    public Optional<SessionRecord> find(String userId, SessionKey key) {
        return store.find(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(key, "key"));
    }

    @Override
    public String toString() {
        return "SessionLifecycle[" + store + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    private SessionRecord move(String userId, SessionKey key, Interval from, Interval to, ChangeKind kind,
            Optional<BusySource> cause, String reason, Instant at) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        requireReason(reason);
        if (from.equals(to)) {
            throw new IllegalArgumentException("A move of session '" + key + "' must change its time, but from and to"
                    + " are both " + from);
        }
        String verb = kind == ChangeKind.MOVED ? "moved by the library" : "moved by the person";
        return steps.step(userId, key, verb,
                current -> SessionTransitions.moved(userId, key, from, to, kind, cause, reason, at, verb, current));
    }

    private SessionRecord outcome(String userId, SessionKey key, SessionStatus target, ChangeKind kind,
            Optional<Duration> actual, Optional<String> note) {
        String verb = "marked " + target.name().toLowerCase(Locale.ROOT);
        return steps.step(userId, key, verb,
                current -> transitions.outcome(userId, key, target, kind, verb, actual, note, current));
    }

    private static void requireReason(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank; say in a few words why the session changed");
        }
    }
}
