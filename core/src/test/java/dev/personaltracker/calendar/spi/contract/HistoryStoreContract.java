package dev.personaltracker.calendar.spi.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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
import java.util.Optional;
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
}
