package dev.personaltracker.calendar.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load model of {@link BackgroundReconcilerBenchmark} counts what it says it counts. */
class BackgroundReconcilerBenchmarkTest {

    @Test
    void polling_readsEveryUserOnce_pushOnlyTheChangedOnes() {
        BackgroundReconcilerBenchmark.Simulation polling = new BackgroundReconcilerBenchmark.Simulation(false);
        BackgroundReconcilerBenchmark.Simulation push = new BackgroundReconcilerBenchmark.Simulation(true);
        long pollingReconciles = polling.reconciles;
        long pushReconciles = push.reconciles;

        long pollingRequests = polling.interval();
        long pushRequests = push.interval();

        assertThat(polling.reconciles - pollingReconciles).isEqualTo(BackgroundReconcilerBenchmark.USERS);
        assertThat(pollingRequests).isBetween(10_000L, 10_100L);
        assertThat(push.reconciles - pushReconciles).isBetween(90L, 100L);
        assertThat(pushRequests).isEqualTo(2 * (push.reconciles - pushReconciles));
    }
}
