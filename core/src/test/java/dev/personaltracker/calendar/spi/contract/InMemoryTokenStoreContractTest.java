package dev.personaltracker.calendar.spi.contract;

import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.TokenStore;

/** Runs the {@link TokenStore} contract against {@link InMemoryTokenStore}. */
class InMemoryTokenStoreContractTest extends TokenStoreContract {

    @Override
    protected TokenStore newStore() {
        return InMemoryTokenStore.create();
    }
}
