package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The History page and the "Did you study?" check-ins. */
class HistoryPageTest {

    private static final Pattern CHECKIN = Pattern.compile("id=\"checkin-([^\"]+)\"");

    @TempDir
    Path data;

    @Test
    void history_withoutSessions_saysHowToStart_andDrawsNoEmptyWeeks() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            String page = new Browserless(app).get("/history").body();

            assertThat(page).contains("id=\"no-history\"").contains("0m of 5h").contains("0 days")
                    .contains("id=\"no-chart\"").doesNotContain("id=\"weekly-chart\"");
        }
    }

    @Test
    void endedSessions_askDidYouStudy_insteadOfCountingThemAutomatically() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");
            assertThat(client.get("/history").body()).contains("scheduled").doesNotContain("Did you study?");

            app.clock.advance(Duration.ofDays(7));
            String plan = client.get("/plan?week=2026-03-09").body();

            // nothing was credited by itself: the week is at 0 and every session asks
            List<String> keys = CHECKIN.matcher(plan).results().map(m -> m.group(1)).toList();
            assertThat(keys).hasSizeGreaterThanOrEqualTo(3);
            assertThat(plan).contains("Did you study?");
            String history = client.get("/history").body();
            assertThat(history).containsPattern("<title>2026-W11: 0m of 5h</title>")
                    .doesNotContain("<td class=\"status\">completed</td>");
            // the chart starts at the first week used, not weeks before it
            assertThat(history).doesNotContain("2026-W10:").doesNotContain("2026-W09:");

            String token = client.csrf("/plan");
            client.post("/checkin", "csrf", token, "key", keys.get(0), "outcome", "done", "note", "chapter 3", "back", "plan");
            assertThat(client.get("/plan?week=2026-03-09").body()).contains("Noted: you studied");
            client.post("/checkin", "csrf", token, "key", keys.get(1), "outcome", "partly", "minutes", "20", "back", "history");
            assertThat(client.page("/history")).contains("Noted: you studied 20m.");
            client.post("/checkin", "csrf", token, "key", keys.get(2), "outcome", "skipped", "note", "ill", "back", "plan");

            String after = client.page("/history");
            assertThat(after).contains("studied 20m").contains("“chapter 3”").contains("skipped · “ill”")
                    .contains("<td class=\"status\">completed</td>").contains("<td class=\"status\">skipped</td>");
            Matcher week = Pattern.compile("<title>2026-W11: ([0-9h m]+) of 5h</title>").matcher(after);
            assertThat(week.find()).isTrue();
            assertThat(week.group(1)).isNotEqualTo("0m").isNotEqualTo("5h");
            assertThat(CHECKIN.matcher(client.get("/plan?week=2026-03-09").body()).results().count())
                    .isEqualTo(keys.size() - 3);
        }
    }

    @Test
    void partly_withoutMinutes_orAnUnknownSession_getsAPlainMessage() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");
            app.clock.advance(Duration.ofDays(7));
            String key = CHECKIN.matcher(client.get("/plan?week=2026-03-09").body()).results().findFirst()
                    .orElseThrow().group(1);

            client.post("/checkin", "csrf", client.csrf("/plan"), "key", key, "outcome", "partly", "minutes", "", "back", "plan");
            assertThat(client.page("/plan")).contains("For “partly”, give the minutes you studied as a whole number");

            client.post("/checkin", "csrf", client.csrf("/plan"), "key", "no-such-session", "outcome", "done", "back", "plan");
            assertThat(client.page("/plan")).contains("That session cannot be answered any more");
        }
    }

    @Test
    void automaticCredit_whenTurnedOn_settlesEndedSessionsAsBefore() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            client.post("/settings", SettingsPageTest.form(client.csrf("/settings"), "auto-credit", "on"));
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");

            app.clock.advance(Duration.ofDays(7));

            String plan = client.get("/plan?week=2026-03-09").body();
            assertThat(plan).doesNotContain("Did you study?").contains("<td class=\"status\">completed</td>");
            assertThat(client.get("/history").body()).contains("<title>2026-W11: 5h of 5h</title>");
        }
    }

    /**
     * "Partly" is at most the session's length (500 minutes of a 75-minute session is not "partly"), and a check-in that
     * does not fit comes back with what was typed at that session's form; each session says which subject it was.
     */
    @Test
    void partly_moreThanTheSession_isRefused_andAWrongAnswerKeepsWhatWasTyped_atThatSession() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            client.post("/settings/subjects", "csrf", client.csrf("/settings"), "original", "", "name", "Linear algebra",
                    "kind", "weekly", "hours", "3", "due", "", "priority", "0", "action", "save");
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");
            app.clock.advance(Duration.ofDays(7));
            String plan = client.page("/plan?week=2026-03-09");
            String key = CHECKIN.matcher(plan).results().findFirst().orElseThrow().group(1);
            Matcher max = Pattern.compile("id=\"minutes-" + Pattern.quote(key) + "\" min=\"1\" max=\"(\\d+)\"").matcher(plan);
            assertThat(max.find()).isTrue();
            long length = Long.parseLong(max.group(1));
            assertThat(plan).contains("Linear algebra");

            client.post("/checkin", "csrf", client.csrf("/plan"), "key", key, "outcome", "partly",
                    "minutes", String.valueOf(length + 400), "note", "read chapter 4", "back", "plan", "week", "2026-03-09");
            String after = client.page("/plan?week=2026-03-09");

            assertThat(after).contains("at most " + length + " min").doesNotContain("Noted: you studied");
            assertThat(CHECKIN.matcher(after).results().map(m -> m.group(1)).toList()).contains(key);
            // what was typed is still at that session's form
            assertThat(after).containsPattern("id=\"partly-" + Pattern.quote(key) + "\" checked")
                    .containsPattern("id=\"minutes-" + Pattern.quote(key) + "\"[^>]* value=\"" + (length + 400) + "\"")
                    .containsPattern("id=\"note-" + Pattern.quote(key) + "\"[^>]* value=\"read chapter 4\"");
            // and only once: the next page is clean
            assertThat(client.page("/plan?week=2026-03-09")).doesNotContain("read chapter 4");

            // answered, then answered again from the same (old) form: the second answer replaces the first, and says so
            client.post("/checkin", "csrf", client.csrf("/plan"), "key", key, "outcome", "partly", "minutes", "20",
                    "back", "plan", "week", "2026-03-09");
            assertThat(client.page("/plan?week=2026-03-09")).contains("Noted: you studied 20m.");
            client.post("/checkin", "csrf", client.csrf("/plan"), "key", key, "outcome", "done", "back", "plan",
                    "week", "2026-03-09");
            assertThat(client.page("/plan?week=2026-03-09")).contains("Changed your answer: you studied ");
        }
    }
}
