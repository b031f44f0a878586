package dev.personaltracker.calendar.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The tracker as a small local web app: Connect, Settings, Plan and History pages rendered on the server, on top of
 * {@link dev.personaltracker.calendar.StudyTracker}, the iCalendar provider (plus Google and Outlook when their
 * providers and OAuth clients are there) and the encrypted JSON stores.
 * <p>
 * Run it from the repository root and open http://localhost:5000:
 * <pre>
 * mvn -B -q -pl web-example -am package -DskipTests -Dwebapp
 * </pre>
 * Options ({@code -Dexec.args="..."}) and variables: {@code --port N} / {@code PORT} (default 5000),
 * {@code --host ADDR} / {@code HOST} (default 127.0.0.1), {@code --data DIR} / {@code TRACKER_DATA} (default
 * {@code ./tracker-web-data}), {@code --zone ZONE} (the zone until one is set on the Settings page), {@code --now
 * 2026-03-09T08:00:00+01:00} (shift the clock, to see the sample week). {@code GOOGLE_CLIENT_ID},
 * {@code GOOGLE_CLIENT_SECRET}, {@code MICROSOFT_CLIENT_ID}, {@code MICROSOFT_CLIENT_SECRET}, {@code SECRET_KEY} and
 * {@code PUBLIC_URL} come from the environment or a {@code .env} file in the working directory.
 */
public final class WebExample implements AutoCloseable {

    private final WebServer server;
    private final TrackerApp app;
    private final URI url;

    private WebExample(WebServer server, TrackerApp app, URI url) {
        this.server = server;
        this.app = app;
        this.url = url;
    }

    /**
     * Starts the app: binds the port, opens the stores, connects the calendars, serves the pages.
     *
     * @param config  the configuration, not null
     * @return the running app, not null
     * @throws UncheckedIOException if the port cannot be bound
     */
    static WebExample start(WebConfig config) {
        Objects.requireNonNull(config, "config");
        WebServer server = WebServer.create(config.host(), config.port(), config.secureCookies(), config.publicUrl());
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port()
                    + " (is another program using it? pick another port with --port or PORT)",
                    new IOException(e.getMessage(), e));
        }
        TrackerApp started = null;
        try {
            URI base = config.baseUrl(server.port());
            TrackerApp app = TrackerApp.open(config, base);
            started = app;
            new ConnectPage(app).register(server.routes());
            new SettingsPage(app).register(server.routes());
            new PlanPage(app).register(server.routes());
            new HistoryPage(app).register(server.routes());
            new CheckIns(app).register(server.routes());
            new PushEndpoint(app.reconciliation()).register(server.routes());
            return new WebExample(server, app, URI.create("http://" + hostForUrl(config.host()) + ":" + server.port()));
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            server.close();
            throw e;
        }
    }

    private static String hostForUrl(String host) {
        return host.equals("127.0.0.1") || host.equals("0.0.0.0") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
    }

    /** @return the address to open in a browser, not null */
    URI url() {
        return url;
    }

    /** @return the HTTP server, not null */
    WebServer server() {
        return server;
    }

    /** @return the app behind the pages, not null */
    TrackerApp app() {
        return app;
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
        app.close();
    }

    /**
     * Runs the app until the process is stopped.
     *
     * @param args  {@code --port N}, {@code --host ADDR}, {@code --data DIR}, {@code --zone ZONE}, {@code --now TIME},
     *              {@code --postgres JDBC-URL}
     */
    public static void main(String[] args) {
        Env env = Env.load(Path.of(".env"), System.getenv());
        WebConfig config;
        try {
            config = parse(args, env);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: WebExample [--port 5000] [--host 127.0.0.1] [--data DIR] [--zone Europe/Berlin]"
                    + " [--now 2026-03-09T08:00:00+01:00] [--postgres jdbc:postgresql://host:5432/db]");
            System.exit(2);
            return;
        }
        WebExample web = start(config);
        System.out.println("Personal Tracker web example: open " + web.url() + "  (data in "
                + config.dataDir().toAbsolutePath().normalize() + ", stores: " + web.app().stores().describe()
                + "; stop with Ctrl+C)");
        if (!config.host().startsWith("127.") && !config.host().equals("localhost") && !config.host().equals("::1")) {
            System.out.println("Warning: listening on " + config.host() + ": other machines can reach this app. "
                    + "Put it behind HTTPS and set PUBLIC_URL=https://...");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static WebConfig parse(String[] args, Env env) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown or incomplete argument '" + name + "'");
            }
            options.put(name.substring(2), args[++i]);
        }
        for (String name : options.keySet()) {
            if (!Map.of("port", 1, "host", 1, "data", 1, "zone", 1, "now", 1, "postgres", 1).containsKey(name)) {
                throw new IllegalArgumentException("Unknown argument '--" + name + "'");
            }
        }
        String portText = Optional.ofNullable(options.get("port")).or(() -> env.get("PORT")).orElse("5000");
        int port;
        try {
            port = Integer.parseInt(portText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port must be a number such as 5000, but was '" + portText + "'", e);
        }
        String host = Optional.ofNullable(options.get("host")).or(() -> env.get("HOST")).orElse("127.0.0.1");
        Path data = Path.of(Optional.ofNullable(options.get("data")).or(() -> env.get("TRACKER_DATA"))
                .orElse("tracker-web-data"));
        ZoneId zone = Optional.ofNullable(options.get("zone")).map(WebSettings::zone).orElse(ZoneId.systemDefault());
        Clock clock = Clock.systemUTC();
        if (options.containsKey("now")) {
            try {
                Instant now = OffsetDateTime.parse(options.get("now")).toInstant();
                clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--now must look like 2026-03-09T08:00:00+01:00, but was '"
                        + options.get("now") + "'", e);
            }
        }
        Env vars = options.containsKey("postgres") ? env.with(Stores.POSTGRES_URL, options.get("postgres")) : env;
        return new WebConfig(host, port, data, clock, vars, zone, Optional.empty(), "me", WebConfig.SOURCE_DEADLINE,
                WebConfig.BACKGROUND_EVERY);
    }
}
