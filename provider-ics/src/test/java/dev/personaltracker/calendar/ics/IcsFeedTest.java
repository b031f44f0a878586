package dev.personaltracker.calendar.ics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds over http(s), against WireMock on localhost. */
class IcsFeedTest {

    /** A Google "secret address in iCal format": the key in the path must never reach a message. */
    private static final String FEED_PATH = "/calendar/ical/me%40example.com/private-5ecre7k3y/basic.ics";
    private static final Interval WEEK = window("2026-10-26T00:00:00Z", "2026-11-30T00:00:00Z");
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ZERO, Duration.ofMillis(20), Duration.ofSeconds(10));

    private static WireMockServer server;
    private static String body;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        body = Files.readString(IcsFixtures.fixture("google-work.ics"));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private CalendarConnection feed(String url) {
        return new IcsCalendarProvider().connect(IcsFixtures.settings("source.work", url, "zone", "America/New_York")
                .retryPolicy(FAST).build(), Credentials.none());
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + FEED_PATH;
    }

    private List<BusyInterval> busy(CalendarConnection c) {
        return c.busy(List.of("work"), WEEK, BusyPolicy.defaults());
    }

    @Test
    void busy_readsAFeed() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/calendar; charset=UTF-8").withBody(body)));
        assertThat(busy(feed(url()))).extracting(b -> b.source().eventId())
                .contains("standup-weekly@google.com_20261026T130000Z", "review-rdate@google.com_20261104T200000Z");
        server.verify(1, getRequestedFor(urlEqualTo(FEED_PATH)));
    }

    @Test
    void busy_rereadsTheFeedEveryTime() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).willReturn(aResponse().withStatus(200).withBody(body)));
        CalendarConnection c = feed(url());
        busy(c);
        busy(c);
        server.verify(2, getRequestedFor(urlEqualTo(FEED_PATH))); // no cache: a deleted event stops blocking at once
    }

    @Test
    void busy_retriesAServerErrorThenSucceeds() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        server.stubFor(get(urlEqualTo(FEED_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200).withBody(body)));
        assertThat(busy(feed(url()))).isNotEmpty();
        server.verify(2, getRequestedFor(urlEqualTo(FEED_PATH)));
    }

    @Test
    void busy_givesUpAfterTheRetriesWithProviderUnavailable() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> busy(feed(url())))
                .isInstanceOf(ProviderUnavailableException.class)
                .isNotInstanceOf(RateLimitedException.class)
                .hasMessageContaining("source 'work'").hasMessageContaining("3 attempt(s)")
                .hasMessageContaining("HTTP 503").hasMessageNotContaining("5ecre7k3y");
        server.verify(3, getRequestedFor(urlEqualTo(FEED_PATH)));
    }

    @Test
    void busy_retriesConnectionFaults() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).inScenario("reset").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        server.stubFor(get(urlEqualTo(FEED_PATH)).inScenario("reset").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(body)));
        assertThat(busy(feed(url()))).isNotEmpty();
    }

    @Test
    void busy_failsWithProviderUnavailableWhenNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> busy(feed("http://127.0.0.1:" + closedPort + FEED_PATH)))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("source 'work'")
                .hasMessageNotContaining("5ecre7k3y");
    }

    @Test
    void busy_reportsRateLimitingWithRetryAfter() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        assertThatThrownBy(() -> busy(feed(url())))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ZERO));
    }

    @Test
    void busy_namesTheSourceOnNotFoundWithoutItsSecret() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> busy(feed(url())))
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("source 'work'").hasMessageContaining("HTTP 404")
                .hasMessageContaining("source.work").hasMessageNotContaining("5ecre7k3y");
        server.verify(1, getRequestedFor(urlEqualTo(FEED_PATH))); // a 404 is not retried
    }

    @Test
    void busy_namesTheSourceOfAnUnparsableFeed() {
        server.stubFor(get(urlEqualTo(FEED_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Sign in</body></html>")));
        assertThatThrownBy(() -> busy(feed(url())))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("source 'work'").hasMessageContaining("not a valid iCalendar file")
                .hasMessageNotContaining("5ecre7k3y");
    }
}
