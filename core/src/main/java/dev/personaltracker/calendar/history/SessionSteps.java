package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.UserIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link SessionLifecycle} step reaches its {@link HistoryStore}: each (user, key) under one of a set of striped
 * locks shared by every instance in this JVM, so that two lifecycles over one store never lose a step; one step
 * through {@link HistoryStore#update}, a batch through one {@link HistoryStore#saveAll}. Each changed record is
 * logged at debug level (under the {@link SessionLifecycle} logger).
 * <p>
 * Thread-safe when the store is.
 */
final class SessionSteps {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);
    private static final int STRIPES = 64;
    /** Striped by (user, key), shared by all instances so that two lifecycles over one store serialize too. */
    private static final ReentrantLock[] LOCKS = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final HistoryStore store;

    SessionSteps(HistoryStore store) {
        this.store = store;
    }

    /**
     * Reads, transforms and saves one session's record under its lock, through {@link HistoryStore#update}; saves
     * only if the record changed. The transition has no side effects, so a store may apply it again after a conflict.
     */
    SessionRecord step(String userId, SessionKey key, String verb, UnaryOperator<SessionRecord> transition) {
        UserIds.require(userId);
        Objects.requireNonNull(key, "key");
        int[] stripe = {stripeOf(userId, key)};
        lock(stripe);
        try {
            // the store applies the step atomically; a store shared by several processes may re-apply it after a conflict
            return store.update(userId, key, found -> {
                SessionRecord current = found.orElse(null);
                SessionRecord next = transition.apply(current);
                logIfChanged(key, verb, current, next);
                return next;
            });
        } finally {
            unlock(stripe);
        }
    }

    /**
     * Applies one transition to each session of a batch under all their locks, and saves the changed records with
     * one {@link HistoryStore#saveAll}: all land or none does.
     *
     * @return the records after the step, in the order of the batch
     */
    <T> List<SessionRecord> stepAll(String userId, List<T> batch, String verb, Function<T, SessionKey> keyOf,
            BiFunction<T, SessionRecord, SessionRecord> transition) {
        UserIds.require(userId);
        Objects.requireNonNull(batch, "batch");
        // every stripe of the batch, locked in index order so that two batches cannot deadlock
        int[] stripes = batch.stream().mapToInt(s -> stripeOf(userId, keyOf.apply(s))).distinct().sorted().toArray();
        lock(stripes);
        try {
            List<SessionRecord> records = new ArrayList<>();
            List<SessionRecord> changed = new ArrayList<>();
            for (T s : batch) {
                SessionKey key = keyOf.apply(s);
                SessionRecord current = store.find(userId, key).orElse(null);
                SessionRecord next = transition.apply(s, current);
                records.add(next);
                if (next != current) {
                    changed.add(next);
                }
                logIfChanged(key, verb, current, next);
            }
            if (!changed.isEmpty()) {
                store.saveAll(changed);
            }
            return List.copyOf(records);
        } finally {
            unlock(stripes);
        }
    }

    private static int stripeOf(String userId, SessionKey key) {
        return Math.floorMod(Objects.hash(userId, key), STRIPES);
    }

    /** Locks the stripes in the order given (ascending, so that two batches cannot deadlock). */
    private static void lock(int[] stripes) {
        for (int i : stripes) {
            LOCKS[i].lock();
        }
    }

    /** Unlocks the stripes in the reverse order. */
    private static void unlock(int[] stripes) {
        for (int i = stripes.length - 1; i >= 0; i--) {
            LOCKS[stripes[i]].unlock();
        }
    }

    private static void logIfChanged(SessionKey key, String verb, SessionRecord current, SessionRecord next) {
        if (next != current) {
            LOG.debug("Session {} {}: {} -> {}", key, verb,
                    current == null ? SessionTransitions.NONE : current.status(), next.status());
        }
    }
}
