package dev.personaltracker.calendar.google;

import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the reads of one call (one per calendar) on an executor, at most {@code concurrency} at a time, and waits for
 * them no longer than the call's deadline. One read alone runs on the caller's thread.
 */
final class ParallelReads {

    private ParallelReads() {
    }

    /**
     * Runs every read and returns their results in order.
     *
     * @param <T>  the result type
     * @param reads  the reads, not empty
     * @param executor  where to run them
     * @param concurrency  how many may run at once, at least 1
     * @param timeLeft  how long to wait for all of them
     * @param what  the call, for the message when time runs out
     * @return the results, in the order of {@code reads}
     * @throws CalendarException the first failure (in the order of {@code reads}), or
     *     {@link ProviderUnavailableException} when the time runs out
     */
    static <T> List<T> run(List<Supplier<T>> reads, Executor executor, int concurrency, Duration timeLeft,
            String what) {
        if (reads.size() == 1) {
            return List.of(reads.get(0).get());
        }
        int n = reads.size();
        Object[] results = new Object[n];
        RuntimeException[] failures = new RuntimeException[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(n, concurrency); w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < n && !failed.get(); i = next.getAndIncrement()) {
                    try {
                        results[i] = reads.get(i).get();
                    } catch (RuntimeException e) {
                        failures[i] = e;
                        failed.set(true);
                    }
                }
            }, executor));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new));
        try {
            all.get(Math.max(0, timeLeft.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            failed.set(true);
            throw new ProviderUnavailableException(what + " did not finish within its deadline; try again later", e);
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting for " + what, e);
        } catch (ExecutionException | CompletionException e) {
            throw new ProviderUnavailableException(what + " could not be run: " + e.getCause(), e.getCause());
        }
        for (RuntimeException f : failures) {
            if (f != null) {
                throw f;
            }
        }
        @SuppressWarnings("unchecked")
        List<T> out = (List<T>) Arrays.asList(results);
        return out;
    }
}
