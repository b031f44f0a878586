package dev.personaltracker.calendar.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.storage.json.RecordFormat;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The goal of a history record lives in its encrypted payload (so it is as private as the rest of the record): it is
 * written on every save, upsert, update and saveAll and read back, and a row written before goals existed (a payload
 * without a {@code goal} field) reads as the default goal.
 */
class HistoryGoalTest {

    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final String SCHEMA = TestDatabase.freshSchema("goal");
    private static final HikariDataSource POOL = TestDatabase.pool();
    private static final PostgresStores STORES = PostgresStores.builder(POOL).schema(SCHEMA).aead(TestDatabase.aead()).build();

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    private static SessionRecord session(String key, String goal) {
        return SessionRecord.proposed("alice", SessionKey.of(key), goal, Interval.of(T0, Duration.ofMinutes(45)),
                T0.minus(Duration.ofDays(1)));
    }

    @Test
    void everyWritePathKeepsTheGoal() {
        PostgresHistoryStore history = STORES.historyStore();
        history.save(session("s-1", "piano"));
        history.saveAll(List.of(session("s-2", "spanish"), session("s-3", "study")));
        history.update("alice", SessionKey.of("s-4"), current -> session("s-4", "running"));
        history.update("alice", SessionKey.of("s-1"), current -> current.orElseThrow().withGoal("guitar"));

        assertThat(history.find("alice", SessionKey.of("s-1")).orElseThrow().goalId()).isEqualTo("guitar");
        assertThat(history.query("alice", Interval.of(T0, Duration.ofDays(1))))
                .extracting(SessionRecord::goalId).containsExactlyInAnyOrder("guitar", "spanish", "study", "running");
    }

    @Test
    void aRowWrittenBeforeGoalsExisted_readsAsTheDefaultGoal() throws Exception {
        SessionRecord old = session("old", "piano");
        String json = new String(RecordFormat.encodeSession(old), StandardCharsets.UTF_8);
        String withoutGoal = json.replaceAll(",?\"goal\"\\s*:\\s*\"piano\"", "");
        assertThat(withoutGoal).doesNotContain("goal");
        String table = SCHEMA + ".history";
        byte[] sealed = new RowCipher(TestDatabase.aead(), RecordFormat.HISTORY, table, List.of("session"))
                .seal("alice", List.of("old"), withoutGoal.getBytes(StandardCharsets.UTF_8));
        try (Connection c = POOL.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + table + " (user_id, session_key, ciphertext, version) VALUES ('alice', 'old', ?, 1)")) {
            s.setBytes(1, sealed);
            s.executeUpdate();
        }

        SessionRecord read = STORES.historyStore().find("alice", SessionKey.of("old")).orElseThrow();
        assertThat(read.goalId()).isEqualTo(SessionRecord.DEFAULT_GOAL_ID);
        assertThat(read).isEqualTo(old.withGoal(SessionRecord.DEFAULT_GOAL_ID));
    }
}
