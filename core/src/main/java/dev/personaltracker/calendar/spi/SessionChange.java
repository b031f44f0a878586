package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recorded step in a study session's life.
 *
 * @param at  when it was recorded, not null
 * @param kind  what happened, not null
 * @param from  the session's time before (for moves), if any
 * @param to  the session's time after (for proposals, schedules and moves), if any
 * @param cause  the busy interval that forced a move or cancellation, if any
 * @param reason  a short human-readable reason, if any (never a secret)
 */
public record SessionChange(Instant at, ChangeKind kind, Optional<Interval> from, Optional<Interval> to,
        Optional<BusySource> cause, Optional<String> reason) {

    /**
     * Validates the components.
     *
     * @param at  when it was recorded, not null
     * @param kind  what happened, not null
     * @param from  the session's time before (for moves), if any
     * @param to  the session's time after (for proposals, schedules and moves), if any
     * @param cause  the busy interval that forced a move or cancellation, if any
     * @param reason  a short human-readable reason, if any (never a secret)
     */
    public SessionChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Obtains a change with only a time and a kind.
     *
     * @param at  when, not null
     * @param kind  what happened, not null
     * @return the change, not null
     */
    public static SessionChange of(Instant at, ChangeKind kind) {
        return new SessionChange(at, kind, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
