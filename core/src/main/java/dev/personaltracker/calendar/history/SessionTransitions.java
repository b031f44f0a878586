package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The state machine of {@link SessionLifecycle}: for each step, the record it makes of a session's current record
 * ({@code null} when there is none yet), or the {@link IllegalStateException} that refuses it. Each function returns
 * {@code current} itself for a no-op, and has no side effects, so a store may apply it again after a conflict.
 * Changes are stamped with the clock, except those of {@link #settled}, stamped with the {@code now} it is given.
 * <p>
 * Immutable; thread-safe.
 *
 * @param clock  the clock that stamps changes
 */
record SessionTransitions(Clock clock) {

    /** Marks "no record yet" in error messages and log lines. */
    static final String NONE = "NONE";

    SessionRecord proposed(String userId, SessionKey key, String goalId, Interval interval, SessionRecord current) {
        if (current == null) {
            return SessionRecord.proposed(userId, key, goalId, interval, clock.instant());
        }
        require(userId, key, current, "PROPOSED", "proposed", SessionStatus.PROPOSED);
        if (current.interval().equals(interval)) {
            return current.goalId().equals(goalId) ? current : current.withGoal(goalId);
        }
        SessionChange change = new SessionChange(clock.instant(), ChangeKind.PROPOSED,
                Optional.of(current.interval()), Optional.of(interval), Optional.empty(), Optional.empty());
        return current.with(change, interval, SessionStatus.PROPOSED).withGoal(goalId);
    }

    SessionRecord scheduled(String userId, SessionKey key, Optional<String> goalId, EventRef event,
            Interval interval, SessionRecord current) {
        SessionChange change = new SessionChange(clock.instant(), ChangeKind.SCHEDULED, Optional.empty(),
                Optional.of(interval), Optional.empty(), Optional.empty());
        if (current == null) {
            return new SessionRecord(userId, key, interval, SessionStatus.SCHEDULED, Optional.of(event),
                    List.of(change), Optional.empty(), Optional.empty(), goalId.orElse(SessionRecord.DEFAULT_GOAL_ID));
        }
        if (current.status() == SessionStatus.SCHEDULED
                && current.event().equals(Optional.of(event)) && current.interval().equals(interval)) {
            return current;
        }
        require(userId, key, current, "SCHEDULED", "scheduled", SessionStatus.PROPOSED);
        return current.with(change, interval, SessionStatus.SCHEDULED).withEvent(event)
                .withGoal(goalId.orElse(current.goalId()));
    }

    static SessionRecord moved(String userId, SessionKey key, Interval from, Interval to, ChangeKind kind,
            Optional<BusySource> cause, String reason, Instant at, String verb, SessionRecord current) {
        require(userId, key, current, "SCHEDULED", verb, SessionStatus.SCHEDULED);
        if (!current.interval().equals(from)) {
            throw new IllegalStateException("Session '" + key + "' of user '" + userId + "' is recorded at "
                    + current.interval() + ", not at " + from + "; record the earlier move first");
        }
        return current.with(moveChange(at, kind, from, to, cause, reason), to, SessionStatus.SCHEDULED);
    }

    static SessionRecord settled(String userId, SessionKey key, Optional<StudyEvent> eventNow, Instant now,
            SessionRecord current) {
        if (current == null) {
            throw illegal(userId, key, NONE, "a settled state", "settled", "record it as scheduled first");
        }
        if (current.status() != SessionStatus.SCHEDULED) {
            return current;
        }
        SessionRecord record = current;
        if (eventNow.isPresent() && !eventNow.get().interval().equals(record.interval())) {
            Interval to = eventNow.get().interval();
            record = record.with(moveChange(now, ChangeKind.MOVED_BY_PERSON, record.interval(), to,
                    Optional.empty(), SessionLifecycle.MOVED_BY_PERSON_REASON), to, SessionStatus.SCHEDULED);
        }
        Interval at = record.interval();
        if (eventNow.isEmpty()) {
            return now.isBefore(at.start())
                    ? record.with(reasoned(now, ChangeKind.CANCELLED, SessionLifecycle.DELETED_BEFORE_START), at,
                            SessionStatus.CANCELLED)
                    : record.with(reasoned(now, ChangeKind.SKIPPED, SessionLifecycle.DELETED), at,
                            SessionStatus.SKIPPED);
        }
        if (!now.isBefore(at.end())) {
            return record.with(reasoned(now, ChangeKind.COMPLETED, SessionLifecycle.STOOD), at,
                    SessionStatus.COMPLETED);
        }
        return record;
    }

    SessionRecord outcome(String userId, SessionKey key, SessionStatus target, ChangeKind kind, String verb,
            Optional<Duration> actual, Optional<String> note, SessionRecord current) {
        require(userId, key, current, target.name(), verb,
                SessionStatus.SCHEDULED, SessionStatus.COMPLETED, SessionStatus.SKIPPED);
        SessionChange change = new SessionChange(clock.instant(), kind, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(verb + " by the host"));
        return current.with(change, current.interval(), target).withOutcome(actual, note);
    }

    SessionRecord cancelled(String userId, SessionKey key, Optional<BusySource> cause, String reason,
            SessionRecord current) {
        if (current != null && current.status() == SessionStatus.CANCELLED) {
            return current;
        }
        require(userId, key, current, "CANCELLED", "cancelled", SessionStatus.PROPOSED, SessionStatus.SCHEDULED);
        SessionChange change = new SessionChange(clock.instant(), ChangeKind.CANCELLED, Optional.empty(),
                Optional.empty(), cause, Optional.of(reason));
        return current.with(change, current.interval(), SessionStatus.CANCELLED);
    }

    SessionRecord failed(String userId, SessionKey key, String reason, SessionRecord current) {
        if (current == null) {
            throw new IllegalStateException("Session " + key.value() + " of user '" + userId
                    + "' has no record; a failed write cannot be recorded for it");
        }
        return current.with(reasoned(clock.instant(), ChangeKind.FAILED, reason), current.interval(),
                current.status());
    }

    private static SessionChange moveChange(Instant at, ChangeKind kind, Interval from, Interval to,
            Optional<BusySource> cause, String reason) {
        return new SessionChange(at, kind, Optional.of(from), Optional.of(to), cause, Optional.of(reason));
    }

    private static SessionChange reasoned(Instant at, ChangeKind kind, String reason) {
        return new SessionChange(at, kind, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(reason));
    }

    private static void require(String userId, SessionKey key, SessionRecord current, String target, String verb,
            SessionStatus... allowed) {
        String state = current == null ? NONE : current.status().name();
        for (SessionStatus s : allowed) {
            if (current != null && current.status() == s) {
                return;
            }
        }
        String hint = current == null ? "record it as proposed or scheduled first"
                : "legal only from " + Arrays.toString(allowed);
        throw illegal(userId, key, state, target, verb, hint);
    }

    private static IllegalStateException illegal(String userId, SessionKey key, String from, String to, String verb,
            String hint) {
        return new IllegalStateException("Session '" + key + "' of user '" + userId + "' cannot be " + verb
                + ": it would go from " + from + " to " + to + " (" + hint + ")");
    }
}
