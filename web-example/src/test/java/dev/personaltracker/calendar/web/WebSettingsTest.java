package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSettingsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    @Test
    void load_withoutAFile_givesTheDefaults() {
        WebSettings s = WebSettings.load(dir.resolve("none.properties"), BERLIN);

        assertThat(s).isEqualTo(WebSettings.defaults(BERLIN));
        assertThat(s.preferences().weeklyGoal()).isEqualTo(Duration.ofHours(5));
        // Mon-Fri 09:00-17:00 in the week of 9 March 2026
        Interval week = Interval.of(java.time.LocalDate.of(2026, 3, 9).atStartOfDay(BERLIN).toInstant(), Duration.ofDays(7));
        assertThat(s.weeklyWorkHours().within(week).totalDuration()).isEqualTo(Duration.ofHours(40));
    }

    @Test
    void saveThenLoad_roundTripsEverything() {
        Path file = dir.resolve("settings.properties");
        WebSettings s = new WebSettings(ZoneId.of("America/New_York"),
                Map.of(DayOfWeek.SATURDAY, new WebSettings.Hours(LocalTime.of(22, 0), LocalTime.of(2, 0))),
                120, 30, 45, 60, 5, 10, LocalTime.of(6, 30), LocalTime.MIDNIGHT, false, Map.of(), "google|pat@example.com|primary")
                .withSource("uni", Optional.of(new WebSettings.Source("https://example.edu/me.ics", "me@example.edu")));

        s.save(file);

        assertThat(WebSettings.load(file, BERLIN)).isEqualTo(s);
    }

    @Test
    void preferences_refuseAShortestSessionOverTheLongest_namingTheValues() {
        WebSettings d = WebSettings.defaults(BERLIN);
        WebSettings bad = new WebSettings(BERLIN, d.workHours(), 300, 90, 60, 90, 15, 30, d.studyFrom(), d.studyTo(),
                true, Map.of(), "");

        assertThatThrownBy(bad::preferences).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1H30M").hasMessageContaining("PT1H");
    }

    @Test
    void zoneAndTime_refuseBadInput_withTheValue() {
        assertThatThrownBy(() -> WebSettings.zone("Mars/Olympus")).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> WebSettings.time("25:00", "from-monday")).hasMessageContaining("from-monday")
                .hasMessageContaining("25:00");
    }
}
