package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.history.GoalProgress;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryProfileStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.DroppedTime;
import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.Weeks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The facade with several goals, end to end over the fake provider: proposals, events and history carry each
 * session's goal; reconcile keeps a moved session in its goal and week and reports drops per goal and week; progress
 * answers per goal; a restarted tracker answers the same.
 */
class UserTrackerGoalsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String LINALG = "Linear algebra";
    private static final String PROG = "Programming";
    private static final String STATS = "Statistics exam";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FakeCalendarProvider home = new FakeCalendarProvider("home");
    private final InMemoryTokenStore tokens = InMemoryTokenStore.create();
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private final InMemoryProfileStore profiles = InMemoryProfileStore.create();

    private StudyTracker tracker(SessionDetails details) {
        return StudyTracker.builder().providers(ProviderRegistry.of(home)).tokenStore(tokens).historyStore(history)
                .profileStore(profiles).clock(clock).sessionDetails(details).build();
    }

    /** Two weeks from Monday 2 March in Berlin, and an exam due on the second Thursday at 08:00. */
    private static final Interval TWO_WEEKS = Interval.of(local(2026, 3, 2, 0), local(2026, 3, 16, 0));
    private static final Instant EXAM = local(2026, 3, 12, 8);

    private static Instant local(int y, int m, int d, int h) {
        return ZonedDateTime.of(y, m, d, h, 0, 0, 0, BERLIN).toInstant();
    }

    private static StudyPreferences goals(ZoneId zone, Instant due) {
        return StudyPreferences.builder(zone)
                .goals(StudyGoal.weekly(LINALG, Duration.ofHours(3)),
                        StudyGoal.weekly(PROG, Duration.ofHours(2)).withSessionLength(Duration.ofMinutes(60), Duration.ofMinutes(60)),
                        StudyGoal.byDeadline(STATS, Duration.ofHours(4), due).withPriority(1))
                .sessionLength(Duration.ofMinutes(60), Duration.ofMinutes(90))
                .maxPerDay(Duration.ofHours(3))
                .build();
    }

    private UserTracker alice(StudyTracker tracker, StudyPreferences prefs) {
        UserTracker alice = tracker.forUser("alice");
        AccountRef h = alice.connect("home", ProviderSettings.builder().property("account", "alice@home").build());
        return alice.writeTo(h, "primary").preferences(prefs);
    }

    private FakeCalendarProvider.Calendar calendar() {
        return home.account("alice@home").calendar("primary");
    }

    private static LocalDate weekOf(Instant instant, ZoneId zone) {
        return Weeks.containing(instant, zone).start().atZone(zone).toLocalDate();
    }

    @Test
    void propose_approve_carryEachSessionsGoal_toTheEventTitleAndTheHistory() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));

        Proposals proposals = alice.propose(TWO_WEEKS);

        assertThat(proposals.sessions()).extracting(Proposal::goalId).contains(LINALG, PROG, STATS);
        for (String goal : List.of(LINALG, PROG, STATS)) {
            assertThat(proposals.sessions(goal)).extracting(Proposal::interval)
                    .isEqualTo(proposals.plan().sessions(goal).stream().map(s -> s.interval()).toList());
            assertThat(proposals.shortfall(goal)).isEqualTo(Duration.ZERO);
        }
        // each weekly goal gets its own time per ISO week, no more; the exam's sessions all end by its due
        Map<String, Duration> perGoalWeek = new HashMap<>();
        for (Proposal p : proposals.sessions()) {
            perGoalWeek.merge(p.goalId() + "@" + weekOf(p.interval().start(), BERLIN), p.interval().duration(), Duration::plus);
        }
        assertThat(perGoalWeek).containsEntry(LINALG + "@2026-03-02", Duration.ofHours(3))
                .containsEntry(LINALG + "@2026-03-09", Duration.ofHours(3))
                .containsEntry(PROG + "@2026-03-02", Duration.ofHours(2))
                .containsEntry(PROG + "@2026-03-09", Duration.ofHours(2));
        assertThat(proposals.sessions(STATS)).allSatisfy(p -> assertThat(p.interval().end()).isBeforeOrEqualTo(EXAM));
        assertThat(proposals.sessions(STATS).stream().map(p -> p.interval().duration()).reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(Duration.ofHours(4));
        assertThat(proposals.describe(BERLIN)).contains(" " + LINALG + "\n").contains(STATS + ": ");

        List<SessionRecord> approved = alice.approve(proposals.sessions());

        assertThat(approved).extracting(SessionRecord::goalId)
                .containsExactlyElementsOf(proposals.sessions().stream().map(Proposal::goalId).toList());
        for (Proposal p : proposals.sessions()) {
            assertThat(calendar().titles.get(p.key())).isEqualTo("Study Session: " + p.goalId());
            assertThat(alice.history(p.interval())).filteredOn(r -> r.key().equals(p.key()))
                    .singleElement().satisfies(r -> {
                        assertThat(r.goalId()).isEqualTo(p.goalId());
                        assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
                    });
        }
    }

    @Test
    void proposeAgain_countsEachScheduledSessionTowardItsOwnGoal_andProposesNothingMore() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));
        alice.approve(alice.propose(TWO_WEEKS).sessions());

        Proposals again = alice.propose(TWO_WEEKS);

        assertThat(again.sessions()).isEmpty();
        assertThat(again.shortfall()).isEqualTo(Duration.ZERO);
        assertThat(again.goals()).allSatisfy(g -> assertThat(g.existing()).isPositive());
    }

    @Test
    void titles_areConfigurable_andTheSingleDefaultGoalKeepsThePlainTitle() {
        UserTracker alice = alice(tracker(SessionDetails.titled("Study").withGoalTitle("{goal} ({title})")),
                goals(BERLIN, EXAM));
        Proposal p = alice.propose(TWO_WEEKS).sessions(LINALG).get(0);
        alice.approve(List.of(p));
        assertThat(calendar().titles.get(p.key())).isEqualTo("Linear algebra (Study)");

        UserTracker bob = tracker(SessionDetails.defaults()).forUser("bob");
        AccountRef h = bob.connect("home", ProviderSettings.builder().property("account", "bob@home").build());
        bob.writeTo(h, "primary").preferences(StudyPreferences.builder(BERLIN).weeklyGoal(Duration.ofHours(2)).build());
        Proposal single = bob.propose(TWO_WEEKS).sessions().get(0);
        assertThat(single.goalId()).isEqualTo(StudyPreferences.DEFAULT_GOAL_ID);
        bob.approve(List.of(single));
        assertThat(home.account("bob@home").calendar("primary").titles.get(single.key())).isEqualTo("Study Session");
    }

    @Test
    void aProposalRebuiltWithoutItsGoal_isApprovedUnderTheGoalItWasProposedFor() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));
        Proposal p = alice.propose(TWO_WEEKS).sessions(PROG).get(0);

        SessionRecord r = alice.approve(List.of(new Proposal(p.key(), p.interval()))).get(0);

        assertThat(r.goalId()).isEqualTo(PROG);
        assertThat(calendar().titles.get(p.key())).isEqualTo("Study Session: " + PROG);
    }

    @Test
    void reconcile_aMeetingOnAGoalsSession_movesItWithinItsGoalAndWeek() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));
        List<SessionRecord> approved = alice.approve(alice.propose(TWO_WEEKS).sessions());
        SessionRecord victim = approved.stream().filter(r -> r.goalId().equals(LINALG)).findFirst().orElseThrow();
        calendar().meeting("seminar", victim.interval(), EventFacts.busy(), "Seminar");

        ReconcileReport report = alice.reconcile(TWO_WEEKS);

        assertThat(report.updates(ChangeKind.MOVED)).extracting(SessionUpdate::key).containsExactly(victim.key());
        SessionRecord moved = history.find("alice", victim.key()).orElseThrow();
        assertThat(moved.goalId()).isEqualTo(LINALG);
        assertThat(moved.interval()).isNotEqualTo(victim.interval());
        assertThat(moved.interval().duration()).isEqualTo(victim.interval().duration());
        assertThat(weekOf(moved.interval().start(), BERLIN)).isEqualTo(weekOf(victim.interval().start(), BERLIN));
        assertThat(report.shortfalls()).isEmpty();
        // the goal's week still has its full time
        assertThat(alice.propose(TWO_WEEKS).sessions()).isEmpty();
    }

    @Test
    void reconcile_whenAGoalsWeekIsFull_dropsTheSession_andReportsItsGoalAndWeek() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));
        List<SessionRecord> approved = alice.approve(alice.propose(TWO_WEEKS).sessions());
        Interval secondWeek = Interval.of(local(2026, 3, 9, 0), local(2026, 3, 16, 0));
        // the whole second week fills up (a field trip)
        calendar().meeting("trip", secondWeek, EventFacts.busy(), "Field trip");

        ReconcileReport report = alice.reconcile(TWO_WEEKS);

        List<SessionRecord> lost = approved.stream().filter(r -> secondWeek.encloses(r.interval())).toList();
        assertThat(lost).isNotEmpty();
        Map<String, Duration> lostPerGoal = lost.stream().collect(Collectors.groupingBy(SessionRecord::goalId,
                Collectors.reducing(Duration.ZERO, r -> r.interval().duration(), Duration::plus)));
        assertThat(report.shortfalls()).containsExactlyInAnyOrderElementsOf(lostPerGoal.entrySet().stream()
                .map(e -> new DroppedTime(e.getKey(), LocalDate.of(2026, 3, 9), e.getValue())).toList());
        for (SessionRecord r : lost) {
            SessionRecord now = history.find("alice", r.key()).orElseThrow();
            assertThat(now.status()).isEqualTo(SessionStatus.CANCELLED);
            assertThat(now.goalId()).isEqualTo(r.goalId());
            assertThat(now.changes().get(now.changes().size() - 1).reason().orElseThrow())
                    .contains("goal '" + r.goalId() + "'").contains("week of 2026-03-09");
        }
        // the first week's sessions stay
        assertThat(approved.stream().filter(r -> !secondWeek.encloses(r.interval())))
                .allSatisfy(r -> assertThat(history.find("alice", r.key()).orElseThrow().status()).isEqualTo(SessionStatus.SCHEDULED));
    }

    @Test
    void dstWeeks_eachGoalGetsItsTimePerLocalIsoWeek_andAMovedSessionStaysInItsDstWeek() {
        // Berlin moves its clocks forward on Sunday 29 March 2026; the window spans that week and the next
        Interval dstWindow = Interval.of(local(2026, 3, 23, 0), local(2026, 4, 6, 0));
        Instant due = local(2026, 4, 2, 12);
        clock.set(Instant.parse("2026-03-22T12:00:00Z"));
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, due));

        Proposals proposals = alice.propose(dstWindow);

        Map<String, Duration> perGoalWeek = new HashMap<>();
        for (Proposal p : proposals.sessions()) {
            perGoalWeek.merge(p.goalId() + "@" + weekOf(p.interval().start(), BERLIN), p.interval().duration(), Duration::plus);
            assertThat(p.interval().start().atZone(BERLIN).toLocalTime()).isAfterOrEqualTo(LocalTime.of(7, 0));
        }
        assertThat(perGoalWeek).containsEntry(LINALG + "@2026-03-23", Duration.ofHours(3))
                .containsEntry(LINALG + "@2026-03-30", Duration.ofHours(3))
                .containsEntry(PROG + "@2026-03-23", Duration.ofHours(2))
                .containsEntry(PROG + "@2026-03-30", Duration.ofHours(2));
        assertThat(proposals.sessions(STATS)).allSatisfy(p -> assertThat(p.interval().end()).isBeforeOrEqualTo(due));

        List<SessionRecord> approved = alice.approve(proposals.sessions());
        SessionRecord victim = approved.stream().filter(r -> r.goalId().equals(PROG)
                && weekOf(r.interval().start(), BERLIN).equals(LocalDate.of(2026, 3, 23))).findFirst().orElseThrow();
        calendar().meeting("clash", victim.interval(), EventFacts.busy(), "Clash");
        alice.reconcile(dstWindow);
        SessionRecord moved = history.find("alice", victim.key()).orElseThrow();
        assertThat(moved.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(moved.goalId()).isEqualTo(PROG);
        assertThat(weekOf(moved.interval().start(), BERLIN)).isEqualTo(LocalDate.of(2026, 3, 23));
    }

    @Test
    void progress_answersPerGoal_weeklyTargetsDeadlineAndStreaks() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));
        List<SessionRecord> approved = alice.approve(alice.propose(TWO_WEEKS).sessions());
        // the first week passes: every Linear algebra session is studied, every Programming one skipped
        clock.set(local(2026, 3, 8, 23));
        List<SessionRecord> firstWeek = approved.stream()
                .filter(r -> r.interval().end().isBefore(local(2026, 3, 9, 0))).toList();
        for (SessionRecord r : firstWeek) {
            if (r.goalId().equals(PROG)) {
                calendar().personDeletes(r.key());
            }
        }
        alice.reconcile(Interval.of(local(2026, 3, 2, 0), local(2026, 3, 9, 0)));
        Duration statsDone = firstWeek.stream().filter(r -> r.goalId().equals(STATS))
                .map(r -> r.interval().duration()).reduce(Duration.ZERO, Duration::plus);

        StudyProgress progress = alice.progress();
        Map<String, GoalProgress> byGoal = progress.goals().stream()
                .collect(Collectors.toMap(GoalProgress::goalId, g -> g));

        assertThat(progress.weeklyGoal()).isEqualTo(Duration.ofHours(5));
        assertThat(byGoal.get(LINALG).thisWeek().studied()).isEqualTo(Duration.ofHours(3));
        assertThat(byGoal.get(LINALG).thisWeek().goal()).isEqualTo(Duration.ofHours(3));
        assertThat(byGoal.get(LINALG).onTrack()).isTrue();
        assertThat(byGoal.get(LINALG).adherence().ratio()).hasValue(1.0);
        assertThat(byGoal.get(LINALG).streak().longest()).isPositive();
        assertThat(byGoal.get(PROG).thisWeek().studied()).isEqualTo(Duration.ZERO);
        assertThat(byGoal.get(PROG).onTrack()).isFalse();
        assertThat(byGoal.get(PROG).adherence().ratio()).hasValue(0.0);
        assertThat(byGoal.get(PROG).streak().longest()).isZero();
        // the exam: what was studied plus what is still scheduled before its due covers its total
        assertThat(byGoal.get(STATS).deadline()).hasValueSatisfying(d -> {
            assertThat(d.studied()).isEqualTo(statsDone);
            assertThat(d.studied().plus(d.scheduled())).isEqualTo(Duration.ofHours(4));
            assertThat(d.onTrack()).isTrue();
            assertThat(d.summary()).contains("of 4h before 2026-03-12").contains("on track");
        });
        assertThat(alice.progress(LINALG).thisWeek().studied()).isEqualTo(Duration.ofHours(3));
        assertThat(alice.progress(PROG).weeklyTotals(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2)))
                .singleElement().satisfies(w -> assertThat(w.goal()).isEqualTo(Duration.ofHours(2)));
        assertThat(progress.report()).contains("- " + LINALG + ": 3h of 3h this week, goal met.")
                .contains("- " + PROG + ": 0m of 2h this week, 2h to go.")
                .contains("- " + STATS + ": ");
        assertThatThrownBy(() -> alice.progress("Astronomy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Astronomy").hasMessageContaining(LINALG);
    }

    @Test
    void deadlineProgress_isNotOnTrack_whenTheExamsSessionsAreDeleted() {
        UserTracker alice = alice(tracker(SessionDetails.defaults()), goals(BERLIN, EXAM));
        List<SessionRecord> approved = alice.approve(alice.propose(TWO_WEEKS).sessions());
        for (SessionRecord r : approved) {
            if (r.goalId().equals(STATS)) {
                calendar().personDeletes(r.key());
            }
        }
        alice.reconcile(TWO_WEEKS);

        GoalProgress exam = alice.progress().goals().stream().filter(g -> g.goalId().equals(STATS)).findFirst().orElseThrow();

        assertThat(exam.onTrack()).isFalse();
        assertThat(exam.deadline().orElseThrow().missing()).isEqualTo(Duration.ofHours(4));
        assertThat(exam.deadline().orElseThrow().summary()).contains("4h not planned yet");
    }

    @Test
    void restart_aNewTrackerOnTheSameStores_keepsTheGoals_andAnswersTheSamePropose() {
        StudyPreferences prefs = goals(BERLIN, EXAM);
        UserTracker before = alice(tracker(SessionDetails.defaults()), prefs);
        Proposals first = before.propose(TWO_WEEKS);

        UserTracker after = tracker(SessionDetails.defaults()).forUser("alice");

        assertThat(after.preferences().orElseThrow().goals()).isEqualTo(prefs.goals());
        Proposals again = after.propose(TWO_WEEKS);
        assertThat(again.sessions()).isEqualTo(first.sessions());
        assertThat(again.goals()).isEqualTo(first.goals());
        assertThat(after.progress().studyGoals()).isEqualTo(prefs.goals());
        assertThat(Optional.of(again.sessions().size())).hasValueSatisfying(n -> assertThat(n).isPositive());
    }
}
