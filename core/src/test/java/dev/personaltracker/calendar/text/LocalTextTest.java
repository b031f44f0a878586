package dev.personaltracker.calendar.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.Weeks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocalTextTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void durationsReadAsHoursAndMinutes() {
        assertThat(LocalText.duration(Duration.ofHours(6))).isEqualTo("6 h");
        assertThat(LocalText.duration(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(LocalText.duration(Duration.ofMinutes(45).plusSeconds(59))).isEqualTo("45 min");
        assertThat(LocalText.duration(Duration.ZERO)).isEqualTo("0 min");
        assertThat(LocalText.duration(Duration.ofMinutes(-75))).isEqualTo("-1 h 15 min");
        assertThat(LocalText.duration(Duration.ofHours(30))).isEqualTo("30 h");
    }

    @Test
    void intervalsReadInThePersonsZoneNotUtc() {
        Interval evening = Interval.of(Instant.parse("2026-03-09T16:15:00Z"), Duration.ofMinutes(90));

        assertThat(LocalText.in(BERLIN).interval(evening)).isEqualTo("Mon 9 Mar 17:15-18:45");
        assertThat(LocalText.in(ZoneId.of("America/New_York")).interval(evening)).isEqualTo("Mon 9 Mar 12:15-13:45");
        assertThat(LocalText.in(BERLIN, Locale.GERMAN).interval(evening)).startsWith("Mo.");
    }

    @Test
    void intervalsAcrossMidnightNameBothDaysOrTwentyFour() {
        LocalText text = LocalText.in(BERLIN);
        Interval late = Interval.of(Instant.parse("2026-03-09T21:00:00Z"), Duration.ofHours(4));
        Interval toMidnight = Interval.of(Instant.parse("2026-03-09T21:00:00Z"), Duration.ofHours(2));

        assertThat(text.interval(late)).isEqualTo("Mon 9 Mar 22:00 - Tue 10 Mar 02:00");
        assertThat(text.interval(toMidnight)).isEqualTo("Mon 9 Mar 22:00-24:00");
        assertThat(text.times(IntervalSet.of(toMidnight))).isEqualTo("22:00-24:00");
        assertThat(text.times(IntervalSet.empty())).isEqualTo("none");
    }

    @Test
    void digitsStayAsciiInEveryDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            Interval evening = Interval.of(Instant.parse("2026-03-09T16:15:00Z"), Duration.ofMinutes(90));
            assertThat(LocalText.in(BERLIN).interval(evening)).isEqualTo("Mon 9 Mar 17:15-18:45");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void weeksAreIsoWeeksInTheZoneAcrossDst() {
        Interval week = Weeks.containing(LocalDate.of(2026, 3, 25), BERLIN);

        assertThat(week.start()).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(week.duration()).isEqualTo(Duration.ofHours(167));
        Clock sunday = Clock.fixed(Instant.parse("2026-03-29T21:30:00Z"), BERLIN);
        assertThat(Weeks.current(sunday, BERLIN)).isEqualTo(week);
        assertThat(Weeks.next(sunday, BERLIN).start()).isEqualTo(week.end());
        assertThat(Weeks.containing(Instant.parse("2026-03-22T23:00:00Z"), BERLIN)).isEqualTo(week);
    }
}
