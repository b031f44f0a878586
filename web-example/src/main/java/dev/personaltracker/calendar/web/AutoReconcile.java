package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.BackgroundReconciler;
import dev.personaltracker.calendar.NotificationHandler;
import dev.personaltracker.calendar.PushChannels;
import dev.personaltracker.calendar.ReconcileOutcome;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.ReconcileTarget;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sessions up to date without a button: on opening the Plan page, and in the background while the app runs,
 * through the library's {@link BackgroundReconciler}. On localhost, which Google and Microsoft cannot call, it polls
 * alone; with a public https address ({@code PUBLIC_URL}) it also opens push channels on the Google and Outlook
 * calendars read, and {@link PushEndpoint} hands their notifications to the library. Each background run reads the
 * person's own calendar files again and reconciles this week and the next, so a new meeting moves a session by
 * itself.
 * <p>
 * Past sessions: with automatic credit the library settles them (completed if their event still stands); without
 * it only the part of a week from now on is reconciled, so a session that ended stays scheduled until the person
 * answers "Did you study?".
 */
final class AutoReconcile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AutoReconcile.class);
    private final TrackerApp app;
    private final Optional<PushChannels> push;
    private BackgroundReconciler background;
    private volatile NotificationHandler notifications;

    /**
     * @param app  the app, not null
     * @param push  the push channels, when the app has a public https address; else it polls alone
     */
    AutoReconcile(TrackerApp app, Optional<PushChannels> push) {
        this.app = app;
        this.push = push;
    }

    /**
     * Starts the background runs: the person is reconciled once per {@code every}, from a background reconciler of
     * the library ticking every {@code every / 15}.
     *
     * @param every  how often the person is reconciled; zero or negative for never (tests), not null
     */
    synchronized void start(Duration every) {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        String userId = app.user().userId();
        // the one person is always listed: their calendar files are read again even when no session is recorded
        BackgroundReconciler.Builder builder = BackgroundReconciler.builder(new Target(), app.tracker().clock(),
                        range -> Set.of(userId))
                .interval(every)
                .workers(1)
                .listener(AutoReconcile::log);
        push.ifPresent(builder::pushChannels);
        background = builder.build().start();
        push.ifPresent(p -> notifications = NotificationHandler.create(app.tracker(), p, background));
    }

    /** @return the handler of the calendar services' notifications, when push channels are in use and running */
    Optional<NotificationHandler> notifications() {
        return Optional.ofNullable(notifications);
    }

    /** The person's background run: read their calendar files again, then reconcile this week and the next. */
    private final class Target implements ReconcileTarget {
        @Override
        public Set<String> providerIds(String userId) {
            return app.user().accounts().stream().map(AccountRef::providerId).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public ReconcileReport reconcile(String userId, Interval window) {
            // opens channels on calendars that have none yet (a newly connected account); cheap when all have one
            push.ifPresent(p -> {
                try {
                    p.watch(userId);
                } catch (RuntimeException e) {
                    LOG.warn("Could not open push channels; the calendars are polled: {}", e.getMessage());
                }
            });
            app.refreshSources();
            Optional<Interval> weeks = weeks();
            return weeks.isPresent() ? app.user().reconcile(weeks.get())
                    : new ReconcileReport(window, List.of(), List.of(), List.of());
        }
    }

    private static void log(ReconcileOutcome outcome) {
        switch (outcome.status()) {
            case RECONCILED -> {
                if (!outcome.moved().isEmpty() || !outcome.dropped().isEmpty() || !outcome.settled().isEmpty()) {
                    LOG.info("Background reconcile: {} moved, {} dropped, {} settled", outcome.moved().size(),
                            outcome.dropped().size(), outcome.settled().size());
                }
            }
            case FAILED -> LOG.warn("Background reconciliation failed ({}); next try at {}", outcome.reason().orElse("?"),
                    outcome.retryAt().map(Object::toString).orElse("the next interval"));
            default -> LOG.warn("Background reconciliation needs attention: {} ({})", outcome.status(), outcome.reason().orElse(""));
        }
    }

    /** The part of this week and the next to reconcile in the background; empty when nothing of it needs it. */
    private Optional<Interval> weeks() {
        LocalDate today = LocalDate.ofInstant(app.tracker().clock().instant(), app.settings().zone());
        return due(today.minusDays(today.getDayOfWeek().getValue() - 1L), 2);
    }

    /**
     * Reconciles one week (the part from now on, unless automatic credit is on).
     *
     * @param monday  the week's Monday, not null
     * @return what changed, or empty when nothing of the week was left to check
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of a provider
     */
    Optional<ReconcileReport> week(LocalDate monday) {
        return due(monday, 1).map(app.user()::reconcile);
    }

    /**
     * The part of some weeks to reconcile: all of them with automatic credit, else the part from now on; empty when
     * that part has passed or holds no recorded session.
     */
    private Optional<Interval> due(LocalDate monday, int weeks) {
        WebSettings s = app.settings();
        Instant start = monday.atStartOfDay(s.zone()).toInstant();
        Instant end = monday.plusWeeks(weeks).atStartOfDay(s.zone()).toInstant();
        Instant now = app.tracker().clock().instant();
        if (!s.autoCredit()) {
            if (!end.isAfter(now)) {
                return Optional.empty();
            }
            start = start.isBefore(now) ? now : start;
        }
        Interval range = Interval.of(start, end);
        return app.user().history(range).isEmpty() ? Optional.empty() : Optional.of(range);
    }

    /** Stops the background runs, waiting up to ten seconds for one in progress. */
    @Override
    public synchronized void close() {
        if (background != null) {
            background.close(Duration.ofSeconds(10));
        }
    }
}
