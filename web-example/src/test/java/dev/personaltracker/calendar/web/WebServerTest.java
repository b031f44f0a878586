package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side over plain HTTP: CSRF refusal, cookie flags, security headers, routing. One app for the class (a
 * start costs a second); each test is a new browser session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebServerTest {

    @TempDir
    static Path data;
    TestApp app;
    Browserless client;

    @BeforeAll
    void start() {
        app = TestApp.start(data);
    }

    @BeforeEach
    void newSession() {
        client = new Browserless(app);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void sessionCookie_isHttpOnlyAndSameSiteLax_butNotSecureOnPlainHttp() throws Exception {
        HttpResponse<String> page = client.get("/plan");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Browserless.setCookies(page)).singleElement().satisfies(c -> {
            assertThat(c).startsWith(WebServer.COOKIE + "=").contains("; HttpOnly").contains("; SameSite=Lax")
                    .contains("; Path=/").doesNotContain("Secure");
        });
        // the cookie carries a random id only, the CSRF token is something else
        assertThat(client.cookie).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(client.csrf("/plan"));
        assertThat(Browserless.setCookies(client.get("/plan"))).as("a known session gets no new cookie").isEmpty();
    }

    @Test
    void sessionCookie_isSecure_whenThePublicUrlIsHttps(@TempDir Path other) throws Exception {
        try (TestApp https = new TestApp(other, Map.of("PUBLIC_URL", "https://tracker.example.org"), Optional.empty())) {
            HttpResponse<String> page = new Browserless(https).get("/plan");

            assertThat(Browserless.setCookies(page)).singleElement().asString()
                    .contains("; HttpOnly").contains("; SameSite=Lax").contains("; Secure");
        }
    }

    @Test
    void sessionCookie_isSecure_behindAnHttpsProxy() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(app.url("/plan")).header("X-Forwarded-Proto", "https")
                .build(), HttpResponse.BodyHandlers.discarding());

        assertThat(r.headers().firstValue("Set-Cookie")).get().asString().contains("; Secure");
    }

    @Test
    void post_withoutCsrfToken_isRefusedWith403_andChangesNothing() throws Exception {
        client.get("/settings");

        HttpResponse<String> r = client.post("/settings", "goal", "600", "min", "30", "max", "60", "perday", "60",
                "buffer", "0", "break", "0", "study-from", "07:00", "study-to", "22:00", "zone", "UTC");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("security token");
        assertThat(data.resolve("settings.properties")).doesNotExist();
        assertThat(client.get("/settings").body()).contains("value=\"300\"");
    }

    @Test
    void post_withAnotherSessionsToken_isRefusedWith403() throws Exception {
        Browserless other = new Browserless(app);
        String othersToken = other.csrf("/plan");
        client.get("/plan");

        HttpResponse<String> r = client.post("/connect/samples", "csrf", othersToken, "on", "false");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(app.web.app().settings().samples()).isTrue();
    }

    @Test
    void post_withoutSessionCookie_isRefusedWith403() throws Exception {
        String token = client.csrf("/plan");
        client.cookie = null;

        assertThat(client.post("/plan/propose", "csrf", token, "week", "2026-03-09").statusCode()).isEqualTo(403);
    }

    @Test
    void post_fromAnotherOrigin_isRefusedWith403_evenWithTheToken() throws Exception {
        String token = client.csrf("/plan");

        HttpResponse<String> r = client.postWith("/plan/propose", "https://evil.example", "csrf", token,
                "week", "2026-03-09");

        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void post_withTheSessionsToken_isAccepted_andRedirectsWith303() throws Exception {
        String token = client.csrf("/plan");

        HttpResponse<String> r = client.postWith("/plan/propose", app.web.url().toString().replaceAll("/$", ""),
                "csrf", token, "week", "2026-03-09");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(Browserless.location(r)).isEqualTo("/plan?week=2026-03-09");
        assertThat(client.get("/plan?week=2026-03-09").body()).contains("Proposed ").contains("id=\"proposals\"");
    }

    @Test
    void pages_carryStrictSecurityHeaders() throws Exception {
        for (String path : new String[] {"/connect", "/settings", "/plan", "/history"}) {
            HttpResponse<String> r = client.get(path);

            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src")
                    .doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(r.body()).as(path).doesNotContain("<script").doesNotContain(" style=");
        }
    }

    @Test
    void everyForm_carriesTheCsrfToken() throws Exception {
        String token = client.csrf("/plan");
        client.post("/plan/propose", "csrf", token, "week", "2026-03-09");
        for (String path : new String[] {"/connect", "/settings", "/plan?week=2026-03-09", "/history"}) {
            String body = client.get(path).body();
            int forms = body.split("<form ", -1).length - 1;
            int tokens = body.split("name=\"csrf\" value=\"" + token + "\"", -1).length - 1;

            if (!path.equals("/history")) { // History has forms only for sessions that have ended
                assertThat(forms).as(path).isPositive();
            }
            assertThat(tokens).as(path).isEqualTo(forms);
        }
    }

    @Test
    void unknownPath_is404_andWrongMethod_is405() throws Exception {
        assertThat(client.get("/nope").statusCode()).isEqualTo(404);
        assertThat(client.get("/plan/propose").statusCode()).isEqualTo(405);
        assertThat(client.get("/").statusCode()).isEqualTo(303);
    }

    @Test
    void server_bindsTheLoopbackAddress() throws Exception {
        assertThat(app.web.url().getHost()).isEqualTo("localhost");
        WebConfig defaults = WebExample.parse(new String[0], Env.of(Map.of()));
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(5000);
        assertThat(WebExample.parse(new String[0], Env.of(Map.of("PORT", "5123"))).port()).isEqualTo(5123);
        assertThat(WebExample.parse(new String[] {"--port", "6000"}, Env.of(Map.of("PORT", "5123"))).port()).isEqualTo(6000);
    }

    @Test
    void storeFiles_holdNoPlainText() throws Exception {
        String token = client.csrf("/plan");
        client.post("/plan/propose", "csrf", token, "week", "2026-03-09");

        try (var files = Files.walk(data.resolve("history"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("2026-03").doesNotContain("PROPOSED");
            }
        }
        assertThat(data.resolve("keyset.json")).exists();
    }
}
