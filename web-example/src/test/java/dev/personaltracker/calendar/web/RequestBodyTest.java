package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies at the HTTP edge, over raw sockets, on every route that takes a POST: empty, cut off by the client,
 * chunked and too large, broken form encoding, another charset, keep-alive, pipelining, {@code Expect: 100-continue},
 * HTTP/1.0. Each gets an answer a client can act on (a 4xx with plain words, never a 500), changes nothing when it is
 * refused, and leaves no error line or stack trace in the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBodyTest {

    /** Every route that takes a form. */
    private static final List<String> FORM_ROUTES = List.of("/plan/propose", "/plan/approve", "/connect/caldav",
            "/connect/oauth", "/connect/disconnect", "/connect/ics", "/connect/ics/remove", "/connect/samples",
            "/connect/write", "/connect/rules", "/checkin", "/settings", "/settings/subjects");
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

    @TempDir
    static Path data;
    TestApp app;
    Browserless client;
    String token;

    @BeforeAll
    void start() {
        app = TestApp.start(data);
    }

    @BeforeEach
    void newBrowser() throws Exception {
        client = new Browserless(app);
        token = client.csrf("/connect");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /** The head of a request of this browser, without the blank line. */
    private String head(String method, String path, String headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\nCookie: "
                + WebServer.BROWSER_COOKIE + "=" + client.cookies.get(WebServer.BROWSER_COOKIE) + "\r\n" + headers;
    }

    private String post(String path, String headers, String body) throws IOException {
        return RawHttp.exchange(app.port(), head("POST", path, headers + "Content-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\nConnection: close\r\n\r\n") + body);
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    @Test
    void anEmptyBody_orNone_getsA4xx_onEveryPostRoute() throws Exception {
        for (String path : FORM_ROUTES) {
            for (String headers : new String[] {FORM + "Content-Length: 0\r\n", FORM, "Content-Length: 0\r\n", ""}) {
                String answer = RawHttp.exchange(app.port(), head("POST", path, headers + "Connection: close\r\n\r\n"));

                assertThat(RawHttp.status(answer)).as(path + " " + headers).isIn(403, 415);
            }
        }
        // on localhost there is no push endpoint (no public https address): an empty notification finds nothing
        assertThat(RawHttp.status(post(PushEndpoint.PATH, "", ""))).isEqualTo(404);
    }

    /** A client that declares more than it sends and half-closes: 400 (was a bare 500 from Javalin's abort handling). */
    @Test
    void aBodyCutOffByItsClient_getsA400_onEveryPostRoute() throws Exception {
        String body = Browserless.form("csrf", token, "on", "false");
        for (String path : FORM_ROUTES) {
            for (String request : new String[] {head("POST", path, FORM + "Content-Length: " + (body.length() + 40)
                    + "\r\n\r\n") + body, head("POST", path, FORM + "Transfer-Encoding: chunked\r\n\r\n")
                    + Integer.toHexString(body.length() + 40) + "\r\n" + body}) {
                String answer = halfClosed(request);

                assertThat(RawHttp.status(answer)).as(path).isEqualTo(400);
                assertThat(answer).as(path).contains("ended before all of it arrived").doesNotContain("Exception");
            }
        }
        assertThat(app.app().settings().samples()).isTrue();
    }

    /** A chunked body has no declared length for Javalin to refuse: it was read whole, however large, and taken. */
    @Test
    void aChunkedFormOver64KiB_getsA413_andChangesNothing_asOneWithADeclaredLength() throws Exception {
        String body = Browserless.form("csrf", token, "on", "false", "pad", "x".repeat(70_000));

        String chunked = RawHttp.exchange(app.port(), head("POST", "/connect/samples", FORM
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") + chunked(body));
        String declared = post("/connect/samples", FORM, body);

        assertThat(RawHttp.status(chunked)).isEqualTo(413);
        assertThat(RawHttp.status(declared)).isEqualTo(413);
        assertThat(chunked).endsWith("Form too large");
        assertThat(app.app().settings().samples()).isTrue();
        // just under the limit is taken
        String fits = Browserless.form("csrf", token, "on", "true", "pad", "x".repeat(60_000));
        assertThat(RawHttp.status(RawHttp.exchange(app.port(), head("POST", "/connect/samples", FORM
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") + chunked(fits)))).isEqualTo(303);
    }

    /**
     * A form that is not well-formed: Javalin dropped a field with a broken escape (the page then used its default:
     * this week instead of the week asked for) and stored bytes that are not UTF-8 as replacement characters.
     */
    @Test
    void aBrokenForm_getsA400_onEveryFormRoute_andChangesNothing() throws Exception {
        String valid = Browserless.form("csrf", token, "on", "false", "week", "2026-03-16");
        for (String path : FORM_ROUTES) {
            for (String broken : new String[] {valid + "&week=%ZZ", valid + "&x=%4", valid + "&x=%", "%E9" + "&" + valid,
                valid + "&note=%C3%28", valid + "&note=%ED%A0%80", valid + "&note=\u00ff\u00fe"}) {
                String answer = post(path, FORM, broken);

                assertThat(RawHttp.status(answer)).as(path + " " + broken).isEqualTo(400);
                assertThat(answer).as(path).contains("the form is broken");
            }
        }
        assertThat(app.app().settings().samples()).isTrue();
        String wellFormed = Browserless.form("csrf", token, "on", "true") + "&note=%C3%A9t%C3%A9+%F0%9F%93%9A";
        assertThat(RawHttp.status(post("/connect/samples", FORM, wellFormed)))
                .as("escaped UTF-8, also outside the BMP, and + for a space").isEqualTo(303);
    }

    /**
     * A charset Javalin cannot use made its query, form and body reads throw (500, on any page with a parameter); a real
     * one other than UTF-8 decoded the form as something else.
     */
    @Test
    void aFormInAnotherCharset_getsA415_andAnUnknownOrMalformedCharset_a400_onEveryRoute() throws Exception {
        String body = Browserless.form("csrf", token, "on", "false");
        for (String type : new String[] {"charset=utf-16", "charset=iso-8859-1", "charset=nope", "charset=\"@@\"",
            "charset", "charset=", "charset=\"utf-8\""}) {
            int status = type.contains("utf-16") || type.contains("8859") ? 415 : 400;
            for (String path : FORM_ROUTES) {
                String answer = post(path, "Content-Type: application/x-www-form-urlencoded; " + type + "\r\n", body);

                assertThat(RawHttp.status(answer)).as(path + " " + type).isEqualTo(status);
                assertThat(answer).as(type).contains(status == 415 ? "UTF-8 only" : "charset");
            }
            String page = RawHttp.exchange(app.port(), head("GET", "/plan?week=2026-03-09", "Content-Type: text/plain; "
                    + type + "\r\nConnection: close\r\n\r\n"));
            assertThat(RawHttp.status(page)).as("a page with a parameter, " + type).isIn(200, 400);
        }
        assertThat(app.app().settings().samples()).isTrue();
        assertThat(RawHttp.status(post("/connect/samples", "Content-Type: application/x-www-form-urlencoded; "
                + "Charset=UTF-8\r\n", Browserless.form("csrf", token, "on", "true")))).isEqualTo(303);
    }

    @Test
    void keepAlive_pipelining_chunked_100Continue_andHttp10_areTakenAsAnyOtherForm() throws Exception {
        String body = Browserless.form("csrf", token, "week", "2026-03-09");
        String plain = head("POST", "/plan/propose", FORM + "Content-Length: " + body.length() + "\r\n\r\n") + body;
        String inChunks = head("POST", "/plan/propose", FORM + "Transfer-Encoding: chunked\r\n\r\n")
                + "5\r\n" + body.substring(0, 5) + "\r\n" + chunked(body.substring(5));
        String last = "GET / HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\nConnection: close\r\n\r\n";

        String pipelined = RawHttp.exchange(app.port(), plain + inChunks + plain + last);
        String http10 = RawHttp.exchange(app.port(), head("POST", "/plan/propose", FORM).replace("HTTP/1.1", "HTTP/1.0")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        String continued;
        try (Socket s = socket()) {
            send(s, head("POST", "/plan/propose", FORM + "Expect: 100-continue\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n"));
            byte[] interim = new byte[25];
            assertThat(s.getInputStream().readNBytes(interim, 0, interim.length)).isEqualTo(interim.length);
            assertThat(new String(interim, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 100 Continue");
            send(s, body);
            continued = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(pipelined.split("HTTP/1.1 303", -1)).as(pipelined).hasSize(5);
        assertThat(RawHttp.status(http10)).isEqualTo(303);
        assertThat(continued).contains("HTTP/1.1 303");
    }

    /**
     * None of these is the server's fault: no ERROR line and no stack trace (the log is where a person looks for real
     * failures), and the pages are served meanwhile.
     */
    @Test
    void cutOffOversizedBrokenAndForeignCharsetBodies_leaveNoErrorLineNorStackTrace() throws Exception {
        String body = Browserless.form("csrf", token, "on", "false");
        String log;
        try (ErrLog err = new ErrLog()) {
            halfClosed(head("POST", "/connect/samples", FORM + "Content-Length: 500\r\n\r\n") + body);
            RawHttp.exchange(app.port(), head("POST", "/connect/samples", FORM
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") + chunked(body + "&pad=" + "x".repeat(70_000)));
            RawHttp.exchange(app.port(), head("POST", "/connect/samples", FORM
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") + "zz\r\nnot a chunk\r\n0\r\n\r\n");
            post("/connect/samples", FORM, body + "&x=%G1");
            post("/connect/samples", "Content-Type: application/x-www-form-urlencoded; charset=nope\r\n", body);
            post("/connect/samples", "Content-Type: application/x-www-form-urlencoded; charset\r\n", body);
            assertThat(client.get("/plan").statusCode()).isEqualTo(200);
            log = err.text();
        }

        assertThat(log).doesNotContain("ERROR").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(app.app().settings().samples()).isTrue();
    }

    /**
     * A body that stops arriving is cut off at its deadline (here a server with a grace of 0.5 s): its connection closes
     * with no error line or stack trace in the log, and other clients are served meanwhile.
     */
    @Test
    void aBodyCutOffByItsDeadline_leavesNoErrorLineNorStackTrace_andOthersAreServedMeanwhile() throws Exception {
        WebServer server = WebServer.create("127.0.0.1", 0, false, java.util.Optional.empty(), 10,
                java.time.Duration.ofMillis(500));
        server.routes().post(PushEndpoint.PATH, ctx -> ctx.result("read " + RequestBody.read(ctx).length));
        server.routes().get("/ok", ctx -> ctx.result("ok"));
        server.start();
        String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
        try (ErrLog err = new ErrLog(); Socket stalled = RawHttp.open(server.port())) {
            send(stalled, "POST " + PushEndpoint.PATH + " HTTP/1.1\r\n" + host + "Content-Length: 100\r\n\r\n{\"a\":");
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                String other = RawHttp.exchange(server.port(), "GET /ok HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
                assertThat(other).as("served meanwhile").startsWith("HTTP/1.1 200").endsWith("ok");
            }

            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer).as("closed, nobody to answer").doesNotContain("HTTP/1.1 5");
            assertThat(took).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(500)).isLessThan(java.time.Duration.ofSeconds(8));
            String whole = RawHttp.exchange(server.port(), "POST " + PushEndpoint.PATH + " HTTP/1.1\r\n" + host
                    + "Content-Length: 5\r\nConnection: close\r\n\r\n{\"a\"}");
            assertThat(whole).endsWith("read 5");
            assertThat(err.text()).doesNotContain("ERROR").doesNotContain("\tat ").doesNotContain("Exception");
        } finally {
            server.close();
        }
    }

    /** Sends a request, half-closes (the client sends no more), and reads the answer. */
    private String halfClosed(String request) throws IOException {
        try (Socket s = socket()) {
            send(s, request);
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private Socket socket() throws IOException {
        return RawHttp.open(app.port());
    }

    private static void send(Socket s, String text) throws IOException {
        RawHttp.send(s, text);
    }

    /**
     * What is written to {@code System.err} meanwhile (slf4j-simple's output, which looks the stream up on every line),
     * still passed on to the real one.
     */
    static final class ErrLog implements AutoCloseable {

        private final PrintStream original = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        ErrLog() {
            System.setErr(new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    original.write(b);
                    synchronized (captured) {
                        captured.write(b);
                    }
                }
            }, true, StandardCharsets.UTF_8));
        }

        String text() {
            synchronized (captured) {
                return captured.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            System.setErr(original);
        }
    }
}
