package dev.personaltracker.calendar.time;

import java.util.Arrays;

/**
 * Sorts non-negative {@code long} keys ascending: a least-significant-digit radix sort when the keys are
 * narrow enough for a few passes, else {@link Arrays#sort(long[])}. Calendar data, kept as seconds or
 * milliseconds since the smallest bound, spans few bits (a year in seconds is 25 bits), so normalizing
 * an {@link IntervalSet} costs time linear in the number of intervals.
 */
final class LongSort {

    /** Below this many keys the counting arrays cost more than the comparison sort. */
    private static final int RADIX_THRESHOLD = 512;
    /** At most this many bits per pass: two passes for a year in seconds, counting array (2^13 ints, 32 KiB) in the fast caches. */
    private static final int MAX_DIGIT_BITS = 13;
    /** More passes than this lose to the comparison sort. */
    private static final int MAX_PASSES = 4;

    private LongSort() {
    }

    /**
     * Sorts the keys ascending.
     *
     * @param keys  the keys, each between 0 and {@code maxKey}
     * @param scratch  an array at least as long as {@code keys}, overwritten
     * @param maxKey  the largest possible key, not negative
     */
    static void sort(long[] keys, long[] scratch, long maxKey) {
        int n = keys.length;
        int bits = 64 - Long.numberOfLeadingZeros(maxKey);
        int passes = Math.max(1, (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS);
        if (n < RADIX_THRESHOLD || passes > MAX_PASSES) {
            Arrays.sort(keys);
            return;
        }
        int width = (bits + passes - 1) / passes;
        int mask = (1 << width) - 1;
        int[] counts = new int[1 << width];
        long[] from = keys;
        long[] to = scratch;
        for (int shift = 0; shift < bits; shift += width) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (from[i] >>> shift) & mask]++;
            }
            int sum = 0;
            for (int b = 0; b < counts.length; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long key = from[i];
                to[counts[(int) (key >>> shift) & mask]++] = key;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }
}
