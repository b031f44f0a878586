package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyPreferencesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void builder_holdsTheDocumentedDefaults() {
        StudyPreferences p = StudyPreferences.builder(BERLIN).build();

        assertThat(p.zone()).isEqualTo(BERLIN);
        assertThat(p.weeklyGoal()).isEqualTo(Duration.ofHours(5));
        assertThat(p.minSession()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.maxSession()).isEqualTo(Duration.ofHours(2));
        assertThat(p.maxPerDay()).isEqualTo(Duration.ofHours(3));
        assertThat(p.buffer()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.breakBetweenSessions()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.granularity()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.preferredHours()).isEmpty();
    }

    @Test
    void builder_defaultStudyHoursAreEveryDaySevenToTenInTheZone() {
        StudyPreferences p = StudyPreferences.builder(BERLIN).build();
        // Monday 2026-03-02 in Berlin (UTC+1)
        Interval day = Interval.of(Instant.parse("2026-03-01T23:00:00Z"), Duration.ofDays(1));

        assertThat(p.studyHours().within(day).intervals())
                .containsExactly(Interval.of(Instant.parse("2026-03-02T06:00:00Z"), Instant.parse("2026-03-02T21:00:00Z")));
    }

    @Test
    void builder_keepsWhatWasSet() {
        WeeklyHours evenings = WeeklyHours.builder(BERLIN).add(DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.of(21, 0)).build();
        StudyPreferences p = StudyPreferences.builder(BERLIN).weeklyGoal(Duration.ofHours(8))
                .sessionLength(Duration.ofMinutes(45), Duration.ofMinutes(90)).maxPerDay(Duration.ofHours(2))
                .buffer(Duration.ZERO).breakBetweenSessions(Duration.ofMinutes(30)).studyHours(evenings)
                .preferredHours(evenings).granularity(Duration.ofMinutes(5)).build();

        assertThat(p.weeklyGoal()).isEqualTo(Duration.ofHours(8));
        assertThat(p.minSession()).isEqualTo(Duration.ofMinutes(45));
        assertThat(p.maxSession()).isEqualTo(Duration.ofMinutes(90));
        assertThat(p.maxPerDay()).isEqualTo(Duration.ofHours(2));
        assertThat(p.buffer()).isZero();
        assertThat(p.breakBetweenSessions()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.studyHours()).isSameAs(evenings);
        assertThat(p.preferredHours()).containsSame(evenings);
        assertThat(p.granularity()).isEqualTo(Duration.ofMinutes(5));
    }

    static Stream<Arguments> badPreferences() {
        WeeklyHours none = WeeklyHours.builder(BERLIN).build();
        return Stream.of(
                // min above max
                bad(b -> b.sessionLength(Duration.ofHours(2), Duration.ofHours(1)), "sessionLength min must not exceed max", "PT2H", "PT1H"),
                // zero or negative where positive is needed
                bad(b -> b.weeklyGoal(Duration.ZERO), "weeklyGoal must be positive", "PT0S"),
                bad(b -> b.weeklyGoal(Duration.ofHours(-1)), "weeklyGoal must be positive", "PT-1H"),
                bad(b -> b.sessionLength(Duration.ZERO, Duration.ofHours(1)), "sessionLength min must be positive", "PT0S"),
                bad(b -> b.maxPerDay(Duration.ofMinutes(-5)), "maxPerDay must be positive", "PT-5M"),
                bad(b -> b.granularity(Duration.ZERO), "granularity must be positive", "PT0S"),
                // negative margins
                bad(b -> b.buffer(Duration.ofMinutes(-1)), "buffer must not be negative", "PT-1M"),
                bad(b -> b.breakBetweenSessions(Duration.ofSeconds(-1)), "breakBetweenSessions must not be negative", "PT-1S"),
                // granularity that does not divide a day
                bad(b -> b.granularity(Duration.ofMinutes(7)), "granularity must be a whole number of minutes that divides 24 hours", "PT7M"),
                bad(b -> b.granularity(Duration.ofSeconds(90)), "granularity must be a whole number of minutes", "PT1M30S"),
                bad(b -> b.granularity(Duration.ofHours(48)), "granularity must be a whole number of minutes", "PT48H"),
                // no multiple of the granularity between min and max
                bad(b -> b.sessionLength(Duration.ofMinutes(20), Duration.ofMinutes(25)), "sessionLength must admit a multiple of granularity", "PT20M", "PT25M"),
                // maxPerDay below the minimum length
                bad(b -> b.maxPerDay(Duration.ofMinutes(20)), "maxPerDay must be at least the shortest session", "PT20M"),
                // maxPerDay above the minimum, but below the shortest session the grid allows (20m rounds up to 30m)
                bad(b -> b.sessionLength(Duration.ofMinutes(20), Duration.ofHours(1)).maxPerDay(Duration.ofMinutes(25)),
                        "maxPerDay must be at least the shortest session", "PT30M", "PT25M"),
                // empty study hours: no window to study in at all
                bad(b -> b.studyHours(none), "studyHours must hold some hours"));
    }

    private static Arguments bad(UnaryOperator<StudyPreferences.Builder> change, String... messageParts) {
        return Arguments.of(change, messageParts);
    }

    @ParameterizedTest
    @MethodSource("badPreferences")
    void build_refusesBadValuesNamingThem(UnaryOperator<StudyPreferences.Builder> change, String[] messageParts) {
        StudyPreferences.Builder b = change.apply(StudyPreferences.builder(BERLIN));

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).message().contains(messageParts);
    }

    @Test
    void setters_refuseNullNamingTheArgument() {
        StudyPreferences.Builder b = StudyPreferences.builder(BERLIN);
        assertThatThrownBy(() -> b.weeklyGoal(null)).isInstanceOf(NullPointerException.class).hasMessage("weeklyGoal");
        assertThatThrownBy(() -> b.sessionLength(Duration.ofMinutes(1), null)).hasMessage("max");
        assertThatThrownBy(() -> b.maxPerDay(null)).hasMessage("maxPerDay");
        assertThatThrownBy(() -> b.buffer(null)).hasMessage("buffer");
        assertThatThrownBy(() -> b.breakBetweenSessions(null)).hasMessage("breakBetweenSessions");
        assertThatThrownBy(() -> b.studyHours(null)).hasMessage("studyHours");
        assertThatThrownBy(() -> b.preferredHours(null)).hasMessage("preferredHours");
        assertThatThrownBy(() -> b.granularity(null)).hasMessage("granularity");
        assertThatThrownBy(() -> StudyPreferences.builder(null)).hasMessage("zone");
    }
}
