package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.util.Optional;

/**
 * Records each step of a session's life in the {@link HistoryStore}, stamped with the tracker's clock. Every method
 * saves and returns the new record; its last change is the step just recorded.
 */
final class SessionHistory {

    private final HistoryStore store;
    private final Clock clock;

    SessionHistory(HistoryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    HistoryStore store() {
        return store;
    }

    SessionRecord proposed(String userId, SessionKey key, Interval interval) {
        return save(SessionRecord.proposed(userId, key, interval, clock.instant()));
    }

    SessionRecord scheduled(SessionRecord record, EventRef event, Interval at) {
        SessionChange change = change(ChangeKind.SCHEDULED, Optional.empty(), Optional.of(at), Optional.empty(), Optional.empty());
        return save(record.with(change, at, SessionStatus.SCHEDULED).withEvent(event));
    }

    SessionRecord movedByLibrary(SessionRecord record, Interval to, Optional<BusySource> cause, String reason) {
        SessionChange change = change(ChangeKind.MOVED, Optional.of(record.interval()), Optional.of(to), cause, Optional.of(reason));
        return save(record.with(change, to, SessionStatus.SCHEDULED));
    }

    SessionRecord movedByPerson(SessionRecord record, Interval to) {
        SessionChange change = change(ChangeKind.MOVED_BY_PERSON, Optional.of(record.interval()), Optional.of(to),
                Optional.empty(), Optional.of("moved by the person in their calendar app"));
        return save(record.with(change, to, SessionStatus.SCHEDULED));
    }

    SessionRecord completed(SessionRecord record, String reason) {
        SessionChange change = change(ChangeKind.COMPLETED, Optional.empty(), Optional.of(record.interval()),
                Optional.empty(), Optional.of(reason));
        return save(record.with(change, record.interval(), SessionStatus.COMPLETED));
    }

    SessionRecord skipped(SessionRecord record, String reason) {
        SessionChange change = change(ChangeKind.SKIPPED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(reason));
        return save(record.with(change, record.interval(), SessionStatus.SKIPPED));
    }

    SessionRecord cancelled(SessionRecord record, Optional<BusySource> cause, String reason) {
        SessionChange change = change(ChangeKind.CANCELLED, Optional.of(record.interval()), Optional.empty(), cause, Optional.of(reason));
        return save(record.with(change, record.interval(), SessionStatus.CANCELLED));
    }

    private SessionChange change(ChangeKind kind, Optional<Interval> from, Optional<Interval> to,
            Optional<BusySource> cause, Optional<String> reason) {
        return new SessionChange(clock.instant(), kind, from, to, cause, reason);
    }

    private SessionRecord save(SessionRecord record) {
        store.save(record);
        return record;
    }

    /** Checks if the person ever moved the session themselves: such a session is never moved by the library. */
    static boolean placedByPerson(SessionRecord record) {
        return record.changes().stream().anyMatch(c -> c.kind() == ChangeKind.MOVED_BY_PERSON);
    }

    /** Gets the last change of a record (every record has at least its proposal). */
    static SessionChange last(SessionRecord record) {
        return record.changes().get(record.changes().size() - 1);
    }
}
