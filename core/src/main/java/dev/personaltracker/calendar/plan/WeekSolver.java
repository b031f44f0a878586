package dev.personaltracker.calendar.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact optimizer of one ISO week on the slot grid.
 * <p>
 * Per local day, a dynamic program over the day's slots finds, for every number {@code m} of placed
 * slots up to the day's cap, the best placement value (preferred seconds first, then the least sum of
 * slot positions). A knapsack over the seven days then picks each day's {@code m}: the largest total up
 * to the week's remaining goal first, then the greatest value, where a day that gains its first study
 * of the day adds a spread bonus that outweighs any position sum and is outweighed by one preferred second.
 * <p>
 * Breaks across local midnight couple neighbouring days. Where a midnight is <em>coupled</em> (usable
 * slots lie within the break on both sides) the knapsack also chooses how the break splits: with
 * option {@code j}, the next day's first session starts at least {@code j} slots after its midnight and
 * this day's last session ends at least {@code break - j*g} before it. Every legal pair of days fits one
 * option ({@code j = min(head gap / g, J)}), so the search stays exact.
 */
final class WeekSolver {

    /** weight of one preferred second; above any spread bonus plus position sum */
    static final long PREF_WEIGHT = 1L << 31;
    /** weight of one more day with study; above any position sum (at most ~10,500^2 < 2^27) */
    static final long DAY_WEIGHT = 1L << 27;
    static final long NEG = Long.MIN_VALUE / 4;
    private static final int NONE = -1;

    private final SlotGrid grid;
    private final boolean[] mask;
    private final int[] prefSeconds;
    private final int minL;
    private final int maxL;
    private final int breakSlots;
    private final long breakSeconds;
    private final int maxJ;

    private long[] table = new long[0];
    private int[] run = new int[0];
    private int[] start = new int[0];
    private int[] next = new int[0];
    private long[] prefix = new long[0];

    /**
     * @param mask  the usable slots (study hours in the window, clear of busy time with its buffer and of
     *     fixed sessions with the break); read at each call, so later weeks see updates
     * @param prefSeconds  per slot, the seconds inside preferred hours; null when there are none
     * @param breakSeconds  the break between new sessions, 0 for none
     */
    WeekSolver(SlotGrid grid, boolean[] mask, int[] prefSeconds, int minL, int maxL, long breakSeconds) {
        this.grid = grid;
        this.mask = mask;
        this.prefSeconds = prefSeconds;
        this.minL = minL;
        this.maxL = maxL;
        this.breakSeconds = breakSeconds;
        this.breakSlots = (int) SlotGrid.ceilDiv(breakSeconds, grid.g);
        this.maxJ = breakSlots;
    }

    /** A chosen session: {@code length} slots from slot {@code k} of local day {@code day}. */
    record Placement(int day, int k, int length) {
    }

    /** The week's optimum: the placed slots, its value, and the sessions (only if traced). */
    record Result(int slots, long value, List<Placement> placements) {
    }

    /**
     * Solves week {@code w}.
     *
     * @param dayCaps  per day of the grid, the slots that day may still take under maxPerDay
     * @param weekGoalSlots  the slots the week may still take under its goal
     * @param hasStudy  per day of the grid, whether it already holds an existing session
     * @param trace  whether to recover the placements (false when only the total matters)
     */
    Result solve(int w, int[] dayCaps, int weekGoalSlots, boolean[] hasStudy, boolean trace) {
        Forward f = forward(w, dayCaps, weekGoalSlots, hasStudy);
        if (f == null) {
            return new Result(0, 0, List.of());
        }
        int total = f.goalSlots;
        while (total > 0 && f.last[total] == NEG) {
            total--;
        }
        long value = f.last[total];
        if (!trace || total == 0) {
            return new Result(total, value, List.of());
        }
        return new Result(total, value, trace(w, f, total));
    }

    /**
     * The totals week {@code w} can place exactly: {@code reachable[m]} is true if some legal placement of the
     * week holds exactly {@code m} slots (0 always); the array ends at {@code limit} or sooner, where the week's
     * room ends. The same tables as {@link #solve}. A week's totals need not be every number up to its most: two
     * 2-slot gaps and sessions of 2 to 4 slots give 0, 2 and 4, never 3.
     */
    boolean[] reachable(int w, int[] dayCaps, int limit, boolean[] hasStudy) {
        Forward f = forward(w, dayCaps, limit, hasStudy);
        boolean[] out = new boolean[f == null ? 1 : f.goalSlots + 1];
        out[0] = true;
        for (int m = 1; m < out.length; m++) {
            out[m] = f.last[m] != NEG;
        }
        return out;
    }

    /** The knapsack over the week's days: its last row, and what the walk back needs. */
    private record Forward(int goalSlots, int[] caps, int[][] options, int[][][] choice, long[] last) {
    }

    /** Runs the knapsack of week w up to weekGoalSlots; null if the week has no room at all. */
    private Forward forward(int w, int[] dayCaps, int weekGoalSlots, boolean[] hasStudy) {
        int d0 = 7 * w;
        // no day can take more than its usable slots, no week more than its days: keeps the tables small
        int[] caps = dayCaps.clone();
        long room = 0;
        for (int d = d0; d < d0 + 7; d++) {
            int usable = 0;
            for (int i = grid.base[d]; i < grid.base[d + 1]; i++) {
                usable += mask[i] ? 1 : 0;
            }
            caps[d] = Math.min(caps[d], usable);
            room += caps[d];
        }
        int goalSlots = (int) Math.min(weekGoalSlots, room);
        if (goalSlots <= 0) {
            return null;
        }
        long weekStart = grid.dayStart[d0];
        // options per midnight i/i+1 inside the week (i = 0..5)
        int[][] options = new int[6][];
        for (int i = 0; i < 6; i++) {
            options[i] = coupled(d0 + i, caps) ? range(maxJ + 1) : new int[] {NONE};
        }
        long[][] prev = {new long[goalSlots + 1]};
        Arrays.fill(prev[0], NEG);
        prev[0][0] = 0;
        // choice[i][out][u] = (in index << 16) | m
        int[][][] choice = new int[7][][];
        for (int i = 0; i < 7; i++) {
            int d = d0 + i;
            int[] in = i == 0 ? new int[] {NONE} : options[i - 1];
            int[] out = i == 6 ? new int[] {NONE} : options[i];
            int cap = Math.min(caps[d], goalSlots);
            long[][][] best = new long[in.length][out.length][];
            for (int a = 0; a < in.length; a++) {
                for (int b = 0; b < out.length; b++) {
                    best[a][b] = dayBest(d, lo(in[a]), hi(d, out[b]), cap, weekStart);
                }
            }
            long bonus = hasStudy[d] ? 0 : DAY_WEIGHT;
            long[][] next = new long[out.length][goalSlots + 1];
            choice[i] = new int[out.length][goalSlots + 1];
            for (int b = 0; b < out.length; b++) {
                long[] row = next[b];
                int[] ch = choice[i][b];
                Arrays.fill(row, NEG);
                for (int a = 0; a < in.length; a++) {
                    long[] before = prev[a];
                    long[] day = best[a][b];
                    for (int u = 0; u <= goalSlots; u++) {
                        if (before[u] == NEG) {
                            continue;
                        }
                        int top = Math.min(day.length - 1, goalSlots - u);
                        for (int m = 0; m <= top; m++) {
                            if (day[m] == NEG) {
                                continue;
                            }
                            long v = before[u] + day[m] + (m > 0 ? bonus : 0);
                            if (v > row[u + m]) {
                                row[u + m] = v;
                                ch[u + m] = (a << 16) | m;
                            }
                        }
                    }
                }
            }
            prev = next;
        }
        return new Forward(goalSlots, caps, options, choice, prev[0]);
    }

    /** Walks back through the days of week w from a total of {@code total} slots and recovers the sessions. */
    private List<Placement> trace(int w, Forward f, int total) {
        int d0 = 7 * w;
        long weekStart = grid.dayStart[d0];
        int[][] options = f.options;
        int[][][] choice = f.choice;
        int goalSlots = f.goalSlots;
        int[] caps = f.caps;
        // the out option of day i is the in option of day i+1
        int[] ms = new int[7];
        int[] inIdx = new int[7];
        int[] outIdx = new int[7];
        int u = total;
        int b = 0;
        for (int i = 6; i >= 0; i--) {
            int c = choice[i][b][u];
            outIdx[i] = b;
            inIdx[i] = c >>> 16;
            ms[i] = c & 0xFFFF;
            u -= ms[i];
            b = inIdx[i];
        }
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            if (ms[i] == 0) {
                continue;
            }
            int d = d0 + i;
            int in = i == 0 ? NONE : options[i - 1][inIdx[i]];
            int ou = i == 6 ? NONE : options[i][outIdx[i]];
            int cap = Math.min(caps[d], goalSlots);
            trace(d, lo(in), hi(d, ou), cap, weekStart, ms[i], out);
        }
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** first slot a day may use when its head option is {@code j} */
    private int lo(int j) {
        return j == NONE ? 0 : j;
    }

    /** the slot bound a day may use when the midnight after it has option {@code j} */
    private int hi(int d, int j) {
        int n = grid.slots(d);
        if (j == NONE) {
            return n;
        }
        long tail = Math.max(0, breakSeconds - j * grid.g);
        long limit = grid.dayStart[d + 1] - tail;
        return (int) Math.max(0, Math.min(n, Math.floorDiv(limit - grid.dayStart[d], grid.g)));
    }

    /** true if new sessions on both sides of the midnight after day {@code d} could come closer than the break */
    private boolean coupled(int d, int[] caps) {
        if (breakSeconds == 0 || caps[d] == 0 || caps[d + 1] == 0) {
            return false;
        }
        long midnight = grid.dayStart[d + 1];
        boolean before = false;
        for (int k = grid.slots(d) - 1; k >= 0 && grid.slotStart(d, k) + grid.g > midnight - breakSeconds; k--) {
            before |= mask[grid.base[d] + k];
        }
        boolean after = false;
        for (int k = 0; k < grid.slots(d + 1) && grid.slotStart(d + 1, k) < midnight + breakSeconds; k++) {
            after |= mask[grid.base[d + 1] + k];
        }
        return before && after;
    }

    /**
     * @return best[m] for m = 0..cap: the greatest value of a placement of exactly m slots inside
     *     slots [lo, hi) of day d, NEG if none
     */
    private long[] dayBest(int d, int lo, int hi, int cap, long weekStart) {
        if (!fill(d, lo, hi, cap, weekStart)) {
            return new long[] {0};
        }
        long[] best = Arrays.copyOf(table, cap + 1);
        int top = cap;
        while (top > 0 && best[top] == NEG) {
            top--;
        }
        return top == cap ? best : Arrays.copyOf(best, top + 1);
    }

    /**
     * Fills the table of day d restricted to slots [lo, hi). Only <em>starts</em> matter: the slots i with at
     * least minL usable slots from i on, numbered j = 0..c-1 ascending; row c is the end of the day.
     * table[j * (cap + 1) + m] is the best value of exactly m slots placed from start j on (a session may
     * begin at start j). Skipping a start leads to row j + 1; a session of len slots at start j leads to the
     * first start at or after i + len + breakSlots. Returns false if nothing can be placed.
     */
    private boolean fill(int d, int lo, int hi, int cap, long weekStart) {
        if (cap < minL || hi - lo < minL) {
            return false;
        }
        int base = grid.base[d];
        int span = hi - lo;
        ensure(span + 1, cap + 1);
        // run lengths, then the starts, and for every position the first start at or after it
        int r = 0;
        int c = 0;
        for (int i = hi - 1; i >= lo; i--) {
            r = mask[base + i] ? r + 1 : 0;
            run[i - lo] = r;
            c += r >= minL ? 1 : 0;
        }
        if (c == 0) {
            return false;
        }
        int j = c;
        next[span] = c;
        for (int i = hi - 1; i >= lo; i--) {
            if (run[i - lo] >= minL) {
                start[--j] = i;
            }
            next[i - lo] = j;
        }
        prefix[0] = 0;
        for (int i = lo; i < hi; i++) {
            long pos = Math.floorDiv(grid.slotStart(d, i) - weekStart, grid.g);
            long pref = prefSeconds == null ? 0 : prefSeconds[base + i];
            prefix[i - lo + 1] = prefix[i - lo] + pref * PREF_WEIGHT - pos;
        }
        int width = cap + 1;
        int end = c * width;
        Arrays.fill(table, end, end + width, NEG);
        table[end] = 0;
        for (j = c - 1; j >= 0; j--) {
            int row = j * width;
            System.arraycopy(table, row + width, table, row, width);
            int i = start[j];
            int maxLen = Math.min(Math.min(maxL, run[i - lo]), cap);
            for (int len = minL; len <= maxLen; len++) {
                int target = next[Math.min(i + len + breakSlots, hi) - lo] * width;
                long val = prefix[i - lo + len] - prefix[i - lo];
                for (int m = len; m <= cap; m++) {
                    long f = table[target + m - len];
                    if (f != NEG && f + val > table[row + m]) {
                        table[row + m] = f + val;
                    }
                }
            }
        }
        return true;
    }

    /** Recovers the sessions of the best placement of exactly m slots; prefers placing (longest first) to skipping. */
    private void trace(int d, int lo, int hi, int cap, long weekStart, int m, List<Placement> out) {
        if (!fill(d, lo, hi, cap, weekStart)) {
            throw new IllegalStateException("no placement to trace on day " + d);
        }
        int width = cap + 1;
        int j = 0;
        while (m > 0) {
            int row = j * width;
            long want = table[row + m];
            int i = start[j];
            boolean placed = false;
            for (int len = Math.min(Math.min(maxL, run[i - lo]), m); len >= minL; len--) {
                int t = Math.min(i + len + breakSlots, hi);
                long f = table[next[t - lo] * width + m - len];
                if (f != NEG && f + prefix[i - lo + len] - prefix[i - lo] == want) {
                    out.add(new Placement(d, i, len));
                    m -= len;
                    j = next[t - lo];
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                j++;
            }
        }
    }

    private void ensure(int positions, int width) {
        if (table.length < positions * width) {
            table = new long[Math.max(positions * width, table.length * 2)];
        }
        if (run.length < positions) {
            run = new int[Math.max(positions, run.length * 2)];
            start = new int[run.length];
            next = new int[run.length];
            prefix = new long[run.length + 1];
        }
    }
}
