package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Worked examples of {@link StudyPlanner}; the properties live in the *PropertiesTest classes. */
class StudyPlannerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** a Monday with no DST change in its week */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    static {
        Instances.quietPlannerLog();
    }

    private static java.time.Instant at(LocalDate day, int hour, int minute, ZoneId zone) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(zone).toInstant();
    }

    private static Interval local(LocalDate day, int h1, int m1, int h2, int m2) {
        return Interval.of(at(day, h1, m1, BERLIN), at(day, h2, m2, BERLIN));
    }

    private static Interval week(LocalDate monday, ZoneId zone) {
        return Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    private static WeeklyHours daily(ZoneId zone, LocalTime from, LocalTime to) {
        return WeeklyHours.builder(zone).addEveryDay(from, to).build();
    }

    /** busy all week except the given free intervals */
    private static IntervalSet freeOnly(Interval window, Interval... free) {
        return IntervalSet.of(free).complement(window);
    }

    private static List<Interval> intervals(StudyPlan plan) {
        return plan.sessions().stream().map(ProposedSession::interval).toList();
    }

    private static StudyPreferences.Builder plain() {
        return StudyPreferences.builder(BERLIN).buffer(Duration.ZERO).breakBetweenSessions(Duration.ZERO)
                .granularity(Duration.ofMinutes(30)).maxPerDay(Duration.ofHours(24))
                .studyHours(daily(BERLIN, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
    }

    @Test
    void propose_beatsEarliestFitGreedy() {
        // two free hours; greedy would take 90 minutes at 09:00 and strand 30; two hours fit as 60 + 60
        StudyPreferences prefs = plain().sessionLength(Duration.ofMinutes(60), Duration.ofMinutes(90))
                .weeklyGoal(Duration.ofHours(2)).build();
        Interval window = week(MONDAY, BERLIN);
        StudyPlan plan = StudyPlanner.create(prefs).propose(window, freeOnly(window, local(MONDAY, 9, 0, 11, 0)), List.of());

        assertThat(plan.planned()).isEqualTo(Duration.ofHours(2));
        assertThat(plan.shortfall()).isZero();
        assertThat(intervals(plan)).allSatisfy(s -> assertThat(local(MONDAY, 9, 0, 11, 0).encloses(s)).isTrue());
    }

    @Test
    void propose_prefersPreferredHoursThenEarlierStarts() {
        WeeklyHours tenToEleven = daily(BERLIN, LocalTime.of(10, 0), LocalTime.of(11, 0));
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(1))
                .preferredHours(tenToEleven).build();
        Interval window = week(MONDAY, BERLIN);
        IntervalSet busy = freeOnly(window, local(MONDAY, 8, 0, 12, 0), local(MONDAY.plusDays(1), 8, 0, 12, 0));

        assertThat(intervals(StudyPlanner.create(prefs).propose(window, busy, List.of())))
                .containsExactly(local(MONDAY, 10, 0, 11, 0));
        StudyPreferences noPreference = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .weeklyGoal(Duration.ofHours(1)).build();
        assertThat(intervals(StudyPlanner.create(noPreference).propose(window, busy, List.of())))
                .containsExactly(local(MONDAY, 8, 0, 9, 0));
    }

    @Test
    void propose_spreadsOverMoreDaysBeforeStartingEarlier() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(2)).build();
        Interval window = week(MONDAY, BERLIN);
        IntervalSet busy = freeOnly(window, local(MONDAY, 8, 0, 12, 0), local(MONDAY.plusDays(3), 8, 0, 12, 0));

        assertThat(intervals(StudyPlanner.create(prefs).propose(window, busy, List.of())))
                .containsExactly(local(MONDAY, 8, 0, 9, 0), local(MONDAY.plusDays(3), 8, 0, 9, 0));
    }

    @Test
    void propose_countsExistingSessionsTowardDayCapWeeklyGoalAndBreaks() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(3))
                .maxPerDay(Duration.ofHours(2)).breakBetweenSessions(Duration.ofMinutes(30)).build();
        Interval window = week(MONDAY, BERLIN);
        IntervalSet busy = freeOnly(window, local(MONDAY, 8, 0, 12, 0), local(MONDAY.plusDays(1), 8, 0, 12, 0));
        List<Interval> existing = List.of(local(MONDAY, 8, 0, 9, 0), local(MONDAY.plusDays(1), 8, 0, 9, 0));

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, busy, existing);

        // one hour left of the goal; it keeps 30 minutes from the existing session
        assertThat(intervals(plan)).containsExactly(local(MONDAY, 9, 30, 10, 30));
        assertThat(plan.weeks()).singleElement().satisfies(w -> {
            assertThat(w.existing()).isEqualTo(Duration.ofHours(2));
            assertThat(w.placed()).isEqualTo(Duration.ofHours(1));
            assertThat(w.goalMet()).isTrue();
        });
    }

    @Test
    void propose_keepsTheBufferFromBusyTime() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(1))
                .buffer(Duration.ofMinutes(10)).build();
        Interval window = week(MONDAY, BERLIN);

        // free 08:00-10:00: with a 10-minute buffer on the 30-minute grid only 08:30-09:30 is left
        StudyPlan plan = StudyPlanner.create(prefs).propose(window, freeOnly(window, local(MONDAY, 8, 0, 10, 0)), List.of());

        assertThat(intervals(plan)).containsExactly(local(MONDAY, 8, 30, 9, 30));
    }

    @Test
    void propose_handlesBreaksAcrossMidnightExactly() {
        // study 22:00-02:00 every night; sessions never cross midnight; 60-minute breaks also across it
        StudyPreferences prefs = StudyPreferences.builder(BERLIN).buffer(Duration.ZERO).granularity(Duration.ofMinutes(30))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).breakBetweenSessions(Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(2)).weeklyGoal(Duration.ofHours(4))
                .studyHours(daily(BERLIN, LocalTime.of(22, 0), LocalTime.of(2, 0))).build();
        Interval window = Interval.of(MONDAY.atStartOfDay(BERLIN).toInstant(), MONDAY.plusDays(2).atStartOfDay(BERLIN).toInstant());

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, IntervalSet.empty(), List.of());

        // Mon 00-02, Mon 22-24, Tue 00-02, Tue 22-24 are free: 4 hours fit only with a break across each midnight
        assertThat(plan.planned()).isEqualTo(Duration.ofHours(4));
        StudyPlannerPropertiesTest.assertLegal(new Instances.Instance(prefs, window, IntervalSet.empty(), List.of()), plan);
    }

    @Test
    void propose_alignsToElapsedTimeFromMidnightOnDstDays() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        // 2024-04-07: at 02:00 clocks go back to 01:30, a 24.5-hour day
        LocalDate longDay = LocalDate.of(2024, 4, 7);
        StudyPreferences prefs = StudyPreferences.builder(lordHowe).buffer(Duration.ZERO).breakBetweenSessions(Duration.ZERO)
                .granularity(Duration.ofHours(1)).sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(25)).weeklyGoal(Duration.ofHours(100))
                .studyHours(daily(lordHowe, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)).build();
        Interval day = Interval.of(longDay.atStartOfDay(lordHowe).toInstant(), longDay.plusDays(1).atStartOfDay(lordHowe).toInstant());

        List<Interval> sessions = intervals(StudyPlanner.create(prefs).propose(day, IntervalSet.empty(), List.of()));

        // 24 whole hours fit; the last ends at 23:30 wall time and the final half hour is no grid step
        assertThat(sessions).hasSize(24);
        assertThat(sessions.get(23).end().atZone(lordHowe).toLocalTime()).isEqualTo(LocalTime.of(23, 30));
        assertThat(sessions.get(1).start().atZone(lordHowe).toLocalTime()).isEqualTo(LocalTime.of(1, 0));
    }

    @Test
    void propose_usesTheShortDayOfSpringForward() {
        // 2024-03-31 in Berlin has 23 hours: 02:00 does not exist
        LocalDate shortDay = LocalDate.of(2024, 3, 31);
        StudyPreferences prefs = plain().granularity(Duration.ofHours(1)).sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .weeklyGoal(Duration.ofHours(100)).studyHours(daily(BERLIN, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)).build();
        Interval day = Interval.of(shortDay.atStartOfDay(BERLIN).toInstant(), shortDay.plusDays(1).atStartOfDay(BERLIN).toInstant());

        List<Interval> sessions = intervals(StudyPlanner.create(prefs).propose(day, IntervalSet.empty(), List.of()));

        assertThat(sessions).hasSize(23);
        assertThat(sessions).extracting(s -> s.start().atZone(BERLIN).toLocalTime()).doesNotContain(LocalTime.of(2, 0))
                .contains(LocalTime.of(1, 0), LocalTime.of(3, 0));
    }

    @Test
    void propose_explainsAShortfallByTheDailyCap() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(5))
                .maxPerDay(Duration.ofHours(2)).build();
        Interval window = week(MONDAY, BERLIN);

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, freeOnly(window, local(MONDAY, 8, 0, 20, 0)), List.of());

        assertThat(plan.shortfall()).isEqualTo(Duration.ofHours(3));
        assertThat(plan.weeks().get(0).reasons()).containsExactly(ShortfallReason.DAILY_CAP);
    }

    @Test
    void propose_explainsAShortfallByTheMinimumLength() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(1)).build();
        Interval window = week(MONDAY, BERLIN);
        IntervalSet busy = freeOnly(window, local(MONDAY, 8, 0, 8, 30), local(MONDAY, 9, 0, 9, 30), local(MONDAY, 10, 0, 10, 30));

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, busy, List.of());

        assertThat(plan.sessions()).isEmpty();
        assertThat(plan.weeks().get(0).reasons()).containsExactly(ShortfallReason.MIN_LENGTH);
    }

    @Test
    void propose_explainsAShortfallByTheBreakBetweenSessions() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(3))
                .breakBetweenSessions(Duration.ofMinutes(30)).build();
        Interval window = week(MONDAY, BERLIN);

        // three free hours hold three back-to-back hours, but with 30-minute breaks only two
        StudyPlan plan = StudyPlanner.create(prefs).propose(window, freeOnly(window, local(MONDAY, 8, 0, 11, 0)), List.of());

        assertThat(plan.planned()).isEqualTo(Duration.ofHours(2));
        assertThat(plan.weeks().get(0).reasons()).containsExactly(ShortfallReason.BREAKS);
    }

    @Test
    void propose_explainsAShortfallByMissingFreeTimeAndTheWindowEdge() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).weeklyGoal(Duration.ofHours(5)).build();
        Interval window = Interval.of(at(MONDAY, 8, 0, BERLIN), at(MONDAY, 10, 0, BERLIN));

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, IntervalSet.empty(), List.of());

        assertThat(plan.planned()).isEqualTo(Duration.ofHours(2));
        assertThat(plan.shortfall()).isEqualTo(Duration.ofHours(3));
        assertThat(plan.weeks().get(0).reasons())
                .containsExactlyInAnyOrder(ShortfallReason.NO_FREE_STUDY_HOURS, ShortfallReason.WINDOW_EDGE);
    }

    @Test
    void propose_explainsAShortfallBelowOneGranularityStep() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(2)).weeklyGoal(Duration.ofMinutes(70)).build();
        Interval window = week(MONDAY, BERLIN);

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, IntervalSet.empty(), List.of());

        assertThat(plan.planned()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.shortfall()).isEqualTo(Duration.ofMinutes(10));
        assertThat(plan.weeks().get(0).reasons()).containsExactly(ShortfallReason.GRANULARITY);
    }

    @Test
    void propose_countsTheWholeGoalOfEveryWeekTheWindowTouches() {
        StudyPreferences prefs = plain().weeklyGoal(Duration.ofHours(2)).build();
        // Sunday noon to Monday noon: two weeks, each with its full goal
        Interval window = Interval.of(at(MONDAY.minusDays(1), 12, 0, BERLIN), at(MONDAY, 12, 0, BERLIN));

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, IntervalSet.empty(), List.of());

        assertThat(plan.weeks()).extracting(WeekSummary::weekStart).containsExactly(MONDAY.minusWeeks(1), MONDAY);
        assertThat(plan.planned()).isEqualTo(Duration.ofHours(4));
        assertThat(plan.shortfall()).isZero();
    }

    @Test
    void reconcile_movesOnlyTheSessionAMeetingLandsOnToTheNearestFreeSlot() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build();
        Interval window = week(MONDAY, BERLIN);
        Interval untouched = local(MONDAY, 8, 0, 9, 0);
        Interval hit = local(MONDAY, 14, 0, 15, 0);
        IntervalSet meeting = IntervalSet.of(local(MONDAY, 13, 30, 15, 0));

        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, meeting, List.of(hit, untouched));

        assertThat(r.kept()).containsExactly(untouched);
        // 15:00 is 60 minutes from the old start, 12:30 is 90 minutes
        assertThat(r.moved()).containsExactly(new Move(hit, local(MONDAY, 15, 0, 16, 0)));
        assertThat(r.dropped()).isEmpty();
    }

    @Test
    void reconcile_movesToTheNearestOtherDayWhenItsDayIsFull() {
        StudyPreferences prefs = plain().sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build();
        Interval window = week(MONDAY, BERLIN);
        Interval hit = local(MONDAY.plusDays(2), 9, 0, 10, 0);
        IntervalSet busy = IntervalSet.of(week(MONDAY, BERLIN)).minus(IntervalSet.of(
                local(MONDAY.plusDays(3), 20, 0, 21, 0), local(MONDAY.plusDays(1), 17, 0, 18, 0), local(MONDAY, 9, 0, 10, 0)));

        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, busy, List.of(hit));

        // Tuesday 17:00 is 16 hours away, Thursday 20:00 is 35 hours away
        assertThat(r.moved()).containsExactly(new Move(hit, local(MONDAY.plusDays(1), 17, 0, 18, 0)));
    }

    @Test
    void reconcile_dropsASessionWithNoLegalSlotLeft() {
        StudyPreferences prefs = plain().build();
        Interval window = week(MONDAY, BERLIN);
        Interval hit = local(MONDAY, 9, 0, 10, 0);

        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, IntervalSet.of(window), List.of(hit));

        assertThat(r.kept()).isEmpty();
        assertThat(r.moved()).isEmpty();
        assertThat(r.dropped()).containsExactly(hit);
    }
}
