package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.ics.IcsCalendarProvider;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connect page over plain HTTP: OAuth with state and PKCE, disabled buttons, .ics calendars, escaping. */
class ConnectPageTest {

    private static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\"";

    @TempDir
    Path data;

    @Test
    void oauthButtons_areDisabledWithAReason_whenNoClientIsConfigured() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            String page = new Browserless(app).get("/connect").body();

            assertThat(page).contains("<button type=\"button\" disabled id=\"connect-google\">Connect Google</button>")
                    .contains("<button type=\"button\" disabled id=\"connect-outlook\">Connect Outlook</button>");
            // the providers are not on this branch's class path yet, or their clients are not configured
            assertThat(page).containsAnyOf("Set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET", "provider-google) is not on the class path");
            assertThat(page).containsAnyOf("Set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET", "provider-outlook) is not on the class path");
        }
    }

    @Test
    void oauth_redirectsWithStateAndPkce_andCompletesOnlyForTheSessionThatStartedIt() throws Exception {
        Path calendar = data.resolve("google.ics");
        Files.writeString(calendar, event("Google-only meeting"));
        Path dir = data.resolve("app");
        try (TestApp app = oauthApp(dir, calendar)) {
            Browserless alice = new Browserless(app);
            String page = alice.get("/connect").body();
            assertThat(page).contains("id=\"connect-google\">Connect Google</button></form>")
                    .contains("provider-outlook) is not on the class path");

            HttpResponse<String> begin = alice.post("/connect/oauth", "csrf", alice.csrf("/connect"), "provider", "google");

            assertThat(begin.statusCode()).isEqualTo(303);
            URI auth = URI.create(Browserless.location(begin));
            assertThat(auth.getHost()).isEqualTo("accounts.example.test");
            Map<String, String> q = query(auth);
            assertThat(q.get("redirect_uri")).isEqualTo(app.url("/oauth/google/callback").toString());
            assertThat(q.get("code_challenge_method")).isEqualTo("S256");
            assertThat(q.get("code_challenge")).hasSizeGreaterThanOrEqualTo(43);
            String state = q.get("state");
            assertThat(state).hasSizeGreaterThanOrEqualTo(20);

            // another browser cannot complete alice's authorization (login CSRF)
            Browserless mallory = new Browserless(app);
            mallory.get("/connect");
            assertThat(mallory.get("/oauth/google/callback?code=good&state=" + state).statusCode()).isEqualTo(400);
            // a forged state fails too
            assertThat(alice.get("/oauth/google/callback?code=good&state=forged").statusCode()).isEqualTo(400);

            HttpResponse<String> done = alice.get("/oauth/google/callback?code=good&state=" + state);

            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(Browserless.location(done)).isEqualTo("/connect");
            assertThat(alice.get("/connect").body()).contains("Connected Google account pat@example.com.")
                    .contains("Connected: pat@example.com");
            assertThat(alice.get("/plan?week=2026-03-09").body()).contains("Google-only meeting");
            // the state is single-use
            assertThat(alice.get("/oauth/google/callback?code=good&state=" + state).statusCode()).isEqualTo(400);
            // the grant is only in the encrypted store
            assertThat(Files.isDirectory(dir.resolve("tokens"))).isTrue();
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(f.toString()).doesNotContain(FakeOAuthProvider.ACCESS_TOKEN)
                            .doesNotContain(FakeOAuthProvider.REFRESH_TOKEN).doesNotContain("client-secret-value");
                }
            }
            assertThat(app.web.app().tracker().tokenStore().list("me")).hasSize(1);
        }
    }

    @Test
    void connectingAnAccount_givesTheBrowserANewSessionId_andTheOldIdNamesNothing() throws Exception {
        Path calendar = data.resolve("google.ics");
        Files.writeString(calendar, event("Google-only meeting"));
        try (TestApp app = oauthApp(data.resolve("app"), calendar)) {
            Browserless alice = new Browserless(app);
            String state = beginGoogle(alice);
            String before = alice.cookies.get(WebServer.SESSION_COOKIE);
            assertThat(before).isNotBlank();
            int sessions = app.web.server().sessionCount();

            HttpResponse<String> done = alice.get("/oauth/google/callback?code=good&state=" + state);

            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(alice.cookies.get(WebServer.SESSION_COOKIE)).isNotBlank().isNotEqualTo(before);
            // a browser holding the old id (planted or seen before) gets nothing of alice's session
            Browserless fixed = new Browserless(app);
            fixed.cookies.put(WebServer.SESSION_COOKIE, before);
            assertThat(fixed.get("/connect").body()).doesNotContain("Connected Google account");
            assertThat(alice.get("/connect").body()).contains("Connected Google account pat@example.com.");
            assertThat(app.web.server().sessionCount()).as("the session cap counts the renamed session once")
                    .isEqualTo(sessions);
        }
    }

    /** Starts signing in to Google from the Connect page; returns the state the provider is sent. */
    private static String beginGoogle(Browserless browser) throws Exception {
        HttpResponse<String> begin = browser.post("/connect/oauth", "csrf", browser.csrf("/connect"), "provider", "google");
        return query(URI.create(Browserless.location(begin))).get("state");
    }

    @Test
    void writeTarget_canBeAConnectedAccountsCalendar_andFallsBackToTheLocalFileOnDisconnect() throws Exception {
        Path calendar = data.resolve("google.ics");
        Files.writeString(calendar, event("Google-only meeting"));
        try (TestApp app = oauthApp(data.resolve("app"), calendar)) {
            Browserless alice = new Browserless(app);
            alice.get("/oauth/google/callback?code=good&state=" + beginGoogle(alice));
            String page = alice.get("/connect").body();
            assertThat(page).contains("<option value=\"ics|local|study-sessions\" selected>Local file (study-sessions.ics)")
                    .contains("<option value=\"google|pat@example.com|study\">Google pat@example.com: ");

            alice.post("/connect/write", "csrf", alice.csrf("/connect"), "target", "google|pat@example.com|study");
            alice.post("/plan/propose", "csrf", alice.csrf("/plan"), "week", "2026-03-09");
            alice.post("/plan/approve", "csrf", alice.csrf("/plan"), "week", "2026-03-09", "action", "all");

            assertThat(alice.get("/plan?week=2026-03-09").body()).contains("<td class=\"status\">scheduled</td>");
            assertThat(Files.readString(data.resolve("google-sessions.ics"))).contains("BEGIN:VEVENT");
            assertThat(app.web.app().sessionsFile()).doesNotExist();
            assertThat(app.web.app().settings().writeTo()).isEqualTo("google|pat@example.com|study");

            alice.post("/connect/disconnect", "csrf", alice.csrf("/connect"), "provider", "google", "account", "pat@example.com");

            assertThat(alice.get("/connect").body()).contains("Disconnected pat@example.com; its grant was deleted.")
                    .contains("<option value=\"ics|local|study-sessions\" selected>")
                    .doesNotContain("google|pat@example.com|study");
            assertThat(app.web.app().tracker().tokenStore().list("me")).isEmpty();
            alice.post("/connect/write", "csrf", alice.csrf("/connect"), "target", "google|pat@example.com|study");
            assertThat(alice.get("/connect").body()).contains("is not a calendar sessions can be written to");
        }
    }

    @Test
    void oauth_withTheRealProviders_redirectsToGoogleAndMicrosoftWithStateAndPkce() throws Exception {
        Map<String, String> env = Map.of("GOOGLE_CLIENT_ID", "gid", "GOOGLE_CLIENT_SECRET", "gsecret",
                "MICROSOFT_CLIENT_ID", "mid", "MICROSOFT_CLIENT_SECRET", "msecret");
        try (TestApp app = new TestApp(data, env, Optional.empty())) {
            Browserless client = new Browserless(app);
            for (String[] p : new String[][] {{"google", "accounts.google.com"}, {"outlook", "login.microsoftonline.com"}}) {
                HttpResponse<String> r = client.post("/connect/oauth", "csrf", client.csrf("/connect"), "provider", p[0]);

                assertThat(r.statusCode()).as(p[0]).isEqualTo(303);
                URI auth = URI.create(Browserless.location(r));
                assertThat(auth.getHost()).isEqualTo(p[1]);
                Map<String, String> q = query(auth);
                assertThat(q.get("redirect_uri")).isEqualTo(app.url("/oauth/" + p[0] + "/callback").toString());
                assertThat(q).containsKeys("state", "code_challenge").containsEntry("code_challenge_method", "S256");
                assertThat(auth.toString()).doesNotContain("secret");
                // the Content-Security-Policy lets the form's redirect go to that sign-in host
                assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString().contains("https://" + p[1]);
            }
        }
    }

    @Test
    void oauthError_isShownOnlyForAStateThisBrowserStarted_andEscaped() throws Exception {
        try (TestApp app = oauthApp(data, data.resolve("none.ics"))) {
            Browserless alice = new Browserless(app);
            HttpResponse<String> begin = alice.post("/connect/oauth", "csrf", alice.csrf("/connect"), "provider", "google");
            String state = query(URI.create(Browserless.location(begin))).get("state");

            // a link from anywhere: no state, a forged state, another browser's state: nothing of it is shown
            for (String q : new String[] {"", "&state=forged"}) {
                HttpResponse<String> r = alice.get("/oauth/google/callback?error=access_denied&error_description="
                        + "Your%20account%20was%20locked.%20Call%20555-0100" + q);
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).doesNotContain("locked").doesNotContain("555-0100");
            }
            Browserless mallory = new Browserless(app);
            assertThat(mallory.get("/oauth/google/callback?error=access_denied&error_description=locked&state=" + state)
                    .body()).doesNotContain("locked");
            assertThat(alice.get("/connect").body()).doesNotContain("locked").doesNotContain("555-0100");

            HttpResponse<String> r = alice.get("/oauth/google/callback?error=access_denied&state=" + state
                    + "&error_description=%3Cb%3Eno%3C%2Fb%3E");

            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(alice.get("/connect").body()).contains("did not grant access (access_denied: &lt;b&gt;no&lt;/b&gt;)");
        }
    }

    @Test
    void icsCalendar_addedByPath_isRead_andItsContentIsEscapedEverywhere() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path evil = dir.resolve("evil<b>.ics");
        Files.writeString(evil, event(HOSTILE));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);

            HttpResponse<String> add = client.connectIcs("uni", evil.toString());

            assertThat(add.statusCode()).isEqualTo(303);
            String connect = client.get("/connect").body();
            assertThat(connect).contains("Added calendar 'uni'.").contains("evil&lt;b&gt;.ics")
                    .doesNotContain("evil<b>");
            String plan = client.get("/plan?week=2026-03-09").body();
            // jte escapes for the place: in text < > & are enough; quotes are escaped inside attribute values
            assertThat(plan).contains("&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; "
                    + "&amp; \"quoted\"");
            assertThat(plan).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=alert(1)>");
        }
    }

    @Test
    void icsCalendar_thatCannotBeRead_isRefusedWithTheReason_andTheFormKeepsWhatWasTyped() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);

            HttpResponse<String> r = client.post("/connect/ics", "csrf", client.csrf("/connect"), "name", "gone",
                    "location", data.resolve("missing.ics").toString(), "owner", "me@example.edu");

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("id=\"add-error\"").contains("There is no file")
                    .contains("value=\"gone\"").contains("missing.ics\"").contains("value=\"me@example.edu\"");
            assertThat(app.app().settings().sources()).isEmpty();
        }
    }

    @Test
    void sampleCalendars_canBeTurnedOffAndOn() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            assertThat(client.get("/plan?week=2026-03-09").body()).contains("Statistics lecture");

            client.post("/connect/samples", "csrf", client.csrf("/connect"), "on", "false");

            assertThat(client.get("/plan?week=2026-03-09").body()).doesNotContain("Statistics lecture");
            client.post("/connect/samples", "csrf", client.csrf("/connect"), "on", "true");
            assertThat(client.get("/plan?week=2026-03-09").body()).contains("Statistics lecture");
        }
    }

    private static TestApp oauthApp(Path dir, Path calendar) {
        return new TestApp(dir, Map.of("GOOGLE_CLIENT_ID", "client-id-value", "GOOGLE_CLIENT_SECRET", "client-secret-value"),
                Optional.of(ProviderRegistry.of(new IcsCalendarProvider(), new FakeOAuthProvider(calendar))));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher m = Pattern.compile("([^&=]+)=([^&]*)").matcher(uri.getRawQuery());
        while (m.find()) {
            out.put(m.group(1), java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** One event on Monday 9 March 2026, 20:00-21:00 Berlin, with the given title. */
    static String event(String title) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:evil-1@test\r\n"
                + "DTSTAMP:20260301T000000Z\r\nDTSTART:20260309T190000Z\r\nDTEND:20260309T200000Z\r\nSUMMARY:"
                + title.replace(",", "\\,").replace(";", "\\;") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }
}
