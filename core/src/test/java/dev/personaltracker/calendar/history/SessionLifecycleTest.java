package dev.personaltracker.calendar.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {

    private static final String USER = "ada";
    private static final SessionKey KEY = SessionKey.of("s-1");
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Interval AT_10 = Interval.of(Instant.parse("2026-03-02T10:00:00Z"), Duration.ofHours(1));
    private static final Interval AT_14 = Interval.of(Instant.parse("2026-03-02T14:00:00Z"), Duration.ofHours(1));
    private static final Interval AT_18 = Interval.of(Instant.parse("2026-03-02T18:00:00Z"), Duration.ofHours(1));
    private static final EventRef EVENT = new EventRef("ics", "me", "study", "evt-1");
    private static final BusySource MEETING =
            new BusySource("ics", "me", "work", "meeting-7", Optional.empty());

    private final InMemoryHistoryStore store = InMemoryHistoryStore.create();
    private final SessionLifecycle lifecycle = SessionLifecycle.create(store, Clock.fixed(T0, ZoneOffset.UTC));

    private SessionRecord scheduledAt10() {
        lifecycle.proposed(USER, KEY, AT_10);
        return lifecycle.scheduled(USER, KEY, EVENT, AT_10);
    }

    private static StudyEvent eventAt(Interval interval) {
        return new StudyEvent("study", "evt-1", KEY, interval, Optional.empty());
    }

    private static List<ChangeKind> kinds(SessionRecord record) {
        return record.changes().stream().map(SessionChange::kind).toList();
    }

    // --- proposed / scheduled -------------------------------------------------------------------------------------

    @Test
    void proposed_createsRecordStampedWithClock() {
        SessionRecord r = lifecycle.proposed(USER, KEY, AT_10);

        assertThat(r.status()).isEqualTo(SessionStatus.PROPOSED);
        assertThat(r.interval()).isEqualTo(AT_10);
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.PROPOSED);
            assertThat(c.at()).isEqualTo(T0);
        });
        assertThat(store.find(USER, KEY)).contains(r);
    }

    @Test
    void proposed_again_recordsNewTime_orNothingIfSame() {
        lifecycle.proposed(USER, KEY, AT_10);
        assertThat(lifecycle.proposed(USER, KEY, AT_10).changes()).hasSize(1);

        SessionRecord r = lifecycle.proposed(USER, KEY, AT_14);
        assertThat(r.interval()).isEqualTo(AT_14);
        assertThat(r.changes()).hasSize(2);
        assertThat(r.changes().get(1).from()).contains(AT_10);
    }

    @Test
    void proposed_afterScheduled_isRefusedNamingBothStates() {
        scheduledAt10();
        assertThatThrownBy(() -> lifecycle.proposed(USER, KEY, AT_14))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'s-1'").hasMessageContaining("'ada'")
                .hasMessageContaining("from SCHEDULED to PROPOSED");
    }

    @Test
    void scheduled_afterProposal_keepsEventAndHistory() {
        SessionRecord r = scheduledAt10();

        assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(r.event()).contains(EVENT);
        assertThat(kinds(r)).containsExactly(ChangeKind.PROPOSED, ChangeKind.SCHEDULED);
    }

    @Test
    void scheduled_withoutProposal_isAllowed() {
        SessionRecord r = lifecycle.scheduled(USER, KEY, EVENT, AT_10);
        assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(kinds(r)).containsExactly(ChangeKind.SCHEDULED);
    }

    @Test
    void scheduled_retriedWithSameEvent_isNoOp() {
        SessionRecord first = scheduledAt10();
        assertThat(lifecycle.scheduled(USER, KEY, EVENT, AT_10)).isEqualTo(first);
    }

    @Test
    void scheduled_atAnotherEvent_isRefused() {
        scheduledAt10();
        EventRef other = new EventRef("ics", "me", "study", "evt-2");
        assertThatThrownBy(() -> lifecycle.scheduled(USER, KEY, other, AT_10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from SCHEDULED to SCHEDULED");
    }

    @Test
    void scheduled_afterCancelled_isRefused() {
        lifecycle.proposed(USER, KEY, AT_10);
        lifecycle.cancelled(USER, KEY, "discarded by the host");
        assertThatThrownBy(() -> lifecycle.scheduled(USER, KEY, EVENT, AT_10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from CANCELLED to SCHEDULED");
    }

    // --- moves ----------------------------------------------------------------------------------------------------

    @Test
    void movedByLibrary_recordsFromToAndCause() {
        scheduledAt10();
        SessionRecord r = lifecycle.movedByLibrary(USER, KEY, AT_10, AT_14, MEETING);

        assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(r.interval()).isEqualTo(AT_14);
        SessionChange move = r.changes().get(r.changes().size() - 1);
        assertThat(move.kind()).isEqualTo(ChangeKind.MOVED);
        assertThat(move.from()).contains(AT_10);
        assertThat(move.to()).contains(AT_14);
        assertThat(move.cause()).contains(MEETING);
        assertThat(move.reason()).contains(SessionLifecycle.BUSY_REASON);
    }

    @Test
    void moved_twice_keepsBothMoves() {
        scheduledAt10();
        lifecycle.movedByLibrary(USER, KEY, AT_10, AT_14, MEETING);
        SessionRecord r = lifecycle.movedByLibrary(USER, KEY, AT_14, AT_18, Optional.empty(), "work hours changed");

        assertThat(r.interval()).isEqualTo(AT_18);
        assertThat(kinds(r)).containsExactly(ChangeKind.PROPOSED, ChangeKind.SCHEDULED, ChangeKind.MOVED, ChangeKind.MOVED);
        assertThat(r.changes().get(3).reason()).contains("work hours changed");
    }

    @Test
    void movedByPerson_thenConflicted_isMovedByLibraryFromThePersonsTime() {
        scheduledAt10();
        lifecycle.movedByPerson(USER, KEY, AT_10, AT_14);
        SessionRecord r = lifecycle.movedByLibrary(USER, KEY, AT_14, AT_18, MEETING);

        assertThat(kinds(r)).containsSubsequence(ChangeKind.MOVED_BY_PERSON, ChangeKind.MOVED);
        assertThat(r.changes().get(2).reason()).contains(SessionLifecycle.MOVED_BY_PERSON_REASON);
        assertThat(r.interval()).isEqualTo(AT_18);
    }

    @Test
    void move_fromATimeOtherThanRecorded_isRefused() {
        scheduledAt10();
        assertThatThrownBy(() -> lifecycle.movedByLibrary(USER, KEY, AT_14, AT_18, MEETING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recorded at " + AT_10).hasMessageContaining("not at " + AT_14);
    }

    @Test
    void move_toTheSameTime_isRefused() {
        scheduledAt10();
        assertThatThrownBy(() -> lifecycle.movedByPerson(USER, KEY, AT_10, AT_10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(AT_10.toString());
    }

    @Test
    void move_ofCompletedSession_isRefused() {
        scheduledAt10();
        lifecycle.markCompleted(USER, KEY, Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> lifecycle.movedByLibrary(USER, KEY, AT_10, AT_14, MEETING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Session 's-1' of user 'ada'")
                .hasMessageContaining("from COMPLETED to SCHEDULED");
    }

    @Test
    void move_ofProposal_isRefused() {
        lifecycle.proposed(USER, KEY, AT_10);
        assertThatThrownBy(() -> lifecycle.movedByPerson(USER, KEY, AT_10, AT_14))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from PROPOSED to SCHEDULED");
    }

    @Test
    void move_ofUnknownSession_isRefused() {
        assertThatThrownBy(() -> lifecycle.movedByPerson(USER, KEY, AT_10, AT_14))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from NONE to SCHEDULED");
    }

    // --- settle ---------------------------------------------------------------------------------------------------

    @Test
    void settle_afterEnd_withEventStanding_completes() {
        scheduledAt10();
        SessionRecord r = lifecycle.settle(USER, KEY, Optional.of(eventAt(AT_10)), AT_10.end());

        assertThat(r.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(r.changes().get(r.changes().size() - 1).at()).isEqualTo(AT_10.end());
        assertThat(r.changes().get(r.changes().size() - 1).reason()).contains(SessionLifecycle.STOOD);
        assertThat(r.actual()).isEmpty();
    }

    @Test
    void settle_afterEnd_withEventDeleted_skips() {
        scheduledAt10();
        SessionRecord r = lifecycle.settle(USER, KEY, Optional.empty(), AT_10.end().plusSeconds(60));
        assertThat(r.status()).isEqualTo(SessionStatus.SKIPPED);
    }

    @Test
    void settle_beforeStart_withEventDeleted_cancels() {
        scheduledAt10();
        SessionRecord r = lifecycle.settle(USER, KEY, Optional.empty(), AT_10.start().minusSeconds(1));
        assertThat(r.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(r.changes().get(r.changes().size() - 1).reason()).contains(SessionLifecycle.DELETED_BEFORE_START);
    }

    @Test
    void settle_whileRunning_withEventDeleted_skips() {
        scheduledAt10();
        SessionRecord r = lifecycle.settle(USER, KEY, Optional.empty(), AT_10.start());
        assertThat(r.status()).isEqualTo(SessionStatus.SKIPPED);
        assertThat(r.changes().get(r.changes().size() - 1).reason()).contains(SessionLifecycle.DELETED);
    }

    @Test
    void settle_beforeEnd_withEventStanding_changesNothing() {
        SessionRecord before = scheduledAt10();
        assertThat(lifecycle.settle(USER, KEY, Optional.of(eventAt(AT_10)), AT_10.start())).isEqualTo(before);
        assertThat(store.find(USER, KEY)).contains(before);
    }

    @Test
    void settle_eventAtAnotherTime_recordsMoveByPerson_andRespectsIt() {
        scheduledAt10();
        SessionRecord r = lifecycle.settle(USER, KEY, Optional.of(eventAt(AT_14)), AT_10.end());

        // the person's new time has not ended yet, so the session stays scheduled at the new time
        assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(r.interval()).isEqualTo(AT_14);
        SessionChange last = r.changes().get(r.changes().size() - 1);
        assertThat(last.kind()).isEqualTo(ChangeKind.MOVED_BY_PERSON);
        assertThat(last.from()).contains(AT_10);
        assertThat(last.to()).contains(AT_14);
    }

    @Test
    void settle_eventMovedByPersonIntoThePast_recordsMoveThenCompletes() {
        scheduledAt10();
        Interval earlier = Interval.of(AT_10.start().minus(Duration.ofHours(2)), Duration.ofHours(1));
        SessionRecord r = lifecycle.settle(USER, KEY, Optional.of(eventAt(earlier)), AT_10.start());

        assertThat(kinds(r)).endsWith(ChangeKind.MOVED_BY_PERSON, ChangeKind.COMPLETED);
        assertThat(r.interval()).isEqualTo(earlier);
    }

    @Test
    void settle_deletedAfterItWasSettled_staysCompleted() {
        scheduledAt10();
        SessionRecord completed = lifecycle.settle(USER, KEY, Optional.of(eventAt(AT_10)), AT_10.end());
        SessionRecord again = lifecycle.settle(USER, KEY, Optional.empty(), AT_10.end().plus(Duration.ofDays(1)));
        assertThat(again).isEqualTo(completed);
    }

    @Test
    void settle_ofProposal_changesNothing() {
        SessionRecord proposed = lifecycle.proposed(USER, KEY, AT_10);
        assertThat(lifecycle.settle(USER, KEY, Optional.empty(), AT_10.end())).isEqualTo(proposed);
    }

    @Test
    void settle_ofUnknownSession_isRefused() {
        assertThatThrownBy(() -> lifecycle.settle(USER, KEY, Optional.empty(), T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'s-1'").hasMessageContaining("from NONE");
    }

    @Test
    void settle_withEventOfAnotherKey_isRefused() {
        scheduledAt10();
        StudyEvent other = new StudyEvent("study", "evt-9", SessionKey.of("s-9"), AT_10, Optional.empty());
        assertThatThrownBy(() -> lifecycle.settle(USER, KEY, Optional.of(other), AT_10.end()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s-9'").hasMessageContaining("'s-1'");
    }

    // --- explicit outcomes ----------------------------------------------------------------------------------------

    @Test
    void markCompleted_recordsActualMinutesAndNote() {
        scheduledAt10();
        SessionRecord r = lifecycle.markCompleted(USER, KEY, Optional.of(Duration.ofMinutes(45)), Optional.of("chapter 3"));

        assertThat(r.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(r.actual()).contains(Duration.ofMinutes(45));
        assertThat(r.note()).contains("chapter 3");
        assertThat(kinds(r)).endsWith(ChangeKind.COMPLETED);
    }

    @Test
    void markCompleted_correctsASkippedSession_andMarkSkippedCorrectsBack() {
        scheduledAt10();
        lifecycle.settle(USER, KEY, Optional.empty(), AT_10.end());
        SessionRecord completed = lifecycle.markCompleted(USER, KEY, Optional.of(Duration.ofMinutes(30)), Optional.empty());
        assertThat(completed.status()).isEqualTo(SessionStatus.COMPLETED);

        SessionRecord skipped = lifecycle.markSkipped(USER, KEY, Optional.of("was ill"));
        assertThat(skipped.status()).isEqualTo(SessionStatus.SKIPPED);
        assertThat(skipped.actual()).isEmpty();
        assertThat(kinds(skipped)).endsWith(ChangeKind.SKIPPED, ChangeKind.COMPLETED, ChangeKind.SKIPPED);
    }

    @Test
    void markCompleted_rejectsZeroOrHugeMinutes() {
        scheduledAt10();
        assertThatThrownBy(() -> lifecycle.markCompleted(USER, KEY, Optional.of(Duration.ZERO), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> lifecycle.markCompleted(USER, KEY, Optional.of(Duration.ofHours(25)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT25H");
    }

    @Test
    void markCompleted_ofProposalOrCancelled_isRefused() {
        lifecycle.proposed(USER, KEY, AT_10);
        assertThatThrownBy(() -> lifecycle.markCompleted(USER, KEY, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from PROPOSED to COMPLETED");
        lifecycle.cancelled(USER, KEY, "discarded");
        assertThatThrownBy(() -> lifecycle.markSkipped(USER, KEY, Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from CANCELLED to SKIPPED");
    }

    // --- cancelled ------------------------------------------------------------------------------------------------

    @Test
    void cancelled_byReconcile_recordsCauseAndReason() {
        scheduledAt10();
        SessionRecord r = lifecycle.cancelled(USER, KEY, Optional.of(MEETING), "no legal slot left");

        assertThat(r.status()).isEqualTo(SessionStatus.CANCELLED);
        SessionChange last = r.changes().get(r.changes().size() - 1);
        assertThat(last.cause()).contains(MEETING);
        assertThat(last.reason()).contains("no legal slot left");
    }

    @Test
    void cancelled_twice_isNoOp() {
        scheduledAt10();
        SessionRecord first = lifecycle.cancelled(USER, KEY, "dropped");
        assertThat(lifecycle.cancelled(USER, KEY, "dropped again")).isEqualTo(first);
    }

    @Test
    void cancelled_afterCompleted_isRefused() {
        scheduledAt10();
        lifecycle.markCompleted(USER, KEY, Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> lifecycle.cancelled(USER, KEY, "dropped"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from COMPLETED to CANCELLED");
    }

    @Test
    void cancelled_withBlankReason_isRefused() {
        scheduledAt10();
        assertThatThrownBy(() -> lifecycle.cancelled(USER, KEY, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }

    // --- concurrency ----------------------------------------------------------------------------------------------

    @Test
    void concurrentMoves_onOneSession_areSerialized_soExactlyOneWins_evenAcrossInstances() throws Exception {
        scheduledAt10();
        SessionLifecycle other = SessionLifecycle.create(store, Clock.fixed(T0, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Interval to = Interval.of(AT_14.start().plus(Duration.ofMinutes(i)), Duration.ofHours(1));
                SessionLifecycle writer = i % 2 == 0 ? lifecycle : other;
                results.add(pool.submit(() -> {
                    try {
                        writer.movedByLibrary(USER, KEY, AT_10, to, MEETING);
                        return true;
                    } catch (IllegalStateException lostTheRace) {
                        return false;
                    }
                }));
            }
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(kinds(store.find(USER, KEY).orElseThrow())).containsOnlyOnce(ChangeKind.MOVED);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
