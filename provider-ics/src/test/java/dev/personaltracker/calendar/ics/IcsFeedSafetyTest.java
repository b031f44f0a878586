package dev.personaltracker.calendar.ics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.personaltracker.calendar.ics.IcsFixtures.calendarText;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds, safely and cheaply: deadlines for the whole body, size limits, bounded same-scheme redirects, refusal of
 * local addresses when asked, no lock held while a feed is slow, and conditional requests whose 304 reuses the
 * parse while a changed validator always reads afresh (a deleted event never keeps blocking).
 */
class IcsFeedSafetyTest {

    private static final String PATH = "/feeds/private-t0ken/cal.ics";
    private static final Interval WINDOW = window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z");
    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60));
    private static final String EVENT_A = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261103T100000Z\r\nDTEND:20261103T110000Z"
            + "\r\nEND:VEVENT";
    private static final String EVENT_B = "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261104T100000Z\r\nDTEND:20261104T110000Z"
            + "\r\nEND:VEVENT";
    private static final String BOTH = calendarText("\r\n", EVENT_A, EVENT_B);
    private static final String ONLY_A = calendarText("\r\n", EVENT_A);

    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static CalendarConnection feed(String... more) {
        String[] props = new String[4 + more.length];
        props[0] = "source.work";
        props[1] = url(PATH);
        props[2] = "zone";
        props[3] = "UTC";
        System.arraycopy(more, 0, props, 4, more.length);
        return new IcsCalendarProvider().connect(IcsFixtures.settings(props).retryPolicy(ONCE).build(),
                Credentials.none());
    }

    private static List<BusyInterval> busy(CalendarConnection c) {
        return c.busy(List.of("work"), WINDOW, BusyPolicy.defaults());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aBodySentOneByteAtATimeFailsAtTheDeadline() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BOTH)
                .withChunkedDribbleDelay(BOTH.length(), 60_000)));
        assertThatThrownBy(() -> busy(feed("http.requestTimeout", "PT1S")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("source 'work'")
                .hasMessageContaining("PT1S").hasMessageNotContaining("t0ken");
    }

    @Test
    void aBodyOverTheSizeLimitIsRefused() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BOTH)));
        assertThatThrownBy(() -> busy(feed("maxBytes", "200"))).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("more than 200 bytes").hasMessageNotContaining("t0ken");
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BOTH)
                .withChunkedDribbleDelay(5, 10)));
        assertThatThrownBy(() -> busy(feed("maxBytes", "200"))).isInstanceOf(BadSettingsException.class);
    }

    @Test
    void redirectsOfTheSameSchemeAreFollowedUpToTheLimit() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(301).withHeader("Location", "/r1")));
        server.stubFor(get(urlEqualTo("/r1")).willReturn(aResponse().withStatus(302).withHeader("Location", url("/r2"))));
        server.stubFor(get(urlEqualTo("/r2")).willReturn(aResponse().withStatus(200).withBody(BOTH)));
        assertThat(busy(feed())).hasSize(2);
        assertThatThrownBy(() -> busy(feed("http.maxRedirects", "1"))).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("redirected more than 1").hasMessageNotContaining("t0ken");
    }

    @Test
    void endlessRedirectsStop() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(302).withHeader("Location", PATH)));
        assertThatThrownBy(() -> busy(feed())).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("redirected more than 5");
        server.verify(6, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        for (String target : new String[] {"file:///etc/passwd", "ftp://127.0.0.1/cal.ics",
                "https://127.0.0.1:" + server.port() + "/cal.ics", "jar:file:/x.jar!/a"}) {
            server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
            assertThatThrownBy(() -> busy(feed())).as(target).isInstanceOf(BadSettingsException.class)
                    .hasMessageContaining("another scheme").hasMessageNotContaining("passwd");
        }
    }

    @Test
    void localAddressesAreRefusedWhenTheHostAsks() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BOTH)));
        assertThatThrownBy(() -> busy(feed("http.allowPrivateAddresses", "false")))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("local or private")
                .hasMessageContaining("http.allowPrivateAddresses");
        server.verify(0, getRequestedFor(urlEqualTo(PATH)));
        assertThat(busy(feed())).hasSize(2); // allowed by default in the library
    }

    @Test
    void theAddressRuleCoversLoopbackPrivateLinkLocalSharedAndMappedAddresses() throws Exception {
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("172.20.0.1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("192.168.1.1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("100.64.0.1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("::1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("fd00::1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("0.0.0.0"))).isTrue();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("93.184.216.34"))).isFalse();
        assertThat(LocalAddresses.isLocal(java.net.InetAddress.getByName("2606:2800:220:1::1"))).isFalse();
    }

    /** One feed hangs; another calendar of the same connection, and another connection, read meanwhile. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStuckFeedHoldsNoLockOtherCallsNeed(@TempDir Path dir) throws Exception {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BOTH)
                .withFixedDelay(30_000)));
        Path file = dir.resolve("local.ics");
        Files.writeString(file, ONLY_A);
        CalendarConnection both = new IcsCalendarProvider().connect(IcsFixtures.settings("source.work", url(PATH),
                "source.local", file.toString(), "zone", "UTC", "http.requestTimeout", "PT60S").retryPolicy(ONCE)
                .build(), Credentials.none());
        CalendarConnection other = IcsFixtures.connect("source.local", file.toString(), "zone", "UTC");
        CompletableFuture<List<BusyInterval>> stuck = CompletableFuture.supplyAsync(() -> busy(both));
        while (server.findAll(getRequestedFor(urlEqualTo(PATH))).isEmpty()) {
            Thread.sleep(5); // wait until the stuck request is on the wire
        }
        assertThat(both.busy(List.of("local"), WINDOW, BusyPolicy.defaults())).hasSize(1);
        assertThat(other.busy(List.of("local"), WINDOW, BusyPolicy.defaults())).hasSize(1);
        assertThat(stuck).isNotDone(); // still waiting for the feed (30 s): it held nothing the reads above needed
        stuck.cancel(true);
    }

    @Test
    void anEtagIsSentBackAnd304ReusesTheParse() {
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-None-Match", absent()).willReturn(aResponse()
                .withStatus(200).withHeader("ETag", "\"v1\"").withBody(BOTH)));
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        CalendarConnection c = feed();
        List<BusyInterval> first = busy(c);
        List<BusyInterval> second = busy(c);
        assertThat(second).hasSize(2).isEqualTo(first);
        server.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("If-None-Match", equalTo("\"v1\"")));
    }

    @Test
    void aChangedEtagReadsAfreshSoADeletedEventStopsBlocking() {
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-None-Match", absent()).willReturn(aResponse()
                .withStatus(200).withHeader("ETag", "\"v1\"").withBody(BOTH)));
        CalendarConnection c = feed();
        assertThat(busy(c)).hasSize(2);
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-None-Match", equalTo("\"v1\"")).willReturn(aResponse()
                .withStatus(200).withHeader("ETag", "\"v2\"").withBody(ONLY_A)));
        assertThat(busy(c)).extracting(b -> b.source().eventId()).containsExactly("a");
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-None-Match", equalTo("\"v2\""))
                .willReturn(aResponse().withStatus(304)));
        assertThat(busy(c)).extracting(b -> b.source().eventId()).containsExactly("a");
    }

    @Test
    void lastModifiedIsSentBackAsIfModifiedSince() {
        String stamp = "Tue, 01 Dec 2026 10:00:00 GMT";
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-Modified-Since", absent()).willReturn(aResponse()
                .withStatus(200).withHeader("Last-Modified", stamp).withBody(BOTH)));
        server.stubFor(get(urlEqualTo(PATH)).withHeader("If-Modified-Since", equalTo(stamp))
                .willReturn(aResponse().withStatus(304)));
        CalendarConnection c = feed();
        assertThat(busy(c)).hasSize(2);
        assertThat(busy(c)).hasSize(2);
        server.verify(1, getRequestedFor(urlEqualTo(PATH)).withHeader("If-Modified-Since", equalTo(stamp)));
    }

    @Test
    void aFeedWithoutValidatorsIsReadEveryTimeAndAChangeShowsAtOnce() {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(BOTH)));
        CalendarConnection c = feed();
        assertThat(busy(c)).hasSize(2);
        assertThat(busy(c)).hasSize(2);
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(ONLY_A)));
        assertThat(busy(c)).hasSize(1);
        server.verify(3, getRequestedFor(urlEqualTo(PATH)).withHeader("If-None-Match", absent()));
    }
}
