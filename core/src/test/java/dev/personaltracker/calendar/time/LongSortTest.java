package dev.personaltracker.calendar.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class LongSortTest {

    @Property(tries = 200)
    void sort_equalsArraysSort(@ForAll @IntRange(min = 0, max = 3000) int n, @ForAll @IntRange(min = 0, max = 63) int bits,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long maxKey = bits == 63 ? Long.MAX_VALUE : (1L << bits) - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = maxKey == 0 ? 0 : random.nextLong(maxKey) + (random.nextInt(8) == 0 ? 1 : 0);
        }
        long[] expected = keys.clone();
        Arrays.sort(expected);
        LongSort.sort(keys, new long[n], maxKey);
        assertThat(keys).isEqualTo(expected);
    }
}
