package dev.personaltracker.calendar;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link UserTracker#freeTime}, {@link UserTracker#propose} and {@link UserTracker#reconcile} do when some of a
 * person's accounts cannot be read (the service is down, hangs past the read deadline, answers garbage): the host
 * chooses, with {@link StudyTracker.Builder#partialReads}.
 * <ul>
 * <li>{@link #snapshots(Duration)} (the default, with 24 hours): plan on the accounts read and, for each failed one,
 *     on its last synced busy time if the provider keeps one no older than the limit; otherwise refuse;</li>
 * <li>{@link #refuse()}: refuse as soon as one account fails;</li>
 * <li>{@link #planOverUnknown(Duration)}: like {@code snapshots}, but an account with no recent snapshot is planned
 *     over as if it had no busy time. The {@link ReadReport} then names it as {@link AccountRead.Source#UNKNOWN}:
 *     time whose busy state is unknown is never planned over without saying so.</li>
 * </ul>
 * Refusing throws {@link PartialReadException}, which lists every account and why it failed.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class PartialReadPolicy {

    /** The default age limit of a snapshot: 24 hours. */
    public static final Duration DEFAULT_MAX_SNAPSHOT_AGE = Duration.ofHours(24);

    private static final PartialReadPolicy REFUSE = new PartialReadPolicy(Duration.ZERO, false);

    private final Duration maxSnapshotAge;
    private final boolean planOverUnknown;

    private PartialReadPolicy(Duration maxSnapshotAge, boolean planOverUnknown) {
        this.maxSnapshotAge = maxSnapshotAge;
        this.planOverUnknown = planOverUnknown;
    }

    /**
     * Obtains the default policy: snapshots up to {@link #DEFAULT_MAX_SNAPSHOT_AGE} old, else refuse.
     *
     * @return the policy, not null
     */
    public static PartialReadPolicy defaults() {
        return snapshots(DEFAULT_MAX_SNAPSHOT_AGE);
    }

    /**
     * Obtains a policy that plans on a failed account's last synced busy time when it is at most {@code maxAge} old,
     * and refuses otherwise (no snapshot, too old, or of an age the provider cannot tell).
     *
     * @param maxAge  the oldest snapshot to plan on, positive, not null
     * @return the policy, not null
     * @throws IllegalArgumentException if {@code maxAge} is zero or negative
     */
    public static PartialReadPolicy snapshots(Duration maxAge) {
        return new PartialReadPolicy(positive(maxAge), false);
    }

    /**
     * Obtains a policy that refuses whenever an account cannot be read now, snapshots or not.
     *
     * @return the policy, not null
     */
    public static PartialReadPolicy refuse() {
        return REFUSE;
    }

    /**
     * Obtains a policy that plans on snapshots up to {@code maxAge} old, and over a failed account without one as if
     * it had no busy time, reporting that account as {@link AccountRead.Source#UNKNOWN}.
     *
     * @param maxAge  the oldest snapshot to plan on, positive, not null
     * @return the policy, not null
     * @throws IllegalArgumentException if {@code maxAge} is zero or negative
     */
    public static PartialReadPolicy planOverUnknown(Duration maxAge) {
        return new PartialReadPolicy(positive(maxAge), true);
    }

    /**
     * Gets the oldest snapshot this policy plans on.
     *
     * @return the age limit, zero when snapshots are never used, not null
     */
    public Duration maxSnapshotAge() {
        return maxSnapshotAge;
    }

    /**
     * Checks if a failed account without a usable snapshot is planned over instead of refused.
     *
     * @return true if such time is planned over (and reported as unknown)
     */
    public boolean plansOverUnknown() {
        return planOverUnknown;
    }

    boolean accepts(Duration snapshotAge) {
        return !snapshotAge.isNegative() && snapshotAge.compareTo(maxSnapshotAge) <= 0 && !maxSnapshotAge.isZero();
    }

    private static Duration positive(Duration maxAge) {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive, but was " + maxAge
                    + "; use PartialReadPolicy.refuse() to plan on fresh reads only");
        }
        return maxAge;
    }

    /** @return the policy in words */
    @Override
    public String toString() {
        if (maxSnapshotAge.isZero()) {
            return "PartialReadPolicy[refuse]";
        }
        return "PartialReadPolicy[snapshots up to " + maxSnapshotAge + (planOverUnknown ? ", else plan over unknown"
                : ", else refuse") + "]";
    }

    /**
     * Compares by rules.
     *
     * @param o  another object
     * @return true for a policy with the same rules
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PartialReadPolicy p && p.maxSnapshotAge.equals(maxSnapshotAge)
                && p.planOverUnknown == planOverUnknown;
    }

    /** @return a hash of the rules */
    @Override
    public int hashCode() {
        return Objects.hash(maxSnapshotAge, planOverUnknown);
    }
}
