package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/** Starts the web example for a test: a free port on 127.0.0.1, a temp data folder, a test clock, no timer. */
final class TestApp implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Monday of the sample week, 07:00 in Berlin: the week ahead is all future. */
    static final ZonedDateTime MONDAY_MORNING = ZonedDateTime.of(2026, 3, 9, 7, 0, 0, 0, ZONE);

    final MutableClock clock = new MutableClock(MONDAY_MORNING.toInstant());
    final WebExample web;
    final Path data;

    TestApp(Path data, Map<String, String> env, Optional<ProviderRegistry> providers) {
        this(data, env, providers, WebConfig.SOURCE_DEADLINE, Duration.ZERO);
    }

    TestApp(Path data, Map<String, String> env, Optional<ProviderRegistry> providers, Duration sourceDeadline,
            Duration backgroundEvery) {
        this.data = data;
        this.web = WebExample.start(new WebConfig("127.0.0.1", 0, data, clock, Env.of(env), ZONE, providers, "me",
                sourceDeadline, backgroundEvery));
    }

    static TestApp start(Path data) {
        return new TestApp(data, Map.of(), Optional.empty());
    }

    URI url(String path) {
        return web.url().resolve(path);
    }

    int port() {
        return web.url().getPort();
    }

    TrackerApp app() {
        return web.app();
    }

    @Override
    public void close() {
        web.close();
    }
}
