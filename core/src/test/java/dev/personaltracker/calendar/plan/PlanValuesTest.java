package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small result values of the plan package: {@link ProposedSession}, {@link Move}, {@link Reconciliation},
 * {@link StudyPlan}, {@link WeekSummary}. */
class PlanValuesTest {

    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
    private static final Interval HOUR = Interval.of(NINE, Duration.ofHours(1));
    private static final Interval LATER = Interval.of(NINE.plusSeconds(7200), Duration.ofHours(1));

    @Test
    void proposedSession_ordersByInterval() {
        List<ProposedSession> sessions = new ArrayList<>(List.of(ProposedSession.of(LATER), ProposedSession.of(HOUR)));
        sessions.sort(null);

        assertThat(sessions).extracting(ProposedSession::interval).containsExactly(HOUR, LATER);
        assertThatThrownBy(() -> ProposedSession.of(null)).isInstanceOf(NullPointerException.class).hasMessage("interval");
    }

    @Test
    void move_refusesAChangeOfLengthNamingBothIntervals() {
        Interval longer = Interval.of(NINE, Duration.ofMinutes(90));

        assertThat(new Move(HOUR, LATER).to()).isEqualTo(LATER);
        assertThatThrownBy(() -> new Move(HOUR, longer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(HOUR.toString()).hasMessageContaining(longer.toString());
    }

    @Test
    void reconciliation_copiesItsListsAndTellsIfAnythingChanged() {
        List<Interval> kept = new ArrayList<>(List.of(HOUR));
        Reconciliation unchanged = new Reconciliation(kept, List.of(), List.of());
        kept.clear();

        assertThat(unchanged.kept()).containsExactly(HOUR);
        assertThat(unchanged.isUnchanged()).isTrue();
        assertThat(new Reconciliation(List.of(), List.of(), List.of(HOUR)).isUnchanged()).isFalse();
        assertThat(new Reconciliation(List.of(), List.of(new Move(HOUR, LATER)), List.of()).isUnchanged()).isFalse();
    }

    @Test
    void studyPlan_sumsItsSessionsAndRefusesANegativeShortfall() {
        StudyPlan plan = new StudyPlan(List.of(ProposedSession.of(HOUR), ProposedSession.of(LATER)), Duration.ZERO, List.of());

        assertThat(plan.planned()).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> new StudyPlan(List.of(), Duration.ofMinutes(-1), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1M");
    }

    @Test
    void weekSummary_copiesItsReasonsAndTellsIfTheGoalWasMet() {
        Set<ShortfallReason> reasons = EnumSet.of(ShortfallReason.DAILY_CAP);
        WeekSummary short1 = new WeekSummary(LocalDate.of(2026, 3, 2), Duration.ofHours(5), Duration.ZERO, Duration.ofHours(4),
                Duration.ofHours(1), reasons);
        reasons.add(ShortfallReason.BREAKS);

        assertThat(short1.reasons()).containsExactly(ShortfallReason.DAILY_CAP);
        assertThat(short1.goalMet()).isFalse();
        assertThat(new WeekSummary(LocalDate.of(2026, 3, 2), Duration.ofHours(5), Duration.ofHours(1), Duration.ofHours(4),
                Duration.ZERO, Set.of()).goalMet()).isTrue();
    }
}
