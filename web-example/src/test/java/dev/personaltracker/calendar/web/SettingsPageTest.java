package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.time.Interval;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsPageTest {

    @TempDir
    Path data;

    /** A whole form as the page sends it, with the given fields replaced or added. */
    static String[] form(String csrf, String... overrides) {
        List<String> f = new ArrayList<>(List.of("csrf", csrf, "goal", "300", "min", "45", "max", "90", "perday", "120",
                "buffer", "15", "break", "15", "preferred-from", "17:00", "preferred-to", "20:00", "zone", "Europe/Berlin"));
        for (DayOfWeek d : DayOfWeek.values()) {
            String k = d.name().toLowerCase(java.util.Locale.ROOT);
            boolean weekday = d.getValue() <= 5;
            if (weekday) {
                f.addAll(List.of("works-" + k, "on"));
            }
            f.addAll(List.of("from-" + k, "09:00", "to-" + k, "17:00", "studies-" + k, "on", "study-from-" + k,
                    weekday ? "08:00" : "10:00", "study-to-" + k, weekday ? "21:00" : "18:00"));
        }
        for (int i = 0; i < overrides.length; i += 2) {
            int at = f.indexOf(overrides[i]);
            if (at >= 0 && at % 2 == 0) {
                f.set(at + 1, overrides[i + 1]);
            } else {
                f.addAll(List.of(overrides[i], overrides[i + 1]));
            }
        }
        return f.toArray(String[]::new);
    }

    @Test
    void save_appliesWorkHoursStudyDaysPreferencesAndZone_andKeepsThemAcrossARestart() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            String[] f = form(client.csrf("/settings"), "from-monday", "10:00", "to-monday", "14:00",
                    "works-saturday", "on", "from-saturday", "22:00", "to-saturday", "02:00", "goal", "120",
                    "min", "30", "max", "60", "perday", "60", "zone", "Europe/London",
                    "study-from-saturday", "13:00", "study-to-saturday", "16:00", "preferred-from", "18:00",
                    "preferred-to", "19:30", "auto-credit", "on");
            List<String> without = new ArrayList<>(List.of(f));
            int sunday = without.indexOf("studies-sunday");
            without.remove(sunday + 1);
            without.remove(sunday);

            HttpResponse<String> r = client.post("/settings", without.toArray(String[]::new));

            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            assertThat(client.get("/settings").body()).contains("Settings saved.").contains("<option selected>Europe/London")
                    .contains("id=\"works-monday\" checked").contains("id=\"studies-sunday\" aria-label");
            var user = app.app().user();
            var prefs = user.preferences().orElseThrow();
            assertThat(prefs.weeklyGoal()).isEqualTo(Duration.ofHours(2));
            assertThat(prefs.studyHours().ranges(DayOfWeek.SUNDAY)).isEmpty();
            assertThat(prefs.studyHours().ranges(DayOfWeek.SATURDAY)).singleElement()
                    .satisfies(x -> assertThat(x.from()).isEqualTo(LocalTime.of(13, 0)));
            assertThat(prefs.preferredHours()).isPresent();
            assertThat(app.app().settings().autoCredit()).isTrue();
            assertThat(user.workHours().orElseThrow().zone()).isEqualTo(ZoneId.of("Europe/London"));
            Interval week = Interval.of(LocalDate.of(2026, 3, 9).atStartOfDay(ZoneId.of("Europe/London"))
                    .toInstant(), Duration.ofDays(7));
            assertThat(user.workHours().orElseThrow().within(week).totalDuration()).isEqualTo(Duration.ofHours(4 + 4 * 8 + 4));
        }
        try (TestApp again = TestApp.start(data)) {
            var prefs = again.app().user().preferences().orElseThrow();
            assertThat(prefs.weeklyGoal()).isEqualTo(Duration.ofHours(2));
            assertThat(prefs.studyHours().ranges(DayOfWeek.SUNDAY)).isEmpty();
            assertThat(again.app().settings().autoCredit()).isTrue();
            String page = new Browserless(again).get("/settings").body();
            assertThat(page).contains("id=\"goal\" value=\"120\"").contains("id=\"preferred-from\" value=\"18:00\"");
            assertThat(new Browserless(again).get("/plan").body()).contains("(Europe/London)");
        }
    }

    @Test
    void badValues_comeBackWithWhatWasTyped_andAPlainMessageAtEachField_andNothingChanges() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            WebSettings before = app.app().settings();

            HttpResponse<String> r = client.post("/settings", form(client.csrf("/settings"), "from-monday", "25:00",
                    "min", "120", "max", "60", "goal", "lots", "preferred-from", "19:00", "preferred-to", "",
                    "study-from-tuesday", "20:00", "study-to-tuesday", "09:00"));

            assertThat(r.statusCode()).isEqualTo(400);
            String page = r.body().replace("&#39;", "'");
            assertThat(page).contains("class=\"flash error\"").contains("What you typed is still there");
            // what was typed, not the saved values
            assertThat(page).contains("id=\"from-monday\" value=\"25:00\"").contains("id=\"min\" value=\"120\"")
                    .contains("id=\"goal\" value=\"lots\"").contains("id=\"study-from-tuesday\" value=\"20:00\"");
            // plain words at each field, no library internals
            assertThat(page).contains("Monday's work start “25:00” is not a time: write it as HH:MM, such as 09:00.")
                    .contains("The shortest session (120 min) is longer than the longest (60 min): make it 60 min or less.")
                    .contains("Weekly goal: “lots” is not a whole number of minutes.")
                    .contains("Tuesday's study time ends (09:00) before it starts (20:00).")
                    .contains("The best time end is empty")
                    .doesNotContain("PT2H").doesNotContain("must not exceed").doesNotContain("Exception");
            assertThat(app.app().settings()).isEqualTo(before);
        }
    }

    /** Every combination the library refuses is caught by the form first: a plain sentence at the field, never PT15M. */
    @Test
    void valuesTheLibraryRefuses_comeBackInPlainWordsAtTheirField_withoutDurationsOrLibraryNames() throws Exception {
        String[][] cases = {
            {"goal", "0", "goal", "Weekly goal: at least 1 minute"},
            {"min", "50", "max", "55", "min", "Sessions are planned in steps of 15 minutes"},
            {"min", "1", "max", "3", "min", "Sessions are planned in steps of 15 minutes"},
            {"min", "50", "perday", "50", "perday", "the shortest session is 60 min"},
        };
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            WebSettings before = app.app().settings();
            for (String[] c : cases) {
                String[] fields = java.util.Arrays.copyOf(c, c.length - 2);
                HttpResponse<String> r = client.post("/settings", form(client.csrf("/settings"), fields));

                String page = r.body().replace("&#39;", "'");
                assertThat(r.statusCode()).as(String.join(" ", c)).isEqualTo(400);
                assertThat(page).as(String.join(" ", c)).contains("id=\"error-" + c[c.length - 2] + "\"")
                        .contains(c[c.length - 1]).doesNotContainPattern("PT\\d").doesNotContain("granularity")
                        .doesNotContain("must be positive").doesNotContain("maxPerDay")
                        .contains("id=\"" + c[0] + "\" value=\"" + c[1] + "\"");
            }
            assertThat(app.app().settings()).isEqualTo(before);
        }
    }

    /** "Until 24:00" is how people write the end of the day; an empty time says it is empty, not that “” is no time. */
    @Test
    void anEndOf2400_isMidnight_andAnEmptyTime_isCalledEmpty() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);

            HttpResponse<String> saved = client.post("/settings", form(client.csrf("/settings"),
                    "study-from-friday", "20:00", "study-to-friday", "24:00"));
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
            assertThat(client.page("/settings")).contains("id=\"study-to-friday\" value=\"24:00\"");

            HttpResponse<String> r = client.post("/settings", form(client.csrf("/settings"),
                    "study-from-monday", "", "from-tuesday", "24:00"));
            String page = r.body().replace("&#39;", "'");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(page).contains("Monday's study time start is empty: write it as HH:MM")
                    .contains("Tuesday's work start “24:00” is the end of the day: to start at midnight, write 00:00.")
                    .doesNotContain("“” is not a time");
        }
    }
}
