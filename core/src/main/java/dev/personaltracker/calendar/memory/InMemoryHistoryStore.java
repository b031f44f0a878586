package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A {@link HistoryStore} in memory. Thread-safe.
 */
public final class InMemoryHistoryStore implements HistoryStore {

    private record Key(String userId, SessionKey key) {
    }

    /** Sort order of query results: by start, then by key. */
    private static final Comparator<SessionRecord> ORDER =
            Comparator.comparing((SessionRecord r) -> r.interval().start()).thenComparing(r -> r.key().value());

    private final ConcurrentMap<Key, SessionRecord> records = new ConcurrentHashMap<>();

    private InMemoryHistoryStore() {
    }

    /** @return a new, empty store */
    public static InMemoryHistoryStore create() {
        return new InMemoryHistoryStore();
    }

    @Override
    public void save(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        records.put(new Key(record.userId(), record.key()), record);
    }

    @Override
    public Optional<SessionRecord> find(String userId, SessionKey key) {
        return Optional.ofNullable(records.get(new Key(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(key, "key"))));
    }

    @Override
    public List<SessionRecord> query(String userId, Interval range) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(range, "range");
        return records.values().stream()
                .filter(r -> r.userId().equals(userId) && r.interval().overlaps(range))
                .sorted(ORDER)
                .toList();
    }

    @Override
    public boolean delete(String userId, SessionKey key) {
        return records.remove(new Key(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(key, "key"))) != null;
    }

    @Override
    public java.util.Set<String> usersWithScheduledSessions(Interval range) {
        Objects.requireNonNull(range, "range");
        return records.values().stream()
                .filter(r -> r.status() == dev.personaltracker.calendar.spi.SessionStatus.SCHEDULED && r.interval().overlaps(range))
                .map(SessionRecord::userId)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * {@inheritDoc}
     * <p>
     * Atomic ({@link ConcurrentMap#compute}); the transition runs once.
     */
    @Override
    public SessionRecord update(String userId, SessionKey key, Function<Optional<SessionRecord>, SessionRecord> transition) {
        Objects.requireNonNull(transition, "transition");
        Key id = new Key(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(key, "key"));
        return records.compute(id, (k, current) -> HistoryStore.requireSameRecord(userId, key, transition.apply(Optional.ofNullable(current))));
    }

    @Override
    public String toString() {
        return "InMemoryHistoryStore[" + records.size() + " records]";
    }
}
