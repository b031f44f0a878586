package dev.personaltracker.calendar.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class WeekTotalTest {

    @Test
    void label_usesAsciiDigitsWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            // Arabic (Egypt) formats %d with Arabic-Indic digits by default
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            WeekTotal week = new WeekTotal(LocalDate.of(2026, 1, 12), Duration.ZERO, Duration.ofHours(5));

            assertThat(week.label()).isEqualTo("2026-W03");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
