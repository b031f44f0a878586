package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.ics.internal.BusyRequest;
import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Differential test of recurrence expansion: the busy time the provider reads for random DAILY, WEEKLY, MONTHLY and
 * YEARLY rules (BYMONTH, BYWEEKNO, BYMONTHDAY, BYYEARDAY, BYDAY with ordinals, BYHOUR, BYSETPOS, INTERVAL, COUNT,
 * UNTIL, WKST), DTSTART decades before or after the window, in DST zones and as all-day series, equals what a brute-force
 * reference gives: it walks every day from DTSTART's period and tests each against RFC 5545 3.3.10 literally. Rules
 * whose instances are rare next to their frequency (a leap day of a DAILY rule, a Friday the 31st) are generated
 * on purpose: ical4j's {@code Recur} gave up after 1000 periods without an instance and lost them silently.
 */
class IcsRuleReferenceTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    private static final String[] FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney");

    @Property(tries = 200)
    void randomRules_giveTheReferenceInstances(@ForAll long seed) {
        Random r = new Random(seed);
        ZoneId zone = ZoneId.of(ZONES.get(r.nextInt(ZONES.size())));
        boolean allDay = r.nextInt(5) == 0;
        String freq = FREQS[r.nextInt(4)];
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("FREQ", freq);
        if (r.nextInt(3) == 0) {
            rule.put("INTERVAL", Integer.toString(1 + r.nextInt(3)));
        }
        if (r.nextInt(3) == 0) {
            rule.put("BYMONTH", pick(r, 1 + r.nextInt(2), "2", "1", "6", "12", "3", "10"));
        }
        if (r.nextInt(2) == 0) {
            rule.put("BYMONTHDAY", pick(r, 1 + r.nextInt(2), "29", "31", "30", "13", "1", "-1", "-2", "15"));
        }
        if (freq.equals("YEARLY") && r.nextInt(4) == 0) {
            rule.put("BYWEEKNO", pick(r, 1 + r.nextInt(2), "1", "2", "20", "52", "53", "-1", "-2"));
        }
        if (r.nextInt(2) == 0) {
            boolean ordinals = (freq.equals("MONTHLY") || freq.equals("YEARLY")) && !rule.containsKey("BYWEEKNO")
                    && r.nextBoolean();
            List<String> days = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(2); i < n; i++) {
                String day = DAYS[r.nextInt(7)];
                days.add(ordinals ? pick(r, 1, "1", "2", "-1", "5", "-2", "20", "53", "+3") + day : day);
            }
            rule.put("BYDAY", String.join(",", new TreeSet<>(days)));
        }
        if ((freq.equals("YEARLY") || freq.equals("DAILY")) && r.nextInt(6) == 0) {
            rule.put("BYYEARDAY", pick(r, 1 + r.nextInt(2), "1", "60", "366", "-1", "100", "-306"));
        }
        if (!allDay && r.nextInt(6) == 0) {
            rule.put("BYHOUR", pick(r, 2, "7", "13", "19", "2"));
        }
        if (r.nextInt(6) == 0) {
            rule.put("BYSETPOS", pick(r, 1, "1", "-1", "2"));
        }
        if (r.nextInt(4) == 0) {
            rule.put("WKST", DAYS[r.nextInt(7)]);
        }
        LocalDateTime start = LocalDate.of(1960, 1, 1).plusDays(r.nextInt(70 * 366))
                .atTime(allDay ? LocalTime.MIDNIGHT : LocalTime.of(r.nextInt(24), 30 * r.nextInt(2)));
        if (r.nextInt(4) == 0) {
            rule.put("COUNT", Integer.toString(1 + r.nextInt(300)));
        } else if (r.nextInt(3) == 0) {
            LocalDateTime until = start.plusDays(r.nextInt(30_000)).withHour(12).withMinute(0);
            rule.put("UNTIL", allDay ? DATE.format(until) : LOCAL.format(until.atZone(zone)
                    .withZoneSameInstant(ZoneOffset.UTC)) + "Z");
        }
        LocalDate windowDay = r.nextInt(4) == 0 ? start.toLocalDate().plusDays(r.nextInt(400) - 20)
                : LocalDate.of(2026, 1, 1).plusDays(r.nextInt(3 * 366));
        Interval window = Interval.of(windowDay.atStartOfDay(zone).toInstant().plus(Duration.ofHours(r.nextInt(24))),
                Duration.ofDays(1 + r.nextInt(60)));
        check(rule, start, 30 + r.nextInt(26), allDay, zone, window);
    }

    /** The classes that lost instances before (each the ical4j 1000-periods-without-an-instance limit). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29          | 19960229T090000 | 2028-02-20 | 30",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29          | 19700101T090000 | 2028-02-20 | 30",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO | 19960101T090000 | 2044-02-01 | 60",
        "FREQ=MONTHLY;BYMONTHDAY=31;BYDAY=FR         | 19900101T090000 | 2026-07-01 | 60",
        "FREQ=DAILY;BYDAY=MO;BYMONTHDAY=13           | 19700101T090000 | 2026-04-01 | 60",
        "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=TU | 19700101T090000 | 2028-02-01 | 60",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;COUNT=20 | 19700101T090000 | 2028-02-20 | 30",
        "FREQ=DAILY;INTERVAL=3;BYMONTHDAY=29;BYMONTH=2 | 19700101T090000 | 2000-02-01 | 60",
        "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;INTERVAL=5 | 19700101T090000 | 2026-01-01 | 1096",
        "FREQ=DAILY;COUNT=1000000                    | 19900101T090000 | 2026-03-23 | 7",
        "FREQ=DAILY;INTERVAL=7                       | 19900101T090000 | 2026-03-23 | 7",
        "FREQ=YEARLY;BYWEEKNO=-1;BYDAY=SU            | 19900101T090000 | 2026-12-20 | 20",
        "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO             | 19900101T090000 | 2025-12-20 | 20",
    })
    void rareAndLongRunningRules_loseNothing(String rule, String start, String windowStart, int windowDays) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rule.split(";")) {
            parts.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        for (String zone : ZONES) {
            ZoneId z = ZoneId.of(zone);
            Interval window = Interval.of(LocalDate.parse(windowStart).atStartOfDay(z).toInstant(),
                    Duration.ofDays(windowDays));
            List<Interval> busy = check(parts, LocalDateTime.parse(start, LOCAL), 45, false, z, window);
            if (!rule.contains("1000000") && !rule.contains("INTERVAL=7")) {
                assertThat(busy).as(rule + " should have an instance in " + window).isNotEmpty();
            }
        }
    }

    @Test
    void aRuleThatCannotBeCountedInBounds_isBusyToTheWindowsEnd() {
        // COUNT forces counting from DTSTART: 2 000 years of days exceed the work bound (500 000 days checked)
        var log = IcsRealWorldTextTest.capture();
        IcsCalendar cal = IcsCalendar.parse(ics("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5",
                "DTSTART:00010101T090000Z", "DTEND:00010101T100000Z"), ZoneOffset.UTC, "test");
        Interval window = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));
        List<Interval> busy = cal.busy(BusyRequest.of(window, BusyPolicy.defaults(), Set.of(), "ics", "a", "c"))
                .stream().map(BusyInterval::interval).toList();
        assertThat(busy).containsExactly(window);
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("'rule'")
                .contains("window's end"));
    }

    private static List<Interval> check(Map<String, String> rule, LocalDateTime start, int minutes, boolean allDay,
                                        ZoneId zone, Interval window) {
        StringBuilder text = new StringBuilder();
        rule.forEach((k, v) -> text.append(text.length() == 0 ? "" : ";").append(k).append('=').append(v));
        String tz = zone.getId();
        String dtstart = allDay ? "DTSTART;VALUE=DATE:" + DATE.format(start)
                : "DTSTART;TZID=" + tz + ":" + LOCAL.format(start);
        String dtend = allDay ? "DTEND;VALUE=DATE:" + DATE.format(start.plusDays(1))
                : "DTEND;TZID=" + tz + ":" + LOCAL.format(start.plusMinutes(minutes));
        IcsCalendar cal = IcsCalendar.parse(ics(text.toString(), dtstart, dtend), zone, "test");
        List<Interval> actual = cal.busy(BusyRequest.of(window, BusyPolicy.defaults(), Set.of(), "ics", "a", "c"))
                .stream().map(BusyInterval::interval).toList();

        LocalDate lastDay = window.end().atZone(zone).toLocalDate().plusDays(1);
        Duration span = Duration.between(ZonedDateTime.ofLocal(start, zone, null),
                ZonedDateTime.ofLocal(start.plusMinutes(minutes), zone, null));
        if (span.isNegative() || span.isZero()) {
            span = Duration.ofMinutes(minutes); // a start in a DST gap keeps its written length
        }
        TreeSet<Instant> starts = new TreeSet<>();
        starts.add(ZonedDateTime.ofLocal(start, zone, null).toInstant());
        for (LocalDateTime t : Reference.instances(rule, start, allDay, zone, lastDay)) {
            starts.add(ZonedDateTime.ofLocal(t, zone, null).toInstant());
        }
        List<Interval> expected = new ArrayList<>();
        for (Instant s : starts) {
            Instant end = allDay ? s.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant() : s.plus(span);
            Interval instance = Interval.of(s, end);
            if (instance.overlaps(window)) {
                instance.intersection(window).ifPresent(expected::add);
            }
        }
        assertThat(actual).as(text + " from " + start + (allDay ? " (all-day)" : " in " + zone) + ", window "
                + window).containsExactlyElementsOf(expected);
        return actual;
    }

    private static String ics(String rule, String dtstart, String dtend) {
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT",
                "UID:rule", "DTSTAMP:20250101T000000Z", dtstart, dtend, "RRULE:" + rule, "END:VEVENT",
                "END:VCALENDAR", "");
    }

    private static String pick(Random r, int n, String... values) {
        TreeSet<String> chosen = new TreeSet<>();
        while (chosen.size() < n) {
            chosen.add(values[r.nextInt(values.length)]);
        }
        return String.join(",", chosen);
    }

    /**
     * RFC 5545 3.3.10 by brute force: every day from the start of DTSTART's period, grouped into periods; a period
     * counts if its number is a multiple of INTERVAL; its candidates are the days that pass every BY part (or, for
     * parts the rule leaves out, match DTSTART as the RFC's table says), times the BYHOUR hours; then BYSETPOS,
     * DTSTART, COUNT and UNTIL.
     */
    private static final class Reference {

        static List<LocalDateTime> instances(Map<String, String> rule, LocalDateTime start, boolean allDay,
                                             ZoneId zone, LocalDate lastDay) {
            String freq = rule.get("FREQ");
            int interval = Integer.parseInt(rule.getOrDefault("INTERVAL", "1"));
            long count = Long.parseLong(rule.getOrDefault("COUNT", "-1"));
            Instant until = null;
            if (rule.containsKey("UNTIL")) {
                String u = rule.get("UNTIL");
                until = u.length() == 8 ? LocalDate.parse(u, DATE).plusDays(1).atStartOfDay(zone).toInstant()
                        .minusSeconds(1) : LocalDateTime.parse(u.substring(0, 15), LOCAL).toInstant(ZoneOffset.UTC);
            }
            DayOfWeek wkst = day(rule.getOrDefault("WKST", "MO"));
            List<LocalDateTime> out = new ArrayList<>();
            List<LocalDateTime> period = new ArrayList<>();
            long currentPeriod = Long.MIN_VALUE;
            WeekFields weeks = WeekFields.of(wkst, 4);
            long emitted = 0;
            // from well before DTSTART's period, so that BYSETPOS and ordinals see whole periods
            LocalDate first = start.toLocalDate().withDayOfYear(1).minusDays(7);
            for (LocalDate d = first; !d.isAfter(lastDay.plusYears(1)); d = d.plusDays(1)) {
                long p = rule.containsKey("BYWEEKNO")
                        ? d.get(weeks.weekBasedYear()) - start.toLocalDate().get(weeks.weekBasedYear())
                        : periodNumber(freq, wkst, start.toLocalDate(), d);
                if (p != currentPeriod) {
                    for (LocalDateTime t : setPos(rule, period)) {
                        if (t.isBefore(start)) {
                            continue;
                        }
                        if ((count >= 0 && emitted >= count) || (until != null
                                && ZonedDateTime.ofLocal(t, zone, null).toInstant().isAfter(until))) {
                            return out;
                        }
                        emitted++;
                        out.add(t);
                    }
                    period.clear();
                    currentPeriod = p;
                    if (d.isAfter(lastDay)) {
                        return out;
                    }
                }
                if (p < 0 || p % interval != 0 || !matches(rule, start, d, weeks)) {
                    continue;
                }
                if (allDay || !rule.containsKey("BYHOUR")) {
                    period.add(d.atTime(start.toLocalTime()));
                } else {
                    for (String h : rule.get("BYHOUR").split(",")) {
                        period.add(d.atTime(Integer.parseInt(h), start.getMinute()));
                    }
                }
            }
            return out;
        }

        private static List<LocalDateTime> setPos(Map<String, String> rule, List<LocalDateTime> period) {
            List<LocalDateTime> sorted = new ArrayList<>(new TreeSet<>(period));
            if (!rule.containsKey("BYSETPOS")) {
                return sorted;
            }
            TreeSet<LocalDateTime> chosen = new TreeSet<>();
            for (String p : rule.get("BYSETPOS").split(",")) {
                int n = Integer.parseInt(p);
                int i = n > 0 ? n - 1 : sorted.size() + n;
                if (i >= 0 && i < sorted.size()) {
                    chosen.add(sorted.get(i));
                }
            }
            return new ArrayList<>(chosen);
        }

        /** The number of the period holding {@code d}, counted from DTSTART's period (0). */
        private static long periodNumber(String freq, DayOfWeek wkst, LocalDate start, LocalDate d) {
            return switch (freq) {
                case "DAILY" -> d.toEpochDay() - start.toEpochDay();
                case "WEEKLY" -> Math.floorDiv(d.with(TemporalAdjusters.previousOrSame(wkst)).toEpochDay()
                        - start.with(TemporalAdjusters.previousOrSame(wkst)).toEpochDay(), 7);
                case "MONTHLY" -> (d.getYear() * 12L + d.getMonthValue()) - (start.getYear() * 12L + start.getMonthValue());
                default -> d.getYear() - start.getYear();
            };
        }

        private static boolean matches(Map<String, String> rule, LocalDateTime start, LocalDate d, WeekFields weeks) {
            String freq = rule.get("FREQ");
            if (rule.containsKey("BYMONTH") && !in(rule.get("BYMONTH"), d.getMonthValue(), 12)) {
                return false;
            }
            if (rule.containsKey("BYWEEKNO") && !in(rule.get("BYWEEKNO"), d.get(weeks.weekOfWeekBasedYear()),
                    (int) d.range(weeks.weekOfWeekBasedYear()).getMaximum())) {
                return false;
            }
            if (rule.containsKey("BYYEARDAY") && !in(rule.get("BYYEARDAY"), d.getDayOfYear(), d.lengthOfYear())) {
                return false;
            }
            if (rule.containsKey("BYMONTHDAY") && !in(rule.get("BYMONTHDAY"), d.getDayOfMonth(), d.lengthOfMonth())) {
                return false;
            }
            if (rule.containsKey("BYDAY") && !byDay(rule, d)) {
                return false;
            }
            boolean dayGiven = rule.containsKey("BYYEARDAY") || rule.containsKey("BYMONTHDAY")
                    || rule.containsKey("BYDAY");
            if (!dayGiven && rule.containsKey("BYWEEKNO")) {
                return d.getDayOfWeek() == start.getDayOfWeek();
            }
            if (!dayGiven) {
                switch (freq) {
                    case "WEEKLY" -> {
                        return d.getDayOfWeek() == start.getDayOfWeek();
                    }
                    case "MONTHLY" -> {
                        return d.getDayOfMonth() == start.getDayOfMonth();
                    }
                    case "YEARLY" -> {
                        return d.getDayOfMonth() == start.getDayOfMonth()
                                && (rule.containsKey("BYMONTH") || d.getMonth() == start.getMonth());
                    }
                    default -> {
                        return true;
                    }
                }
            }
            return true;
        }

        /** BYDAY: a plain weekday anywhere; {@code nXX} the n-th (from the end if negative) in the month or year. */
        private static boolean byDay(Map<String, String> rule, LocalDate d) {
            boolean inMonth = rule.get("FREQ").equals("MONTHLY") || rule.containsKey("BYMONTH");
            LocalDate scopeStart = inMonth ? d.withDayOfMonth(1) : d.withDayOfYear(1);
            LocalDate scopeEnd = inMonth ? d.withDayOfMonth(d.lengthOfMonth()) : d.withDayOfYear(d.lengthOfYear());
            for (String entry : rule.get("BYDAY").split(",")) {
                DayOfWeek day = day(entry.substring(entry.length() - 2));
                if (d.getDayOfWeek() != day) {
                    continue;
                }
                String ordinal = entry.substring(0, entry.length() - 2);
                if (ordinal.isEmpty()) {
                    return true;
                }
                int n = Integer.parseInt(ordinal.replace("+", ""));
                int before = 0;
                for (LocalDate x = scopeStart; !x.isAfter(d); x = x.plusDays(1)) {
                    before += x.getDayOfWeek() == day ? 1 : 0;
                }
                int after = 0;
                for (LocalDate x = d; !x.isAfter(scopeEnd); x = x.plusDays(1)) {
                    after += x.getDayOfWeek() == day ? 1 : 0;
                }
                if (n == before || n == -after) {
                    return true;
                }
            }
            return false;
        }

        private static boolean in(String list, int value, int length) {
            for (String item : list.split(",")) {
                int n = Integer.parseInt(item);
                if (n == value || (n < 0 && length + 1 + n == value)) {
                    return true;
                }
            }
            return false;
        }

        private static DayOfWeek day(String code) {
            for (int i = 0; i < 7; i++) {
                if (DAYS[i].equals(code)) {
                    return DayOfWeek.of(i + 1);
                }
            }
            throw new IllegalArgumentException(code);
        }
    }
}
