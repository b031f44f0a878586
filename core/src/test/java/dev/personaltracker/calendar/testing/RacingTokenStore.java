package dev.personaltracker.calendar.testing;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token store shared by several "host instances" that makes their refreshes collide for sure: the first
 * {@code parties} writes ({@code save} or {@code replace}) wait for each other before any of them reaches the store,
 * so every instance has refreshed the grant it read before one of them writes. Later writes go straight through.
 * Shared through core's test-jar with the providers' tests.
 */
public final class RacingTokenStore extends ForwardingTokenStore {

    private final CyclicBarrier barrier;
    private final AtomicInteger racing;

    /**
     * @param delegate  the store every instance shares, not null
     * @param parties  how many instances' first writes meet
     */
    public RacingTokenStore(TokenStore delegate, int parties) {
        this(delegate, new CyclicBarrier(parties), new AtomicInteger(parties));
    }

    private RacingTokenStore(TokenStore delegate, CyclicBarrier barrier, AtomicInteger racing) {
        super(delegate);
        this.barrier = barrier;
        this.racing = racing;
    }

    /**
     * Another instance's view: a wrapper of another store (another connection pool on the same database, say) whose
     * first writes meet this one's.
     *
     * @param other  the other instance's store, not null
     * @return the wrapper, not null
     */
    public RacingTokenStore meetingWith(TokenStore other) {
        return new RacingTokenStore(other, barrier, racing);
    }

    private void meet() {
        if (racing.getAndDecrement() <= 0) {
            return;
        }
        try {
            barrier.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the instances' writes did not meet", e);
        }
    }

    @Override
    public void save(TokenKey key, OAuthToken token) {
        meet();
        super.save(key, token);
    }

    @Override
    public boolean replace(TokenKey key, OAuthToken expected, OAuthToken updated) {
        meet();
        return super.replace(key, expected, updated);
    }
}
