package dev.personaltracker.calendar.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Leases per user, so that host instances sharing one database never reconcile the same user at the same time: the
 * {@code BackgroundReconciler} of each instance takes a user's lease before it reconciles them and gives it back
 * after. A lease that is not given back (the instance died) lapses at its expiry, and another instance may take it.
 * <p>
 * Implementations must be thread-safe; stores shared by several processes make {@link #tryAcquire} atomic across them.
 */
public interface LeaseStore {

    /**
     * Takes a user's lease if no other owner holds an unexpired one. The same owner taking it again extends it.
     *
     * @param userId  the user, not blank
     * @param owner  who takes it (one id per host instance), not blank
     * @param now  the current time, not null
     * @param ttl  how long the lease holds if it is not released, positive, not null
     * @return true if the lease is now the owner's until {@code now + ttl}, false if another owner holds it
     */
    boolean tryAcquire(String userId, String owner, Instant now, Duration ttl);

    /**
     * Gives a lease back. Does nothing if the owner does not hold it (it lapsed and another owner took it).
     *
     * @param userId  the user, not blank
     * @param owner  who took it, not blank
     */
    void release(String userId, String owner);

    /**
     * Checks the arguments of {@link #tryAcquire}; for implementations.
     *
     * @param userId  the user, not blank
     * @param owner  the taker, not blank
     * @param now  the time, not null
     * @param ttl  how long the lease lasts, positive, not null
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a name is blank or the ttl is not positive
     */
    static void requireLease(String userId, String owner, Instant now, Duration ttl) {
        requireHolder(userId, owner);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, but was " + ttl);
        }
    }

    /**
     * Checks the arguments of {@link #release}; for implementations.
     *
     * @param userId  the user, not blank
     * @param owner  the holder, not blank
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if one is blank
     */
    static void requireHolder(String userId, String owner) {
        UserIds.require(userId);
        Require.nonBlank(owner, "owner");
    }
}
