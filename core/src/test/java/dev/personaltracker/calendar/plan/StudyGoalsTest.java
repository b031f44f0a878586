package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Worked examples of planning several goals: rank, deadlines spread and caught up, shortfall per goal. */
class StudyGoalsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Monday of ISO week 49 of 2026; Friday 18 December is in week 51 */
    private static final LocalDate W49 = LocalDate.of(2026, 11, 30);

    static {
        Instances.quietPlannerLog();
    }

    private static Instant at(LocalDate day, int hour) {
        return LocalDateTime.of(day, LocalTime.of(hour, 0)).atZone(BERLIN).toInstant();
    }

    private static Interval weeks(LocalDate monday, int n) {
        return Interval.of(monday.atStartOfDay(BERLIN).toInstant(), monday.plusWeeks(n).atStartOfDay(BERLIN).toInstant());
    }

    /** evenings 18:00-22:00, one-hour grid and sessions, no buffer or break, at most maxPerDay hours a day */
    private static StudyPreferences.Builder evenings(int maxPerDay) {
        return StudyPreferences.builder(BERLIN).buffer(Duration.ZERO).breakBetweenSessions(Duration.ZERO)
                .granularity(Duration.ofHours(1)).maxPerDay(Duration.ofHours(maxPerDay))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .studyHours(WeeklyHours.builder(BERLIN).addEveryDay(LocalTime.of(18, 0), LocalTime.of(22, 0)).build());
    }

    private static Duration placedIn(StudyPlan plan, String goal, Interval span) {
        return plan.sessions(goal).stream().map(ProposedSession::interval).filter(span::encloses).map(Interval::duration)
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Test
    void propose_givesScarceTimeToTheHigherPriorityGoal() {
        StudyGoal algebra = StudyGoal.weekly("algebra", Duration.ofHours(3));
        StudyGoal stats = StudyGoal.weekly("stats", Duration.ofHours(3)).withPriority(1);
        StudyPreferences prefs = evenings(1).goals(algebra, stats).build();
        Interval window = weeks(W49, 1);
        // only four free evenings hours in the week
        IntervalSet busy = IntervalSet.of(Interval.of(at(W49, 0), at(W49.plusDays(3), 0)));

        StudyPlan plan = StudyPlanner.create(prefs).propose(window, busy, Schedule.empty());

        assertThat(plan.goal("stats").orElseThrow().placed()).isEqualTo(Duration.ofHours(3));
        assertThat(plan.goal("algebra").orElseThrow().placed()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.shortfall("algebra")).isEqualTo(Duration.ofHours(2));
        assertThat(plan.goal("algebra").orElseThrow().weeks().get(0).reasons()).contains(ShortfallReason.OTHER_GOALS);
        assertThat(plan.shortfall()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void propose_plansDeadlinesBeforeWeeklyGoalsAtEqualPriorityEarlierDueFirst() {
        Instant friday = at(W49.plusDays(4), 0);
        StudyGoal weekly = StudyGoal.weekly("algebra", Duration.ofHours(4));
        StudyGoal late = StudyGoal.byDeadline("late", Duration.ofHours(4), friday.plus(Duration.ofDays(2)));
        StudyGoal early = StudyGoal.byDeadline("early", Duration.ofHours(2), friday);
        StudyPreferences prefs = evenings(1).goals(weekly, late, early).build();

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 1), IntervalSet.empty(), Schedule.empty());

        // seven evening hours (one a day): early takes two before Friday, late four, algebra the last one
        assertThat(plan.goal("early").orElseThrow().placed()).isEqualTo(Duration.ofHours(2));
        assertThat(plan.sessions("early")).allMatch(s -> !s.interval().end().isAfter(friday));
        assertThat(plan.goal("late").orElseThrow().placed()).isEqualTo(Duration.ofHours(4));
        assertThat(plan.goal("algebra").orElseThrow().placed()).isEqualTo(Duration.ofHours(1));
        assertThat(plan.goals()).extracting(GoalSummary::goalId).containsExactly("algebra", "late", "early");
    }

    @Test
    void propose_spreadsAnExamEvenlyOverTheWeeksAndDaysBeforeItsDue() {
        Instant due = at(W49.plusWeeks(3), 0);
        StudyPreferences prefs = evenings(3).goals(StudyGoal.byDeadline("exam", Duration.ofHours(6), due)).build();

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 3), IntervalSet.empty(), Schedule.empty());

        for (int w = 0; w < 3; w++) {
            assertThat(placedIn(plan, "exam", weeks(W49.plusWeeks(w), 1))).as("week %d", w).isEqualTo(Duration.ofHours(2));
        }
        // and inside each week on two days, not both hours on one evening
        assertThat(plan.sessions("exam").stream().map(s -> s.interval().start().atZone(BERLIN).toLocalDate()).distinct())
                .hasSize(6);
        assertThat(plan.goal("exam").orElseThrow().deadline().orElseThrow().summary())
                .isEqualTo("6 h of 6 h planned before Mon 21 Dec; on track");
    }

    @Test
    void propose_catchesUpAWeekThatFellShortInTheFollowingWeeks() {
        Instant due = at(W49.plusWeeks(3), 0);
        StudyPreferences prefs = evenings(3).goals(StudyGoal.byDeadline("exam", Duration.ofHours(6), due)).build();
        // week 49 is busy but for one evening hour
        IntervalSet busy = IntervalSet.of(weeks(W49, 1)).minus(IntervalSet.of(Interval.of(at(W49, 18), at(W49, 19))));

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 3), busy, Schedule.empty());

        assertThat(placedIn(plan, "exam", weeks(W49, 1))).isEqualTo(Duration.ofHours(1));
        // the missing hour is spread over the two weeks left: 5 h over two weeks is 3 h then 2 h
        assertThat(placedIn(plan, "exam", weeks(W49.plusWeeks(1), 1))).isEqualTo(Duration.ofHours(3));
        assertThat(placedIn(plan, "exam", weeks(W49.plusWeeks(2), 1))).isEqualTo(Duration.ofHours(2));
        assertThat(plan.shortfall("exam")).isZero();
        assertThat(plan.goal("exam").orElseThrow().weeks().get(0).reasons()).contains(ShortfallReason.NO_FREE_STUDY_HOURS);
    }

    @Test
    void propose_frontLoadsWhatTheLaterWeeksCannotHold() {
        Instant due = at(W49.plusWeeks(2), 0);
        StudyPreferences prefs = evenings(3).goals(StudyGoal.byDeadline("exam", Duration.ofHours(8), due)).build();
        IntervalSet busy = IntervalSet.of(Interval.of(at(W49.plusWeeks(1), 0), at(W49.plusDays(13), 0)));

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 2), busy, Schedule.empty());

        // the second week has only Sunday (3 h): the first takes 5 h, more than its even share of 4 h
        assertThat(placedIn(plan, "exam", weeks(W49, 1))).isEqualTo(Duration.ofHours(5));
        assertThat(placedIn(plan, "exam", weeks(W49.plusWeeks(1), 1))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void propose_saysWhyADeadlineGoalIsShortWeekByWeek() {
        Instant due = at(LocalDate.of(2026, 12, 18), 9);
        StudyPreferences prefs = evenings(1).goals(StudyGoal.byDeadline("stats", Duration.ofHours(20), due)).build();
        // every evening of week 51 is taken
        IntervalSet busy = IntervalSet.of(Interval.of(at(W49.plusWeeks(2), 12), at(W49.plusWeeks(2).plusDays(4), 0)));

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 3), busy, Schedule.empty());

        DeadlineStatus status = plan.goal("stats").orElseThrow().deadline().orElseThrow();
        assertThat(status.planned()).isEqualTo(Duration.ofHours(14));
        assertThat(status.missing()).isEqualTo(Duration.ofHours(6));
        assertThat(status.onTrack()).isFalse();
        assertThat(status.summary()).startsWith("14 h of 20 h planned before Fri 18 Dec; 6 h short: ")
                .contains("week 51 has no free study time left");
        assertThat(plan.sessions("stats")).allMatch(s -> !s.interval().end().isAfter(due));
    }

    @Test
    void propose_paceOfADeadlineAfterTheWindow() {
        Instant due = at(W49.plusWeeks(4), 0);
        StudyPreferences prefs = evenings(3).goals(StudyGoal.byDeadline("exam", Duration.ofHours(8), due)).build();

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 1), IntervalSet.empty(), Schedule.empty());

        // a quarter of the time before the due lies in the window: 2 h now, 6 h left for later
        DeadlineStatus status = plan.goal("exam").orElseThrow().deadline().orElseThrow();
        assertThat(status.planned()).isEqualTo(Duration.ofHours(2));
        assertThat(status.pace()).isEqualTo(Duration.ofHours(2));
        assertThat(status.onTrack()).isTrue();
        assertThat(status.summary()).isEqualTo("2 h of 8 h planned before Mon 28 Dec; on track, 6 h left for after the window");
    }

    @Test
    void propose_countsExistingSessionsTowardTheirOwnGoalOnly() {
        StudyGoal algebra = StudyGoal.weekly("algebra", Duration.ofHours(2));
        StudyGoal stats = StudyGoal.weekly("stats", Duration.ofHours(2));
        StudyPreferences prefs = evenings(2).goals(algebra, stats).build();
        Interval done = Interval.of(at(W49, 18), at(W49, 20));

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 1), IntervalSet.empty(),
                Schedule.of(List.of(ScheduledSession.of("algebra", done))));

        assertThat(plan.sessions("algebra")).isEmpty();
        assertThat(plan.goal("stats").orElseThrow().placed()).isEqualTo(Duration.ofHours(2));
        // Monday is at its cap of two hours, for every goal
        assertThat(plan.sessions()).noneMatch(s -> s.interval().start().atZone(BERLIN).toLocalDate().equals(W49));
    }

    @Test
    void propose_usesEachGoalsOwnSessionLengthsAndPreferredHours() {
        WeeklyHours late = WeeklyHours.builder(BERLIN).addEveryDay(LocalTime.of(20, 0), LocalTime.of(22, 0)).build();
        StudyGoal reading = StudyGoal.weekly("reading", Duration.ofHours(2)).withSessionLength(Duration.ofHours(2),
                Duration.ofHours(2)).withPreferredHours(late);
        StudyPreferences prefs = evenings(4).goals(reading).build();

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 1), IntervalSet.empty(), Schedule.empty());

        assertThat(plan.sessions()).singleElement().satisfies(s -> {
            assertThat(s.interval()).isEqualTo(Interval.of(at(W49, 20), at(W49, 22)));
            assertThat(s.goalId()).isEqualTo("reading");
        });
    }

    @Test
    void propose_reportsADeadlineBeforeTheWindowAsPastDue() {
        StudyPreferences prefs = evenings(1).goals(StudyGoal.byDeadline("exam", Duration.ofHours(3), at(W49, 0)),
                StudyGoal.weekly("algebra", Duration.ofHours(1))).build();

        StudyPlan plan = StudyPlanner.create(prefs).propose(weeks(W49, 1), IntervalSet.empty(), Schedule.empty());

        GoalSummary exam = plan.goal("exam").orElseThrow();
        assertThat(exam.shortfall()).isEqualTo(Duration.ofHours(3));
        assertThat(exam.weeks()).singleElement().satisfies(w -> assertThat(w.reasons()).containsExactly(ShortfallReason.PAST_DUE));
        assertThat(exam.deadline().orElseThrow().summary()).contains("before the planning window");
        assertThat(plan.sessions("exam")).isEmpty();
    }

    @Test
    void weeklyGoal_isTheSingleGoalStudy() {
        StudyPreferences a = evenings(2).weeklyGoal(Duration.ofHours(3)).build();
        StudyPreferences b = evenings(2).goals(StudyGoal.weekly("study", Duration.ofHours(3))).build();

        assertThat(a.goals()).isEqualTo(b.goals());
        assertThat(StudyPlanner.create(a).propose(weeks(W49, 2), IntervalSet.empty(), List.of()))
                .isEqualTo(StudyPlanner.create(b).propose(weeks(W49, 2), IntervalSet.empty(), Schedule.empty()));
        assertThat(evenings(2).goals(StudyGoal.weekly("x", Duration.ofHours(1))).weeklyGoal(Duration.ofHours(2)).build()
                .goals()).containsExactly(StudyGoal.weekly("study", Duration.ofHours(2)));
    }

    @Test
    void goalsAndSchedules_refuseBadValuesNamingThem() {
        assertThatThrownBy(() -> StudyGoal.weekly(" ", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> StudyGoal.byDeadline("exam", Duration.ZERO, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("total").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> StudyGoal.weekly("a", Duration.ofHours(1)).withSessionLength(Duration.ofHours(2),
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT2H")
                .hasMessageContaining("PT1H");
        assertThatThrownBy(() -> evenings(1).goals(StudyGoal.weekly("a", Duration.ofHours(1)),
                StudyGoal.weekly("a", Duration.ofHours(2))).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' appears twice");
        assertThatThrownBy(() -> evenings(1).goals().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one goal");
        assertThatThrownBy(() -> evenings(1).goals(StudyGoal.weekly("a", Duration.ofHours(1))
                .withSessionLength(Duration.ofMinutes(10), Duration.ofMinutes(20))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("of goal a");
        List<ScheduledSession> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Schedule.of(withNull)).isInstanceOf(NullPointerException.class).hasMessage("sessions[0]");
        assertThatThrownBy(() -> StudyPlanner.create(evenings(1).goals(StudyGoal.weekly("a", Duration.ofHours(1)),
                StudyGoal.weekly("b", Duration.ofHours(1))).build()).propose(weeks(W49, 1), IntervalSet.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b]");
        StudyPlan plan = StudyPlanner.create(evenings(1).build()).propose(weeks(W49, 1), IntervalSet.empty(), Schedule.empty());
        assertThatThrownBy(() -> plan.shortfall("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("[study]");
    }
}
