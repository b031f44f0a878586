package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.time.Interval;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsPageTest {

    @TempDir
    Path data;

    @Test
    void save_appliesWorkHoursPreferencesAndZone_andKeepsThemAcrossARestart() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);

            HttpResponse<String> r = client.post("/settings", "csrf", client.csrf("/settings"),
                    "works-monday", "on", "from-monday", "10:00", "to-monday", "14:00",
                    "works-saturday", "on", "from-saturday", "22:00", "to-saturday", "02:00",
                    "from-tuesday", "09:00", "to-tuesday", "17:00",
                    "goal", "120", "min", "30", "max", "60", "perday", "60", "buffer", "5", "break", "10",
                    "study-from", "06:00", "study-to", "23:00", "zone", "Europe/London");

            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(client.get("/settings").body()).contains("Settings saved.").contains("<option selected>Europe/London")
                    .contains("id=\"works-monday\" checked").contains("id=\"works-tuesday\">");
            var user = app.web.app().user();
            assertThat(user.preferences().orElseThrow().weeklyGoal()).isEqualTo(Duration.ofHours(2));
            assertThat(user.workHours().orElseThrow().zone()).isEqualTo(ZoneId.of("Europe/London"));
            Interval week = Interval.of(java.time.LocalDate.of(2026, 3, 9).atStartOfDay(ZoneId.of("Europe/London"))
                    .toInstant(), Duration.ofDays(7));
            assertThat(user.workHours().orElseThrow().within(week).totalDuration()).isEqualTo(Duration.ofHours(8));
        }
        try (TestApp again = TestApp.start(data)) {
            assertThat(again.web.app().user().preferences().orElseThrow().weeklyGoal()).isEqualTo(Duration.ofHours(2));
            assertThat(new Browserless(again).get("/plan").body()).contains("(Europe/London)");
        }
    }

    @Test
    void save_withBadValues_showsWhy_andKeepsTheOldSettings() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            WebSettings before = app.web.app().settings();

            client.post("/settings", "csrf", client.csrf("/settings"), "works-monday", "on", "from-monday", "25:00",
                    "to-monday", "17:00", "goal", "120", "min", "30", "max", "60", "perday", "60", "buffer", "5",
                    "break", "10", "study-from", "06:00", "study-to", "23:00", "zone", "Europe/Berlin");
            assertThat(client.get("/settings").body()).contains("class=\"flash error\"")
                    .contains("Not saved: from-monday must be a time such as 09:00, but was &#39;25:00&#39;");

            client.post("/settings", "csrf", client.csrf("/settings"), "goal", "120", "min", "90", "max", "60",
                    "perday", "60", "buffer", "5", "break", "10", "study-from", "06:00", "study-to", "23:00",
                    "zone", "Nowhere/Land");
            assertThat(client.get("/settings").body()).contains("Not saved: &#39;Nowhere/Land&#39; is not a time zone");

            assertThat(app.web.app().settings()).isEqualTo(before);
            assertThat(data.resolve("settings.properties")).doesNotExist();
        }
    }
}
