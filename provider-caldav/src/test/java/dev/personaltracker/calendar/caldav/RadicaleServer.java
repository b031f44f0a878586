package dev.personaltracker.calendar.caldav;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Radicale CalDAV server (Debian package {@code radicale}) started for a test class: a free localhost port,
 * a throwaway folder, one htpasswd user. Fails, never skips, when Radicale is not installed ({@code .ci/run}
 * installs it). Also acts as "another client": raw WebDAV requests straight to the server.
 */
final class RadicaleServer implements AutoCloseable {

    static final String USER = "student@example.com";
    static final String PASSWORD = "app-pw-" + UUID.randomUUID();

    private final Process process;
    private final Path dir;
    private final int port;

    private RadicaleServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static RadicaleServer start() throws IOException, InterruptedException {
        String executable = findRadicale().orElseThrow(() -> new IllegalStateException(
                "Radicale is not installed: the CalDAV tests need a real server. Install the Debian package"
                        + " (apt-get install radicale), as .ci/run does"));
        Path dir = Files.createTempDirectory("radicale-test");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("users"), USER + ":" + PASSWORD + "\n");
        Files.writeString(dir.resolve("config"), """
                [server]
                hosts = 127.0.0.1:%d
                [auth]
                type = htpasswd
                htpasswd_filename = %s
                htpasswd_encryption = plain
                delay = 0
                [rights]
                type = owner_only
                [storage]
                filesystem_folder = %s
                [web]
                type = none
                [logging]
                level = warning
                """.formatted(port, dir.resolve("users"), dir.resolve("collections")));
        Process process = new ProcessBuilder(executable, "--config", dir.resolve("config").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("radicale.log").toFile())
                .start();
        RadicaleServer server = new RadicaleServer(process, dir, port);
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Radicale exited: " + Files.readString(dir.resolve("radicale.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IllegalStateException("Radicale did not listen on port " + port + " within 30 s");
    }

    private static Optional<String> findRadicale() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "radicale");
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /** @return the server's root, {@code http://127.0.0.1:port/} */
    URI root() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    /** @return the path of a calendar of the test user */
    static String calendarPath(String name) {
        return "/" + USER + "/" + name + "/";
    }

    /** Creates a calendar collection (as another client would). */
    String mkcalendar(String name, String displayName) throws IOException, InterruptedException {
        String path = calendarPath(name);
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:a="http://apple.com/ns/ical/">
                  <d:set><d:prop><d:displayname>%s</d:displayname><a:calendar-color>#3366FFFF</a:calendar-color>
                  <c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>
                  </d:prop></d:set>
                </c:mkcalendar>
                """.formatted(displayName);
        HttpResponse<String> r = send("MKCALENDAR", path, body, "application/xml");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("MKCALENDAR " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return path;
    }

    /** Puts an event resource (as another client would). */
    HttpResponse<String> put(String path, String ics) throws IOException, InterruptedException {
        HttpResponse<String> r = send("PUT", path, ics, "text/calendar; charset=utf-8");
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    HttpResponse<String> send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(root().resolve(path.replace("@", "%40")))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (method.equals("PROPFIND") || method.equals("REPORT")) {
            b.header("Depth", "1");
        }
        // a fresh client each time: Radicale closes idle connections, and a pooled one would fail a PUT
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return how many event resources a calendar holds */
    int count(String calendarPath) throws IOException, InterruptedException {
        HttpResponse<String> r = send("PROPFIND", calendarPath, """
                <?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>
                """, "application/xml");
        int responses = r.body().split("<[A-Za-z0-9]*:?response>", -1).length - 1;
        return responses - 1; // the collection itself
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
