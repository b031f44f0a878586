package dev.personaltracker.calendar.spi.contract;

import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.SyncStateStore;

/** Runs the {@link SyncStateStore} contract against {@link InMemorySyncStateStore}. */
class InMemorySyncStateStoreContractTest extends SyncStateStoreContract {

    @Override
    protected SyncStateStore newStore() {
        return InMemorySyncStateStore.create();
    }
}
