package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.PASSWORD;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.settings;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Runs the flows that carry the password (discovery, retries, a revoked password, a write) with all logging at
 * TRACE and checks that neither the password nor the Basic header made from it appears in a log line, an exception
 * message or a toString(); and that the provider is found by ServiceLoader.
 */
class CaldavNoSecretsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String HEADER = Base64.getEncoder().encodeToString(
            (DavStubs.USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previous;

    @BeforeEach
    void captureLogs() {
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        root.setLevel(previous);
    }

    @Test
    void thePasswordAppearsNowhere() {
        DavStubs.discovery(wm);
        DavStubs.calendar(wm, DavStubs.privilege("all"));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
        wm.stubFor(request("PUT", anyUrl()).willReturn(aResponse().withStatus(401)));
        wm.stubFor(request("REPORT", urlEqualTo(DavStubs.CALENDAR)).willReturn(DavStubs.multistatus("")));
        InMemoryTokenStore tokens = InMemoryTokenStore.create();
        Credentials credentials = DavStubs.stored(tokens, wm.baseUrl() + "/dav/");
        CalendarConnection connection = new CaldavCalendarProvider().connect(settings(wm, fast(2)), credentials);
        List<String> texts = new ArrayList<>();

        for (Runnable flow : List.<Runnable>of(
                connection::calendars,
                () -> connection.createSession(DavStubs.CALENDAR, SessionKey.of("k1"),
                        Interval.of(Instant.parse("2026-05-04T08:00:00Z"), Duration.ofHours(1)), SessionDetails.defaults()),
                connection::calendars)) {
            run(flow, texts);
        }
        // a Digest-only server, a create stored under another name and answered without an ETag
        wm.resetAll();
        DavStubs.discovery(wm);
        DavStubs.calendar(wm, DavStubs.privilege("all"));
        wm.stubFor(request("REPORT", urlEqualTo(DavStubs.CALENDAR)).willReturn(DavStubs.multistatus("")));
        wm.stubFor(request("PUT", anyUrl()).willReturn(aResponse().withStatus(201)
                .withHeader("Location", DavStubs.CALENDAR + "renamed.ics")));
        wm.stubFor(request("GET", urlEqualTo(DavStubs.CALENDAR + "renamed.ics")).willReturn(aResponse()
                .withBody(CaldavDavFaultsTest.session("k2", "20260504T080000Z", "20260504T090000Z"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(DavStubs.CALENDAR + "renamed.ics")).willReturn(
                DavStubs.multistatus(DavStubs.response(DavStubs.CALENDAR + "renamed.ics", "<d:displayname/>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Digest realm=\"dav\", nonce=\"n\", qop=\"auth\"")));
        Credentials saved = DavStubs.stored(tokens, wm.baseUrl() + "/dav/"); // the first part revoked the grant
        CalendarConnection fresh = new CaldavCalendarProvider().connect(settings(wm, fast(2)), saved);
        // a misconfigured proxy's debug page that echoes the request headers
        wm.stubFor(request("REPORT", urlEqualTo(DavStubs.CALENDAR + "echo/")).willReturn(aResponse().withStatus(400)
                .withBody("<html><pre>Authorization: Basic " + HEADER + "</pre></html>")));
        wm.stubFor(request("PROPFIND", urlEqualTo(DavStubs.CALENDAR + "echo/")).willReturn(aResponse()
                .withStatus(207).withBody("<html><pre>authorization: basic " + HEADER + "</pre>")));
        run(() -> fresh.busy(List.of(DavStubs.CALENDAR + "echo/"), Interval.of(Instant.parse("2026-05-04T00:00:00Z"),
                Duration.ofDays(1)), dev.personaltracker.calendar.spi.BusyPolicy.defaults()), texts);
        for (Runnable flow : List.<Runnable>of(
                () -> fresh.moveSession(fresh.createSession(DavStubs.CALENDAR, SessionKey.of("k2"),
                        Interval.of(Instant.parse("2026-05-04T08:00:00Z"), Duration.ofHours(1)),
                        SessionDetails.defaults()), Interval.of(Instant.parse("2026-05-04T10:00:00Z"),
                        Duration.ofHours(1))),
                fresh::calendars)) {
            run(flow, texts);
        }
        texts.add(fresh.toString());
        texts.add(connection.toString());
        texts.add(saved.toString());
        texts.add(credentials.toString());
        texts.add(tokens.load(TokenKey.of("alice", "caldav", DavStubs.USER)).orElseThrow().toString());
        appender.list.forEach(e -> {
            texts.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                texts.add(e.getThrowableProxy().getMessage());
            }
        });

        assertThat(appender.list).isNotEmpty();
        assertThat(texts).filteredOn(t -> t.contains("Digest") || t.contains("digest")).isNotEmpty();
        assertThat(texts).filteredOn(t -> t.contains("no ETag")).isNotEmpty();
        assertThat(texts).filteredOn(t -> t.contains("basic (redacted)")).isNotEmpty();
        assertThat(texts).noneMatch(t -> t.contains(PASSWORD)).noneMatch(t -> t.contains(HEADER));
    }

    private static void run(Runnable flow, List<String> texts) {
        try {
            flow.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
                texts.add(t.toString());
            }
        }
    }

    @Test
    void providerIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(CalendarProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("caldav")).findFirst())
                .hasValueSatisfying(p -> {
                    assertThat(p).isInstanceOf(CaldavCalendarProvider.class);
                    assertThat(p.usesOAuth()).isFalse();
                });
    }
}
