package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the end of a {@link BackgroundReconciler}'s run of one user means: it moves the user's {@link UserSchedule}
 * on (next poll, back-off, waiting for re-authorization), logs a failure and tells the {@link ReconcileListener}. A
 * failing listener is logged and never stops the reconciler.
 * <p>
 * Immutable; thread-safe when the listener is (each user's schedule is updated atomically).
 *
 * @param clock  the clock that times the outcome of a reconcile
 * @param listener  the host's listener of each outcome
 * @param interval  how often each user is polled
 * @param fullPollEvery  how often a user who needs re-authorization is retried
 */
record RunOutcomes(Clock clock, ReconcileListener listener, Duration interval, Duration fullPollEvery) {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconciler.class);

    /**
     * A run reconciled the user: the next poll is an interval after its start.
     *
     * @param now  when the run started
     */
    void reconciled(String userId, UserSchedule s, Instant now, ReconcileReport report) {
        s.succeeded(now, interval);
        tell(new ReconcileOutcome(userId, clock.instant(), ReconcileOutcome.Status.RECONCILED, Optional.of(report),
                Optional.empty(), Optional.empty()));
    }

    /**
     * A run failed: a grant that needs re-authorization is reported once and retried every {@code fullPollEvery};
     * any other failure is reported with when the user is tried again (see {@link UserSchedule#failed}).
     *
     * @param now  when it failed
     * @param wasDirty  whether the run had taken a pending change over
     */
    void failed(String userId, UserSchedule s, Instant now, RuntimeException e, boolean wasDirty) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof ReauthorizationRequiredException) {
            if (s.needsReauthorization(now, interval, fullPollEvery)) {
                LOG.info("User {} needs to authorize again; background reconcile waits for them", userId);
                tell(new ReconcileOutcome(userId, now, ReconcileOutcome.Status.REAUTHORIZATION_REQUIRED, Optional.empty(),
                        Optional.of(reason), Optional.empty()));
            }
            return;
        }
        Instant retryAt = s.failed(now, e, wasDirty, interval);
        LOG.warn("Background reconcile of user {} failed ({}); retrying at {}", userId, reason, retryAt);
        tell(new ReconcileOutcome(userId, now, ReconcileOutcome.Status.FAILED, Optional.empty(), Optional.of(reason),
                Optional.of(retryAt)));
    }

    private void tell(ReconcileOutcome outcome) {
        try {
            listener.onOutcome(outcome);
        } catch (RuntimeException e) {
            LOG.warn("The reconcile listener failed on the outcome of user {}", outcome.userId(), e);
        }
    }
}
