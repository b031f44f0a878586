package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.ACCESS;
import static dev.personaltracker.calendar.google.GoogleApi.CLIENT_SECRET;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.KEY;
import static dev.personaltracker.calendar.google.GoogleApi.NOW;
import static dev.personaltracker.calendar.google.GoogleApi.REFRESH;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Runs every flow that touches a secret (code exchange, refresh before expiry, refresh on 401, invalid_grant,
 * retries, a create) with all logging on, and checks that no token, secret, code or verifier appears in any log line
 * (SLF4J through logback at TRACE, and Google's java.util.logging output at its default level) or in any exception
 * message the flows threw.
 */
class NoSecretsInLogsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String NEW_ACCESS = "ya29.a0AfB_byC-rotated-access-token-9999";
    static final String CODE = "4/0AanRRrtSecretAuthorizationCode";
    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final List<LogRecord> julRecords = new ArrayList<>();
    final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Logger root;
    Level rootLevel;
    final List<String> thrown = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        appender.start();
        root.addAppender(appender);
        java.util.logging.Logger.getLogger("").addHandler(julHandler);
    }

    @AfterEach
    void restoreLogs() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
    }

    private void attempt(Runnable flow) {
        try {
            flow.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                thrown.add(String.valueOf(t.getMessage()));
            }
        }
    }

    /** The token endpoint: a code exchange issues {@code signInAccess} and REFRESH, a refresh issues NEW_ACCESS. */
    private static void stubTokenEndpoint(String signInAccess) {
        wm.stubFor(post(urlPathEqualTo("/token")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                        .containing("grant_type=authorization_code"))
                .willReturn(ok(GoogleApi.tokenResponse(signInAccess, REFRESH, GoogleApi.idToken("ada@example.com")))));
        wm.stubFor(post(urlPathEqualTo("/token")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                        .containing("grant_type=refresh_token"))
                .willReturn(ok("{\"access_token\": \"" + NEW_ACCESS + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}")));
    }

    /** Every captured record: SLF4J messages and thrown; JUL messages, parameters and thrown. */
    private List<String> recordedLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            lines.add(e.getFormattedMessage());
            collect(e.getThrowableProxy(), lines);
        }
        for (LogRecord r : julRecords) {
            lines.add(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    lines.add(String.valueOf(p));
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                lines.add(t.toString());
            }
        }
        return lines;
    }

    private static void collect(IThrowableProxy t, List<String> out) {
        for (; t != null; t = t.getCause()) {
            out.add(t.getMessage());
        }
    }

    /**
     * Every java.util.logging logger (root and every named one, including Google's HTTP client and the JDK's
     * HttpURLConnection) at ALL, SLF4J at TRACE, over sign-in, refresh before expiry, refresh on 401, a read and
     * writes: no secret in any record's message, parameters or thrown.
     */
    @Test
    void everyJulLoggerAtAll_overSignInRefresh401AndWrites_logsNoSecret() {
        List<java.util.logging.Logger> loud = new ArrayList<>();
        List<java.util.logging.Level> before = new ArrayList<>();
        java.util.logging.LogManager manager = java.util.logging.LogManager.getLogManager();
        List<String> names = new ArrayList<>(java.util.Collections.list(manager.getLoggerNames()));
        names.addAll(List.of("", "com.google.api.client.http", "com.google.api.client.http.HttpTransport",
                "com.google.api.client.auth.oauth2", "com.google.api.client.util",
                "sun.net.www.protocol.http.HttpURLConnection", "sun.net.www.protocol.http", "sun.net"));
        for (String name : names) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            loud.add(logger);
            before.add(logger.getLevel());
            logger.setLevel(java.util.logging.Level.ALL);
        }
        julHandler.setLevel(java.util.logging.Level.ALL);
        try {
            GoogleApi api = new GoogleApi(wm);
            String verifier = Pkce.generate().verifier();
            stubTokenEndpoint(ACCESS);
            wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                    .willReturn(json(401, error(401, "global", "authError", "Invalid Credentials"))));
            wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS))
                    .willReturn(ok(page(List.of(), null, "s1"))));
            SessionKey key = SessionKey.of("s-1");
            Interval slot = Interval.of(WEEK.start().plus(Duration.ofHours(9)), Duration.ofHours(1));
            wm.stubFor(post(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(GoogleApi.session("s-1",
                    slot.start().toString(), slot.end().toString(), "e1"))));

            // sign-in: the code and verifier go to the token endpoint, tokens come back
            dev.personaltracker.calendar.spi.AuthorizedAccount account = api.provider.exchangeCode(
                    api.settings().build(),
                    new AuthorizationCode(CODE, URI.create("http://127.0.0.1:5000/callback"), verifier));
            api.tokens.save(KEY, account.token());
            // a read: 401 with the first token, one refresh, the repeat succeeds
            CalendarConnection c = api.connect();
            c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
            // a write with the refreshed token
            c.createSession("primary", key, slot, SessionDetails.defaults());
            // refresh before expiry
            api.tokens.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(5)), Set.of()));
            api.connect().createSession("primary", key, slot, SessionDetails.defaults());

            // the capture itself works at the most detailed level (what the JDK's own HTTP stack logs there differs
            // between releases: on 17 some records come through, on 25 none, and either way none may hold a secret)
            java.util.logging.Logger.getLogger("com.google.api.client.http").finest("capture probe");
            List<String> lines = recordedLines();
            assertThat(lines).as("java.util.logging at ALL reaches the capture").contains("capture probe");
            for (String secret : List.of(ACCESS, NEW_ACCESS, REFRESH, CLIENT_SECRET, CODE, verifier)) {
                assertThat(lines).as("log records containing a secret")
                        .noneMatch(line -> line != null && line.contains(secret));
            }
        } finally {
            for (int i = 0; i < loud.size(); i++) {
                loud.get(i).setLevel(before.get(i));
            }
        }
    }

    @Test
    void noTokenSecretOrCodeAppearsInAnyLogLineOrErrorMessage() {
        GoogleApi api = new GoogleApi(wm);
        String verifier = Pkce.generate().verifier();
        stubTokenEndpoint(NEW_ACCESS);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(json(401, error(401, "global", "authError", "Invalid Credentials"))));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS))
                .inScenario("s").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(json(429, error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))
                        .withHeader("Retry-After", "1")));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS))
                .inScenario("s").whenScenarioStateIs("ok").willReturn(ok(page(List.of(), null, "s1"))));
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        // code exchange
        attempt(() -> api.provider.exchangeCode(api.settings().build(),
                new AuthorizationCode(CODE, URI.create("http://127.0.0.1:5000/callback"), verifier)));
        // refresh on 401, then a retried 429, then a create that keeps failing
        CalendarConnection c = api.connect();
        attempt(() -> c.busy(List.of("primary"), WEEK, BusyPolicy.defaults()));
        attempt(() -> c.createSession("primary", SessionKey.of("s-1"),
                Interval.of(WEEK.start(), Duration.ofHours(1)), SessionDetails.defaults()));
        // refresh before expiry refused: invalid_grant
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(json(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked.\"}")));
        api.tokens.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(5)), Set.of()));
        attempt(() -> api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults()));
        // a connection with an expired host token
        attempt(() -> api.provider.connect(api.settings().build(),
                dev.personaltracker.calendar.spi.Credentials.accessToken(ACCESS)).busy(List.of("primary"), WEEK,
                BusyPolicy.defaults()));

        List<String> lines = recordedLines();
        lines.addAll(thrown);

        assertThat(appender.list).as("the flows log something").isNotEmpty();
        assertThat(thrown).as("the failing flows failed").hasSizeGreaterThanOrEqualTo(3);
        for (String secret : List.of(ACCESS, NEW_ACCESS, REFRESH, CLIENT_SECRET, CODE, verifier)) {
            assertThat(lines).as("log lines and messages containing a secret")
                    .noneMatch(line -> line != null && line.contains(secret));
        }
    }
}
