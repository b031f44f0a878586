package dev.personaltracker.calendar.ics;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task when a deadline passes, for aborting a feed request whose blocking read would otherwise wait for a slow
 * server. One daemon thread for the whole class loader, started on first use and ended after a minute without work.
 */
final class Deadlines {

    private Deadlines() {
    }

    /** Holder idiom: the timer thread starts only when a feed is read. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "ics-feed-deadline");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            timer.setKeepAliveTime(1, TimeUnit.MINUTES);
            timer.allowCoreThreadTimeOut(true);
            return timer;
        }
    }

    /**
     * @param task  what to run at the deadline; it must be quick
     * @param delayNanos  how long from now
     * @return the pending task, to cancel once the work finished in time
     */
    static ScheduledFuture<?> at(Runnable task, long delayNanos) {
        return Timer.INSTANCE.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
}
