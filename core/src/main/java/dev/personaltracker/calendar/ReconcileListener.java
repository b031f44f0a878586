package dev.personaltracker.calendar;

/**
 * Hears the outcome of each background run per user, for example to tell a person "Your 19:00 session moved to
 * 21:00: 'Client call' landed on it". Called on the reconciler's worker threads; an exception it throws is logged and
 * does not stop the reconciler.
 */
@FunctionalInterface
public interface ReconcileListener {

    /**
     * Receives one user's outcome.
     *
     * @param outcome  the outcome, not null
     */
    void onOutcome(ReconcileOutcome outcome);
}
