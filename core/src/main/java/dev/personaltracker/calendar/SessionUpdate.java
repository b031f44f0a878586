package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import java.util.Objects;

/**
 * One change that {@link UserTracker#reconcile} made to, or recorded for, one study session: moved because busy
 * time landed on it, moved by the person, completed, skipped or cancelled. The same change is in the session's
 * history.
 *
 * @param key  the session, not null
 * @param change  what happened, with from/to times and the busy source that caused it, not null
 */
public record SessionUpdate(SessionKey key, SessionChange change) {

    /**
     * Validates the components.
     *
     * @param change  what happened, with from/to times and the busy source that caused it, not null
     * @param key  the session, not null
     */
    public SessionUpdate {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(change, "change");
    }

    /**
     * Gets the kind of change.
     *
     * @return the kind, not null
     */
    public ChangeKind kind() {
        return change.kind();
    }
}
