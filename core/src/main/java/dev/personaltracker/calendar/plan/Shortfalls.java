package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds what limited a goal's week, by re-solving it with one rule relaxed at a time, and words it for people. */
final class Shortfalls {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final PlanningCalendar cal;
    private final SlotGrid grid;
    /** the usable slots before any new session was placed; null with a single goal */
    private final boolean[] baseMask;
    /** the day caps before any new session was placed */
    private final int[] baseCaps;

    Shortfalls(PlanningCalendar cal, boolean[] baseMask, int[] baseCaps) {
        this.cal = cal;
        this.grid = cal.grid;
        this.baseMask = baseMask;
        this.baseCaps = baseCaps;
    }

    /**
     * Finds what limited week w of goal g.
     *
     * @param mask  the usable slots the goal was solved on
     * @param weekly  whether a week cut by the window counts as {@link ShortfallReason#WINDOW_EDGE}
     * @param own  the goal's new sessions of earlier weeks
     */
    Set<ShortfallReason> reasons(GoalSpec g, boolean[] mask, int w, int[] caps, int goalSlots, boolean[] hasStudy,
            int placed, long left, boolean weekly, List<ProposedSession> own) {
        Set<ShortfallReason> out = EnumSet.noneOf(ShortfallReason.class);
        long weekStart = grid.dayStart[7 * w];
        long weekEnd = grid.dayStart[7 * w + 7];
        if (weekly && !cal.window.encloses(Interval.of(Instant.ofEpochSecond(weekStart), Instant.ofEpochSecond(weekEnd)))) {
            out.add(ShortfallReason.WINDOW_EDGE);
        }
        if (placed == goalSlots) {
            out.add(ShortfallReason.GRANULARITY);
            return out;
        }
        long free = 0;
        for (int i = grid.base[7 * w]; i < grid.base[7 * w + 7]; i++) {
            free += mask[i] ? cal.g : 0;
        }
        if (free < left) {
            out.add(ShortfallReason.NO_FREE_STUDY_HOURS);
        }
        int[] noCap = caps.clone();
        for (int d = 7 * w; d < 7 * w + 7; d++) {
            noCap[d] = grid.slots(d);
        }
        WeekSolver standard = new WeekSolver(grid, mask, null, g.minSlots, g.maxSlots, cal.breakSeconds);
        if (standard.solve(w, noCap, goalSlots, hasStudy, false).slots() > placed) {
            out.add(ShortfallReason.DAILY_CAP);
        }
        if (g.minSlots > 1 && new WeekSolver(grid, mask, null, 1, g.maxSlots, cal.breakSeconds)
                .solve(w, caps, goalSlots, hasStudy, false).slots() > placed) {
            out.add(ShortfallReason.MIN_LENGTH);
        }
        if (cal.breakSeconds > 0 && new WeekSolver(grid, mask, null, g.minSlots, g.maxSlots, 0)
                .solve(w, caps, goalSlots, hasStudy, false).slots() > placed) {
            out.add(ShortfallReason.BREAKS);
        }
        if (!out.contains(ShortfallReason.DAILY_CAP) && !out.contains(ShortfallReason.MIN_LENGTH)
                && !out.contains(ShortfallReason.BREAKS)) {
            out.addAll(jointly(g, mask, w, caps, noCap, goalSlots, hasStudy, placed));
        }
        if (baseMask != null) {
            // the goal alone: no other goal's new sessions, but its own ones of earlier weeks keep their break
            boolean[] mine = baseMask.clone();
            for (ProposedSession s : own) {
                grid.markOverlapping(mine, s.interval().start().getEpochSecond() - cal.breakSeconds,
                        s.interval().end().getEpochSecond() + cal.breakSeconds, false);
            }
            boolean[] alone = new boolean[baseMask.length];
            g.restrict(grid, mine, alone, w);
            if (new WeekSolver(grid, alone, null, g.minSlots, g.maxSlots, cal.breakSeconds)
                    .solve(w, baseCaps, goalSlots, hasStudy, false).slots() > placed) {
                out.add(ShortfallReason.OTHER_GOALS);
            }
        }
        return out;
    }

    /**
     * Finds the rules that limit a week only together (no one of them relaxed alone places more): relaxed all at
     * once, each rule that, kept while the others stay relaxed, places less is named; if every such rule is
     * redundant with another, all of them are.
     */
    private Set<ShortfallReason> jointly(GoalSpec g, boolean[] mask, int w, int[] caps, int[] noCap, int goalSlots,
            boolean[] hasStudy, int placed) {
        int all = new WeekSolver(grid, mask, null, 1, g.maxSlots, 0).solve(w, noCap, goalSlots, hasStudy, false).slots();
        if (all <= placed) {
            return Set.of();
        }
        Set<ShortfallReason> out = EnumSet.noneOf(ShortfallReason.class);
        Set<ShortfallReason> active = EnumSet.noneOf(ShortfallReason.class);
        active.add(ShortfallReason.DAILY_CAP);
        if (g.minSlots > 1) {
            active.add(ShortfallReason.MIN_LENGTH);
        }
        if (cal.breakSeconds > 0) {
            active.add(ShortfallReason.BREAKS);
        }
        for (ShortfallReason kept : active) {
            int[] dayCaps = kept == ShortfallReason.DAILY_CAP ? caps : noCap;
            int minL = kept == ShortfallReason.MIN_LENGTH ? g.minSlots : 1;
            long brk = kept == ShortfallReason.BREAKS ? cal.breakSeconds : 0;
            if (new WeekSolver(grid, mask, null, minL, g.maxSlots, brk).solve(w, dayCaps, goalSlots, hasStudy, false)
                    .slots() < all) {
                out.add(kept);
            }
        }
        return out.isEmpty() ? active : out;
    }

    /** @return the deadline sentence, e.g. "12 h of 20 h planned before Fri 18 Dec; 3 h short: week 51 ..." */
    String deadlineText(Instant due, Duration total, Duration planned, Duration missing, Duration pace, boolean onTrack,
            List<WeekSummary> weeks, boolean pastDue) {
        StringBuilder sb = new StringBuilder();
        sb.append(hours(planned)).append(" of ").append(hours(total)).append(" planned before ")
                .append(DAY.format(due.atZone(cal.prefs.zone())));
        if (pastDue) {
            return sb.append("; ").append(hours(missing)).append(" short: the due date lies before the planning window")
                    .toString();
        }
        if (missing.isZero()) {
            return sb.append("; on track").toString();
        }
        List<String> why = new ArrayList<>();
        for (WeekSummary w : weeks) {
            if (!w.goalMet()) {
                why.add("week " + w.weekStart().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " " + explain(w.reasons()));
            }
        }
        if (onTrack) {
            sb.append("; on track, ").append(hours(missing)).append(" left for after the window");
        } else if (pace.compareTo(total) < 0) {
            sb.append("; behind the even pace of ").append(hours(pace)).append(" by the window's end");
        } else {
            sb.append("; ").append(hours(missing)).append(" short");
        }
        if (!why.isEmpty() && !onTrack) {
            sb.append(": ").append(String.join("; ", why));
        }
        return sb.toString();
    }

    private static String explain(Set<ShortfallReason> reasons) {
        if (reasons.contains(ShortfallReason.NO_FREE_STUDY_HOURS)) {
            return "has no free study time left";
        }
        List<String> parts = new ArrayList<>();
        for (ShortfallReason r : reasons) {
            parts.add(switch (r) {
                case DAILY_CAP -> "reaches the daily cap on its free days";
                case MIN_LENGTH -> "has only gaps shorter than a session";
                case BREAKS -> "loses its gaps to the breaks between sessions";
                case OTHER_GOALS -> "is taken by higher-ranked goals";
                case WINDOW_EDGE -> "is cut by the window";
                case GRANULARITY -> "leaves less than one granularity step";
                default -> "is full";
            });
        }
        return parts.isEmpty() ? "is full" : String.join(" and ", parts);
    }

    /** "12 h", "1 h 30 min", "45 min" */
    static String hours(Duration d) {
        long m = d.toMinutes();
        if (m % 60 == 0) {
            return m / 60 + " h";
        }
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }

    static LocalDate monday(SlotGrid grid, int w) {
        return grid.firstDay.plusWeeks(w);
    }
}
