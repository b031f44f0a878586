package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sessions up to date without a button: on opening the Plan page, and every so often in the background
 * while the app runs (reads the person's calendars again, then reconciles this week and the next), so a new meeting
 * moves a session by itself.
 * <p>
 * Past sessions: with automatic credit the library settles them (completed if their event still stands); without
 * it only the part of a week from now on is reconciled, so a session that ended stays scheduled until the person
 * answers "Did you study?".
 */
final class AutoReconcile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AutoReconcile.class);
    private final TrackerApp app;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "web-example-reconcile");
        t.setDaemon(true);
        return t;
    });

    AutoReconcile(TrackerApp app) {
        this.app = app;
    }

    /**
     * Starts the background runs.
     *
     * @param every  the pause between two runs; zero or negative for none (tests), not null
     */
    void start(Duration every) {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        timer.scheduleWithFixedDelay(this::runQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One background run: read the calendars again, reconcile this week and the next; any failure is logged. */
    void runQuietly() {
        try {
            app.refreshSources();
            ZoneId zone = app.settings().zone();
            LocalDate today = LocalDate.ofInstant(app.tracker().clock().instant(), zone);
            LocalDate monday = today.minusDays(today.getDayOfWeek().getValue() - 1L);
            week(monday);
            week(monday.plusWeeks(1));
        } catch (Throwable e) { // NOPMD: the timer must survive anything, also an Error
            LOG.warn("Background reconciliation failed: {}", e.toString());
        }
    }

    /**
     * Reconciles one week (the part from now on, unless automatic credit is on).
     *
     * @param monday  the week's Monday, not null
     * @return what changed, or empty when nothing of the week was left to check
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of a provider
     */
    Optional<ReconcileReport> week(LocalDate monday) {
        WebSettings s = app.settings();
        Instant start = monday.atStartOfDay(s.zone()).toInstant();
        Instant end = monday.plusWeeks(1).atStartOfDay(s.zone()).toInstant();
        Instant now = app.tracker().clock().instant();
        if (!s.autoCredit()) {
            if (!end.isAfter(now)) {
                return Optional.empty();
            }
            start = start.isBefore(now) ? now : start;
        }
        if (app.user().history(Interval.of(start, end)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(app.user().reconcile(Interval.of(start, end)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
