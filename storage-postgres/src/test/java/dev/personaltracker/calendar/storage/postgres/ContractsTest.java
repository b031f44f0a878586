package dev.personaltracker.calendar.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.spi.contract.HistoryStoreContract;
import dev.personaltracker.calendar.spi.contract.ProfileStoreContract;
import dev.personaltracker.calendar.spi.contract.SyncStateStoreContract;
import dev.personaltracker.calendar.spi.contract.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * Runs the store contracts of core's test-jar against the PostgreSQL stores on a real server. Every read of the
 * contracts that goes through {@code reopen} uses a second {@link PostgresStores} on a second pool, as another host
 * instance would.
 */
class ContractsTest {

    private static final String SCHEMA = TestDatabase.freshSchema("contracts");
    private static final HikariDataSource WRITER_POOL = TestDatabase.pool();
    private static final HikariDataSource READER_POOL = TestDatabase.pool();
    private static final PostgresStores WRITER = PostgresStores.builder(WRITER_POOL).schema(SCHEMA).aead(TestDatabase.aead()).build();
    private static final PostgresStores READER = PostgresStores.builder(READER_POOL).schema(SCHEMA).aead(TestDatabase.aead()).build();

    @AfterAll
    static void closePools() {
        WRITER_POOL.close();
        READER_POOL.close();
    }

    private static PostgresStores empty() {
        TestDatabase.truncate(WRITER_POOL, SCHEMA);
        return WRITER;
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore newStore() {
            return empty().tokenStore();
        }

        @Override
        protected TokenStore reopen(TokenStore written) {
            return READER.tokenStore();
        }
    }

    @Nested
    class History extends HistoryStoreContract {
        @Override
        protected HistoryStore newStore() {
            return empty().historyStore();
        }

        @Override
        protected HistoryStore reopen(HistoryStore written) {
            return READER.historyStore();
        }
    }

    @Nested
    class SyncState extends SyncStateStoreContract {
        @Override
        protected SyncStateStore newStore() {
            return empty().syncStateStore();
        }

        @Override
        protected SyncStateStore reopen(SyncStateStore written) {
            return READER.syncStateStore();
        }
    }

    @Nested
    class Profiles extends ProfileStoreContract {
        @Override
        protected ProfileStore newStore() {
            return empty().profileStore();
        }

        @Override
        protected ProfileStore reopen(ProfileStore written) {
            return READER.profileStore();
        }
    }
}
