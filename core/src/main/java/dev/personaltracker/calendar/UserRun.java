package dev.personaltracker.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run of one user in a {@link BackgroundReconciler}, on a worker: it takes over the user's pending change, a
 * permit of each of the user's providers and the user's lease, reconciles the window, hands the outcome to {@link
 * RunOutcomes}, and gives back what it took. A run that cannot go on (reconciler closed, provider busy, lease held by
 * another instance) gives the pending change back for a later run.
 * <p>
 * Thread-safe: it keeps no state of its own between runs; the user's {@link UserSchedule} keeps their state.
 */
final class UserRun {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconciler.class);

    private final ReconcileTarget target;
    private final Clock clock;
    private final UserRoster roster;
    private final ProviderPermits permits;
    private final UserLease lease;
    private final RunOutcomes outcomes;
    private final BooleanSupplier closed;

    /** @param closed  whether the reconciler is closed, asked as a run starts */
    UserRun(ReconcileTarget target, Clock clock, UserRoster roster, ProviderPermits permits, UserLease lease,
            RunOutcomes outcomes, BooleanSupplier closed) {
        this.target = target;
        this.clock = clock;
        this.roster = roster;
        this.permits = permits;
        this.lease = lease;
        this.outcomes = outcomes;
        this.closed = closed;
    }

    /** Runs one user: never throws for a failure of the user's reconcile, only reports it. */
    void run(String userId) {
        UserSchedule s = roster.forRun(userId);
        boolean wasDirty = s.start();
        List<Semaphore> held = new ArrayList<>();
        boolean leased = false;
        try {
            if (closed.getAsBoolean()) {
                s.keepChanged(wasDirty);
                return;
            }
            Instant now = clock.instant();
            if (!permits.tryAcquire(userId, new TreeSet<>(target.providerIds(userId)), held)) {
                s.keepChanged(true);
                return;
            }
            if (!lease.tryAcquire(userId, now)) {
                LOG.debug("Another instance holds the lease of user {}; it reconciles them", userId);
                s.keepChanged(wasDirty);
                return;
            }
            leased = true;
            reconcile(userId, s, now, wasDirty);
        } catch (RuntimeException e) {
            // listing the user's providers failed
            outcomes.failed(userId, s, clock.instant(), e, wasDirty);
        } finally {
            if (leased) {
                lease.release(userId);
            }
            held.forEach(Semaphore::release);
            s.finished();
        }
    }

    private void reconcile(String userId, UserSchedule s, Instant now, boolean wasDirty) {
        ReconcileReport report;
        try {
            report = target.reconcile(userId, roster.window(now));
        } catch (RuntimeException e) {
            outcomes.failed(userId, s, clock.instant(), e, wasDirty);
            return;
        }
        outcomes.reconciled(userId, s, now, report);
    }
}
