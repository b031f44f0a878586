package dev.personaltracker.calendar.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.spi.BusySource;
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
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of {@link SessionLifecycle} over random sequences of steps, legal or not. */
class SessionLifecyclePropertiesTest {

    private static final String USER = "ada";
    private static final SessionKey KEY = SessionKey.of("k");
    private static final Instant BASE = Instant.parse("2026-03-02T00:00:00Z");
    private static final EventRef EVENT = new EventRef("ics", "me", "study", "e-1");
    private static final BusySource MEETING = new BusySource("ics", "me", "work", "m", Optional.empty());

    enum Op { PROPOSE, SCHEDULE, MOVE_LIBRARY, MOVE_PERSON, SETTLE_STANDING, SETTLE_MOVED, SETTLE_DELETED,
        COMPLETE, SKIP, CANCEL }

    /** A step: what, a slot (hours after BASE) for the new time, and an hour offset for "now". */
    record Step(Op op, int slot, int nowHour) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(-2, 16)).as(Step::new).list().ofMinSize(1).ofMaxSize(25);
    }

    private static Interval slot(int hours) {
        return Interval.of(BASE.plus(Duration.ofHours(hours)), Duration.ofMinutes(60));
    }

    private static void apply(SessionLifecycle l, Optional<SessionRecord> before, Step s) {
        Interval current = before.map(SessionRecord::interval).orElse(slot(0));
        Instant now = BASE.plus(Duration.ofHours(s.nowHour()));
        switch (s.op()) {
            case PROPOSE -> l.proposed(USER, KEY, slot(s.slot()));
            case SCHEDULE -> l.scheduled(USER, KEY, EVENT, before.isPresent() ? current : slot(s.slot()));
            case MOVE_LIBRARY -> l.movedByLibrary(USER, KEY, current, slot(s.slot()), MEETING);
            case MOVE_PERSON -> l.movedByPerson(USER, KEY, current, slot(s.slot()));
            case SETTLE_STANDING -> l.settle(USER, KEY, Optional.of(event(current)), now);
            case SETTLE_MOVED -> l.settle(USER, KEY, Optional.of(event(slot(s.slot()))), now);
            case SETTLE_DELETED -> l.settle(USER, KEY, Optional.empty(), now);
            case COMPLETE -> l.markCompleted(USER, KEY, Optional.of(Duration.ofMinutes(30 + s.slot())), Optional.empty());
            case SKIP -> l.markSkipped(USER, KEY, Optional.of("note " + s.slot()));
            case CANCEL -> l.cancelled(USER, KEY, "dropped");
        }
    }

    private static StudyEvent event(Interval at) {
        return new StudyEvent("study", "e-1", KEY, at, Optional.empty());
    }

    @Property(tries = 200)
    void everyStep_keepsTheRecordConsistent_andARefusedStepChangesNothing(@ForAll("steps") List<Step> steps) {
        InMemoryHistoryStore store = InMemoryHistoryStore.create();
        SessionLifecycle lifecycle = SessionLifecycle.create(store, Clock.fixed(BASE, ZoneOffset.UTC));

        for (Step s : steps) {
            Optional<SessionRecord> before = store.find(USER, KEY);
            try {
                apply(lifecycle, before, s);
            } catch (IllegalStateException | IllegalArgumentException refused) {
                assertThat(store.find(USER, KEY)).as("refused %s", s).isEqualTo(before);
                continue;
            }
            SessionRecord after = store.find(USER, KEY).orElseThrow();
            int added = after.changes().size() - before.map(r -> r.changes().size()).orElse(0);
            assertThat(added).as("changes added by %s", s).isBetween(0, 2);
            if (added > 0) {
                assertThat(after.changes().subList(0, after.changes().size() - added))
                        .isEqualTo(before.map(SessionRecord::changes).orElse(List.of()));
            }
            before.ifPresent(b -> {
                if (b.status() == SessionStatus.CANCELLED) {
                    assertThat(after.status()).isEqualTo(SessionStatus.CANCELLED);
                }
                if (b.status() == SessionStatus.COMPLETED || b.status() == SessionStatus.SKIPPED) {
                    assertThat(after.status()).isIn(SessionStatus.COMPLETED, SessionStatus.SKIPPED);
                    assertThat(after.interval()).isEqualTo(b.interval());
                }
            });
            Optional<Interval> lastTo = after.changes().stream().map(SessionChange::to).flatMap(Optional::stream)
                    .reduce((first, second) -> second);
            assertThat(Optional.of(after.interval())).isEqualTo(lastTo);
            assertThat(after.event().isPresent()).isEqualTo(after.status() != SessionStatus.PROPOSED
                    && after.changes().stream().anyMatch(c -> c.kind() == dev.personaltracker.calendar.spi.ChangeKind.SCHEDULED));
            if (after.status() != SessionStatus.COMPLETED) {
                assertThat(after.actual()).isEmpty();
            }
        }
    }
}
