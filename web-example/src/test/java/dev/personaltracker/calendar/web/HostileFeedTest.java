package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds from a server that lies at the HTTP level, served byte for byte from a raw socket: endless or countless
 * headers, an endless chunked body, a gzip bomb sent although nobody asked for gzip, redirects without a target, in a
 * loop or to other schemes. Each ends as a {@link SourceException} in plain words, quickly, and never with the bytes.
 */
class HostileFeedTest {

    private static final String CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";

    @TempDir
    Path dir;
    private ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** What each path answers: writes the whole response (the connection is closed afterwards). */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> requests = new ConcurrentHashMap<>();

    @FunctionalInterface
    private interface Answer {
        void write(OutputStream out) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    threads.submit(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            String request = head.toString(StandardCharsets.ISO_8859_1);
            String path = request.substring(request.indexOf(' ') + 1, request.indexOf(' ', request.indexOf(' ') + 1));
            requests.put(path, request);
            OutputStream out = s.getOutputStream();
            answers.getOrDefault(path, o -> o.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")))
                    .write(out);
            out.flush();
        } catch (IOException gone) {
            // the fetcher hung up: expected for the endless answers
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private byte[] fetch(String path) {
        try (SourceFetcher fetcher = new SourceFetcher(Duration.ofSeconds(20), SourceGuard.MAX_BYTES)) {
            // the test server is on this machine: the person allowed the local network
            return fetcher.fetch(url(path), new SourceGuard(List.of(dir), true), b -> { });
        }
    }

    @Test
    void aHeaderLineWithoutEnd_orCountlessHeaders_areRefused_beforeTheyFillTheMemory() {
        answers.put("/long-line.ics", out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nX-Filler: "));
            byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 16; i++) {   // 1 MiB of one header line
                out.write(chunk);
            }
            out.write(ascii("\r\nContent-Length: " + CALENDAR.length() + "\r\n\r\n" + CALENDAR));
        });
        answers.put("/many.ics", out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\n"));
            for (int i = 0; i < 20_000; i++) {
                out.write(ascii("X-H" + i + ": v\r\n"));
            }
            out.write(ascii("Content-Length: " + CALENDAR.length() + "\r\n\r\n" + CALENDAR));
        });

        for (String path : List.of("/long-line.ics", "/many.ics")) {
            assertThatThrownBy(() -> fetch(path)).as(path).isInstanceOf(SourceException.class)
                    .hasMessageContaining("127.0.0.1 answered with a header line longer than 16 KB or more than 200 headers")
                    .hasMessageNotContaining("aaaa").hasMessageNotContaining("X-H");
        }
    }

    @Test
    void anEndlessChunkedBody_endsAtTheSizeLimit() {
        answers.put("/endless.ics", out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
            byte[] chunk = ascii(Integer.toHexString(8192) + "\r\n" + "B".repeat(8192) + "\r\n");
            while (true) {
                out.write(chunk);
            }
        });

        assertThatThrownBy(() -> fetch("/endless.ics")).isInstanceOf(SourceException.class)
                .hasMessage("The server 127.0.0.1 is larger than 5 MB.");
    }

    @Test
    void aGzipBomb_isNeitherAskedForNorDecoded_soTheLimitHoldsForEveryByteKept() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {   // 200 MiB of zeros, about 200 KiB packed
                gz.write(zeros);
            }
        }
        byte[] bomb = packed.toByteArray();
        answers.put("/bomb.ics", out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + bomb.length + "\r\n\r\n"));
            out.write(bomb);
        });

        byte[] kept = fetch("/bomb.ics");

        assertThat(kept).hasSize(bomb.length);
        assertThat(requests.get("/bomb.ics")).doesNotContainIgnoringCase("Accept-Encoding");
    }

    @Test
    void redirects_withoutTarget_inALoop_orToOtherSchemes_areRefusedInPlainWords() {
        answers.put("/no-location.ics", out -> out.write(ascii("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n")));
        answers.put("/loop.ics", out -> out.write(ascii("HTTP/1.1 301 Moved\r\nLocation: /loop.ics\r\n"
                + "Content-Length: 0\r\n\r\n")));
        for (String target : List.of("file:///etc/passwd", "jar:file:/tmp/x.jar!/a.ics", "ftp://127.0.0.1/a.ics",
                "FILE:/etc/hostname")) {
            answers.put("/to-" + target.hashCode() + ".ics", out -> out.write(ascii("HTTP/1.1 307 Temporary\r\n"
                    + "Location: " + target + "\r\nContent-Length: 0\r\n\r\n")));
        }
        answers.put("/ok.ics", out -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: " + CALENDAR.length()
                + "\r\n\r\n" + CALENDAR)));

        assertThatThrownBy(() -> fetch("/no-location.ics")).isInstanceOf(SourceException.class)
                .hasMessage("The server 127.0.0.1 answered HTTP 302 instead of the calendar.");
        assertThatThrownBy(() -> fetch("/loop.ics")).isInstanceOf(SourceException.class)
                .hasMessage("The server 127.0.0.1 redirected more than 5 times.");
        for (String target : List.of("file:///etc/passwd", "jar:file:/tmp/x.jar!/a.ics", "ftp://127.0.0.1/a.ics",
                "FILE:/etc/hostname")) {
            assertThatThrownBy(() -> fetch("/to-" + target.hashCode() + ".ics")).as(target)
                    .isInstanceOf(SourceException.class).hasMessageContaining("is not an http or https address")
                    .hasMessageNotContaining("root:");
        }
        assertThat(new String(fetch("/ok.ics"), StandardCharsets.UTF_8)).isEqualTo(CALENDAR);
    }

    @Test
    void throughTheConnectPage_eachHostileFeedIsAPlainRefusal_andTheAppKeepsServingOthers() throws Exception {
        answers.put("/long-line.ics", out -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nX-Filler: "));
            while (true) {   // a header line without end
                out.write("a".repeat(8192).getBytes(StandardCharsets.US_ASCII));
            }
        });
        answers.put("/loop.ics", out -> out.write(ascii("HTTP/1.1 302 Found\r\nLocation: /loop.ics\r\n"
                + "Content-Length: 0\r\n\r\n")));
        try (TestApp app = TestApp.start(dir.resolve("app"))) {
            Browserless person = new Browserless(app);
            person.post("/connect/rules", "csrf", person.csrf("/connect"), "folders", dir.toString(), "local-network", "on");
            Browserless other = new Browserless(app);
            for (String[] feed : new String[][] {{"/long-line.ics", "header line longer than 16 KB"},
                {"/loop.ics", "redirected more than 5 times"}}) {
                HttpResponse<String> r = person.connectIcs("feed", url(feed[0]));

                assertThat(r.statusCode()).as(feed[0]).isEqualTo(400);
                assertThat(r.body()).as(feed[0]).contains(feed[1]).doesNotContain("aaaa").doesNotContain("Exception");
                assertThat(other.get("/plan?week=2026-03-09").statusCode()).as(feed[0]).isEqualTo(200);
            }
            assertThat(app.app().settings().sources()).isEmpty();
        }
    }
}
