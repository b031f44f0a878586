package dev.personaltracker.calendar;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers of a {@link BackgroundReconciler}: a pool of its own (daemon threads) or the host's executor. Counts
 * the runs handed to them and not yet ended, so that closing can wait for them.
 * <p>
 * Thread-safe: the count is atomic, and waiting for it to drop to zero uses this object's own monitor.
 */
final class ReconcileWorkers {

    private final Executor executor;
    /** the pool this object started and stops, null if the host's executor runs the reconciles */
    private final ExecutorService ownedPool;
    private final Object idle = new Object();
    private final AtomicInteger inFlight = new AtomicInteger();

    private ReconcileWorkers(Executor executor, ExecutorService ownedPool) {
        this.executor = executor;
        this.ownedPool = ownedPool;
    }

    /** @return workers on a pool of their own of daemon threads, stopped by {@link #shutdown(boolean)} */
    static ReconcileWorkers ownPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "background-reconciler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new ReconcileWorkers(pool, pool);
    }

    /** @return workers on the host's executor, which the host shuts down */
    static ReconcileWorkers on(Executor executor) {
        return new ReconcileWorkers(executor, null);
    }

    /**
     * Hands a run to the executor, counted in flight until it ends; if the executor refuses it, runs {@code rejected}
     * instead.
     */
    void execute(Runnable run, Runnable rejected) {
        inFlight.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    run.run();
                } finally {
                    finished();
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.run();
            finished();
        }
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** @return the runs handed out and not yet ended */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Waits up to a deadline for the runs in flight to end (less if the thread is interrupted; it stays interrupted).
     *
     * @return true if no run was in flight any more when it returned
     */
    boolean awaitIdle(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        synchronized (idle) {
            while (inFlight.get() > 0 && System.nanoTime() < until) {
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return inFlight.get() == 0;
        }
    }

    /**
     * Stops the own pool, if any: it ends its work if the runs are over, else its runs are interrupted and queued runs
     * dropped.
     *
     * @param idle  whether no run is in flight any more
     */
    void shutdown(boolean idle) {
        if (ownedPool != null) {
            if (idle) {
                ownedPool.shutdown();
            } else {
                ownedPool.shutdownNow();
            }
        }
    }
}
