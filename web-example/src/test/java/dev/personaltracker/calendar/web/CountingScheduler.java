package dev.personaltracker.calendar.web;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** A Jetty scheduler that counts the tasks of this project's classes still to run (Jetty's own are not counted). */
final class CountingScheduler extends ScheduledExecutorScheduler {

    private final AtomicInteger ours = new AtomicInteger();

    @Override
    public Task schedule(Runnable task, long delay, TimeUnit unit) {
        if (!task.getClass().getName().startsWith("dev.personaltracker.")) {
            return super.schedule(task, delay, unit);   // Jetty's own (idle timeouts)
        }
        ours.incrementAndGet();
        AtomicBoolean over = new AtomicBoolean();
        Runnable end = () -> {
            if (over.compareAndSet(false, true)) {
                ours.decrementAndGet();
            }
        };
        Task scheduled = super.schedule(() -> {
            end.run();
            task.run();
        }, delay, unit);
        return () -> {
            boolean cancelled = scheduled.cancel();
            if (cancelled) {
                end.run();
            }
            return cancelled;
        };
    }

    /** @return the tasks of this project's classes scheduled and neither run nor cancelled yet */
    int pending() {
        return ours.get();
    }

    /**
     * Waits up to some seconds for no task of ours to be pending (one may be running as the last request ends).
     *
     * @return the tasks still pending then
     */
    int awaitNonePending(int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (ours.get() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        return ours.get();
    }
}
