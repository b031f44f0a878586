package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link SyncStateStore} in memory. Thread-safe.
 */
public final class InMemorySyncStateStore implements SyncStateStore {

    private record Key(TokenKey account, String calendarId) {
    }

    private final ConcurrentMap<Key, String> states = new ConcurrentHashMap<>();

    private InMemorySyncStateStore() {
    }

    /** @return a new, empty store */
    public static InMemorySyncStateStore create() {
        return new InMemorySyncStateStore();
    }

    @Override
    public Optional<String> load(TokenKey account, String calendarId) {
        return Optional.ofNullable(states.get(key(account, calendarId)));
    }

    @Override
    public void save(TokenKey account, String calendarId, String state) {
        states.put(key(account, calendarId), Objects.requireNonNull(state, "state"));
    }

    @Override
    public void delete(TokenKey account, String calendarId) {
        states.remove(key(account, calendarId));
    }

    private static Key key(TokenKey account, String calendarId) {
        return new Key(Objects.requireNonNull(account, "account"), Objects.requireNonNull(calendarId, "calendarId"));
    }

    @Override
    public String toString() {
        return "InMemorySyncStateStore[" + states.size() + " calendars]";
    }
}
