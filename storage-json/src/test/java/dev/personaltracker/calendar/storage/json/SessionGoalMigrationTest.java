package dev.personaltracker.calendar.storage.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History records written before sessions had goals (no {@code goal} field) read as the default goal. */
class SessionGoalMigrationTest {

    private static final KeysetHandle KEYS = StoreKeys.generate();
    private static final Instant T0 = Instant.parse("2026-02-02T18:00:00Z");

    /** A record exactly as the library wrote it before the goal field existed. */
    private static final String BEFORE_GOALS = "{\"interval\":{\"start\":\"2026-02-02T18:00:00Z\",\"end\":\"2026-02-02T18:45:00Z\"},"
            + "\"status\":\"COMPLETED\",\"event\":{\"providerId\":\"ics\",\"accountId\":\"me\",\"calendarId\":\"study\","
            + "\"eventId\":\"ev-1\"},\"changes\":[{\"at\":\"2026-02-01T18:00:00Z\",\"kind\":\"SCHEDULED\"},"
            + "{\"at\":\"2026-02-02T18:45:00Z\",\"kind\":\"COMPLETED\"}],\"actual\":\"PT40M\",\"note\":\"chapter 3\"}";

    @TempDir
    Path dir;

    private void writeOldLayout(String user, String key) {
        RecordFiles.open(dir, JsonHistoryStore.STORE, List.of("session"), StoreKeys.aead(KEYS), Optional.empty())
                .put(user, List.of(key), BEFORE_GOALS.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRecordWithoutGoal_readsAsTheDefaultGoal_withEveryOtherFieldIntact() {
        writeOldLayout("alice", "s-1");

        SessionRecord r = JsonHistoryStore.open(dir, KEYS).find("alice", SessionKey.of("s-1")).orElseThrow();

        assertThat(r.goalId()).isEqualTo(SessionRecord.DEFAULT_GOAL_ID);
        assertThat(r.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(r.interval()).isEqualTo(Interval.of(T0, Duration.ofMinutes(45)));
        assertThat(r.actual()).contains(Duration.ofMinutes(40));
        assertThat(r.note()).contains("chapter 3");
        assertThat(r.changes()).hasSize(2);
    }

    @Test
    void savingAnOldRecord_writesTheGoalField_andOldAndNewRecordsLiveSideBySide() {
        writeOldLayout("alice", "s-1");
        writeOldLayout("alice", "s-2");
        JsonHistoryStore store = JsonHistoryStore.open(dir, KEYS);
        SessionRecord old = store.find("alice", SessionKey.of("s-1")).orElseThrow();

        store.save(old.withGoal("Linear algebra"));

        RecordFiles files = RecordFiles.open(dir, JsonHistoryStore.STORE, List.of("session"), StoreKeys.aead(KEYS),
                Optional.empty());
        assertThat(new String(files.get("alice", List.of("s-1")).orElseThrow(), StandardCharsets.UTF_8))
                .contains("\"goal\":\"Linear algebra\"");
        assertThat(new String(files.get("alice", List.of("s-2")).orElseThrow(), StandardCharsets.UTF_8))
                .doesNotContain("goal");
        assertThat(JsonHistoryStore.open(dir, KEYS).query("alice", Interval.of(T0, Duration.ofHours(1))))
                .extracting(SessionRecord::goalId)
                .containsExactly("Linear algebra", SessionRecord.DEFAULT_GOAL_ID);
    }
}
