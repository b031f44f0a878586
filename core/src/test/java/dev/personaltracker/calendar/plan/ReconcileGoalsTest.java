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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Worked examples of the reconcile order: own goal, own ISO week, same day first, preferred hours first. */
class ReconcileGoalsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    private static final LocalDate SUNDAY = MONDAY.plusDays(6);

    static {
        Instances.quietPlannerLog();
    }

    private static Interval local(LocalDate day, int h1, int h2) {
        return Interval.of(LocalDateTime.of(day, LocalTime.of(h1, 0)).atZone(BERLIN).toInstant(),
                LocalDateTime.of(day, LocalTime.of(h2, 0)).atZone(BERLIN).toInstant());
    }

    private static Interval weeks(LocalDate monday, int n) {
        return Interval.of(monday.atStartOfDay(BERLIN).toInstant(), monday.plusWeeks(n).atStartOfDay(BERLIN).toInstant());
    }

    private static StudyPreferences.Builder hourly() {
        return StudyPreferences.builder(BERLIN).buffer(Duration.ZERO).breakBetweenSessions(Duration.ZERO)
                .granularity(Duration.ofHours(1)).maxPerDay(Duration.ofHours(24))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .studyHours(WeeklyHours.builder(BERLIN).addEveryDay(LocalTime.of(7, 0), LocalTime.of(22, 0)).build());
    }

    @Test
    void reconcile_keepsAMovedSessionInItsOwnIsoWeekEvenWhenTheNextWeekIsNearer() {
        StudyPreferences prefs = hourly().build();
        Interval window = weeks(MONDAY, 2);
        Interval hit = local(SUNDAY, 20, 21);
        // Sunday is full; the nearest free hour is next Monday 07:00 (10 h away), but Saturday 20:00 is in the week
        IntervalSet busy = IntervalSet.of(local(SUNDAY, 7, 22), local(SUNDAY.minusDays(1), 7, 20),
                local(SUNDAY.minusDays(1), 21, 22));

        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, busy, List.of(hit));

        assertThat(r.moved()).containsExactly(new Move(hit, local(SUNDAY.minusDays(1), 20, 21)));
    }

    @Test
    void reconcile_prefersTheGoalsPreferredHoursOnTheSameDayOverANearerSlot() {
        WeeklyHours evenings = WeeklyHours.builder(BERLIN).addEveryDay(LocalTime.of(18, 0), LocalTime.of(21, 0)).build();
        StudyGoal algebra = StudyGoal.weekly("algebra", Duration.ofHours(3)).withPreferredHours(evenings);
        StudyGoal stats = StudyGoal.weekly("stats", Duration.ofHours(3));
        StudyPreferences prefs = hourly().goals(algebra, stats).build();
        Interval window = weeks(MONDAY, 1);
        Interval a = local(MONDAY.plusDays(2), 12, 13);
        Interval s = local(MONDAY.plusDays(2), 14, 15);
        IntervalSet meeting = IntervalSet.of(local(MONDAY.plusDays(2), 12, 13), local(MONDAY.plusDays(2), 14, 15));

        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, meeting,
                Schedule.of(List.of(ScheduledSession.of("algebra", a), ScheduledSession.of("stats", s))));

        // algebra goes to its evening (18:00) though 11:00 is nearer; stats, without preferred hours, to 13:00
        assertThat(r.moved()).containsExactly(new Move("algebra", a, local(MONDAY.plusDays(2), 18, 19)),
                new Move("stats", s, local(MONDAY.plusDays(2), 13, 14)));
    }

    @Test
    void reconcile_dropsOnlyWhenTheWeekIsFullAndReportsTheTimePerGoalAndWeek() {
        StudyPreferences prefs = hourly().goals(StudyGoal.weekly("algebra", Duration.ofHours(3)),
                StudyGoal.weekly("stats", Duration.ofHours(3))).build();
        Interval window = weeks(MONDAY, 2);
        Interval hit = local(SUNDAY, 9, 10);
        Interval kept = local(SUNDAY.plusDays(1), 9, 10);

        Reconciliation r = StudyPlanner.create(prefs).reconcile(window, IntervalSet.of(weeks(MONDAY, 1)),
                Schedule.of(List.of(ScheduledSession.of("stats", hit), ScheduledSession.of("algebra", kept))));

        // the next week is free, but the session may not leave its own week
        assertThat(r.droppedSessions()).containsExactly(ScheduledSession.of("stats", hit));
        assertThat(r.keptSessions()).containsExactly(ScheduledSession.of("algebra", kept));
        assertThat(r.shortfalls()).containsExactly(new DroppedTime("stats", MONDAY, Duration.ofHours(1)));
    }

    @Test
    void reconcile_movesADeadlineSessionOnlyToASlotEndingBeforeTheDue() {
        LocalDate wednesday = MONDAY.plusDays(2);
        StudyGoal exam = StudyGoal.byDeadline("exam", Duration.ofHours(5), local(wednesday, 12, 13).start());
        StudyPreferences prefs = hourly().goals(exam).build();
        Interval hit = local(wednesday, 9, 10);
        // 11:00-12:00 is the only free hour of Wednesday before the due at 12:00; 12:00-13:00 is nearer than Tuesday
        IntervalSet busy = IntervalSet.of(local(wednesday, 7, 11), local(MONDAY, 7, 22), local(MONDAY.plusDays(1), 7, 20));

        Reconciliation r = StudyPlanner.create(prefs).reconcile(weeks(MONDAY, 1), busy,
                Schedule.of(List.of(ScheduledSession.of("exam", hit))));

        assertThat(r.moved()).containsExactly(new Move("exam", hit, local(wednesday, 11, 12)));
    }

    @Test
    void reconcile_judgesASessionEndingAfterItsDueAsBroken() {
        LocalDate wednesday = MONDAY.plusDays(2);
        StudyGoal exam = StudyGoal.byDeadline("exam", Duration.ofHours(5), local(wednesday, 12, 13).start());
        StudyPreferences prefs = hourly().goals(exam).build();
        Interval late = local(wednesday, 14, 15);

        Reconciliation r = StudyPlanner.create(prefs).reconcile(weeks(MONDAY, 1), IntervalSet.empty(),
                Schedule.of(List.of(ScheduledSession.of("exam", late))));

        assertThat(r.moved()).containsExactly(new Move("exam", late, local(wednesday, 11, 12)));
    }

    @Test
    void reconcile_listFormRefusesPreferencesWithSeveralGoalsNamingThem() {
        StudyPreferences prefs = hourly().goals(StudyGoal.weekly("algebra", Duration.ofHours(3)),
                StudyGoal.weekly("stats", Duration.ofHours(3))).build();

        assertThatThrownBy(() -> StudyPlanner.create(prefs).reconcile(weeks(MONDAY, 1), IntervalSet.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[algebra, stats]")
                .hasMessageContaining("Schedule");
    }
}
