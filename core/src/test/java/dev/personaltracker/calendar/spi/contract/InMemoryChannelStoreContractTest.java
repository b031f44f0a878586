package dev.personaltracker.calendar.spi.contract;

import dev.personaltracker.calendar.memory.InMemoryChannelStore;
import dev.personaltracker.calendar.spi.ChannelStore;

/** Runs the {@link ChannelStore} contract against {@link InMemoryChannelStore}. */
class InMemoryChannelStoreContractTest extends ChannelStoreContract {

    @Override
    protected ChannelStore newStore() {
        return InMemoryChannelStore.create();
    }
}
