package dev.personaltracker.calendar.storage.postgres;

import dev.personaltracker.calendar.spi.LeaseStore;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link LeaseStore} on PostgreSQL: one row per leased user in the table {@code leases}. Taking a lease is one
 * atomic {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} statement, which succeeds only if no row exists, the row is
 * the same owner's, or its lease has lapsed; so host instances sharing the database never both hold one user's lease.
 * The times come from the caller's clock: keep the instances' clocks in sync (NTP) to within a small part of the lease
 * time. Obtain it from {@link PostgresStores}. Thread-safe.
 */
public final class PostgresLeaseStore implements LeaseStore {

    private final Database db;
    private final String acquire;
    private final String release;

    PostgresLeaseStore(Database db) {
        this.db = db;
        String table = db.table("leases");
        this.acquire = "INSERT INTO " + table + " (user_id, owner, expires_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (user_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at"
                + " WHERE " + table + ".owner = excluded.owner OR " + table + ".expires_at <= ?";
        this.release = "DELETE FROM " + table + " WHERE user_id = ? AND owner = ?";
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be reached
     */
    @Override
    public boolean tryAcquire(String userId, String owner, Instant now, Duration ttl) {
        LeaseStore.requireLease(userId, owner, now, ttl);
        return db.run("take the lease of user '" + userId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement(acquire)) {
                s.setString(1, userId);
                s.setString(2, owner);
                s.setTimestamp(3, Timestamp.from(now.plus(ttl)));
                s.setTimestamp(4, Timestamp.from(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws PostgresStoreException if the database cannot be reached
     */
    @Override
    public void release(String userId, String owner) {
        LeaseStore.requireHolder(userId, owner);
        db.run("give back the lease of user '" + userId + "'", c -> {
            try (PreparedStatement s = c.prepareStatement(release)) {
                s.setString(1, userId);
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    /** @return the table, never a user */
    @Override
    public String toString() {
        return "PostgresLeaseStore[" + db.table("leases") + "]";
    }
}
