package dev.personaltracker.calendar.spi.contract;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.spi.HistoryStore;

/** Runs the {@link HistoryStore} contract against {@link InMemoryHistoryStore}. */
class InMemoryHistoryStoreContractTest extends HistoryStoreContract {

    @Override
    protected HistoryStore newStore() {
        return InMemoryHistoryStore.create();
    }
}
