package dev.personaltracker.calendar;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permits of a {@link BackgroundReconciler}'s runs to use a provider: at most {@code max} runs use one provider
 * at once.
 * <p>
 * Thread-safe: one semaphore per provider id, created on first use.
 */
final class ProviderPermits {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconciler.class);

    private final int max;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    ProviderPermits(int max) {
        this.max = max;
    }

    /**
     * Takes one permit of each of a user's providers, in the order given, without waiting; each permit taken is added
     * to {@code held}, for the caller to release when the run ends, also when this returns false.
     *
     * @param userId  the user whose run asks, for the log
     * @param providerIds  the user's providers, in the order to take their permits in
     * @param held  where the permits taken go
     * @return false at the first provider that is serving {@code max} runs already
     */
    boolean tryAcquire(String userId, Collection<String> providerIds, List<Semaphore> held) {
        for (String providerId : providerIds) {
            Semaphore provider = permits.computeIfAbsent(providerId, p -> new Semaphore(max));
            if (!provider.tryAcquire()) {
                LOG.debug("Provider {} is serving {} runs; user {} waits for the next tick", providerId, max, userId);
                return false;
            }
            held.add(provider);
        }
        return true;
    }
}
