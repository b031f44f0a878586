package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Study times on the day of a DST change (02:30 that does not exist, 24:00), and "Did you study?" across the change. */
class DstCheckInTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @CsvSource({"Europe/Berlin,2026-03-29,00:30", "Europe/Berlin,2026-10-25,00:30", "America/New_York,2026-03-08,00:30",
            "America/New_York,2026-11-01,00:30", "Australia/Lord_Howe,2026-04-05,00:30",
            "Australia/Lord_Howe,2026-10-04,00:30", "Europe/Berlin,2026-03-29,02:30", "Europe/Berlin,2026-10-25,02:30",
            "America/New_York,2026-03-08,02:30", "America/New_York,2026-11-01,01:30", "Australia/Lord_Howe,2026-10-04,02:15",
            "Australia/Lord_Howe,2026-04-05,01:45"})
    void aSessionOverTheChange_isShownAtItsLocalTimes_andCountsItsRealMinutes(String id, LocalDate sunday, LocalTime from)
            throws Exception {
        ZoneId zone = ZoneId.of(id);
        LocalDate monday = sunday.minusDays(6);
        try (TestApp app = TestApp.start(data)) {
            app.clock.set(sunday.atStartOfDay(zone).toInstant().minus(Duration.ofHours(1)));
            Browserless client = new Browserless(app);
            String[] form = SettingsPageTest.form(client.csrf("/settings"), "zone", id, "study-from-sunday", from.toString(),
                    "study-to-sunday", "24:00", "preferred-from", from.toString(), "preferred-to", "06:00", "min", "90", "max", "120", "goal", "120", "perday", "120");
            client.post("/settings", form);
            // the end of the day is shown as typed, not as 00:00 (which reads as the day's start)
            assertThat(client.page("/settings")).contains("id=\"study-to-sunday\" value=\"24:00\"")
                    .contains("id=\"study-from-sunday\" value=\"" + from + "\"").doesNotContain("class=\"flash error");
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", monday.toString());
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", monday.toString(), "action", "all");
            Interval day = Interval.of(sunday.atStartOfDay(zone).toInstant(), sunday.plusDays(1).atStartOfDay(zone).toInstant());
            List<SessionRecord> sessions = app.app().user().history(day).stream()
                    .filter(s -> s.status() == SessionStatus.SCHEDULED).toList();
            assertThat(sessions).hasSize(1);
            SessionRecord s = sessions.get(0);
            // a start that the change skips or repeats: not before that time as java.time resolves it on the day
            assertThat(s.interval().start()).isAfterOrEqualTo(sunday.atTime(from).atZone(zone).toInstant());
            long minutes = s.interval().duration().toMinutes();
            // drawn in the week at its local wall-clock times, also before 06:00 and on the 23 h or 25 h day
            Interval week = Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
            int firstHour = app.app().user().history(week).stream().filter(r -> r.status() == SessionStatus.SCHEDULED)
                    .mapToInt(r -> r.interval().start().atZone(zone).getHour() / 2 * 2).min().orElse(6);
            firstHour = Math.min(6, firstHour);
            LocalTime wallStart = s.interval().start().atZone(zone).toLocalTime();
            assertThat(wallStart).as("a session at night").isBefore(LocalTime.of(6, 0));
            LocalTime wallEnd = s.interval().end().atZone(zone).toLocalTime();
            double hourPx = WeekView.WIDE.hourPx();
            double top = WeekView.WIDE.header() + (wallStart.toSecondOfDay() / 60 - firstHour * 60) * hourPx / 60.0;
            double height = Math.max(2, (wallEnd.toSecondOfDay() - wallStart.toSecondOfDay()) / 60 * hourPx / 60.0);
            Matcher block = Pattern.compile("y=\"([0-9.]+)\" width=\"[0-9.]+\" height=\"([0-9.]+)\" rx=\"3\"/><title>Study "
                    + Pattern.quote(WeekView.span(s.interval(), zone)) + " · scheduled</title>")
                    .matcher(client.page("/plan?week=" + monday));
            assertThat(block.find()).as("the session's block").isTrue();
            assertThat(Double.parseDouble(block.group(1))).isCloseTo(top, org.assertj.core.data.Offset.offset(0.11));
            assertThat(Double.parseDouble(block.group(2))).isCloseTo(height, org.assertj.core.data.Offset.offset(0.11));

            app.clock.set(s.interval().end().plus(Duration.ofMinutes(1)));
            String plan = client.page("/plan?week=" + monday);
            String key = s.key().value();
            assertThat(plan).contains(WeekView.span(s.interval(), zone));
            Matcher max = Pattern.compile("id=\"minutes-" + Pattern.quote(key) + "\" min=\"1\" max=\"(\\d+)\"").matcher(plan);
            assertThat(max.find()).isTrue();
            assertThat(Long.parseLong(max.group(1))).isEqualTo(minutes);
            client.post("/checkin", "csrf", client.csrf("/plan"), "key", key, "outcome", "done", "back", "history");
            assertThat(client.page("/history")).contains("Noted: you studied "
                    + StudyProgress.format(Duration.ofMinutes(minutes)) + ".");
        }
    }
}
