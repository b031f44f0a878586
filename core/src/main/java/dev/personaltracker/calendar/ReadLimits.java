package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where and how many of a tracker's account reads run at once: on the host's executor or a default one this class
 * owns (and {@link #close() stops}), at most {@code perHost} at a time over every person and provider, and at most
 * {@code perProvider} at a time per provider. Shared by every person of one {@link StudyTracker}; thread-safe.
 */
final class ReadLimits implements AutoCloseable {

    static final int DEFAULT_PER_HOST = 32;
    static final int DEFAULT_PER_PROVIDER = 8;
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(6);

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Optional<Executor> hostExecutor;
    private final int perHost;
    private final int perProvider;
    private final Duration deadline;
    private final Semaphore host;
    private final ConcurrentMap<String, Semaphore> providers = new ConcurrentHashMap<>();
    /** The default executor, started on first use; null until then and after {@link #close()}. */
    private ExecutorService own;

    ReadLimits(Optional<Executor> hostExecutor, int perHost, int perProvider, Duration deadline) {
        this.hostExecutor = hostExecutor;
        this.perHost = perHost;
        this.perProvider = perProvider;
        this.deadline = deadline;
        this.host = new Semaphore(perHost, true);
    }

    /** @return the total time one facade read may take, waiting for a slot included */
    Duration deadline() {
        return deadline;
    }

    /** @return the host's executor, else the default one (started now if need be) */
    synchronized Executor executor() {
        if (hostExecutor.isPresent()) {
            return hostExecutor.get();
        }
        if (own == null) {
            int pool = POOLS.incrementAndGet();
            AtomicInteger threads = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "study-tracker-read-" + pool + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            // as many threads as reads may run at once (the semaphores bound them), idle ones ending after a minute
            ThreadPoolExecutor executor = new ThreadPoolExecutor(perHost, perHost, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
            executor.allowCoreThreadTimeOut(true);
            own = executor;
        }
        return own;
    }

    /**
     * Takes a slot of the host and one of the provider, waiting at most until {@code deadlineNanos}
     * ({@link System#nanoTime()}).
     *
     * @return the release of both slots, to be run once the read is done
     * @throws ProviderUnavailableException if no slot was free in time
     * @throws InterruptedException if interrupted while waiting
     */
    Runnable acquire(String providerId, long deadlineNanos) throws InterruptedException {
        Semaphore provider = providers.computeIfAbsent(providerId, id -> new Semaphore(perProvider, true));
        if (!provider.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            throw new ProviderUnavailableException("No read slot of provider '" + providerId + "' came free within the "
                    + "read deadline of " + deadline + ": " + perProvider + " reads of it were running; try again "
                    + "later or raise StudyTracker.builder().readConcurrency(...)");
        }
        if (!host.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            provider.release();
            throw new ProviderUnavailableException("No read slot of the tracker came free within the read deadline of "
                    + deadline + ": the host's limit of reads at once was reached; try again later or raise "
                    + "StudyTracker.builder().readConcurrency(...)");
        }
        return () -> {
            host.release();
            provider.release();
        };
    }

    /**
     * Stops the default executor, if it was started (reads under way are interrupted); a later read starts a new one.
     * A host's executor is the host's to stop.
     */
    @Override
    public synchronized void close() {
        if (own != null) {
            own.shutdownNow();
            own = null;
        }
    }
}
