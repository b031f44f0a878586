package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session cap on a real Jetty: the least recently used session goes, one at a time, never everyone. */
class SessionLimitTest {

    private WebServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        server = WebServer.create("127.0.0.1", 0, false, Optional.empty(), 2);
        server.routes().get("/token", ctx -> ctx.result(WebServer.csrf(ctx)));
        server.routes().get("/flash", ctx -> ctx.result(BrowserSession.takeFlash(ctx).map(Flash::text).orElse("")));
        server.routes().post("/remember", ctx -> BrowserSession.redirect(ctx, "/flash", Flash.ok(ctx.formParam("what"))));
        server.routes().post("/renew", ctx -> BrowserSession.renewSession(ctx));
        server.routes().post("/end", ctx -> ctx.req().getSession().invalidate());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A browser: its cookies. */
    private final class Browser {
        final Map<String, String> cookies = new HashMap<>();

        String send(HttpRequest.Builder b) throws Exception {
            if (!cookies.isEmpty()) {
                b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("Set-Cookie")) {
                int eq = set.indexOf('=');
                cookies.put(set.substring(0, eq), set.substring(eq + 1, set.indexOf(';') < 0 ? set.length() : set.indexOf(';')));
            }
            return r.body();
        }

        String get(String path) throws Exception {
            return send(HttpRequest.newBuilder(url(path)));
        }

        void remember(String what) throws Exception {
            String token = get("/token");
            send(HttpRequest.newBuilder(url("/remember")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token + "&what=" + what)));
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    @Test
    void overTheCap_theLeastRecentlyUsedSessionEnds_andTheOthersKeepTheirState() throws Exception {
        Browser a = new Browser();
        Browser b = new Browser();
        Browser c = new Browser();
        a.remember("a1");
        Thread.sleep(5); // session access times are in milliseconds
        b.remember("b1");
        Thread.sleep(5);
        assertThat(a.get("/flash")).isEqualTo("a1"); // a is used again: b is now the least recently used
        a.remember("a2");
        Thread.sleep(5);

        c.remember("c1");

        assertThat(server.sessionCount()).isEqualTo(2);
        assertThat(a.get("/flash")).isEqualTo("a2");
        assertThat(c.get("/flash")).isEqualTo("c1");
        assertThat(b.get("/flash")).as("b's session was the one that ended").isEmpty();
    }

    @Test
    void aRenewedSession_isCountedUnderItsNewId_andLeavesNothingBehindWhenItEnds() throws Exception {
        Browser a = new Browser();
        a.remember("a1");
        String before = a.cookies.get(WebServer.SESSION_COOKIE);

        a.send(post("/renew", a));

        assertThat(a.cookies.get(WebServer.SESSION_COOKIE)).isNotEqualTo(before);
        assertThat(server.sessionCount()).isEqualTo(1);
        assertThat(a.get("/flash")).as("the session kept its state under the new id").isEqualTo("a1");
        a.send(post("/end", a));
        assertThat(server.sessionCount()).as("no entry left under the old id").isZero();
    }

    private HttpRequest.Builder post(String path, Browser browser) throws Exception {
        return HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + browser.get("/token")));
    }
}
