package dev.personaltracker.calendar.plan;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SlotTotals} against plain sets of integers, across the 64-bit word boundaries of its bit set. */
class SlotTotalsTest {

    @Property(tries = 300)
    void plus_holdsEverySumOfOneTotalFromEachUpToTheCap(@ForAll @Size(max = 12) List<@IntRange(min = 1, max = 200) Integer> a,
            @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 200) Integer> b, @ForAll @IntRange(min = 0, max = 450) int cap) {
        SlotTotals sum = totals(a).plus(totals(b), cap);

        Set<Integer> expected = new TreeSet<>();
        for (int x : withZero(a)) {
            for (int y : withZero(b)) {
                if (x + y <= cap) {
                    expected.add(x + y);
                }
            }
        }
        for (int m = -1; m <= 460; m++) {
            assertThat(sum.has(m)).as("%d in %s + %s up to %d", m, a, b, cap).isEqualTo(expected.contains(m));
        }
        assertThat(sum.most()).isEqualTo(((TreeSet<Integer>) expected).last());
    }

    @Property(tries = 100)
    void of_andMost_readTheTotalsGiven(@ForAll @Size(max = 12) List<@IntRange(min = 1, max = 300) Integer> a) {
        SlotTotals t = totals(a);
        Set<Integer> all = withZero(a);
        for (int m = 0; m <= 301; m++) {
            assertThat(t.has(m)).isEqualTo(all.contains(m));
        }
        assertThat(t.most()).isEqualTo(((TreeSet<Integer>) all).last());
        assertThat(SlotTotals.zero().has(0)).isTrue();
        assertThat(SlotTotals.zero().most()).isZero();
    }

    private static TreeSet<Integer> withZero(List<Integer> values) {
        TreeSet<Integer> s = new TreeSet<>(values);
        s.add(0);
        return s;
    }

    private static SlotTotals totals(List<Integer> values) {
        TreeSet<Integer> s = withZero(values);
        boolean[] r = new boolean[s.last() + 1];
        s.forEach(v -> r[v] = true);
        return SlotTotals.of(r);
    }
}
