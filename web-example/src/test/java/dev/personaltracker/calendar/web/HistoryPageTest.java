package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryPageTest {

    @TempDir
    Path data;

    @Test
    void history_withoutSessions_saysHowToStart() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            String page = new Browserless(app).get("/history").body();

            assertThat(page).contains("id=\"no-history\"").contains("0m of 5h").contains("0 days");
        }
    }

    @Test
    void markSkipped_afterTheSessionEnded_takesItOutOfTheWeeksTotal() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");
            String scheduled = client.get("/history").body();
            assertThat(scheduled).contains("scheduled").doesNotContain("Mark skipped");

            app.clock.advance(Duration.ofDays(7));
            client.post("/plan/reconcile", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            String settled = client.get("/history").body();
            Matcher skip = Pattern.compile("name=\"key\" value=\"([^\"]+)\"><input type=\"hidden\" name=\"as\" "
                    + "value=\"skipped\">").matcher(settled);
            assertThat(skip.find()).isTrue();
            assertThat(settled).contains("<title>2026-W11: 5h of 5h</title>");

            client.post("/history/mark", "csrf", client.csrf("/history"), "key", skip.group(1), "as", "skipped");

            String after = client.get("/history").body();
            assertThat(after).contains("Marked the session skipped.").contains("<td class=\"status\">skipped</td>")
                    .containsPattern("<title>2026-W11: [0-9h m]+ of 5h</title>").doesNotContain("2026-W11: 5h of 5h");
        }
    }

    @Test
    void mark_withAnUnknownSession_showsAnError() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);

            // the token of any page of this session will do; History has no forms yet
            client.post("/history/mark", "csrf", client.csrf("/plan"), "key", "no-such-session", "as", "completed");

            assertThat(client.get("/history").body()).contains("class=\"flash error\"").contains("no-such-session");
        }
    }
}
