package dev.personaltracker.calendar.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HistoryStore} promises. An implementation's test extends this class and supplies a
 * fresh, empty store from {@link #newStore()}; persistent stores may also override {@link #reopen(HistoryStore)}.
 */
public abstract class HistoryStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private HistoryStore store;

    /**
     * @return a new, empty store, not null
     */
    protected abstract HistoryStore newStore();

    /**
     * Obtains a second view of the same data. The default returns the store itself.
     *
     * @param written  the store written to, not null
     * @return the store to read from, not null
     */
    protected HistoryStore reopen(HistoryStore written) {
        return written;
    }

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    /**
     * Obtains a record with every optional part present: a schedule, a move caused by a busy event, an outcome.
     *
     * @param userId  the user, not blank
     * @param key  the session key, not null
     * @param start  the session's original start, not null
     * @return the record, status {@link SessionStatus#COMPLETED}, not null
     */
    protected static SessionRecord fullRecord(String userId, SessionKey key, Instant start) {
        Interval first = Interval.of(start, Duration.ofMinutes(45));
        Interval moved = Interval.of(start.plus(Duration.ofHours(2)), Duration.ofMinutes(45));
        BusySource cause = new BusySource("google", "a@example.com", "primary", "evt-1", Optional.of("Dentist"));
        return SessionRecord.proposed(userId, key, first, start.minus(Duration.ofDays(1)))
                .with(SessionChange.of(start.minus(Duration.ofHours(20)), ChangeKind.SCHEDULED), first, SessionStatus.SCHEDULED)
                .withEvent(new EventRef("google", "a@example.com", "primary", "evt-" + key.value()))
                .with(new SessionChange(start.minus(Duration.ofHours(1)), ChangeKind.MOVED, Optional.of(first), Optional.of(moved),
                        Optional.of(cause), Optional.of("meeting landed on it")), moved, SessionStatus.SCHEDULED)
                .with(SessionChange.of(moved.end(), ChangeKind.COMPLETED), moved, SessionStatus.COMPLETED)
                .withOutcome(Optional.of(Duration.ofMinutes(40)), Optional.of("chapter 3, \u00e9 \"quoted\""))
                .withGoal("Linear algebra \u00e9, \"exam\"");
    }

    /**
     * @param userId  the user, not blank
     * @param key  the key text, not null
     * @param start  the start, not null
     * @param minutes  the length in minutes, positive
     * @return a freshly proposed record, not null
     */
    protected static SessionRecord proposed(String userId, String key, Instant start, int minutes) {
        return SessionRecord.proposed(userId, SessionKey.of(key), Interval.of(start, Duration.ofMinutes(minutes)), start.minus(Duration.ofDays(1)));
    }

    @Test
    void usersWithScheduledSessions_areThoseWithAScheduledSessionOverlappingTheRange() {
        Interval range = Interval.of(T0, Duration.ofDays(21));
        store.save(scheduled(proposed("in-range", "s-1", T0.plus(Duration.ofDays(3)), 45)));
        store.save(proposed("in-range", "s-2", T0.plus(Duration.ofDays(40)), 45));
        store.save(scheduled(proposed("straddles-start", "s-1", T0.minus(Duration.ofMinutes(30)), 45)));
        store.save(scheduled(proposed("only-later", "s-1", T0.plus(Duration.ofDays(30)), 45)));
        store.save(scheduled(proposed("only-before", "s-1", T0.minus(Duration.ofDays(2)), 45)));
        store.save(proposed("only-proposed", "s-1", T0.plus(Duration.ofDays(1)), 45));
        SessionRecord cancelled = scheduled(proposed("cancelled", "s-1", T0.plus(Duration.ofDays(1)), 45));
        store.save(cancelled.with(SessionChange.of(T0, ChangeKind.CANCELLED), cancelled.interval(), SessionStatus.CANCELLED));
        store.save(fullRecord("completed", SessionKey.of("s-1"), T0.plus(Duration.ofDays(2))));

        assertThat(reopen(store).usersWithScheduledSessions(range)).containsExactlyInAnyOrder("in-range", "straddles-start");
        assertThat(reopen(store).usersWithScheduledSessions(Interval.of(T0.plus(Duration.ofDays(50)), Duration.ofDays(1)))).isEmpty();
    }

    private static SessionRecord scheduled(SessionRecord proposed) {
        return proposed.with(SessionChange.of(proposed.interval().start().minus(Duration.ofHours(1)), ChangeKind.SCHEDULED),
                proposed.interval(), SessionStatus.SCHEDULED);
    }

    @Test
    void find_unknown_isEmpty() {
        assertThat(store.find("u", SessionKey.of("nope"))).isEmpty();
    }

    @Test
    void save_thenFind_returnsEveryField() {
        SessionRecord full = fullRecord("u", SessionKey.of("s-1"), T0);
        store.save(full);
        assertThat(reopen(store).find("u", SessionKey.of("s-1"))).contains(full);
    }

    @Test
    void everyChangeKind_roundTrips_includingFailedWithItsReason() {
        SessionRecord r = proposed("u", "s-1", T0, 30);
        for (ChangeKind kind : ChangeKind.values()) {
            r = r.with(new SessionChange(T0, kind, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("why " + kind)), r.interval(), r.status());
        }
        store.save(r);
        assertThat(reopen(store).find("u", SessionKey.of("s-1"))).contains(r);
    }

    @Test
    void goalIds_areKeptPerRecord_andARecordWithoutOneHasTheDefault() {
        SessionRecord linalg = proposed("u", "s-1", T0, 30).withGoal("Linear algebra");
        SessionRecord exam = proposed("u", "s-2", T0.plus(Duration.ofHours(1)), 30).withGoal("Statistics exam");
        SessionRecord plain = proposed("u", "s-3", T0.plus(Duration.ofHours(2)), 30);
        store.save(linalg);
        store.save(exam);
        store.save(plain);
        // a record moved to another goal keeps the new one
        store.save(exam.withGoal("Statistics"));

        assertThat(reopen(store).query("u", Interval.of(T0, Duration.ofDays(1))))
                .extracting(SessionRecord::goalId)
                .containsExactly("Linear algebra", "Statistics", SessionRecord.DEFAULT_GOAL_ID);
    }

    @Test
    void save_replacesRecordWithSameUserAndKey() {
        SessionRecord first = proposed("u", "s-1", T0, 30);
        SessionRecord later = first.with(SessionChange.of(T0, ChangeKind.CANCELLED), first.interval(), SessionStatus.CANCELLED);
        store.save(first);
        store.save(later);
        assertThat(reopen(store).find("u", SessionKey.of("s-1"))).contains(later);
        assertThat(reopen(store).query("u", Interval.of(T0.minus(Duration.ofDays(1)), Duration.ofDays(2)))).containsExactly(later);
    }

    @Test
    void sameKeyForTwoUsers_isKeptApart() {
        SessionRecord alice = proposed("alice", "s-1", T0, 30);
        SessionRecord bob = proposed("bob", "s-1", T0.plus(Duration.ofHours(1)), 60);
        store.save(alice);
        store.save(bob);
        assertThat(reopen(store).find("alice", SessionKey.of("s-1"))).contains(alice);
        assertThat(reopen(store).find("bob", SessionKey.of("s-1"))).contains(bob);
    }

    @Test
    void query_returnsOverlappingRecordsOfThatUser_sortedByStartThenKey() {
        SessionRecord before = proposed("u", "a-before", T0.minus(Duration.ofHours(2)), 60);   // ends 1h before range
        SessionRecord touchingStart = proposed("u", "b-touch", T0.minus(Duration.ofHours(1)), 60); // ends at range start
        SessionRecord straddling = proposed("u", "c-straddle", T0.minus(Duration.ofMinutes(30)), 60);
        SessionRecord insideLateKey = proposed("u", "z-inside", T0.plus(Duration.ofHours(1)), 30);
        SessionRecord insideEarlyKey = proposed("u", "d-inside", T0.plus(Duration.ofHours(1)), 45); // same start, smaller key
        SessionRecord touchingEnd = proposed("u", "e-touch-end", T0.plus(Duration.ofHours(3)), 30);  // starts at range end
        SessionRecord otherUser = proposed("v", "f-other", T0.plus(Duration.ofHours(1)), 30);
        for (SessionRecord r : new SessionRecord[] {insideLateKey, touchingEnd, before, otherUser, straddling, touchingStart, insideEarlyKey}) {
            store.save(r);
        }
        Interval range = Interval.of(T0, Duration.ofHours(3));
        assertThat(reopen(store).query("u", range)).containsExactly(straddling, insideEarlyKey, insideLateKey);
    }

    @Test
    void query_unknownUser_isEmpty() {
        assertThat(store.query("nobody", Interval.of(T0, Duration.ofDays(365)))).isEmpty();
    }

    @Test
    void query_overAYear_returnsEverySession() {
        int sessions = 0;
        for (int day = 0; day < 365; day += 3) {
            store.save(proposed("u", "day-" + day, T0.plus(Duration.ofDays(day)), 60));
            sessions++;
        }
        assertThat(reopen(store).query("u", Interval.of(T0, Duration.ofDays(366)))).hasSize(sessions);
        assertThat(reopen(store).query("u", Interval.of(T0, Duration.ofDays(30)))).hasSize(10);
    }

    @Test
    void delete_removesOnlyThatRecord_andSaysSoOnce() {
        store.save(proposed("u", "gone", T0, 30));
        store.save(proposed("u", "kept", T0, 30));
        store.save(proposed("v", "gone", T0, 30));
        assertThat(store.delete("u", SessionKey.of("gone"))).isTrue();
        assertThat(store.delete("u", SessionKey.of("gone"))).isFalse();
        HistoryStore reader = reopen(store);
        assertThat(reader.find("u", SessionKey.of("gone"))).isEmpty();
        assertThat(reader.find("u", SessionKey.of("kept"))).isPresent();
        assertThat(reader.find("v", SessionKey.of("gone"))).isPresent();
    }

    @Test
    void delete_unknown_isFalse() {
        assertThat(store.delete("u", SessionKey.of("nope"))).isFalse();
    }

    @Test
    void saveAll_savesEveryRecord_laterRecordOfAKeyWins() {
        SessionRecord a = proposed("u", "a", T0, 30);
        SessionRecord b = proposed("v", "b", T0, 30);
        SessionRecord aLater = a.with(SessionChange.of(T0, ChangeKind.CANCELLED), a.interval(), SessionStatus.CANCELLED);
        store.saveAll(List.of(a, b, aLater));
        store.saveAll(List.of());

        assertThat(reopen(store).find("u", SessionKey.of("a"))).contains(aLater);
        assertThat(reopen(store).find("v", SessionKey.of("b"))).contains(b);
        assertThatNullPointerException().isThrownBy(() -> store.saveAll(null));
    }

    @Test
    void update_appliesTheTransitionToTheCurrentRecord() {
        SessionKey key = SessionKey.of("s-1");
        SessionRecord created = store.update("u", key, current -> {
            assertThat(current).isEmpty();
            return proposed("u", "s-1", T0, 30);
        });
        SessionRecord cancelled = store.update("u", key, current -> current.orElseThrow()
                .with(SessionChange.of(T0, ChangeKind.CANCELLED), current.get().interval(), SessionStatus.CANCELLED));
        SessionRecord unchanged = reopen(store).update("u", key, current -> current.orElseThrow());

        assertThat(created.status()).isEqualTo(SessionStatus.PROPOSED);
        assertThat(cancelled.changes()).hasSize(2);
        assertThat(unchanged).isEqualTo(cancelled);
        assertThat(reopen(store).find("u", key)).contains(cancelled);
    }

    @Test
    void update_refusesARecordOfAnotherKey_andAFailingTransitionWritesNothing() {
        SessionKey key = SessionKey.of("s-1");
        store.save(proposed("u", "s-1", T0, 30));

        assertThatThrownBy(() -> store.update("u", key, current -> proposed("u", "other", T0, 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        assertThatThrownBy(() -> store.update("u", key, current -> {
            throw new IllegalStateException("refused step");
        })).hasMessageContaining("refused step");
        assertThat(reopen(store).find("u", key)).contains(proposed("u", "s-1", T0, 30));
        assertThat(reopen(store).find("u", SessionKey.of("other"))).isEmpty();
    }

    /**
     * Writers on several views of the data append changes to one session at once through {@code update}: every
     * acknowledged step is in the record afterwards, once.
     */
    @Test
    void update_concurrentSteps_loseNothing() throws Exception {
        SessionKey key = SessionKey.of("shared");
        store.save(proposed("u", "shared", T0, 30));
        int writers = 4;
        int stepsEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                HistoryStore view = w % 2 == 0 ? store : reopen(store);
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < stepsEach; i++) {
                        String reason = "w" + writer + "-" + i;
                        view.update("u", key, current -> current.orElseThrow().with(new SessionChange(T0, ChangeKind.PROPOSED,
                                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(reason)),
                                current.get().interval(), SessionStatus.PROPOSED));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> reasons = reopen(store).find("u", key).orElseThrow().changes().stream()
                .flatMap(c -> c.reason().stream()).toList();
        assertThat(reasons).hasSize(writers * stepsEach).doesNotHaveDuplicates();
    }

    @Test
    void nullArguments_areRefused() {
        SessionKey key = SessionKey.of("k");
        Interval range = Interval.of(T0, Duration.ofHours(1));
        assertThatNullPointerException().isThrownBy(() -> store.save(null));
        assertThatNullPointerException().isThrownBy(() -> store.find(null, key));
        assertThatNullPointerException().isThrownBy(() -> store.find("u", null));
        assertThatNullPointerException().isThrownBy(() -> store.query(null, range));
        assertThatNullPointerException().isThrownBy(() -> store.query("u", null));
        assertThatNullPointerException().isThrownBy(() -> store.delete(null, key));
        assertThatNullPointerException().isThrownBy(() -> store.delete("u", null));
    }

    @Test
    void lookAlikeUserIds_areKeptApart() {
        List<String> users = LookAlikeUserIds.all();
        Interval range = Interval.of(T0.minus(Duration.ofDays(1)), Duration.ofDays(60));
        for (int i = 0; i < users.size(); i++) {
            store.save(scheduled(proposed(users.get(i), "s-1", T0.plus(Duration.ofHours(i)), 30 + i)));
        }
        HistoryStore reader = reopen(store);
        for (int i = 0; i < users.size(); i++) {
            String user = users.get(i);
            assertThat(reader.query(user, range)).as(user).singleElement().satisfies(r -> {
                assertThat(r.userId()).isEqualTo(user);
                assertThat(r.interval().duration()).isEqualTo(Duration.ofMinutes(30 + users.indexOf(user)));
            });
        }
        assertThat(reader.usersWithScheduledSessions(range)).containsExactlyInAnyOrderElementsOf(users);
        assertThat(store.delete("Sam", SessionKey.of("s-1"))).isTrue();
        assertThat(reopen(store).find("sam", SessionKey.of("s-1"))).isPresent();
        assertThat(reopen(store).find("Sam", SessionKey.of("s-1"))).isEmpty();
        assertThat(reopen(store).usersWithScheduledSessions(range)).doesNotContain("Sam").contains("sam", "SAM");
    }

    @Test
    void invalidUserIds_areRefusedOnEveryPath() {
        for (String bad : ContractUserIds.INVALID) {
            assertThatThrownBy(() -> proposed(bad, "s-1", T0, 30)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("userId");
            assertThatThrownBy(() -> store.find(bad, SessionKey.of("s-1"))).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.query(bad, Interval.of(T0, Duration.ofDays(1)))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(bad, SessionKey.of("s-1"))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
