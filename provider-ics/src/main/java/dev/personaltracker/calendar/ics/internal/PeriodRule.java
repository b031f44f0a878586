package dev.personaltracker.calendar.ics.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A DAILY, WEEKLY, MONTHLY or YEARLY rule with any of BYMONTH, BYWEEKNO (YEARLY), BYYEARDAY, BYMONTHDAY, BYDAY
 * (with ordinals), BYHOUR, BYMINUTE, BYSECOND and BYSETPOS, expanded period by period as RFC 5545 3.3.10 defines
 * it: the days of each period (a day, a week from WKST, a month, a year; with BYWEEKNO the year's weeks from week
 * 1, which may start in December) that pass every BY part, times the times the BY parts name, then BYSETPOS.
 * <p>
 * Unlike ical4j's {@code Recur}, which gives up after 1000 periods in a row without an instance (so
 * {@code FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29} or a Friday the 31st silently lost instances), this walks every
 * period, and without COUNT it starts at the window rather than at DTSTART. With COUNT it must count from
 * DTSTART; the walk is bounded by {@link #MAX_DAYS_CHECKED} day checks, past which {@link #truncated()} is true
 * (the caller then counts the event busy to the window's end).
 */
final class PeriodRule implements Iterator<Object> {

    /** The most days one expansion checks: about 1 300 years of days, whatever the frequency. */
    static final long MAX_DAYS_CHECKED = 500_000;

    private enum Freq { DAILY, WEEKLY, MONTHLY, YEARLY }

    private final Iterator<LocalDateTime> instances;
    private final boolean allDay;
    private final boolean truncated;

    private PeriodRule(List<LocalDateTime> instances, boolean allDay, boolean truncated) {
        this.instances = instances.iterator();
        this.allDay = allDay;
        this.truncated = truncated;
    }

    /**
     * @param rule  the RRULE value, UNTIL in local time ({@link RuleInstances#normalizeUntil})
     * @param seed  DTSTART, local (midnight for an all-day series)
     * @param allDay  true for an all-day series: instances are {@link LocalDate}s and time parts are ignored
     * @param from  the earliest start of interest
     * @param to  the latest start of interest
     * @param max  the most instances returned
     * @return the instances from {@code from} to {@code to}, ascending ({@link LocalDateTime}, or {@link LocalDate}
     *     for an all-day series); null if the rule has a part this class does not read (RSCALE, SKIP, ...)
     * @throws IllegalArgumentException if a part's value is malformed
     */
    static PeriodRule of(String rule, LocalDateTime seed, boolean allDay, LocalDateTime from, LocalDateTime to,
                         int max) {
        Spec s = Spec.parse(rule, seed, allDay);
        if (s == null) {
            return null;
        }
        List<LocalDateTime> out = new ArrayList<>();
        long k = 0;
        if (s.count < 0 && from.isAfter(seed)) {
            k = Math.max(0, Math.floorDiv(s.periodsBetween(seed.toLocalDate(), from.toLocalDate()), s.interval) - 1)
                    * s.interval;
        }
        long emitted = 0;
        long checked = 0;
        List<LocalDateTime> period = new ArrayList<>();
        while (true) {
            LocalDate first = s.periodStart(k);
            if (first.atStartOfDay().isAfter(to) || (s.until != null && first.atStartOfDay().isAfter(s.until))) {
                return new PeriodRule(out, allDay, false);
            }
            LocalDate end = s.periodEnd(k);
            checked += ChronoUnit.DAYS.between(first, end);
            if (checked > MAX_DAYS_CHECKED) {
                return new PeriodRule(out, allDay, true);
            }
            period.clear();
            s.enterPeriod(first, end);
            for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
                if (s.matches(d)) {
                    for (LocalTime t : s.times) {
                        period.add(d.atTime(t));
                    }
                }
            }
            for (LocalDateTime t : s.setPos(period)) {
                if (t.isBefore(seed)) {
                    continue;
                }
                if ((s.count >= 0 && emitted >= s.count) || (s.until != null && t.isAfter(s.until)) || t.isAfter(to)) {
                    return new PeriodRule(out, allDay, false);
                }
                emitted++;
                if (!t.isBefore(from)) {
                    if (out.size() >= max) {
                        return new PeriodRule(out, allDay, false);
                    }
                    out.add(t);
                }
            }
            k += s.interval;
        }
    }

    /** @return true if the walk stopped at {@link #MAX_DAYS_CHECKED} before reaching the window's end */
    boolean truncated() {
        return truncated;
    }

    @Override
    public boolean hasNext() {
        return instances.hasNext();
    }

    @Override
    public Object next() {
        LocalDateTime t = instances.next();
        return allDay ? t.toLocalDate() : t;
    }

    /** The rule's parts, with RFC 5545's defaults from DTSTART filled in. */
    private static final class Spec {
        Freq freq;
        int interval = 1;
        long count = -1;
        LocalDateTime until;
        DayOfWeek weekStart = DayOfWeek.MONDAY;
        boolean[] months;
        int[] yearDays;
        int[] monthDays;
        /** plain weekdays of BYDAY, Monday first; null if none. */
        boolean[] weekdays;
        /** BYDAY entries with an ordinal: {ordinal, day-of-week value}. */
        List<int[]> nthWeekdays = new ArrayList<>();
        int[] setPos;
        /** BYWEEKNO (YEARLY rules only), with the year its weeks are counted in. */
        int[] weekNos;
        LocalDate weekYearStart;
        int weeksInYear;
        List<LocalTime> times;
        LocalDate seedDate;

        static Spec parse(String rule, LocalDateTime seed, boolean allDay) {
            Spec s = new Spec();
            s.seedDate = seed.toLocalDate();
            int[] hours = null;
            int[] minutes = null;
            int[] seconds = null;
            String byDay = null;
            for (Map.Entry<String, String> part : RuleParts.parse(rule).entrySet()) {
                String v = part.getValue();
                switch (part.getKey()) {
                    case "FREQ" -> {
                        switch (v) {
                            case "DAILY", "WEEKLY", "MONTHLY", "YEARLY" -> s.freq = Freq.valueOf(v);
                            default -> {
                                return null;
                            }
                        }
                    }
                    case "INTERVAL" -> s.interval = Integer.parseInt(v);
                    case "COUNT" -> s.count = Long.parseLong(v);
                    case "UNTIL" -> s.until = RuleParts.until(v);
                    case "WKST" -> s.weekStart = RuleParts.weekday(v);
                    case "BYMONTH" -> {
                        s.months = new boolean[13];
                        for (int m : numbers(v, 1, 12, false)) {
                            s.months[m] = true;
                        }
                    }
                    case "BYYEARDAY" -> s.yearDays = numbers(v, 1, 366, true);
                    case "BYMONTHDAY" -> s.monthDays = numbers(v, 1, 31, true);
                    case "BYDAY" -> byDay = v;
                    case "BYHOUR" -> hours = numbers(v, 0, 23, false);
                    case "BYMINUTE" -> minutes = numbers(v, 0, 59, false);
                    case "BYSECOND" -> seconds = numbers(v, 0, 60, false);
                    case "BYSETPOS" -> s.setPos = numbers(v, 1, 366, true);
                    case "BYWEEKNO" -> s.weekNos = numbers(v, 1, 53, true);
                    default -> {
                        return null; // RSCALE other than GREGORIAN, SKIP, ...: left to ical4j
                    }
                }
            }
            if (s.freq == null || s.interval < 1 || s.weekStart == null) {
                throw new IllegalArgumentException("no valid FREQ, INTERVAL or WKST");
            }
            if (s.weekNos != null && s.freq != Freq.YEARLY) {
                return null; // BYWEEKNO is for YEARLY rules only (RFC 5545): left to ical4j
            }
            if (byDay != null) {
                s.byDay(byDay);
            }
            if (s.weekNos != null && s.monthDays == null && byDay == null && s.yearDays == null) {
                s.weekdays = new boolean[7]; // the weeks' day of DTSTART's weekday
                s.weekdays[seed.getDayOfWeek().getValue() - 1] = true;
            } else if (s.monthDays == null && byDay == null && s.yearDays == null) {
                switch (s.freq) {
                    case YEARLY -> {
                        if (s.months == null) {
                            s.months = new boolean[13];
                            s.months[seed.getMonthValue()] = true;
                        }
                        s.monthDays = new int[] {seed.getDayOfMonth()};
                    }
                    case MONTHLY -> s.monthDays = new int[] {seed.getDayOfMonth()};
                    case WEEKLY -> {
                        s.weekdays = new boolean[7];
                        s.weekdays[seed.getDayOfWeek().getValue() - 1] = true;
                    }
                    case DAILY -> {
                        // every day
                    }
                }
            }
            if (allDay) {
                s.times = List.of(LocalTime.MIDNIGHT);
            } else {
                TreeSet<LocalTime> times = new TreeSet<>();
                for (int h : hours == null ? new int[] {seed.getHour()} : hours) {
                    for (int m : minutes == null ? new int[] {seed.getMinute()} : minutes) {
                        for (int sec : seconds == null ? new int[] {seed.getSecond()} : seconds) {
                            times.add(LocalTime.of(h, m, Math.min(sec, 59)));
                        }
                    }
                }
                s.times = List.copyOf(times);
            }
            return s;
        }

        private void byDay(String list) {
            for (String entry : list.split(",")) {
                String e = entry.strip();
                if (e.length() < 2) {
                    throw new IllegalArgumentException("bad BYDAY entry");
                }
                DayOfWeek day = RuleParts.weekday(e.substring(e.length() - 2));
                if (day == null) {
                    throw new IllegalArgumentException("bad BYDAY entry");
                }
                String ordinal = e.substring(0, e.length() - 2);
                boolean ordinalApplies = (freq == Freq.MONTHLY || freq == Freq.YEARLY) && weekNos == null;
                if (ordinal.isEmpty() || ordinal.equals("+")) {
                    plainWeekday(day);
                } else {
                    int n = Integer.parseInt(ordinal.startsWith("+") ? ordinal.substring(1) : ordinal);
                    if (n == 0 || Math.abs(n) > 53) {
                        throw new IllegalArgumentException("bad BYDAY ordinal");
                    }
                    if (ordinalApplies) {
                        nthWeekdays.add(new int[] {n, day.getValue()});
                    } else {
                        plainWeekday(day); // an ordinal has no meaning in a DAILY or WEEKLY rule
                    }
                }
            }
        }

        private void plainWeekday(DayOfWeek day) {
            if (weekdays == null) {
                weekdays = new boolean[7];
            }
            weekdays[day.getValue() - 1] = true;
        }

        private static int[] numbers(String list, int min, int max, boolean signed) {
            String[] items = list.split(",");
            int[] out = new int[items.length];
            for (int i = 0; i < items.length; i++) {
                String item = items[i].strip();
                int n = Integer.parseInt(item.startsWith("+") ? item.substring(1) : item);
                int abs = Math.abs(n);
                if ((n < 0 && !signed) || abs < min || abs > max) {
                    throw new IllegalArgumentException("BY value out of range");
                }
                out[i] = n;
            }
            return out;
        }

        /** @return the number of whole periods from the one holding {@code a} to the one holding {@code b} */
        long periodsBetween(LocalDate a, LocalDate b) {
            return switch (freq) {
                case DAILY -> ChronoUnit.DAYS.between(a, b);
                case WEEKLY -> ChronoUnit.WEEKS.between(weekOf(a), weekOf(b));
                case MONTHLY -> ChronoUnit.MONTHS.between(YearMonth.from(a), YearMonth.from(b));
                case YEARLY -> weekNos == null ? (long) b.getYear() - a.getYear() : (long) weekYear(b) - weekYear(a);
            };
        }

        /** @return the first day of period {@code k}; with BYWEEKNO the first day of that year's week 1 */
        LocalDate periodStart(long k) {
            return switch (freq) {
                case DAILY -> seedDate.plusDays(k);
                case WEEKLY -> weekOf(seedDate).plusWeeks(k);
                case MONTHLY -> seedDate.withDayOfMonth(1).plusMonths(k);
                case YEARLY -> weekNos == null ? seedDate.withDayOfYear(1).plusYears(k)
                        : weekOne(Math.toIntExact(weekYear(seedDate) + k));
            };
        }

        /** @return the day after period {@code k} */
        LocalDate periodEnd(long k) {
            return switch (freq) {
                case DAILY -> seedDate.plusDays(k + 1);
                case WEEKLY -> weekOf(seedDate).plusWeeks(k + 1);
                case MONTHLY -> seedDate.withDayOfMonth(1).plusMonths(k + 1);
                case YEARLY -> weekNos == null ? seedDate.withDayOfYear(1).plusYears(k + 1)
                        : weekOne(Math.toIntExact(weekYear(seedDate) + k + 1));
            };
        }

        /**
         * @return the first day of week 1 of a year: the week (from WKST) that holds at least four days of the
         *     year (RFC 5545 3.3.10, BYWEEKNO); it may start in the December before
         */
        LocalDate weekOne(int year) {
            return weekOf(LocalDate.of(year, 1, 4));
        }

        /** @return the year whose weeks (BYWEEKNO) hold {@code d} */
        int weekYear(LocalDate d) {
            int year = d.getYear();
            if (!d.isBefore(weekOne(year + 1))) {
                return year + 1;
            }
            return d.isBefore(weekOne(year)) ? year - 1 : year;
        }

        private LocalDate weekOf(LocalDate d) {
            return d.with(TemporalAdjusters.previousOrSame(weekStart));
        }

        /** Sets the year whose weeks BYWEEKNO counts, for the period starting at {@code first}. */
        void enterPeriod(LocalDate first, LocalDate end) {
            if (weekNos != null) {
                weekYearStart = first;
                weeksInYear = (int) ChronoUnit.WEEKS.between(first, end);
            }
        }

        boolean matches(LocalDate d) {
            if (months != null && !months[d.getMonthValue()]) {
                return false;
            }
            if (weekNos != null
                    && !matchesNumber(weekNos, (int) ChronoUnit.DAYS.between(weekYearStart, d) / 7 + 1, weeksInYear)) {
                return false;
            }
            if (yearDays != null && !matchesNumber(yearDays, d.getDayOfYear(), d.lengthOfYear())) {
                return false;
            }
            if (monthDays != null && !matchesNumber(monthDays, d.getDayOfMonth(), d.lengthOfMonth())) {
                return false;
            }
            if (weekdays == null && nthWeekdays.isEmpty()) {
                return true;
            }
            int dow = d.getDayOfWeek().getValue();
            if (weekdays != null && weekdays[dow - 1]) {
                return true;
            }
            if (nthWeekdays.isEmpty()) {
                return false;
            }
            boolean inMonth = freq == Freq.MONTHLY || months != null;
            int index = inMonth ? d.getDayOfMonth() : d.getDayOfYear();
            int length = inMonth ? d.lengthOfMonth() : d.lengthOfYear();
            int fromStart = (index - 1) / 7 + 1;
            int fromEnd = -((length - index) / 7 + 1);
            for (int[] nth : nthWeekdays) {
                if (nth[1] == dow && (nth[0] == fromStart || nth[0] == fromEnd)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matchesNumber(int[] wanted, int value, int length) {
            for (int n : wanted) {
                if (n == value || (n < 0 && length + 1 + n == value)) {
                    return true;
                }
            }
            return false;
        }

        List<LocalDateTime> setPos(List<LocalDateTime> period) {
            if (setPos == null || period.isEmpty()) {
                return period;
            }
            TreeSet<LocalDateTime> chosen = new TreeSet<>();
            int size = period.size();
            for (int p : setPos) {
                int i = p > 0 ? p - 1 : size + p;
                if (i >= 0 && i < size) {
                    chosen.add(period.get(i));
                }
            }
            return new ArrayList<>(chosen);
        }
    }
}
