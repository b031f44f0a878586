package dev.personaltracker.calendar.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load test's cycle, small: what it measures holds (requests per person, the changed people's sessions moved). */
class ReconcileCycleLoadTest {

    @Test
    void aSmallCycle_costsOneRequestPerUnchangedPerson_andMovesEachChangedPersonsSession() throws Exception {
        ReconcileCycleLoad.Figures figures = ReconcileCycleLoad.run(20, 4);

        assertThat(figures.changed()).isEqualTo(2);
        assertThat(figures.requestsPerUnchanged()).isLessThanOrEqualTo(2.0);
        assertThat(figures.moved()).isEqualTo(figures.changed());
    }
}
