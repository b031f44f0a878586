package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.time.Interval;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A {@link HistoryStore} in memory. Thread-safe.
 */
public final class InMemoryHistoryStore implements HistoryStore {

    /** Sort order of query results: by start, then by key. */
    private static final Comparator<SessionRecord> ORDER =
            Comparator.comparing((SessionRecord r) -> r.interval().start()).thenComparing(r -> r.key().value());

    /** Per user, so that a query looks at that user's records only (not every user's). */
    private final ConcurrentMap<String, ConcurrentMap<SessionKey, SessionRecord>> records = new ConcurrentHashMap<>();

    private InMemoryHistoryStore() {
    }

    /** @return a new, empty store */
    public static InMemoryHistoryStore create() {
        return new InMemoryHistoryStore();
    }

    @Override
    public void save(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        of(record.userId()).put(record.key(), record);
    }

    @Override
    public Optional<SessionRecord> find(String userId, SessionKey key) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(existing(userId).get(key));
    }

    @Override
    public List<SessionRecord> query(String userId, Interval range) {
        UserIds.require(userId);
        Objects.requireNonNull(range, "range");
        return existing(userId).values().stream()
                .filter(r -> r.interval().overlaps(range))
                .sorted(ORDER)
                .toList();
    }

    @Override
    public boolean delete(String userId, SessionKey key) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        Map<SessionKey, SessionRecord> own = records.get(userId);
        return own != null && own.remove(key) != null;
    }

    @Override
    public java.util.Set<String> usersWithScheduledSessions(Interval range) {
        Objects.requireNonNull(range, "range");
        return records.values().stream().flatMap(own -> own.values().stream())
                .filter(r -> HistoryStore.scheduledDuring(r, range))
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
        UserIds.require(userId);
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(key, "key");
        return of(userId).compute(key, (k, current) -> HistoryStore.requireSameRecord(userId, key, transition.apply(Optional.ofNullable(current))));
    }

    @Override
    public String toString() {
        return "InMemoryHistoryStore[" + records.values().stream().mapToInt(Map::size).sum() + " records]";
    }

    private Map<SessionKey, SessionRecord> existing(String userId) {
        Map<SessionKey, SessionRecord> own = records.get(userId);
        return own != null ? own : Map.of();
    }

    private ConcurrentMap<SessionKey, SessionRecord> of(String userId) {
        return records.computeIfAbsent(userId, u -> new ConcurrentHashMap<>());
    }
}
