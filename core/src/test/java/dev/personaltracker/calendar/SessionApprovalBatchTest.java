package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code approve} writes the history records of a batch with one {@link HistoryStore#saveAll}: all land or none. */
class SessionApprovalBatchTest {

    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));

    /** Counts the writes; {@code saveAll} can be made to fail before it writes anything. */
    private static final class CountingHistoryStore implements HistoryStore {
        final InMemoryHistoryStore delegate = InMemoryHistoryStore.create();
        final List<Integer> saveAllSizes = new ArrayList<>();
        final AtomicInteger singleWrites = new AtomicInteger();
        volatile boolean failSaveAll;

        @Override
        public void save(SessionRecord record) {
            singleWrites.incrementAndGet();
            delegate.save(record);
        }

        @Override
        public void saveAll(Collection<SessionRecord> records) {
            if (failSaveAll) {
                throw new IllegalStateException("connection to the history store lost");
            }
            saveAllSizes.add(records.size());
            delegate.saveAll(records);
        }

        @Override
        public SessionRecord update(String userId, SessionKey key,
                Function<Optional<SessionRecord>, SessionRecord> transition) {
            singleWrites.incrementAndGet();
            return delegate.update(userId, key, transition);
        }

        @Override
        public Optional<SessionRecord> find(String userId, SessionKey key) {
            return delegate.find(userId, key);
        }

        @Override
        public List<SessionRecord> query(String userId, Interval range) {
            return delegate.query(userId, range);
        }

        @Override
        public boolean delete(String userId, SessionKey key) {
            return delegate.delete(userId, key);
        }
    }

    private final FakeCalendarProvider home = new FakeCalendarProvider("home");
    private final CountingHistoryStore history = new CountingHistoryStore();
    private final StudyTracker tracker = StudyTracker.builder()
            .providers(ProviderRegistry.of(home))
            .tokenStore(InMemoryTokenStore.create())
            .historyStore(history)
            .clock(new MutableClock(Instant.parse("2026-03-01T12:00:00Z")))
            .build();

    private UserTracker alice() {
        UserTracker alice = tracker.forUser("alice");
        WeeklyHours.Builder hours = WeeklyHours.builder(ZoneOffset.UTC);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY)) {
            hours.add(d, LocalTime.of(9, 0), LocalTime.of(17, 0));
        }
        AccountRef h = alice.connect("home", ProviderSettings.builder().property("account", "alice@home").build());
        return alice.writeTo(h, "primary").workHours(hours.build()).preferences(StudyPreferences.builder(ZoneOffset.UTC)
                .weeklyGoal(Duration.ofHours(3)).sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(1)).build());
    }

    private FakeCalendarProvider.Calendar calendar() {
        return home.account("alice@home").calendar("primary");
    }

    @Test
    void approve_recordsTheWholeBatchWithOneSaveAll() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        assertThat(proposals).hasSize(3);
        int writesBefore = history.singleWrites.get();

        List<SessionRecord> scheduled = alice.approve(proposals);

        assertThat(history.saveAllSizes).containsExactly(3);
        assertThat(history.singleWrites.get()).isEqualTo(writesBefore);
        assertThat(scheduled).extracting(SessionRecord::key).containsExactlyElementsOf(
                proposals.stream().map(Proposal::key).toList());
        assertThat(scheduled).allSatisfy(r -> assertThat(history.find("alice", r.key())).hasValue(r));

        alice.approve(proposals);   // all scheduled already: nothing to write
        assertThat(history.saveAllSizes).containsExactly(3);
    }

    @Test
    void approve_failingHalfWay_recordsTheWrittenSessionsWithOneSaveAll() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        calendar().failCreateNumber = 3;

        assertThatThrownBy(() -> alice.approve(proposals)).isInstanceOf(ApprovalException.class)
                .hasMessageContaining("2 of 3 sessions were scheduled")
                .satisfies(e -> assertThat(((ApprovalException) e).notScheduled()).containsExactly(proposals.get(2)));

        assertThat(history.saveAllSizes).containsExactly(2);
        assertThat(history.find("alice", proposals.get(1).key()).orElseThrow().status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(history.find("alice", proposals.get(2).key()).orElseThrow().status()).isEqualTo(SessionStatus.PROPOSED);
    }

    @Test
    void historyLostAfterTheEventsWereWritten_recordsNothing_andARetryFinishesWithoutDuplicates() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        history.failSaveAll = true;

        assertThatThrownBy(() -> alice.approve(proposals)).isInstanceOf(ApprovalException.class)
                .hasMessageContaining("history could not be saved").hasMessageContaining("approve the same proposals")
                .satisfies(e -> {
                    ApprovalException ae = (ApprovalException) e;
                    assertThat(ae.scheduled()).isEmpty();
                    assertThat(ae.notScheduled()).containsExactlyElementsOf(proposals);
                });
        assertThat(proposals).allSatisfy(p ->
                assertThat(history.find("alice", p.key()).orElseThrow().status()).isEqualTo(SessionStatus.PROPOSED));

        history.failSaveAll = false;
        List<SessionRecord> retried = alice.approve(proposals);

        assertThat(retried).extracting(SessionRecord::status).containsOnly(SessionStatus.SCHEDULED);
        assertThat(calendar().sessions).hasSize(3);
        assertThat(history.saveAllSizes).containsExactly(3);
    }
}
