package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One move of a scheduled session and why it happened.
 *
 * @param key  the session, not null
 * @param at  when the move was recorded, not null
 * @param from  the session's time before, not null
 * @param to  its time after, not null
 * @param kind  {@link ChangeKind#MOVED} (by the library) or {@link ChangeKind#MOVED_BY_PERSON}, not null
 * @param cause  the busy interval that forced a library move, if known, not null
 * @param reason  the recorded reason, not null
 */
public record SessionMove(SessionKey key, Instant at, Interval from, Interval to, ChangeKind kind,
        Optional<BusySource> cause, String reason) {

    /**
     * Validates the components.
     *
     * @param key  the session, not null
     * @param at  when the move was recorded, not null
     * @param from  the session's time before, not null
     * @param to  its time after, not null
     * @param kind  {@link ChangeKind#MOVED} (by the library) or {@link ChangeKind#MOVED_BY_PERSON}, not null
     * @param cause  the busy interval that forced a library move, if known, not null
     * @param reason  the recorded reason, not null
     */
    public SessionMove {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        if (kind != ChangeKind.MOVED && kind != ChangeKind.MOVED_BY_PERSON) {
            throw new IllegalArgumentException("A move is MOVED or MOVED_BY_PERSON, not " + kind);
        }
    }

    /**
     * Obtains the moves recorded in a session's history, oldest first.
     *
     * @param record  the session's record, not null
     * @return its {@link ChangeKind#MOVED} and {@link ChangeKind#MOVED_BY_PERSON} changes as moves, not null
     */
    public static List<SessionMove> of(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        return record.changes().stream()
                .filter(c -> (c.kind() == ChangeKind.MOVED || c.kind() == ChangeKind.MOVED_BY_PERSON)
                        && c.from().isPresent() && c.to().isPresent())
                .map(c -> of(record.key(), c))
                .toList();
    }

    private static SessionMove of(SessionKey key, SessionChange c) {
        return new SessionMove(key, c.at(), c.from().orElseThrow(), c.to().orElseThrow(), c.kind(), c.cause(),
                c.reason().orElse(c.kind() == ChangeKind.MOVED_BY_PERSON ? SessionLifecycle.MOVED_BY_PERSON_REASON
                        : "moved by the library"));
    }

    /**
     * Checks if the person made this move in their calendar app.
     *
     * @return true for {@link ChangeKind#MOVED_BY_PERSON}
     */
    public boolean byPerson() {
        return kind == ChangeKind.MOVED_BY_PERSON;
    }
}
