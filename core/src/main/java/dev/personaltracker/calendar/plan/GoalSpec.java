package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.IntervalSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One goal laid on a {@link PlanningCalendar}: its session lengths in slots, its preferred seconds per slot,
 * its due as an epoch second. Also holds the planning rank of goals.
 */
final class GoalSpec {

    /** higher priority first; at equal priority deadline before weekly, earlier due first; then the given order */
    static final Comparator<GoalSpec> RANK = Comparator.<GoalSpec>comparingInt(s -> -s.goal.priority())
            .thenComparing(s -> !s.goal.isDeadline())
            .thenComparingLong(s -> s.due)
            .thenComparingInt(s -> s.index);

    final StudyGoal goal;
    final String id;
    /** position in {@link StudyPreferences#goals()} */
    final int index;
    final int minSlots;
    final int maxSlots;
    /** per slot the seconds inside the goal's preferred hours; null if it has none */
    final int[] prefSeconds;
    /** the goal's preferred hours inside the window */
    final IntervalSet preferred;
    /** the due instant in epoch seconds, rounded down; Long.MAX_VALUE for a weekly goal */
    final long due;
    /** per week (weekly) or in total (deadline), in seconds */
    final long amountSeconds;

    private GoalSpec(PlanningCalendar cal, StudyGoal goal, int index) {
        this.goal = goal;
        this.id = goal.id();
        this.index = index;
        StudyPreferences prefs = cal.prefs;
        this.minSlots = (int) SlotGrid.ceilDiv(PlanningCalendar.seconds(goal.minSession().orElse(prefs.minSession())), cal.g);
        this.maxSlots = (int) (goal.maxSession().orElse(prefs.maxSession()).getSeconds() / cal.g);
        this.preferred = goal.preferredHours().or(prefs::preferredHours).map(p -> p.within(cal.window))
                .orElse(IntervalSet.empty());
        boolean hasPreferred = goal.preferredHours().isPresent() || prefs.preferredHours().isPresent();
        this.prefSeconds = hasPreferred ? cal.grid.secondsInside(preferred) : null;
        this.due = goal.due().map(SlotGrid::floorSeconds).orElse(Long.MAX_VALUE);
        this.amountSeconds = goal.amount().getSeconds();
    }

    /** @return the rules for a session whose goal the preferences do not hold: their lengths and preferred hours */
    static GoalSpec unknown(PlanningCalendar cal) {
        return new GoalSpec(cal, StudyGoal.weekly("(unknown goal)", java.time.Duration.ofSeconds(1)), -1);
    }

    /** @return the goals of the preferences in planning rank */
    static List<GoalSpec> ranked(PlanningCalendar cal) {
        List<GoalSpec> out = new ArrayList<>();
        List<StudyGoal> goals = cal.prefs.goals();
        for (int i = 0; i < goals.size(); i++) {
            out.add(new GoalSpec(cal, goals.get(i), i));
        }
        out.sort(RANK);
        return out;
    }

    boolean isDeadline() {
        return goal.isDeadline();
    }

    /**
     * Copies {@code src} to {@code dst} over the slots of week w, clearing every slot that ends after the due.
     */
    void restrict(SlotGrid grid, boolean[] src, boolean[] dst, int w) {
        for (int d = 7 * w; d < 7 * w + 7; d++) {
            for (int k = 0, i = grid.base[d]; i < grid.base[d + 1]; k++, i++) {
                dst[i] = src[i] && grid.slotStart(d, k) + grid.g <= due;
            }
        }
    }
}
