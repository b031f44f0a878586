package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BackgroundReconciler} instance's hold on the users it reconciles, in a {@link LeaseStore} that host
 * instances sharing a database share: no two instances reconcile one user at once.
 * <p>
 * Immutable; thread-safe as the store is.
 *
 * @param leases  the store
 * @param owner  this instance's name in the store
 * @param ttl  how long a lease holds if this instance dies mid-run
 */
record UserLease(LeaseStore leases, String owner, Duration ttl) {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconciler.class);

    /** @return true if this instance holds the user's lease now, false if another instance holds it */
    boolean tryAcquire(String userId, Instant now) {
        return leases.tryAcquire(userId, owner, now, ttl);
    }

    /** Gives the user's lease back; if the store fails, logs it and lets the lease lapse. */
    void release(String userId) {
        try {
            leases.release(userId, owner);
        } catch (RuntimeException e) {
            LOG.warn("Could not release the lease of user {}; it lapses after {}", userId, ttl, e);
        }
    }
}
