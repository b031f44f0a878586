package dev.personaltracker.calendar.ics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link SubDailyRule} (which jumps over periods that cannot match) against the rule's definition checked for every
 * second or minute of a range: an instance is a time at or after DTSTART, in a period of the rule's step (INTERVAL
 * units from DTSTART), whose parts match the BY lists (or, for parts finer than the frequency, DTSTART's), before
 * UNTIL and among the first COUNT.
 */
class IcsSubDailyRulePropertiesTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    @Property(tries = 40)
    void jumpsGiveExactlyTheInstancesTheDefinitionGives(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int f,
                                                       @ForAll @IntRange(min = 1, max = 5) int interval,
                                                       @ForAll boolean withCount, @ForAll boolean withUntil) {
        Random random = new Random(seed);
        String freq = new String[] {"SECONDLY", "MINUTELY", "HOURLY"}[f];
        ChronoUnit unit = new ChronoUnit[] {ChronoUnit.SECONDS, ChronoUnit.MINUTES, ChronoUnit.HOURS}[f];
        LocalDateTime start = LocalDateTime.of(2026, 3, 1, 0, 0).plusMinutes(random.nextInt(60 * 24 * 20))
                .plusSeconds(random.nextInt(60));
        Duration range = f == 0 ? Duration.ofHours(3) : Duration.ofDays(3);
        LocalDateTime from = start.plusSeconds(random.nextInt((int) (f == 0 ? 3600 : 86400 * 2)));
        LocalDateTime to = from.plus(range);
        List<Integer> hours = random.nextInt(3) == 0 ? null : sample(random, 24, 1 + random.nextInt(6));
        List<Integer> minutes = random.nextInt(3) == 0 ? null : sample(random, 60, 1 + random.nextInt(f == 0 ? 3 : 8));
        List<Integer> seconds = f == 0 || random.nextInt(3) == 0 ? null : sample(random, 60, 1 + random.nextInt(3));
        List<Integer> days = random.nextInt(2) == 0 ? null : sample(random, 7, 1 + random.nextInt(4));
        long count = withCount ? 1 + random.nextInt(400) : -1;
        LocalDateTime until = withUntil ? from.plus(range.dividedBy(2)) : null;
        StringBuilder rule = new StringBuilder("FREQ=").append(freq).append(";INTERVAL=").append(interval);
        if (hours != null) {
            rule.append(";BYHOUR=").append(join(hours));
        }
        if (minutes != null) {
            rule.append(";BYMINUTE=").append(join(minutes));
        }
        if (seconds != null) {
            rule.append(";BYSECOND=").append(join(seconds));
        }
        if (days != null) {
            rule.append(";BYDAY=").append(String.join(",", days.stream().map(d -> DAYS[d]).toList()));
        }
        if (count >= 0) {
            rule.append(";COUNT=").append(count);
        }
        if (until != null) {
            rule.append(";UNTIL=").append(LOCAL.format(until));
        }

        List<LocalDateTime> actual = new ArrayList<>();
        SubDailyRule.of(rule.toString(), start, from, to, 1_000_000).forEachRemaining(actual::add);

        List<LocalDateTime> expected = new ArrayList<>();
        long seen = 0;
        for (LocalDateTime t = start; !t.isAfter(to); t = t.plusSeconds(1)) {
            boolean period = Math.floorMod(unit.between(start.truncatedTo(unit), t.truncatedTo(unit)), interval) == 0;
            boolean hour = hours == null ? unit != ChronoUnit.HOURS || true : hours.contains(t.getHour());
            boolean minute = minutes == null ? unit != ChronoUnit.HOURS || t.getMinute() == start.getMinute()
                    : minutes.contains(t.getMinute());
            boolean second = seconds == null ? unit == ChronoUnit.SECONDS || t.getSecond() == start.getSecond()
                    : seconds.contains(t.getSecond());
            boolean day = days == null || days.contains(t.getDayOfWeek().getValue() - 1);
            if (period && hour && minute && second && day) {
                if ((count >= 0 && seen >= count) || (until != null && t.isAfter(until))) {
                    break;
                }
                seen++;
                if (!t.isBefore(from)) {
                    expected.add(t);
                }
            }
        }
        assertThat(actual).as(rule + " from " + start).containsExactlyElementsOf(expected);
    }

    private static List<Integer> sample(Random random, int bound, int n) {
        List<Integer> values = new ArrayList<>();
        while (values.size() < n) {
            int v = random.nextInt(bound);
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        values.sort(Integer::compare);
        return values;
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
