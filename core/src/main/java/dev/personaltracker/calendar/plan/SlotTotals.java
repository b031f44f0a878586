package dev.personaltracker.calendar.plan;

/**
 * A set of slot totals {@code 0..limit}: the totals one week, or several weeks together, can hold exactly. A week's
 * totals need not be every number up to its most, so what several weeks can hold together is the set of sums of one
 * total from each (a Minkowski sum), not the sum of their most.
 */
final class SlotTotals {

    private final long[] bits;
    private final int limit;

    private SlotTotals(int limit) {
        this.limit = limit;
        this.bits = new long[(limit >>> 6) + 1];
    }

    /** only the total 0 */
    static SlotTotals zero() {
        SlotTotals t = new SlotTotals(0);
        t.bits[0] = 1L;
        return t;
    }

    /** the totals m with {@code reachable[m]} */
    static SlotTotals of(boolean[] reachable) {
        SlotTotals t = new SlotTotals(Math.max(0, reachable.length - 1));
        for (int m = 0; m < reachable.length; m++) {
            if (reachable[m]) {
                t.bits[m >>> 6] |= 1L << m;
            }
        }
        return t;
    }

    /** whether {@code m} is one of the totals */
    boolean has(long m) {
        return m >= 0 && m <= limit && (bits[(int) (m >>> 6)] & (1L << m)) != 0;
    }

    /** the greatest total */
    int most() {
        for (int i = bits.length - 1; i >= 0; i--) {
            if (bits[i] != 0) {
                return (i << 6) + 63 - Long.numberOfLeadingZeros(bits[i]);
            }
        }
        return 0;
    }

    /** every sum of a total of this set and one of {@code other}, up to {@code cap} */
    SlotTotals plus(SlotTotals other, int cap) {
        SlotTotals sum = new SlotTotals((int) Math.min(cap, (long) most() + other.most()));
        for (int a = 0; a <= limit && a <= sum.limit; a++) {
            if (has(a)) {
                sum.orShifted(other, a);
            }
        }
        return sum;
    }

    /** adds every total of {@code other} raised by {@code shift}, up to this set's limit */
    private void orShifted(SlotTotals other, int shift) {
        int words = shift >>> 6;
        int bitsIn = shift & 63;
        for (int i = 0; i < other.bits.length && i + words < bits.length; i++) {
            long v = other.bits[i];
            if (v == 0) {
                continue;
            }
            bits[i + words] |= v << bitsIn;
            if (bitsIn != 0 && i + words + 1 < bits.length) {
                bits[i + words + 1] |= v >>> (64 - bitsIn);
            }
        }
        int top = limit & 63;
        if (top != 63) {
            bits[bits.length - 1] &= (1L << (top + 1)) - 1;
        }
    }
}
