package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;

/**
 * The granularity grid over whole ISO weeks in a zone, in epoch seconds.
 * <p>
 * Local day {@code d} starts at {@code dayStart[d]} (local midnight as {@link LocalDate#atStartOfDay(ZoneId)}
 * resolves it) and its slots are {@code [dayStart + k*g, dayStart + (k+1)*g)} for every {@code k} whose slot
 * ends by the next local midnight. On a day whose length is not a multiple of {@code g} (a 23.5-hour
 * Lord Howe day with hour steps) the last, partial step is no slot. Slots are numbered globally:
 * day {@code d} owns {@code [base[d], base[d+1])}.
 */
final class SlotGrid {

    final ZoneId zone;
    final long g;
    final LocalDate firstDay;
    final int days;
    final long[] dayStart;
    final int[] base;

    private SlotGrid(ZoneId zone, long g, LocalDate firstDay, int days) {
        this.zone = zone;
        this.g = g;
        this.firstDay = firstDay;
        this.days = days;
        this.dayStart = new long[days + 1];
        this.base = new int[days + 1];
        LocalDate d = firstDay;
        for (int i = 0; i <= days; i++, d = d.plusDays(1)) {
            dayStart[i] = d.atStartOfDay(zone).toEpochSecond();
        }
        for (int i = 0; i < days; i++) {
            base[i + 1] = base[i] + (int) ((dayStart[i + 1] - dayStart[i]) / g);
        }
    }

    /** Obtains the grid over every ISO week (Monday 00:00 in zone) that the window touches. */
    static SlotGrid covering(Interval window, ZoneId zone, long granularitySeconds) {
        LocalDate first = window.start().atZone(zone).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate lastInstantDay = window.end().minusNanos(1).atZone(zone).toLocalDate();
        LocalDate end = lastInstantDay.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        int days = (int) (end.toEpochDay() - first.toEpochDay());
        return new SlotGrid(zone, granularitySeconds, first, days);
    }

    int weeks() {
        return days / 7;
    }

    int slotCount() {
        return base[days];
    }

    int slots(int day) {
        return base[day + 1] - base[day];
    }

    long slotStart(int day, int k) {
        return dayStart[day] + k * g;
    }

    /** @return the day holding epoch second {@code t}, -1 before the grid, {@code days} after it */
    int dayOf(long t) {
        if (t < dayStart[0]) {
            return -1;
        }
        if (t >= dayStart[days]) {
            return days;
        }
        int i = Arrays.binarySearch(dayStart, t);
        return i >= 0 ? i : -i - 2;
    }

    /** Sets every slot that lies wholly inside {@code [a, b)} to {@code value}. */
    void markInside(boolean[] mask, long a, long b, boolean value) {
        int d = Math.max(0, dayOf(a));
        for (; d < days && dayStart[d] < b; d++) {
            long ds = dayStart[d];
            long k0 = a <= ds ? 0 : ceilDiv(a - ds, g);
            long k1 = Math.min(slots(d), Math.floorDiv(b - ds, g));
            for (long k = k0; k < k1; k++) {
                mask[base[d] + (int) k] = value;
            }
        }
    }

    /** Sets every slot that shares an instant with {@code [a, b)} to {@code value}. */
    void markOverlapping(boolean[] mask, long a, long b, boolean value) {
        int d = Math.max(0, dayOf(a));
        for (; d < days && dayStart[d] < b; d++) {
            long ds = dayStart[d];
            long k0 = a <= ds ? 0 : Math.floorDiv(a - ds, g);
            long k1 = Math.min(slots(d), ceilDiv(b - ds, g));
            for (long k = k0; k < k1; k++) {
                mask[base[d] + (int) k] = value;
            }
        }
    }

    /** Adds, for each day, the seconds of {@code [a, b)} that fall inside it. */
    void addPerDay(long[] secondsPerDay, long a, long b) {
        int d = Math.max(0, dayOf(a));
        for (; d < days && dayStart[d] < b; d++) {
            long s = Math.max(a, dayStart[d]);
            long e = Math.min(b, dayStart[d + 1]);
            if (s < e) {
                secondsPerDay[d] += e - s;
            }
        }
    }

    /**
     * Adds, for each day, the time of {@code [a, b)} that falls inside it, each day's part counted exactly and then
     * rounded up to a whole second (a session from 18:00:00.5 to 19:00:00.5 counts one hour, not one hour and a
     * second).
     */
    void addPerDay(long[] secondsPerDay, Instant a, Instant b) {
        for (int d = Math.max(0, dayOf(floorSeconds(a))); d < days && dayStart[d] < ceilSeconds(b); d++) {
            secondsPerDay[d] += overlapSeconds(a, b, dayStart[d], dayStart[d + 1]);
        }
    }

    /** @return the time of {@code [a, b)} inside {@code [from, to)} (epoch seconds), rounded up to a whole second */
    static long overlapSeconds(Instant a, Instant b, long from, long to) {
        Instant s = a.getEpochSecond() < from ? Instant.ofEpochSecond(from) : a;
        Instant e = b.getEpochSecond() >= to ? Instant.ofEpochSecond(to) : b;
        if (!s.isBefore(e)) {
            return 0;
        }
        java.time.Duration d = java.time.Duration.between(s, e);
        return d.getNano() == 0 ? d.getSeconds() : d.getSeconds() + 1;
    }

    /** @return per slot, how many of its seconds lie inside the set */
    int[] secondsInside(IntervalSet set) {
        int[] out = new int[slotCount()];
        for (Interval p : set) {
            long a = ceilSeconds(p.start());
            long b = floorSeconds(p.end());
            for (int d = Math.max(0, dayOf(a)); d < days && dayStart[d] < b; d++) {
                long ds = dayStart[d];
                long k0 = a <= ds ? 0 : Math.floorDiv(a - ds, g);
                long k1 = Math.min(slots(d), ceilDiv(b - ds, g));
                for (long k = k0; k < k1; k++) {
                    long s = ds + k * g;
                    out[base[d] + (int) k] += (int) (Math.min(b, s + g) - Math.max(a, s));
                }
            }
        }
        return out;
    }

    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** @return the least whole epoch second at or after the instant */
    static long ceilSeconds(Instant t) {
        return t.getNano() == 0 ? t.getEpochSecond() : t.getEpochSecond() + 1;
    }

    /** @return the greatest whole epoch second at or before the instant */
    static long floorSeconds(Instant t) {
        return t.getEpochSecond();
    }
}
