package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.TokenKey;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaldavConnectTest {

    private static final String PASSWORD = "abcd-efgh-ijkl-mnop";

    @TempDir
    Path data;

    @Test
    void connectPage_offersICloudFastmailAndAnyServer_withAnEmptyPasswordField() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            String page = new Browserless(app).get("/connect").body();
            assertThat(page).contains("id=\"caldav-form\"").contains("<option value=\"icloud\" selected>iCloud")
                    .contains(">Fastmail<").contains("id=\"caldav-password\" autocomplete=\"new-password\" value=\"\"");
        }
    }

    @Test
    void aServerThatDoesNotAnswer_isRefusedInPlainWords_thePasswordIsNeverEchoed_andNoGrantIsLeft() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            HttpResponse<String> r = client.post("/connect/caldav", "csrf", client.csrf("/connect"), "server", "url",
                    "url", "http://127.0.0.1:" + closedPort + "/dav", "user", "pat@example.org", "password", PASSWORD);

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("id=\"caldav-error\"").contains("Could not connect")
                    .contains("value=\"pat@example.org\"").contains("value=\"http://127.0.0.1:" + closedPort + "/dav\"")
                    .doesNotContain(PASSWORD);
            assertThat(app.app().user().accounts()).noneMatch(a -> a.providerId().equals("caldav"));
            assertThat(app.app().stores().tokens().load(TokenKey.of("me", "caldav", "pat@example.org"))).isEmpty();
        }
    }

    @Test
    void missingFields_areNamed_andNothingIsSaved() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            String csrf = client.csrf("/connect");
            assertThat(client.post("/connect/caldav", "csrf", csrf, "server", "icloud", "user", "", "password", PASSWORD)
                    .body()).contains("Type your user name").doesNotContain(PASSWORD);
            assertThat(client.post("/connect/caldav", "csrf", csrf, "server", "fastmail", "user", "pat@fastmail.com",
                    "password", " ").body()).contains("app-specific password");
            assertThat(client.post("/connect/caldav", "csrf", csrf, "server", "gmail", "user", "pat", "password", PASSWORD)
                    .body()).contains("Pick iCloud, Fastmail");
            assertThat(app.app().stores().tokens().list("me")).isEmpty();
        }
    }
}
