package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.ChangeKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one background run did for one user ({@link BackgroundReconciler}), as its {@link ReconcileListener} hears it.
 *
 * @param userId  the user, not null
 * @param at  when the run ended, not null
 * @param status  how it went, not null
 * @param report  what reconcile found and did, present when {@code status} is {@link Status#RECONCILED}
 * @param reason  why it failed (the exception's type and message, which name no secret), present otherwise
 * @param retryAt  when the user is tried again after a failure (back-off), if known
 */
public record ReconcileOutcome(String userId, Instant at, Status status, Optional<ReconcileReport> report,
        Optional<String> reason, Optional<Instant> retryAt) {

    /** How a run went for one user. */
    public enum Status {
        /** Reconcile ran; the report says what moved, was dropped or settled (maybe nothing). */
        RECONCILED,
        /** Reconcile failed (the service was unavailable or throttled, the account is not connected...). */
        FAILED,
        /**
         * The user's grant needs re-authorization: reported once; the user is tried again only rarely until they
         * connect again, or the host calls {@link BackgroundReconciler#resume(String)}.
         */
        REAUTHORIZATION_REQUIRED
    }

    /**
     * Validates the components.
     *
     * @param userId  the user, not null
     * @param at  when the run ended, not null
     * @param status  how it went, not null
     * @param report  the report, present when reconciled
     * @param reason  why it failed, present otherwise
     * @param retryAt  when the user is tried again, if known
     */
    public ReconcileOutcome {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAt, "retryAt");
        if (report.isPresent() != (status == Status.RECONCILED)) {
            throw new IllegalArgumentException("a report comes with RECONCILED only, but status was " + status);
        }
    }

    /** @return the sessions moved because busy time or the rules ruled out their time, not null */
    public List<SessionUpdate> moved() {
        return report.map(r -> r.updates(ChangeKind.MOVED)).orElse(List.of());
    }

    /** @return the sessions dropped (cancelled) because no slot was left or their event was deleted, not null */
    public List<SessionUpdate> dropped() {
        return report.map(r -> r.updates(ChangeKind.CANCELLED)).orElse(List.of());
    }

    /** @return the past sessions settled as completed or skipped, not null */
    public List<SessionUpdate> settled() {
        return report.map(r -> {
            List<SessionUpdate> done = new java.util.ArrayList<>(r.updates(ChangeKind.COMPLETED));
            done.addAll(r.updates(ChangeKind.SKIPPED));
            return List.copyOf(done);
        }).orElse(List.of());
    }
}
