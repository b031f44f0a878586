package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * One user's place in a {@link BackgroundReconciler}: when they are polled next, whether a notification marked them
 * changed, whether a run is queued or running, their back-off and whether their grant needs re-authorization. Every
 * method is one atomic step (synchronized on this object).
 */
final class UserSchedule {

    private Instant nextPollAt;
    private Instant lastRunAt = Instant.MIN;
    private Instant backoffUntil = Instant.MIN;
    private int failures;
    private boolean needsReauth;
    private Instant reauthRetryAt = Instant.MIN;
    private boolean dirty;
    private boolean queued;
    private boolean running;

    UserSchedule(Instant nextPollAt) {
        this.nextPollAt = nextPollAt;
    }

    /** @return true if nothing is pending for the user, so they may be forgotten when no longer listed */
    synchronized boolean idle() {
        return !dirty && !queued && !needsReauth;
    }

    /**
     * Records a change notification.
     *
     * @return false if a queued run that has not started absorbs it, true if the user is marked changed
     */
    synchronized boolean changed() {
        if (queued && !running) {
            return false;
        }
        dirty = true;
        return true;
    }

    /** Takes the user out of back-off and re-authorization and marks them changed. */
    synchronized void resume() {
        needsReauth = false;
        failures = 0;
        backoffUntil = Instant.MIN;
        dirty = true;
    }

    /**
     * Marks the user queued if a run is due now.
     *
     * @param covered  whether push channels cover every calendar of the user
     * @return true if the caller must dispatch a run
     */
    synchronized boolean claimIfDue(Instant now, BooleanSupplier covered, Duration interval, Duration fullPollEvery) {
        if (queued || now.isBefore(backoffUntil)) {
            return false;
        }
        boolean due;
        if (needsReauth) {
            due = !now.isBefore(reauthRetryAt);
        } else if (dirty) {
            due = true;
        } else if (now.isBefore(nextPollAt)) {
            due = false;
        } else if (covered.getAsBoolean() && now.isBefore(lastRunAt.plus(fullPollEvery))) {
            nextPollAt = now.plus(interval);   // nothing reported a change: skip this poll
            due = false;
        } else {
            due = true;
        }
        queued = due;
        return due;
    }

    /** A queued run could not be handed to the executor. */
    synchronized void rejected() {
        queued = false;
    }

    /**
     * A run starts: it takes the pending change over.
     *
     * @return whether the user was marked changed
     */
    synchronized boolean start() {
        boolean was = dirty;
        dirty = false;
        running = true;
        return was;
    }

    /** A run that did not reconcile (busy provider, lease held elsewhere) gives a pending change back. */
    synchronized void keepChanged(boolean wasDirty) {
        dirty |= wasDirty;
    }

    /** A run ended, however it went. */
    synchronized void finished() {
        running = false;
        queued = false;
    }

    synchronized void succeeded(Instant now, Duration interval) {
        failures = 0;
        needsReauth = false;
        backoffUntil = Instant.MIN;
        lastRunAt = now;
        nextPollAt = now.plus(interval);
    }

    /**
     * The grant needs re-authorization: retried only after {@code fullPollEvery}.
     *
     * @return true the first time, so that it is reported once
     */
    synchronized boolean needsReauthorization(Instant now, Duration interval, Duration fullPollEvery) {
        boolean first = !needsReauth;
        needsReauth = true;
        reauthRetryAt = now.plus(fullPollEvery);
        nextPollAt = now.plus(interval);
        return first;
    }

    /**
     * A run failed otherwise: a throttled or unavailable service backs off (as long as it asked, else 1, 2, 4 … 60
     * minutes) and keeps the pending change; any other failure waits for the next poll.
     *
     * @return when the user is tried again
     */
    synchronized Instant failed(Instant now, RuntimeException e, boolean wasDirty, Duration interval) {
        if (!(e instanceof ProviderUnavailableException)) {
            nextPollAt = now.plus(interval);
            return nextPollAt;
        }
        failures++;
        Duration wait = Duration.ofMinutes(1).multipliedBy(1L << Math.min(failures - 1, 6));
        if (wait.compareTo(Duration.ofHours(1)) > 0) {
            wait = Duration.ofHours(1);
        }
        if (e instanceof RateLimitedException limited && limited.retryAfter().isPresent()
                && limited.retryAfter().get().compareTo(wait) > 0) {
            wait = limited.retryAfter().get();
        }
        backoffUntil = now.plus(wait);
        dirty |= wasDirty;
        return backoffUntil;
    }
}
