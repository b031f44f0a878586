package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link LeaseStore} in memory: enough for several background reconcilers in one JVM; host instances sharing a
 * database use the PostgreSQL lease store. Thread-safe.
 */
public final class InMemoryLeaseStore implements LeaseStore {

    private record Lease(String owner, Instant until) {
    }

    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();

    private InMemoryLeaseStore() {
    }

    /** @return a new store without leases */
    public static InMemoryLeaseStore create() {
        return new InMemoryLeaseStore();
    }

    @Override
    public boolean tryAcquire(String userId, String owner, Instant now, Duration ttl) {
        LeaseStore.requireLease(userId, owner, now, ttl);
        Lease mine = new Lease(owner, now.plus(ttl));
        Lease after = leases.compute(userId, (u, held) ->
                held == null || held.owner().equals(owner) || !held.until().isAfter(now) ? mine : held);
        return after == mine;
    }

    @Override
    public void release(String userId, String owner) {
        LeaseStore.requireHolder(userId, owner);
        leases.computeIfPresent(userId, (u, held) -> held.owner().equals(owner) ? null : held);
    }

    @Override
    public String toString() {
        return "InMemoryLeaseStore[" + leases.size() + " leases]";
    }

}
