package dev.personaltracker.calendar.ics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.fortuna.ical4j.model.Recur;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link SimpleWeeklyRule} (the direct expansion of plain DAILY and WEEKLY rules) gives the same instances as
 * ical4j's general {@link Recur} for every combination of INTERVAL, BYDAY, WKST, COUNT and UNTIL, for windows
 * near DTSTART and far from it.
 */
class IcsSimpleRulePropertiesTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    @Property(tries = 200)
    void directExpansionAgreesWithIcal4j(@ForAll long seed, @ForAll boolean weekly,
                                         @ForAll @IntRange(min = 1, max = 4) int interval,
                                         @ForAll boolean withCount, @ForAll boolean withUntil,
                                         @ForAll @IntRange(min = 0, max = 400) int windowOffsetDays) {
        Random random = new Random(seed);
        LocalDateTime start = LocalDateTime.of(2025, 1, 1, 0, 0).plusDays(random.nextInt(500))
                .plusMinutes(15L * random.nextInt(96));
        StringBuilder rule = new StringBuilder("FREQ=").append(weekly ? "WEEKLY" : "DAILY").append(";INTERVAL=")
                .append(interval);
        if (weekly && random.nextBoolean()) {
            List<String> days = new ArrayList<>();
            for (String d : DAYS) {
                if (random.nextInt(3) == 0) {
                    days.add(d);
                }
            }
            if (!days.isEmpty()) {
                rule.append(";BYDAY=").append(String.join(",", days));
            }
            // ical4j takes the locale's first day of the week when WKST is absent (RFC 5545: MO); with INTERVAL 1
            // the week start does not matter, so the comparison names it only where it does
            if (interval > 1 || random.nextBoolean()) {
                rule.append(";WKST=").append(DAYS[random.nextInt(7)]);
            }
        }
        if (withCount) {
            rule.append(";COUNT=").append(1 + random.nextInt(120));
        }
        if (withUntil) {
            rule.append(";UNTIL=").append(LOCAL.format(start.plusDays(random.nextInt(600))));
        }
        LocalDateTime from = start.plusDays(windowOffsetDays).minusDays(3);
        LocalDateTime to = from.plusDays(1 + random.nextInt(60));

        List<LocalDateTime> actual = new ArrayList<>();
        SimpleWeeklyRule.of(rule.toString(), start, from, to, 100_000).forEachRemaining(actual::add);
        List<LocalDateTime> expected = new Recur<LocalDateTime>(rule.toString()).getDates(start, from, to);

        assertThat(actual).as(rule + " from " + start + " in " + from + ".." + to).isEqualTo(expected);
    }
}
