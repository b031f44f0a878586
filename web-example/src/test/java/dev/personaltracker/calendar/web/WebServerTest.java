package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side over plain HTTP and raw sockets: Host and Origin (DNS rebinding), CSRF refusal, cookie flags,
 * sessions only from checked posts, slowloris, security headers, bad parameters. One app for the class (a start costs
 * a second); each test is a new browser.
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
    void newBrowser() {
        client = new Browserless(app);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    // ---------------------------------------------------------------- 1. DNS rebinding

    @Test
    void requestForAnotherHostName_isRefused_evenThoughItReachedTheLoopbackPort() throws Exception {
        String answer = RawHttp.get(app.port(), "/plan?week=2026-03-09", "evil.example:" + app.port());

        assertThat(RawHttp.status(answer)).isEqualTo(421);
        assertThat(answer).doesNotContain("Statistics lecture").doesNotContain("name=\"csrf\"");
        assertThat(RawHttp.status(RawHttp.get(app.port(), "/plan", "evil.example"))).isEqualTo(421);
        assertThat(RawHttp.status(RawHttp.get(app.port(), "/plan", "127.0.0.1:" + (app.port() + 1)))).isEqualTo(421);
    }

    @Test
    void formPost_forAnotherHostName_isRefused_evenWithMatchingOrigin() throws Exception {
        String token = client.csrf("/plan");
        String cookie = "tracker_browser=" + client.cookies.get(WebServer.BROWSER_COOKIE);
        String body = Browserless.form("csrf", token, "on", "false");

        String answer = RawHttp.exchange(app.port(), "POST /connect/samples HTTP/1.1\r\nHost: evil.example:" + app.port()
                + "\r\nOrigin: http://evil.example:" + app.port() + "\r\nCookie: " + cookie
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(RawHttp.status(answer)).isEqualTo(421);
        assertThat(app.app().settings().samples()).isTrue();
    }

    @Test
    void requestWithoutHost_isRefused() throws Exception {
        String answer = RawHttp.exchange(app.port(), "GET /plan HTTP/1.0\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(400);
        assertThat(answer).doesNotContain("Statistics lecture");
    }

    @Test
    void loopbackNames_onTheBoundPort_areAnswered() throws Exception {
        for (String host : new String[] {"127.0.0.1:" + app.port(), "localhost:" + app.port(), "[::1]:" + app.port(),
            "LOCALHOST:" + app.port()}) {
            assertThat(RawHttp.status(RawHttp.get(app.port(), "/plan", host))).as(host).isEqualTo(200);
        }
    }

    @Test
    void theConfiguredPublicName_isAnswered(@TempDir Path other) throws Exception {
        try (TestApp proxied = new TestApp(other, Map.of("PUBLIC_URL", "https://tracker.example.org"), Optional.empty())) {
            assertThat(RawHttp.status(RawHttp.get(proxied.port(), "/plan", "tracker.example.org"))).isEqualTo(200);
            assertThat(RawHttp.status(RawHttp.get(proxied.port(), "/plan", "other.example.org"))).isEqualTo(421);
        }
    }

    @Test
    void requestFromAForeignOrigin_isRefused_alsoForPages() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url("/plan"))
                .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("Statistics lecture");
    }

    // ---------------------------------------------------------------- CSRF and cookies

    @Test
    void browserCookie_isHttpOnlyAndSameSiteLax_butNotSecureOnPlainHttp_andAPageViewMakesNoSession() throws Exception {
        HttpResponse<String> page = client.get("/plan");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Browserless.setCookies(page)).singleElement().satisfies(c ->
                assertThat(c).startsWith(WebServer.BROWSER_COOKIE + "=").contains("; HttpOnly")
                        .contains("; SameSite=Lax").contains("; Path=/").doesNotContain("Secure"));
        // the cookie carries a random id only, the CSRF token is something else
        assertThat(client.cookies.get(WebServer.BROWSER_COOKIE)).hasSize(43).isNotEqualTo(client.csrf("/plan"));
        assertThat(Browserless.setCookies(client.get("/plan"))).as("a known browser gets no new cookie").isEmpty();
    }

    @Test
    void sessionCookie_comesWithTheFirstCheckedPost_andIsHttpOnlyAndSameSiteLax() throws Exception {
        HttpResponse<String> r = client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(Browserless.setCookies(r)).anySatisfy(c -> assertThat(c).startsWith(WebServer.SESSION_COOKIE + "=")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure"));
    }

    @Test
    void cookies_areSecure_whenThePublicUrlIsHttps(@TempDir Path other) throws Exception {
        try (TestApp https = new TestApp(other, Map.of("PUBLIC_URL", "https://tracker.example.org"), Optional.empty())) {
            Browserless b = new Browserless(https);
            HttpResponse<String> page = b.get("/plan");
            assertThat(Browserless.setCookies(page)).singleElement().asString().contains("; HttpOnly")
                    .contains("; SameSite=Lax").contains("; Secure");

            HttpResponse<String> post = b.post("/connect/samples", "csrf", b.csrf("/connect"), "on", "true");
            assertThat(Browserless.setCookies(post)).anySatisfy(c -> assertThat(c).startsWith(WebServer.SESSION_COOKIE)
                    .containsIgnoringCase("Secure"));
        }
    }

    @Test
    void cookies_areSecure_behindAnHttpsProxy() throws Exception {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url("/plan")).header("X-Forwarded-Proto", "https")
                .build(), HttpResponse.BodyHandlers.discarding());

        assertThat(r.headers().firstValue("Set-Cookie")).get().asString().contains("; Secure");
    }

    @Test
    void post_withoutCsrfToken_isRefusedWith403_andChangesNothing() throws Exception {
        client.get("/settings");
        WebSettings before = app.app().settings();

        HttpResponse<String> r = client.post("/settings", "goal", "600", "min", "30", "max", "60", "perday", "60",
                "buffer", "0", "break", "0", "zone", "UTC");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("security token");
        assertThat(app.app().settings()).isEqualTo(before);
        assertThat(client.get("/settings").body()).contains("value=\"300\"");
    }

    @Test
    void post_withAnotherBrowsersToken_isRefusedWith403() throws Exception {
        Browserless other = new Browserless(app);
        String othersToken = other.csrf("/plan");
        client.get("/plan");

        HttpResponse<String> r = client.post("/connect/samples", "csrf", othersToken, "on", "false");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(app.app().settings().samples()).isTrue();
    }

    @Test
    void post_withoutTheBrowserCookie_isRefusedWith403() throws Exception {
        String token = client.csrf("/plan");
        client.cookies.clear();

        assertThat(client.post("/plan/propose", "csrf", token, "week", "2026-03-09").statusCode()).isEqualTo(403);
    }

    @Test
    void post_fromAnotherOrigin_isRefusedWith403_evenWithTheToken() throws Exception {
        String token = client.csrf("/plan");

        assertThat(client.postWith("/plan/propose", "https://evil.example", "csrf", token, "week", "2026-03-09")
                .statusCode()).isEqualTo(403);
        assertThat(client.postWith("/plan/propose", "null", "csrf", token, "week", "2026-03-09").statusCode())
                .isEqualTo(403);
    }

    @Test
    void post_fromThisAppsNameOnAnotherSchemeOrPort_isRefused_evenWithTheToken() throws Exception {
        String token = client.csrf("/connect");
        int port = app.port();

        for (String origin : new String[] {"https://localhost:" + port, "https://127.0.0.1:" + port,
            "http://localhost:" + (port + 1), "http://localhost", "ws://localhost:" + port, "http://localhost:" + port + "/"}) {
            assertThat(client.postWith("/connect/samples", origin, "csrf", token, "on", "false").statusCode())
                    .as(origin).isEqualTo(403);
        }
        assertThat(app.app().settings().samples()).isTrue();
        assertThat(client.postWith("/connect/samples", "HTTP://LOCALHOST:" + port, "csrf", token, "on", "true")
                .statusCode()).isEqualTo(303);
    }

    @Test
    void hostWithoutPort_isAnsweredOnlyWhenTheAppIsOnPort80() {
        HostGuard on80 = HostGuard.of("127.0.0.1", 80, Optional.empty());
        HostGuard on5000 = HostGuard.of("127.0.0.1", 5000, Optional.empty());
        HostGuard proxied = HostGuard.of("0.0.0.0", 5000, Optional.of(java.net.URI.create("https://tracker.example.org")));

        assertThat(on80.allowsHost("localhost")).isTrue();
        assertThat(on80.allowsOrigin("http://localhost")).isTrue();
        assertThat(on5000.allowsHost("localhost")).isFalse();
        assertThat(on5000.allowsHost("localhost.:5000")).isFalse();
        assertThat(on5000.allowsHost("127.1:5000")).isFalse();
        assertThat(on5000.allowsHost("[0:0:0:0:0:0:0:1]:5000")).isFalse();
        assertThat(proxied.allowsHost("tracker.example.org")).isTrue();
        assertThat(proxied.allowsHost("tracker.example.org:443")).isTrue();
        assertThat(proxied.allowsOrigin("https://tracker.example.org")).isTrue();
        assertThat(proxied.allowsOrigin("http://tracker.example.org")).as("an http page on the public name").isFalse();
        assertThat(proxied.allowsOrigin("http://0.0.0.0:5000")).isFalse();
    }

    @Test
    void aRequestAnotherSitesPageMakes_isRefused_evenWithoutOrigin_butALinkFromThereStillOpensThePage() throws Exception {
        int port = app.port();
        for (String[] fetch : new String[][] {{"cross-site", "no-cors", "image"}, {"same-site", "no-cors", "image"},
            {"cross-site", "navigate", "iframe"}, {"cross-site", "cors", "empty"}, {"cross-site", "no-cors", "script"}}) {
            String answer = RawHttp.exchange(port, "GET /plan?week=2026-03-09 HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nSec-Fetch-Site: " + fetch[0] + "\r\nSec-Fetch-Mode: " + fetch[1] + "\r\nSec-Fetch-Dest: "
                    + fetch[2] + "\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.status(answer)).as(String.join(" ", fetch)).isEqualTo(403);
            assertThat(answer).doesNotContain("Statistics lecture");
        }
        String link = RawHttp.exchange(port, "GET /plan?week=2026-03-09 HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nSec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document"
                + "\r\nConnection: close\r\n\r\n");
        assertThat(RawHttp.status(link)).isEqualTo(200);
        assertThat(link).contains("Statistics lecture");
    }

    @Test
    void aFormPostedFromAnotherSite_isRefused_whenTheBrowserSaysSo_evenWithoutOriginAndWithTheToken() throws Exception {
        String token = client.csrf("/connect");
        String body = Browserless.form("csrf", token, "on", "false");
        for (String site : new String[] {"cross-site", "same-site"}) {
            String answer = RawHttp.exchange(app.port(), "POST /connect/samples HTTP/1.1\r\nHost: localhost:" + app.port()
                    + "\r\nCookie: tracker_browser=" + client.cookies.get(WebServer.BROWSER_COOKIE)
                    + "\r\nSec-Fetch-Site: " + site + "\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document"
                    + "\r\nReferer: http://evil.example/\r\nContent-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(RawHttp.status(answer)).as(site).isEqualTo(403);
        }
        assertThat(app.app().settings().samples()).isTrue();
    }

    @Test
    void duplicateHostHeaders_andAbsoluteFormForAnotherHost_areRefused() throws Exception {
        int port = app.port();
        assertThat(RawHttp.status(RawHttp.exchange(port, "GET /plan HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))).isEqualTo(400);
        assertThat(RawHttp.status(RawHttp.exchange(port, "GET http://evil.example/plan HTTP/1.1\r\nHost: localhost:"
                + port + "\r\nConnection: close\r\n\r\n"))).isEqualTo(400);
        assertThat(RawHttp.status(RawHttp.exchange(port, "GET http://evil.example/plan HTTP/1.0\r\n\r\n")))
                .isIn(400, 421);
        assertThat(RawHttp.status(RawHttp.get(port, "/plan", "localhost:" + port + "@evil.example"))).isIn(400, 421);
    }

    @Test
    void aPostThatIsNoPlainForm_getsA415_evenBrokenOrWithTheToken_andChangesNothing() throws Exception {
        String token = client.csrf("/connect");
        String cookie = "Cookie: tracker_browser=" + client.cookies.get(WebServer.BROWSER_COOKIE) + "\r\n";
        String multipart = "--X\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token + "\r\n--X\r\n"
                + "Content-Disposition: form-data; name=\"on\"\r\n\r\nfalse\r\n--X--\r\n";
        String json = "{\"csrf\":\"" + token + "\",\"on\":\"false\"}";
        for (String[] body : new String[][] {{"multipart/form-data; boundary=X", multipart},
            {"multipart/form-data; boundary=X", multipart.substring(0, 40)}, {"application/json", json},
            {"text/plain", "csrf=" + token + "&on=false"}}) {
            String answer = RawHttp.exchange(app.port(), "POST /connect/samples HTTP/1.1\r\nHost: localhost:" + app.port()
                    + "\r\n" + cookie + "Content-Type: " + body[0] + "\r\nContent-Length: " + body[1].length()
                    + "\r\nConnection: close\r\n\r\n" + body[1]);

            assertThat(RawHttp.status(answer)).as(body[0]).isEqualTo(415);
            assertThat(answer).doesNotContain("Exception").doesNotContain("at io.javalin");
        }
        assertThat(app.app().settings().samples()).isTrue();
        assertThat(client.get("/plan").statusCode()).isEqualTo(200);
    }

    @Test
    void csrfToken_inTheQueryString_isNotAccepted() throws Exception {
        String token = client.csrf("/connect");

        assertThat(client.post("/connect/samples?csrf=" + token, "on", "false").statusCode()).isEqualTo(403);
        assertThat(app.app().settings().samples()).isTrue();
    }

    @Test
    void post_withTheBrowsersToken_isAccepted_andRedirectsWith303() throws Exception {
        String token = client.csrf("/plan");

        HttpResponse<String> r = client.postWith("/plan/propose", app.web.url().toString().replaceAll("/$", ""),
                "csrf", token, "week", "2026-03-09");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(Browserless.location(r)).isEqualTo("/plan?week=2026-03-09");
        assertThat(client.get("/plan?week=2026-03-09").body()).contains("Proposed ").contains("id=\"proposals\"");
    }

    @Test
    void formBody_over64KiB_isRefusedWith413() throws Exception {
        String token = client.csrf("/plan");

        HttpResponse<String> r = client.post("/plan/propose", "csrf", token, "week", "x".repeat(70_000));

        assertThat(r.statusCode()).isEqualTo(413);
    }

    // ---------------------------------------------------------------- 5. slowloris, 6. session flood

    @Test
    void halfOpenConnections_doNotBlockANormalRequest() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /settings HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\nContent-Length: 1000\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                slow.add(s);
            }

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.url("/plan"))
                    .timeout(Duration.ofSeconds(8)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /**
     * A body that arrives in pieces with pauses between them (a phone on a slow network) is read like any other. Jetty's
     * minimum request data rate, measured from the first byte, refused it (408 from inside the form read, which the
     * app then answered as a 500); a pause of one millisecond did it for an empty body, such as every Google
     * notification's, whenever the server paused (a busy machine, a GC).
     */
    @Test
    void aFormWhoseBodyArrivesInPiecesWithPauses_isTakenAsAnyOther() throws Exception {
        for (Duration pause : List.of(Duration.ofMillis(300), Duration.ofMillis(1200))) {
            Browserless browser = new Browserless(app);
            String token = browser.csrf("/plan");
            String body = Browserless.form("csrf", token, "week", "2026-03-09");
            int third = body.length() / 3;
            String head = "POST /plan/propose HTTP/1.1\r\nHost: 127.0.0.1:" + app.port() + "\r\nCookie: "
                    + WebServer.BROWSER_COOKIE + "=" + browser.cookies.get(WebServer.BROWSER_COOKIE)
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n";

            String answer = RawHttp.exchangeInPieces(app.port(), pause, head + body.substring(0, third),
                    body.substring(third, 2 * third), body.substring(2 * third));

            assertThat(RawHttp.status(answer)).as("pauses of %s", pause).isEqualTo(303);
        }
    }

    /**
     * A body dripped a byte at a time is cut off at its deadline (a grace plus one second per KiB declared), so such
     * clients cannot hold the workers; the app goes on serving meanwhile.
     */
    @Test
    void aBodyDrippedAByteAtATime_isCutOffAtItsDeadline() throws Exception {
        String token = client.csrf("/plan");
        String body = Browserless.form("csrf", token, "week", "2026-03-09") + "&pad=" + "x".repeat(200);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            out.write(("POST /plan/propose HTTP/1.1\r\nHost: 127.0.0.1:" + app.port() + "\r\nCookie: "
                    + WebServer.BROWSER_COOKIE + "=" + client.cookies.get(WebServer.BROWSER_COOKIE)
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            int sent = 0;
            boolean cutOff = false;
            while (sent < body.length() && !cutOff) {
                try {
                    out.write(body.charAt(sent++));
                    out.flush();
                    s.getInputStream().read();   // an end or an answer: either way the server stopped waiting
                    cutOff = true;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // the server still waits for the body: drip on (a byte every 200 ms)
                } catch (java.io.IOException closed) {
                    cutOff = true;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(cutOff).as("cut off before the whole body (%s bytes) was dripped", body.length()).isTrue();
            assertThat(took).isGreaterThanOrEqualTo(WebServer.BODY_GRACE.minusSeconds(1))
                    .isLessThan(WebServer.BODY_GRACE.plusSeconds(10));
            assertThat(client.get("/plan").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tenThousandCookieLessPageViews_makeNoSession_andThePersonsFormStillWorks() throws Exception {
        client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
        assertThat(client.cookies).containsKey(WebServer.SESSION_COOKIE);
        int before = app.web.server().sessionCount();

        // what an <img> loop on any website does: page views without a cookie, here pipelined on 16 connections at
        // once (own threads: the common pool has one thread on 2 cores, which would run them one after another and
        // keep a connection open past the server's per-connection time limits)
        int connections = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(connections);
        List<CompletableFuture<Integer>> floods = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                int count = 10_001 / connections + (c < 10_001 % connections ? 1 : 0);
                floods.add(CompletableFuture.supplyAsync(() -> pipelined(count), pool));
            }
            assertThat(floods.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(10_001);
        } finally {
            pool.shutdownNow();
        }

        assertThat(app.web.server().sessionCount()).isEqualTo(before);
        HttpResponse<String> r = client.post("/connect/samples", "csrf", client.csrf("/connect"), "on", "true");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(client.get("/connect").body()).contains("Using the bundled sample calendars.");
    }

    /** Sends {@code count} cookie-less GETs on one connection and counts the answers (all 303 to /plan). */
    private int pipelined(int count) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", app.port()), 5000);
            s.setSoTimeout(20_000);
            String one = "GET / HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\n\r\n";
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int i = 0; i < count; i++) {
                        out.write(one.getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            int answers = 0;
            String line;
            while (answers < count && (line = in.readLine()) != null) {
                // a body without a line end runs into the next status line
                for (int at = line.indexOf("HTTP/1.1 "); at >= 0; at = line.indexOf("HTTP/1.1 ", at + 1)) {
                    assertThat(line.substring(at)).startsWith("HTTP/1.1 303");
                    answers++;
                }
            }
            writing.join();
            return answers;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- 7. bad parameters

    @Test
    void badParameters_getA400WithAPlainMessage() throws Exception {
        for (String path : new String[] {"/plan?week=%2B999999999-12-31", "/plan?week=-999999999-01-01",
            "/plan?week=yesterday", "/plan?week=2026-13-45", "/plan?busy=0", "/plan?busy=lots",
            "/plan?week=2026-03-09&busy=99"}) {
            HttpResponse<String> r = client.get(path);

            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).as(path).get().asString().startsWith("text/plain");
            assertThat(r.body()).as(path).doesNotContain("Exception").doesNotContain("at dev.");
        }
        assertThat(client.get("/plan?week=2026-03-09").statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- headers and routing

    @Test
    void pages_carryStrictSecurityHeaders_andNoScriptOrInlineStyle() throws Exception {
        for (String path : new String[] {"/connect", "/settings", "/plan", "/history"}) {
            HttpResponse<String> r = client.get(path);

            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("script-src")
                    .doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(r.body()).as(path).doesNotContain("<script").doesNotContain(" style=").doesNotContainPattern(" on[a-z]+=");
        }
        assertThat(client.get("/nope").headers().firstValue("Content-Security-Policy")).isPresent();
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
        client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");

        try (var files = Files.walk(data.resolve("history"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("2026-03").doesNotContain("PROPOSED");
            }
        }
        assertThat(data.resolve("keyset.json")).exists();
    }
}
