package dev.personaltracker.calendar.spi.contract;

import dev.personaltracker.calendar.memory.InMemoryProfileStore;
import dev.personaltracker.calendar.spi.ProfileStore;

/** Runs the {@link ProfileStore} contract against {@link InMemoryProfileStore}. */
class InMemoryProfileStoreContractTest extends ProfileStoreContract {

    @Override
    protected ProfileStore newStore() {
        return InMemoryProfileStore.create();
    }
}
