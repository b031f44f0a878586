package dev.personaltracker.calendar.ics.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A SECONDLY, MINUTELY or HOURLY RRULE, expanded in local time, lazily and with bounded work.
 * <p>
 * ical4j walks such a rule instance by instance from DTSTART (months of seconds before the window), collects a
 * rule with COUNT into one list (which runs out of memory), and gives up silently after 1000 steps without a
 * match (so {@code FREQ=MINUTELY;BYHOUR=9} yields nothing). Here each period (one second, minute or hour step)
 * is visited only where it can match: without COUNT the walk starts at the window; a period whose day, hour or
 * minute fails a BY part jumps to the next day, hour or minute. With COUNT and no BY part the instances before
 * the window are counted arithmetically. The walk stops after a fixed number of visited periods and reports
 * {@link #truncated()}.
 * <p>
 * Supported parts: FREQ, INTERVAL, COUNT, UNTIL (local, see {@link RuleInstances#normalizeUntil}), BYSECOND,
 * BYMINUTE, BYHOUR, BYDAY (weekdays without ordinal), BYMONTHDAY, BYMONTH, BYYEARDAY, WKST (no effect here).
 * Others (BYSETPOS, BYWEEKNO) make the rule unreadable: only DTSTART counts, with a warning.
 */
final class SubDailyRule implements Iterator<LocalDateTime> {

    private final LocalDateTime seed;
    private final long step;
    private final char unit;
    private final long count;
    private final LocalDateTime until;
    private final LocalDateTime from;
    private final LocalDateTime to;
    private final int[] seconds;
    private final int[] minutes;
    private final int[] hours;
    private final int[] monthDays;
    private final int[] months;
    private final int[] yearDays;
    private final boolean[] weekdays;
    private final int[] filterMinutes;
    private final int[] filterSeconds;
    private final long maxVisits;
    private final ArrayDeque<LocalDateTime> pending = new ArrayDeque<>();
    private long period;
    private long emitted;
    private long visits;
    private boolean done;
    private boolean truncated;

    private SubDailyRule(String rule, LocalDateTime seed, LocalDateTime from, LocalDateTime to, int maxInstances) {
        this.seed = seed;
        this.from = from;
        this.to = to;
        String freq = null;
        long interval = 1;
        long cnt = -1;
        LocalDateTime u = null;
        int[] bySecond = null;
        int[] byMinute = null;
        int[] byHour = null;
        int[] byMonthDay = null;
        int[] byMonth = null;
        int[] byYearDay = null;
        boolean[] byDay = null;
        for (Map.Entry<String, String> part : RuleParts.parse(rule).entrySet()) {
            String value = part.getValue();
            switch (part.getKey()) {
                case "FREQ" -> freq = value;
                case "INTERVAL" -> interval = Math.max(1, Long.parseLong(value));
                case "COUNT" -> cnt = Long.parseLong(value);
                case "UNTIL" -> u = RuleParts.until(value);
                case "BYSECOND" -> bySecond = ints(value, 0, 60);
                case "BYMINUTE" -> byMinute = ints(value, 0, 59);
                case "BYHOUR" -> byHour = ints(value, 0, 23);
                case "BYMONTHDAY" -> byMonthDay = ints(value, -31, 31);
                case "BYMONTH" -> byMonth = ints(value, 1, 12);
                case "BYYEARDAY" -> byYearDay = ints(value, -366, 366);
                case "BYDAY" -> byDay = RuleParts.weekdays(value);
                case "WKST" -> {
                    // only matters for WEEKLY rules and BYWEEKNO
                }
                default -> throw new IllegalArgumentException("unsupported rule part for a sub-daily rule");
            }
        }
        this.unit = switch (freq == null ? "" : freq) {
            case "SECONDLY" -> 's';
            case "MINUTELY" -> 'm';
            case "HOURLY" -> 'h';
            default -> throw new IllegalArgumentException("not a sub-daily rule");
        };
        long unitSeconds = unit == 's' ? 1 : unit == 'm' ? 60 : 3600;
        this.step = interval * unitSeconds;
        this.count = cnt;
        this.until = u;
        // parts that expand a period into several instances default to DTSTART's value
        this.seconds = unit == 's' ? null : sorted(bySecond == null ? new int[] {seed.getSecond()} : bySecond);
        this.minutes = unit == 'h' ? sorted(byMinute == null ? new int[] {seed.getMinute()} : byMinute) : null;
        this.hours = byHour;
        this.monthDays = byMonthDay;
        this.months = byMonth;
        this.yearDays = byYearDay;
        this.weekdays = byDay;
        // filters of a period: BYMINUTE for SECONDLY/MINUTELY, BYSECOND for SECONDLY
        this.filterMinutes = unit == 'h' ? null : byMinute;
        this.filterSeconds = unit == 's' ? bySecond : null;
        this.maxVisits = Math.max(100_000L, 10L * maxInstances);
        boolean filtered = hours != null || monthDays != null || months != null || yearDays != null
                || weekdays != null || filterMinutes != null || filterSeconds != null;
        long perPeriod = (seconds == null ? 1 : seconds.length) * (long) (minutes == null ? 1 : minutes.length);
        long jump = Math.max(0, Math.floorDiv(ChronoUnit.SECONDS.between(seed, from), step));
        if (count < 0) {
            period = jump; // nothing before the window matters
        } else if (!filtered && jump > 0) {
            // every earlier period held all its instances, except those of the first before DTSTART
            long beforeSeed = 0;
            for (int m : minutes == null ? new int[] {seed.getMinute()} : minutes) {
                for (int s : seconds == null ? new int[] {seed.getSecond()} : seconds) {
                    beforeSeed += seed.withMinute(m).withSecond(Math.min(s, 59)).isBefore(seed) ? 1 : 0;
                }
            }
            period = jump;
            emitted = Math.min(count, jump * perPeriod - beforeSeed);
        }
    }

    /**
     * @param rule  the RRULE value, UNTIL in local time
     * @param seed  DTSTART in local time
     * @param from  the earliest start of interest
     * @param to  the latest start of interest
     * @param maxInstances  the per-event limit; the walk visits at most 10 times as many periods (100 000 at least)
     * @return the iterator
     * @throws IllegalArgumentException if the rule has parts this class does not read
     */
    static SubDailyRule of(String rule, LocalDateTime seed, LocalDateTime from, LocalDateTime to, int maxInstances) {
        return new SubDailyRule(rule, seed, from, to, maxInstances);
    }

    /** @return true if the walk stopped at its work limit before the end of the window */
    boolean truncated() {
        return truncated;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !done) {
            advance();
        }
        return !pending.isEmpty();
    }

    @Override
    public LocalDateTime next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    private void advance() {
        if (++visits > maxVisits) {
            truncated = true;
            done = true;
            return;
        }
        LocalDateTime start = seed.plusSeconds(period * step);
        // a period's instances fill its whole second, minute or hour, also before the step's own time
        LocalDateTime floor = start.truncatedTo(unit == 's' ? ChronoUnit.SECONDS
                : unit == 'm' ? ChronoUnit.MINUTES : ChronoUnit.HOURS);
        if (floor.isAfter(to) || (until != null && floor.isAfter(until))) {
            done = true;
            return;
        }
        LocalDate day = start.toLocalDate();
        if (!dayMatches(day)) {
            period = firstPeriodAtOrAfter(day.plusDays(1).atStartOfDay());
            return;
        }
        if (hours != null && !contains(hours, start.getHour())) {
            period = firstPeriodAtOrAfter(start.truncatedTo(ChronoUnit.HOURS).plusHours(1));
            return;
        }
        if (filterMinutes != null && !contains(filterMinutes, start.getMinute())) {
            period = firstPeriodAtOrAfter(start.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1));
            return;
        }
        period++;
        if (filterSeconds != null && !contains(filterSeconds, start.getSecond())) {
            return;
        }
        for (int m : minutes == null ? new int[] {start.getMinute()} : minutes) {
            for (int s : seconds == null ? new int[] {start.getSecond()} : seconds) {
                LocalDateTime t = s == 60 ? start.withMinute(m).withSecond(59) : start.withMinute(m).withSecond(s);
                if (t.isBefore(seed)) {
                    continue;
                }
                if ((until != null && t.isAfter(until)) || (count >= 0 && emitted >= count) || t.isAfter(to)) {
                    done = true;
                    return;
                }
                emitted++;
                if (!t.isBefore(from)) {
                    pending.add(t); // earlier ones only count toward COUNT
                }
            }
        }
    }

    private long firstPeriodAtOrAfter(LocalDateTime t) {
        long seconds = ChronoUnit.SECONDS.between(seed, t);
        return Math.max(period + 1, Math.floorDiv(seconds + step - 1, step));
    }

    private boolean dayMatches(LocalDate day) {
        if (months != null && !contains(months, day.getMonthValue())) {
            return false;
        }
        if (weekdays != null && !weekdays[day.getDayOfWeek().getValue() - 1]) {
            return false;
        }
        if (monthDays != null) {
            int length = day.lengthOfMonth();
            boolean any = false;
            for (int d : monthDays) {
                any |= d == day.getDayOfMonth() || (d < 0 && length + d + 1 == day.getDayOfMonth());
            }
            if (!any) {
                return false;
            }
        }
        if (yearDays != null) {
            int length = day.lengthOfYear();
            boolean any = false;
            for (int d : yearDays) {
                any |= d == day.getDayOfYear() || (d < 0 && length + d + 1 == day.getDayOfYear());
            }
            return any;
        }
        return true;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static int[] sorted(int[] values) {
        int[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static int[] ints(String list, int min, int max) {
        String[] parts = list.split(",");
        int[] result = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int v = Integer.parseInt(parts[i].strip().replace("+", ""));
            if (v < min || v > max || v == 0 && min < 0) {
                throw new IllegalArgumentException("rule value out of range");
            }
            result[i] = v;
        }
        return result;
    }
}
