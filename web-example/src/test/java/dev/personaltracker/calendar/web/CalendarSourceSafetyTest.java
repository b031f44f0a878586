package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding and reading calendars as a hostile website would drive the Connect page: no source's content in any
 * message, only regular files in the chosen folders, only http(s) feeds off the local network unless allowed, reading
 * off the request thread within a deadline and a size, and one broken calendar flagged while the others still count.
 */
class CalendarSourceSafetyTest {

    private static final String SECRET = "TOP-SECRET-LINE-4711";

    @TempDir
    Path data;
    private HttpServer service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.stop(0);
        }
    }

    private void allowLocalNetwork(Browserless client, String folders) throws Exception {
        client.post("/connect/rules", "csrf", client.csrf("/connect"), "folders", folders, "local-network", "on");
    }

    private int serve(String path, com.sun.net.httpserver.HttpHandler handler) throws Exception {
        if (service == null) {
            service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            service.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            service.start();
        }
        service.createContext(path, handler);
        return service.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Test
    void aFileOutsideTheChosenFolders_isRefused_withoutReadingIt() throws Exception {
        Path outside = Files.createTempFile("outside", ".txt");
        try (TestApp app = TestApp.start(data.resolve("app"))) {
            Files.writeString(outside, SECRET + "\n");
            Browserless client = new Browserless(app);

            for (String location : new String[] {outside.toString(), outside.toUri().toString(), "/etc/passwd",
                "file:///etc/hostname", "../../etc/passwd"}) {
                HttpResponse<String> r = client.connectIcs("x", location);

                assertThat(r.statusCode()).as(location).isEqualTo(400);
                assertThat(r.body()).as(location).doesNotContain(SECRET).doesNotContain("root:")
                        .containsAnyOf("is not in a folder calendars may be read from", "is not a full path");
            }
            assertThat(app.app().settings().sources()).isEmpty();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aPathOutsideTheFolders_getsTheSameAnswerWhetherOrNotSomethingIsThere_inEveryForm() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("secret.ics"), SECRET + "\n");
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            String encodedUp = dir.toUri() + dir.relativize(outside.resolve("secret.ics")).toString().replace("..", "%2e%2E");
            for (String location : new String[] {outside.resolve("secret.ics").toString(),
                outside.resolve("missing.ics").toString(), "/no/such/folder/x.ics", outside.toString(),
                dir + "/../" + outside.getFileName() + "/secret.ics", dir + "/../" + outside.getFileName() + "/missing.ics",
                "file:" + outside.resolve("secret.ics"), "file:" + outside.resolve("missing.ics"), encodedUp,
                "/proc/self/environ", "/proc/self/no-such-file", "/dev/stdin", "/dev/no-such-device"}) {
                HttpResponse<String> r = client.connectIcs("x", location);

                assertThat(r.statusCode()).as(location).isEqualTo(400);
                assertThat(r.body()).as(location).contains("is not in a folder calendars may be read from")
                        .doesNotContain("There is no file").doesNotContain(SECRET);
            }
            assertThat(app.app().settings().sources()).isEmpty();
        }
    }

    @Test
    void aLinkInsideAFolder_thatLeadsOutOfTheFolders_isRefused_andNothingIsRead() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("cal.ics"), ConnectPageTest.event(SECRET));
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("link.ics"), outside.resolve("cal.ics"));
        Files.createSymbolicLink(dir.resolve("linked-folder"), outside);
        Files.createSymbolicLink(dir.resolve("stdin.ics"), Path.of("/dev/stdin"));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            for (String location : new String[] {dir.resolve("link.ics").toString(),
                dir.resolve("linked-folder/cal.ics").toString(), dir.resolve("link.ics").toUri().toString()}) {
                HttpResponse<String> r = client.connectIcs("x", location);

                assertThat(r.statusCode()).as(location).isEqualTo(400);
                assertThat(r.body()).as(location).contains("is a link to a place outside the folders")
                        .doesNotContain(SECRET);
            }
            assertThat(client.connectIcs("x", dir.resolve("stdin.ics").toString()).statusCode()).isEqualTo(400);
            // '..' after a linked folder is taken by name: it stays in the folder instead of climbing out of the link
            Files.writeString(outside.getParent().resolve("beside.ics"), ConnectPageTest.event(SECRET));
            try {
                assertThat(client.connectIcs("x", dir + "/linked-folder/../beside.ics").body())
                        .contains("There is no file").doesNotContain(SECRET);
            } finally {
                Files.deleteIfExists(outside.getParent().resolve("beside.ics"));
            }
            assertThat(app.app().settings().sources()).isEmpty();
            assertThat(client.get("/plan?week=2026-03-09").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFileOfExactlyTheLimit_isRead_andOneByteMore_isRefused() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path exact = dir.resolve("exact.ics");
        Files.write(exact, padded(ConnectPageTest.event("Padded lecture"), (int) SourceGuard.MAX_BYTES));
        Path over = dir.resolve("over.ics");
        Files.write(over, padded(ConnectPageTest.event("Padded lecture"), (int) SourceGuard.MAX_BYTES + 1));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);

            assertThat(client.connectIcs("over", over.toString()).body()).contains("is larger than 5 MB");
            assertThat(client.connectIcs("exact", exact.toString()).statusCode()).isEqualTo(303);
            assertThat(app.app().settings().sources()).containsOnlyKeys("exact");
        }
    }

    /** A calendar grown to exactly {@code size} bytes by X- property lines before its end. */
    private static byte[] padded(String calendar, int size) {
        String end = "END:VCALENDAR\r\n";
        String head = calendar.substring(0, calendar.length() - end.length());
        int room = size - head.length() - end.length();
        int full = (room - 8) / 70;   // lines of 70 bytes, then one of 8 to 77
        StringBuilder b = new StringBuilder(size).append(head);
        String line = "X-PAD:" + "x".repeat(62) + "\r\n";
        for (int i = 0; i < full; i++) {
            b.append(line);
        }
        b.append("X-PAD:").append("x".repeat(room - full * 70 - 8)).append("\r\n").append(end);
        byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    @Test
    void aFileThatIsNoCalendar_isRefused_andItsContentIsNeverShown() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, SECRET + "\nmore\n");
        Path broken = dir.resolve("broken.ics");
        Files.writeString(broken, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:" + SECRET + "\r\nEND:VEVENT\r\n");
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            for (String location : new String[] {notes.toString(), notes.toUri().toString(), broken.toString()}) {
                HttpResponse<String> r = client.connectIcs("notes", location);

                assertThat(r.statusCode()).as(location).isEqualTo(400);
                assertThat(r.body()).as(location).contains("is not an iCalendar file this app can read")
                        .doesNotContain(SECRET).doesNotContain("Expected");
            }
        }
    }

    @Test
    void devicesPipesAndHugeFiles_areRefusedAtOnce_andTheAppKeepsServing() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path fifo = dir.resolve("pipe.ics");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path huge = dir.resolve("huge.ics");
        try (var out = Files.newOutputStream(huge)) {
            out.write("BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[(int) SourceGuard.MAX_BYTES]);
        }
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            allowLocalNetwork(client, dir + "\n/dev");

            assertThat(client.connectIcs("zero", "/dev/zero").body()).contains("is not a regular file");
            assertThat(client.connectIcs("pipe", fifo.toString()).body()).contains("is not a regular file");
            assertThat(client.connectIcs("huge", huge.toString()).body()).contains("is larger than 5 MB");
            assertThat(client.get("/plan?week=2026-03-09").body()).contains("Statistics lecture");
        }
    }

    @Test
    void aFeedOnThisMachine_isRefused_unlessThePersonAllowsIt_andItsAnswerIsNeverShown() throws Exception {
        int port = serve("/internal", x -> answer(x, 200, SECRET + "\n"));
        serve("/missing", x -> answer(x, 404, SECRET));
        serve("/to-file", x -> {
            x.getResponseHeaders().add("Location", "file:///etc/passwd");
            answer(x, 302, "");
        });
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            for (String host : new String[] {"127.0.0.1", "localhost", "[::ffff:127.0.0.1]"}) {
                HttpResponse<String> r = client.connectIcs("internal", "http://" + host + ":" + port + "/internal");

                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).as(host).contains("is on this machine or the local network").doesNotContain(SECRET);
            }
            assertThat(client.connectIcs("ftp", "ftp://example.org/cal.ics").body()).contains("only files and http, https or webcal");

            allowLocalNetwork(client, data.toString());
            assertThat(client.connectIcs("internal", "http://127.0.0.1:" + port + "/internal").body())
                    .contains("is not an iCalendar file this app can read").doesNotContain(SECRET);
            assertThat(client.connectIcs("missing", "http://127.0.0.1:" + port + "/missing").body())
                    .contains("answered HTTP 404").doesNotContain(SECRET);
            assertThat(client.connectIcs("redirect", "http://127.0.0.1:" + port + "/to-file").body())
                    .contains("is not an http or https address").doesNotContain("root:");
            assertThat(app.app().settings().sources()).isEmpty();
        }
    }

    @Test
    void aFeedSendingAByteASecond_doesNotStallOtherPages_andEndsAtTheDeadline() throws Exception {
        AtomicBoolean dripping = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        int port = serve("/slow.ics", x -> {
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            dripping.set(true);
            started.countDown();
            try {
                for (int i = 0; i < 60; i++) {
                    out.write('B');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (InterruptedException | java.io.IOException e) {
                // the app gave up: fine
            } finally {
                dripping.set(false);
                x.close();
            }
        });
        try (TestApp app = new TestApp(data, Map.of(), Optional.empty(), Duration.ofSeconds(4), Duration.ZERO)) {
            Browserless client = new Browserless(app);
            allowLocalNetwork(client, data.toString());
            String token = client.csrf("/connect");
            CompletableFuture<HttpResponse<String>> adding = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.post("/connect/ics", "csrf", token, "name", "slow", "location",
                            "http://127.0.0.1:" + port + "/slow.ics", "owner", "");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            Browserless other = new Browserless(app);
            for (String page : List.of("/plan?week=2026-03-09", "/settings", "/connect", "/history")) {
                assertThat(other.get(page).statusCode()).as(page).isEqualTo(200);
            }
            assertThat(dripping.get()).as("the other pages answered while the feed was still being read").isTrue();

            HttpResponse<String> added = adding.get(30, TimeUnit.SECONDS);
            assertThat(added.statusCode()).isEqualTo(400);
            assertThat(added.body()).contains("did not finish within 4 seconds");
            assertThat(other.get("/plan").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anErrorWhileReading_evenOutOfMemory_endsAsAPlainRefusal_andTheFetcherKeepsWorking() throws Exception {
        Path file = Files.writeString(data.resolve("cal.ics"), ConnectPageTest.event("x"));
        SourceGuard guard = new SourceGuard(List.of(data.toRealPath()), false);
        try (SourceFetcher fetcher = new SourceFetcher(Duration.ofSeconds(5), SourceGuard.MAX_BYTES)) {
            String target = file.toString();

            assertThatThrownBy(() -> fetcher.fetch(target, guard, bytes -> {
                throw new OutOfMemoryError("Java heap space");
            })).isInstanceOf(SourceException.class).hasMessageContaining("too large or too complex");
            assertThatThrownBy(() -> fetcher.fetch(target, guard, bytes -> {
                throw new IllegalStateException("Expected [BEGIN], read [" + SECRET + "]");
            })).isInstanceOf(SourceException.class).hasMessageNotContaining(SECRET);
            assertThat(fetcher.fetch(target, guard, bytes -> { })).isNotEmpty();
        }
    }

    @Test
    void aCalendarThatBreaksLater_isFlaggedOnConnect_andTheWeekStillShowsItsLastCopyAndTheOthers() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path uni = dir.resolve("uni.ics");
        Files.writeString(uni, ConnectPageTest.event("Linear algebra tutorial"));
        try (TestApp app = TestApp.start(dir)) {
            Browserless client = new Browserless(app);
            assertThat(client.connectIcs("uni", uni.toString()).statusCode()).isEqualTo(303);

            Files.writeString(uni, SECRET);
            app.app().refreshSources();

            String connect = client.get("/connect").body();
            assertThat(connect).contains("class=\"broken\"").contains("Cannot be read:")
                    .contains("Showing the copy read").doesNotContain(SECRET);
            String plan = client.get("/plan?week=2026-03-09").body();
            assertThat(plan).contains("Linear algebra tutorial").contains("Statistics lecture")
                    .contains("Calendar “uni” cannot be read");

            Files.delete(uni);
            Files.writeString(uni, ConnectPageTest.event("Moved tutorial"));
            app.app().refreshSources();
            assertThat(client.get("/plan?week=2026-03-09").body()).contains("Moved tutorial")
                    .doesNotContain("cannot be read");
        }
    }
}
