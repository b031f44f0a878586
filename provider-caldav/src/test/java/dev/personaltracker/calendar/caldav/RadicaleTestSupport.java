package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Starts one real Radicale and a counting proxy in front of it for each test class that extends this. */
abstract class RadicaleTestSupport {

    static RadicaleServer radicale;
    static CountingProxy proxy;

    @BeforeAll
    static void startRadicale() throws Exception {
        radicale = RadicaleServer.start();
        proxy = new CountingProxy(radicale.root());
    }

    @AfterAll
    static void stopRadicale() {
        proxy.close();
        radicale.close();
    }

    /** @return quick retries for a local server */
    static RetryPolicy quickRetries() {
        return new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));
    }
}
