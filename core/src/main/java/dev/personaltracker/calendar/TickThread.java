package dev.personaltracker.calendar;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread that ticks a {@link BackgroundReconciler} started with {@link BackgroundReconciler#start()}: at
 * once, then at a fixed delay after each tick ends. A failing tick is logged and the next tick tries again.
 * <p>
 * Thread-safe.
 */
final class TickThread {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconciler.class);

    private final ScheduledExecutorService scheduler;

    private TickThread(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts ticking.
     *
     * @param tick  one tick
     * @param every  the delay between the end of a tick and the start of the next
     */
    static TickThread start(Runnable tick, Duration every) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "background-reconciler-ticks");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> tickSafely(tick), 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return new TickThread(scheduler);
    }

    private static void tickSafely(Runnable tick) {
        try {
            tick.run();
        } catch (RuntimeException e) {
            LOG.warn("Background reconcile tick failed; the next tick tries again", e);
        }
    }

    /** Stops ticking, interrupting a tick in progress. */
    void stop() {
        scheduler.shutdownNow();
    }
}
