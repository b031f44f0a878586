package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
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
        WebSettings s = WebSettings.load(dir.resolve("none.properties"), BERLIN, dir, Optional.empty(), Optional.empty());

        assertThat(s).isEqualTo(WebSettings.defaults(BERLIN, dir));
        assertThat(s.preferences().weeklyGoal()).isEqualTo(Duration.ofHours(5));
        Interval week = Interval.of(LocalDate.of(2026, 3, 9).atStartOfDay(BERLIN).toInstant(), Duration.ofDays(7));
        assertThat(s.weeklyWorkHours().within(week).totalDuration()).isEqualTo(Duration.ofHours(40));
        assertThat(s.autoCredit()).isFalse();
        assertThat(s.folders()).contains(dir.toAbsolutePath().normalize());
    }

    @Test
    void defaults_planNoStudyBefore10AtTheWeekend_andPreferTheEvening() {
        WebSettings s = WebSettings.defaults(BERLIN, dir);
        var prefs = s.preferences();
        Interval saturday = Interval.of(LocalDate.of(2026, 3, 14).atStartOfDay(BERLIN).toInstant(), Duration.ofDays(1));

        assertThat(prefs.studyHours().within(saturday).intervals()).allSatisfy(i ->
                assertThat(i.start().atZone(BERLIN).toLocalTime()).isAfterOrEqualTo(LocalTime.of(10, 0)));
        assertThat(prefs.studyHours().within(saturday).totalDuration()).isEqualTo(Duration.ofHours(8));
        assertThat(s.plan().preferred()).contains(new WebSettings.Hours(LocalTime.of(17, 0), LocalTime.of(20, 0)));
    }

    @Test
    void saveThenLoad_withTheLibrarysProfile_roundTripsEverything() throws Exception {
        Path file = dir.resolve("settings.properties");
        WebSettings.Plan plan = new WebSettings.Plan(120, 30, 45, 60, 5, 10,
                Map.of(DayOfWeek.TUESDAY, new WebSettings.Hours(LocalTime.of(6, 30), LocalTime.MIDNIGHT)), Optional.empty(), List.of());
        WebSettings s = new WebSettings(ZoneId.of("America/New_York"),
                Map.of(DayOfWeek.SATURDAY, new WebSettings.Hours(LocalTime.of(22, 0), LocalTime.of(2, 0))), plan, false,
                Map.of(), "google|pat@example.com|primary", true, List.of(Path.of("/srv/cal")), true)
                .withSource("uni", Optional.of(new WebSettings.Source("https://example.edu/me.ics", "me@example.edu")));

        s.save(file);

        // the zone, work hours and preferences come back from the library's profile, the rest from the app's file
        assertThat(WebSettings.load(file, BERLIN, dir, Optional.of(s.weeklyWorkHours()), Optional.of(s.preferences())))
                .isEqualTo(s);
        assertThat(java.nio.file.Files.readString(file)).doesNotContain("goal").doesNotContain("zone");
    }

    @Test
    void subjects_becomeTheLibrarysGoals_andComeBackFromItsProfile() {
        List<WebSettings.Subject> subjects = List.of(new WebSettings.Subject("Linear algebra", 180, Optional.empty(), 1),
                new WebSettings.Subject("Statistics", 1200, Optional.of(java.time.LocalDate.of(2026, 12, 18)), 0),
                new WebSettings.Subject("Essay", 90, Optional.empty(), -1));
        WebSettings d = WebSettings.defaults(BERLIN, dir);
        WebSettings s = d.withZoneWorkAndPlan(BERLIN, d.workHours(), d.plan().withSubjects(subjects), false);

        var goals = s.preferences().goals();
        assertThat(goals).extracting(g -> g.id()).containsExactly("Linear algebra", "Statistics", "Essay");
        assertThat(goals.get(0).amount()).isEqualTo(Duration.ofHours(3));
        assertThat(goals.get(0).priority()).isEqualTo(1);
        assertThat(goals.get(1).isDeadline()).isTrue();
        // due at the start of the exam day in the person's zone: every session ends before it
        assertThat(goals.get(1).due()).contains(java.time.ZonedDateTime.of(2026, 12, 18, 0, 0, 0, 0, BERLIN).toInstant());
        assertThat(s.preferences().weeklyGoal()).isEqualTo(Duration.ofMinutes(270));

        WebSettings back = WebSettings.load(dir.resolve("none.properties"), ZoneId.of("UTC"), dir,
                Optional.of(s.weeklyWorkHours()), Optional.of(s.preferences()));
        assertThat(back.plan().subjects()).isEqualTo(subjects);
        assertThat(back.plan().goalMinutes()).isEqualTo(270);
        // no subjects: the one weekly goal, as before
        assertThat(WebSettings.load(dir.resolve("none.properties"), BERLIN, dir, Optional.empty(),
                Optional.of(d.preferences())).plan().subjects()).isEmpty();
    }

    @Test
    void zoneAndTime_refuseBadInput_withTheValue() {
        assertThatThrownBy(() -> WebSettings.zone("Mars/Olympus")).hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> WebSettings.time("25:00", "from-monday")).hasMessageContaining("from-monday")
                .hasMessageContaining("25:00");
    }
}
