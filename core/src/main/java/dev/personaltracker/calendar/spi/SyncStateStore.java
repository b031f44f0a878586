package dev.personaltracker.calendar.spi;

import java.util.Optional;

/**
 * Keeps a provider's incremental-sync state per (account, calendar): an opaque string the provider writes and
 * reads back (for example a Google sync token with its cached events, or a Graph delta link). It may contain
 * tokens, so persistent implementations encrypt it.
 * <p>
 * Implementations must be thread-safe.
 */
public interface SyncStateStore {

    /**
     * @param account  the account, not null
     * @param calendarId  the calendar, not null
     * @return the state saved last, empty if none
     */
    Optional<String> load(TokenKey account, String calendarId);

    /**
     * Saves state, replacing what was there.
     *
     * @param account  the account, not null
     * @param calendarId  the calendar, not null
     * @param state  the opaque state, not null
     */
    void save(TokenKey account, String calendarId, String state);

    /**
     * Forgets state, so that the next read is a full sync.
     *
     * @param account  the account, not null
     * @param calendarId  the calendar, not null
     */
    void delete(TokenKey account, String calendarId);
}
