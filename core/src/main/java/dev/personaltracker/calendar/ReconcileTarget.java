package dev.personaltracker.calendar;

import dev.personaltracker.calendar.time.Interval;
import java.util.Set;

/**
 * What a {@link BackgroundReconciler} reconciles: by default the users of a {@link StudyTracker}
 * ({@link #of(StudyTracker)}); a host may wrap it (metrics, tracing), and load tests replace it.
 */
public interface ReconcileTarget {

    /**
     * Names the providers a user's calendars live at, so that the reconciler can bound how many runs each provider
     * serves at once.
     *
     * @param userId  the user, not null
     * @return the provider ids, not null
     */
    Set<String> providerIds(String userId);

    /**
     * Reconciles one user's sessions in a window.
     *
     * @param userId  the user, not null
     * @param window  the window, not null
     * @return what changed, not null
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of a provider or store
     */
    ReconcileReport reconcile(String userId, Interval window);

    /**
     * Obtains the target that reconciles the users of a tracker with {@link UserTracker#reconcile(Interval)}.
     *
     * @param tracker  the tracker, not null
     * @return the target, not null
     */
    static ReconcileTarget of(StudyTracker tracker) {
        java.util.Objects.requireNonNull(tracker, "tracker");
        return new ReconcileTarget() {
            @Override
            public Set<String> providerIds(String userId) {
                return tracker.forUser(userId).accounts().stream().map(AccountRef::providerId)
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
            }

            @Override
            public ReconcileReport reconcile(String userId, Interval window) {
                return tracker.forUser(userId).reconcile(window);
            }
        };
    }
}
