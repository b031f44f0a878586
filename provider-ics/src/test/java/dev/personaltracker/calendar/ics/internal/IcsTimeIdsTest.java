package dev.personaltracker.calendar.ics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IcsTimeIdsTest {

    @Test
    void recurrenceIdsAreWhatTheBasicFormatsPrintForEveryYear() {
        SplittableRandom random = new SplittableRandom(20261202);
        ZoneId[] zones = {ZoneId.of("Europe/Berlin"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("America/St_Johns")};
        long min = LocalDate.of(-3, 1, 1).toEpochDay() * 86_400;
        long max = LocalDate.of(10_002, 1, 1).toEpochDay() * 86_400;
        for (int i = 0; i < 20_000; i++) {
            long second = i < 6 ? new long[] {IcsTime.FIRST_SECOND_OF_0000, IcsTime.LAST_SECOND_OF_9999,
                IcsTime.FIRST_SECOND_OF_0000 - 1, IcsTime.LAST_SECOND_OF_9999 + 1, 0, -1}[i]
                    : random.nextLong(min, max);
            Instant instant = Instant.ofEpochSecond(second);
            ZonedDateTime time = instant.atZone(zones[i % zones.length]);
            assertThat(orRefused(() -> new IcsTime.Moment(time).recurrenceId())).as("%s", instant)
                    .isEqualTo(orRefused(() -> IcsTime.UTC_BASIC.format(instant)));
            LocalDate date = time.toLocalDate();
            assertThat(orRefused(() -> new IcsTime.Day(date).recurrenceId())).as("%s", date)
                    .isEqualTo(orRefused(() -> date.format(IcsTime.DATE_BASIC)));
        }
    }

    /** A year past 9999 is refused by the formatters, and so by the ids. */
    private static String orRefused(Supplier<String> text) {
        try {
            return text.get();
        } catch (DateTimeException e) {
            return "refused";
        }
    }
}
