package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.time.Interval;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAmount;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Recur;

/**
 * The instances of one RRULE near a window, ascending, produced lazily.
 * <p>
 * A timed series recurs in the local time of its own zone and each instance is then placed in that zone on its
 * own: an ambiguous local time (the repeated autumn hour) takes its first occurrence and a time in a DST gap is
 * moved forward by the gap, as RFC 5545 3.3.5 says, whichever offset DTSTART had. Plain DAILY and WEEKLY rules
 * go through {@link SimpleWeeklyRule}, other DAILY and longer rules through {@link PeriodRule} (ical4j's
 * {@link Recur} only for parts that one does not read, such as BYWEEKNO); SECONDLY, MINUTELY and HOURLY through
 * {@link SubDailyRule}. All three jump to the window instead of walking every instance since DTSTART (unless
 * COUNT makes them count) and stop after a fixed amount of work.
 */
final class RuleInstances implements Iterator<IcsTime> {

    private static final Pattern UNTIL = Pattern.compile("UNTIL=(\\d{8})(T\\d{6})?(Z?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FREQ = Pattern.compile("(?:^|;)FREQ=([A-Z]+)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIME_BASIC = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter LOCAL_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private final Iterator<?> source;
    private final ZoneId zone;
    private final boolean subDaily;

    private RuleInstances(Iterator<?> source, ZoneId zone, boolean subDaily) {
        this.source = source;
        this.zone = zone;
        this.subDaily = subDaily;
    }

    /**
     * @param ruleText  the RRULE value as written
     * @param start  DTSTART
     * @param span  the event's length
     * @param window  the window (instances from a day before it, minus the span, to a day after it)
     * @param personZone  the zone of all-day dates
     * @param maxInstances  the limit per event, which also bounds the work of a sub-daily rule
     * @return the instances, or null if the rule cannot be read
     */
    static RuleInstances of(String ruleText, IcsTime start, TemporalAmount span, Interval window, ZoneId personZone,
                            int maxInstances) {
        try {
            String rule = RuleParts.clean(ruleText);
            String frequency = frequency(rule);
            if (start instanceof IcsTime.Day day) {
                if (isSubDaily(frequency)) {
                    return null; // an hourly rule on a date has no meaning
                }
                LocalDate from = window.start().atZone(personZone).toLocalDate().minus(span).minusDays(1);
                LocalDate to = window.end().atZone(personZone).toLocalDate().plusDays(1);
                String dated = normalizeDayUntil(rule, personZone);
                PeriodRule periods = PeriodRule.of(dated, day.date().atStartOfDay(), true, from.atStartOfDay(),
                        to.atStartOfDay(), 2 * maxInstances + 1000);
                if (periods != null) {
                    return new RuleInstances(periods, null, false);
                }
                Recur<LocalDate> recur = new Recur<>(dated);
                return new RuleInstances(bounded(recur.getDatesAsStream(day.date(), from, to, Integer.MAX_VALUE),
                        maxInstances), null, false);
            }
            IcsTime.Moment moment = (IcsTime.Moment) start;
            ZoneId zone = moment.time().getZone();
            LocalDateTime written = moment.local(); // the series' local time, even if DTSTART itself fell in a gap
            LocalDateTime from = window.start().atZone(zone).toLocalDateTime().minus(span).minusDays(1);
            LocalDateTime to = window.end().atZone(zone).toLocalDateTime().plusDays(1);
            String local = normalizeUntil(rule, zone);
            String hourly = asHourly(local, frequency, written);
            if (hourly != null) {
                local = hourly;
                frequency = "HOURLY";
            }
            if (isSubDaily(frequency)) {
                // no extra day before the window: a day of a SECONDLY rule would use up the instance limit
                LocalDateTime near = window.start().atZone(zone).toLocalDateTime().minus(span).minusHours(3);
                return new RuleInstances(SubDailyRule.of(local, written, near, to, maxInstances),
                        zone, true);
            }
            Iterator<LocalDateTime> simple = SimpleWeeklyRule.of(local, written, from, to,
                    2 * maxInstances + 1000);
            if (simple != null) {
                return new RuleInstances(simple, zone, false);
            }
            PeriodRule periods = PeriodRule.of(local, written, false, from, to, 2 * maxInstances + 1000);
            if (periods != null) {
                return new RuleInstances(periods, zone, false);
            }
            Recur<LocalDateTime> recur = new Recur<>(local);
            return new RuleInstances(bounded(recur.getDatesAsStream(written, from, to,
                    Integer.MAX_VALUE), maxInstances), zone, false);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * ical4j's stream is lazy but its iterator() loses elements; a limited list keeps memory bounded. The limit
     * leaves room for the instances in the day before the window.
     */
    private static <T> Iterator<T> bounded(Stream<T> instances, int maxInstances) {
        return instances.limit(2L * maxInstances + 1000).toList().iterator();
    }

    /** @return true for SECONDLY, MINUTELY and HOURLY rules */
    boolean subDaily() {
        return subDaily;
    }

    /** @return true if the rule stopped before the window's end because it needed more work than allowed */
    boolean truncated() {
        return (source instanceof SubDailyRule r && r.truncated())
                || (source instanceof PeriodRule p && p.truncated());
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public IcsTime next() {
        Object next = source.next();
        if (next instanceof LocalDate d) {
            return new IcsTime.Day(d);
        }
        if (next instanceof LocalDateTime t) {
            // ofLocal with no preferred offset: the earlier offset in an overlap, shifted forward in a gap
            return new IcsTime.Moment(ZonedDateTime.ofLocal(t, zone, null), t);
        }
        throw new NoSuchElementException("unexpected recurrence value");
    }

    /**
     * A DAILY-or-longer rule with BYHOUR, BYMINUTE or BYSECOND (a sub-daily rule in disguise, which ical4j would
     * walk without bound) as the same rule at HOURLY frequency: the day parts the frequency implies come from
     * DTSTART (WEEKLY: its weekday; MONTHLY: its day of the month; YEARLY: its month and day), the time parts
     * the rule leaves out too. Only for INTERVAL 1 and parts {@link SubDailyRule} reads.
     *
     * @return the HOURLY rule, or null if the rule is not of that kind
     */
    static String asHourly(String rule, String frequency, LocalDateTime seed) {
        if (isSubDaily(frequency)) {
            return null;
        }
        java.util.Map<String, String> parts = RuleParts.parse(rule);
        boolean timeParts = parts.containsKey("BYHOUR") || parts.containsKey("BYMINUTE") || parts.containsKey("BYSECOND");
        boolean interval1 = parts.getOrDefault("INTERVAL", "1").equals("1");
        boolean plainDays = !parts.containsKey("BYDAY") || parts.get("BYDAY").matches("[A-Z]{2}(,[A-Z]{2})*");
        if (!timeParts || !interval1 || !plainDays || parts.containsKey("BYSETPOS") || parts.containsKey("BYWEEKNO")) {
            return null;
        }
        boolean dayGiven = parts.containsKey("BYDAY") || parts.containsKey("BYMONTHDAY") || parts.containsKey("BYYEARDAY");
        switch (frequency) {
            case "WEEKLY" -> {
                if (!dayGiven) { // a BYMONTHDAY (invalid in a WEEKLY rule, but written) stands for the weekday
                    parts.put("BYDAY", seed.getDayOfWeek().name().substring(0, 2));
                }
            }
            case "MONTHLY" -> {
                if (!dayGiven) {
                    parts.put("BYMONTHDAY", Integer.toString(seed.getDayOfMonth()));
                }
            }
            case "YEARLY" -> {
                if (!dayGiven) {
                    parts.putIfAbsent("BYMONTH", Integer.toString(seed.getMonthValue()));
                    parts.put("BYMONTHDAY", Integer.toString(seed.getDayOfMonth()));
                }
            }
            case "DAILY" -> {
                // every day
            }
            default -> {
                return null;
            }
        }
        parts.put("FREQ", "HOURLY");
        parts.putIfAbsent("BYHOUR", Integer.toString(seed.getHour()));
        StringBuilder b = new StringBuilder();
        parts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return b.toString();
    }

    private static String frequency(String rule) {
        Matcher m = FREQ.matcher(rule);
        if (!m.find()) {
            throw new IllegalArgumentException("no FREQ");
        }
        return m.group(1).toUpperCase(Locale.ROOT);
    }

    private static boolean isSubDaily(String frequency) {
        return frequency.equals("SECONDLY") || frequency.equals("MINUTELY") || frequency.equals("HOURLY");
    }

    /**
     * Makes UNTIL a date for an all-day series. A UTC date-time names the later of its UTC date and its date in the
     * person's zone: exporters write the last day's local midnight in UTC (the day before, east of UTC) or that day
     * at 00:00 UTC (the day before in local time, west of UTC), and either way the last day counts.
     *
     * @param rule  the RRULE value
     * @param personZone  the zone all-day dates are read in
     * @return the rule with UNTIL a date
     */
    static String normalizeDayUntil(String rule, ZoneId personZone) {
        Matcher m = UNTIL.matcher(rule);
        if (!m.find()) {
            return rule;
        }
        LocalDate date = LocalDate.parse(m.group(1), IcsTime.DATE_BASIC);
        if (m.group(2) != null && !m.group(3).isEmpty()) {
            LocalTime t = LocalTime.parse(m.group(2).substring(1), TIME_BASIC);
            LocalDate local = ZonedDateTime.of(date, t, java.time.ZoneOffset.UTC).withZoneSameInstant(personZone)
                    .toLocalDate();
            date = local.isAfter(date) ? local : date;
        }
        return rule.substring(0, m.start()) + "UNTIL=" + IcsTime.DATE_BASIC.format(date) + rule.substring(m.end());
    }

    /**
     * Makes UNTIL agree with a local-time expansion: a date for all-day series ({@code zone == null}); for a timed
     * series a local date-time in the event's zone (a bare date means the end of that day, a UTC time is
     * converted, a floating time is kept).
     *
     * @param rule  the RRULE value
     * @param zone  the event's zone, null for an all-day series
     * @return the rule with UNTIL rewritten
     */
    static String normalizeUntil(String rule, ZoneId zone) {
        Matcher m = UNTIL.matcher(rule);
        if (!m.find()) {
            return rule;
        }
        String date = m.group(1);
        String replacement;
        if (zone == null) {
            replacement = "UNTIL=" + date;
        } else if (m.group(2) == null) {
            replacement = "UNTIL=" + date + "T235959";
        } else if (m.group(3).isEmpty()) {
            return rule;
        } else {
            LocalDate d = LocalDate.parse(date, IcsTime.DATE_BASIC);
            LocalTime t = LocalTime.parse(m.group(2).substring(1), TIME_BASIC);
            replacement = "UNTIL=" + LOCAL_BASIC.format(
                    ZonedDateTime.of(d, t, java.time.ZoneOffset.UTC).withZoneSameInstant(zone).toLocalDateTime());
        }
        return rule.substring(0, m.start()) + replacement + rule.substring(m.end());
    }
}
