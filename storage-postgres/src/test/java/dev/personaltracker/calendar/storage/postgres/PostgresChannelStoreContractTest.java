package dev.personaltracker.calendar.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.contract.ChannelStoreContract;
import org.junit.jupiter.api.AfterAll;

/**
 * Runs the {@link ChannelStore} contract of core's test-jar against {@link PostgresChannelStore} on a real server;
 * every read through {@code reopen} uses a second {@link PostgresStores} on a second pool, as another host instance
 * would.
 */
class PostgresChannelStoreContractTest extends ChannelStoreContract {

    private static final String SCHEMA = TestDatabase.freshSchema("channels");
    private static final HikariDataSource WRITER_POOL = TestDatabase.pool();
    private static final HikariDataSource READER_POOL = TestDatabase.pool();
    private static final PostgresStores WRITER = PostgresStores.builder(WRITER_POOL).schema(SCHEMA).aead(TestDatabase.aead()).build();
    private static final PostgresStores READER = PostgresStores.builder(READER_POOL).schema(SCHEMA).aead(TestDatabase.aead()).build();

    @AfterAll
    static void closePools() {
        WRITER_POOL.close();
        READER_POOL.close();
    }

    @Override
    protected ChannelStore newStore() {
        TestDatabase.truncate(WRITER_POOL, SCHEMA);
        return WRITER.channelStore();
    }

    @Override
    protected ChannelStore reopen(ChannelStore written) {
        return READER.channelStore();
    }
}
