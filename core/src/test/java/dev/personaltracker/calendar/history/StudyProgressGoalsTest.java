package dev.personaltracker.calendar.history;

import static dev.personaltracker.calendar.history.Records.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.spi.SessionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link StudyProgress} with several goals: per-goal views, weekly targets, deadline standing before and after the due. */
class StudyProgressGoalsTest {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final Instant DUE = ZonedDateTime.of(2026, 3, 12, 9, 0, 0, 0, ZONE).toInstant();
    private static final List<StudyGoal> GOALS = List.of(
            StudyGoal.weekly("algebra", Duration.ofHours(2)),
            StudyGoal.weekly("prog", Duration.ofHours(1)),
            StudyGoal.byDeadline("exam", Duration.ofHours(3), DUE));

    private final InMemoryHistoryStore store = InMemoryHistoryStore.create();

    private static ZonedDateTime at(int day, int hour) {
        return ZonedDateTime.of(2026, 3, day, hour, 0, 0, 0, ZONE);
    }

    private StudyProgress progress(Instant now) {
        return StudyProgress.builder(store).user(USER).zone(ZONE).goals(GOALS).clock(Clock.fixed(now, ZONE)).build();
    }

    /** Week of Monday 9 March (DST starts in New York on Sunday 8 March): algebra 2h, prog 0, exam 1h + 1h scheduled. */
    private void history() {
        store.save(Records.completed("a1", at(9, 18), 60).withGoal("algebra"));
        store.save(Records.completed("a2", at(10, 18), 60).withGoal("algebra"));
        store.save(Records.record("p1", at(10, 20), 60, SessionStatus.SKIPPED, Optional.empty()).withGoal("prog"));
        store.save(Records.completed("e1", at(9, 20), 60).withGoal("exam"));
        store.save(Records.record("e2", at(11, 20), 60, SessionStatus.SCHEDULED, Optional.empty()).withGoal("exam"));
        // after the due: does not count toward the exam
        store.save(Records.completed("e3", at(12, 18), 60).withGoal("exam"));
        // a session of the old single goal: counts overall, toward no goal
        store.save(Records.completed("s1", at(8, 10), 45));
    }

    @Test
    void weeklyGoal_isTheSumOfTheWeeklyGoals_unlessSetExplicitly() {
        assertThat(progress(at(9, 8).toInstant()).weeklyGoal()).isEqualTo(Duration.ofHours(3));
        assertThat(StudyProgress.builder(store).zone(ZONE).goals(GOALS).weeklyGoal(Duration.ofHours(7)).build().weeklyGoal())
                .isEqualTo(Duration.ofHours(7));
    }

    @Test
    void forGoal_narrowsEveryQueryToThatGoal_againstItsOwnTimePerWeek() {
        history();
        StudyProgress all = progress(at(11, 22).toInstant());

        assertThat(all.thisWeek().studied()).isEqualTo(Duration.ofHours(4));   // a1, a2, e1, e3: every goal's study
        assertThat(all.forGoal("algebra").thisWeek()).isEqualTo(new WeekTotal(LocalDate.of(2026, 3, 9), Duration.ofHours(2), Duration.ofHours(2)));
        assertThat(all.forGoal("prog").thisWeek().isGoalMet()).isFalse();
        assertThat(all.forGoal("prog").adherence(dev.personaltracker.calendar.time.Interval.of(at(9, 0).toInstant(), Duration.ofDays(7)))
                .ratio()).hasValue(0.0);
        assertThat(all.forGoal("exam").weeklyGoal()).isEqualTo(Duration.ZERO);
        assertThat(all.forGoal("algebra").sessions(dev.personaltracker.calendar.time.Interval.of(at(1, 0).toInstant(), Duration.ofDays(30))))
                .extracting(r -> r.key().value()).containsExactly("a1", "a2");
        assertThat(all.forGoal("algebra").streak().longest()).isEqualTo(2);
        assertThat(all.forGoal("algebra").user()).contains(USER);
        assertThatThrownBy(() -> all.forGoal("history")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'history'").hasMessageContaining("[algebra, prog, exam]");
    }

    @Test
    void deadline_beforeTheDue_countsStudiedAndScheduled_andIsOnTrackWhenNothingIsMissing() {
        history();
        GoalProgress exam = progress(at(11, 8).toInstant()).goals().get(2);

        assertThat(exam.goalId()).isEqualTo("exam");
        DeadlineProgress d = exam.deadline().orElseThrow();
        assertThat(d.studied()).isEqualTo(Duration.ofHours(1));
        assertThat(d.scheduled()).isEqualTo(Duration.ofHours(1));
        assertThat(d.missing()).isEqualTo(Duration.ofHours(1));
        assertThat(d.onTrack()).isFalse();
        assertThat(d.summary()).isEqualTo("1h studied and 1h scheduled of 3h before 2026-03-12; 1h not planned yet");

        store.save(Records.record("e4", at(11, 7), 60, SessionStatus.SCHEDULED, Optional.empty()).withGoal("exam"));
        assertThat(progress(at(11, 6).toInstant()).goals().get(2).onTrack()).isTrue();
    }

    @Test
    void deadline_afterTheDue_countsOnlyWhatWasStudied() {
        history();
        DeadlineProgress d = progress(at(13, 8).toInstant()).goals().get(2).deadline().orElseThrow();

        // e2 was never settled (still SCHEDULED), e3 came after the due
        assertThat(d.studied()).isEqualTo(Duration.ofHours(1));
        assertThat(d.missing()).isEqualTo(Duration.ofHours(2));
        assertThat(d.onTrack()).isFalse();
        assertThat(d.summary()).isEqualTo("1h studied of 3h by 2026-03-12; 2h short");
    }

    @Test
    void report_withSeveralGoals_addsOneLinePerGoal() {
        history();
        String report = progress(at(11, 22).toInstant()).report();

        // the overall line does not call the week's goal met while one weekly goal is not
        assertThat(report).startsWith("This week (2026-W11): 4h studied in all; weekly goals met: 1 of 2.\n")
                .contains("- algebra: 2h of 2h this week, goal met.\n")
                .contains("- prog: 0m of 1h this week, 1h to go.\n")
                .contains("- exam: 1h studied and 1h scheduled of 3h before 2026-03-12; 1h not planned yet.\n");
        assertThat(progress(at(11, 22).toInstant()).forGoal("prog").report()).doesNotContain("- algebra");
    }

    @Test
    void builder_refusesDuplicateGoalIds() {
        assertThatThrownBy(() -> StudyProgress.builder(store).goals(List.of(StudyGoal.weekly("a", Duration.ofHours(1)),
                StudyGoal.weekly("a", Duration.ofHours(2))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a, a]");
    }
}
