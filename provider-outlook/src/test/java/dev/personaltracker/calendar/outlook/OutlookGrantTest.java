package dev.personaltracker.calendar.outlook;

import static dev.personaltracker.calendar.outlook.GraphFixture.CALENDARS;
import static dev.personaltracker.calendar.outlook.GraphFixture.CODE;
import static dev.personaltracker.calendar.outlook.GraphFixture.REDIRECT;
import static dev.personaltracker.calendar.outlook.GraphFixture.TOKEN_PATH;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The stored grant under refresh (issue 14 item 8) and the logs of a whole flow at every level (SLF4J and
 * java.util.logging): the code that handles tokens here is ours, MSAL4J, the Graph SDK, OkHttp and the JDK's own
 * {@code java.net.http} client MSAL is given (MsalHttp).
 */
class OutlookGrantTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final String CAL = "AAMkAGI2TGuLAAA";
    private static final String EVENTS = "/v1.0/me/calendars/" + CAL + "/events";

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();
    private final Pkce pkce = Pkce.generate();

    private TokenKey signIn(InMemoryTokenStore store, String accessToken, String refreshToken, int expiresIn) {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(GraphFixture.tokenResponse(accessToken, refreshToken, expiresIn))));
        AuthorizedAccount account = provider.exchangeCode(FIX.settings().build(),
                new AuthorizationCode(CODE, REDIRECT, pkce.verifier()));
        TokenKey key = TokenKey.of("user-1", "outlook", account.accountId());
        store.save(key, account.token());
        return key;
    }

    private static void stubRefresh(String refreshToken, ResponseDefinitionBuilder answer) {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + refreshToken)).willReturn(answer));
    }

    private static ResponseDefinitionBuilder oauthError(String error, String description) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\",\"error_codes\":[50076],"
                        + "\"timestamp\":\"2024-03-04 10:00:00Z\",\"trace_id\":\"b5bcc1b5-4c5c-4d4b-b2f4-0d5d1d6b3600\","
                        + "\"correlation_id\":\"3f1c2f0a-0f0e-4b8a-9d7e-1b4b2b8f6a11\",\"suberror\":\"basic_action\"}");
    }

    private static ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\"}}");
    }

    private static int refreshes() {
        return FIX.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=refresh_token"))).size();
    }

    @Test
    void anExpiringTokenIsRefreshedOnceForConcurrentReads() {
        var store = InMemoryTokenStore.create();
        TokenKey key = signIn(store, "AT-1", "RT-1", 60);
        stubRefresh("RT-1", okJson(GraphFixture.tokenResponse("AT-2", "RT-2", 3600)));
        FIX.server.stubFor(get(urlPathMatching("/v1.0/me/calendars/[^/]+/calendarView/delta.*"))
                .withHeader("Authorization", equalTo("Bearer AT-2"))
                .willReturn(okJson("{\"value\":[],\"@odata.deltaLink\":\"{{request.baseUrl}}/v1.0/me/calendars/x/calendarView/delta?$deltatoken=d1\"}")));
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));
        Interval week = Interval.of(Instant.parse("2024-03-04T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z"));

        connection.busy(List.of("AAMkCAL1", "AAMkCAL2", "AAMkCAL3", "AAMkCAL4"), week, BusyPolicy.defaults());
        connection.busy(List.of("AAMkCAL1", "AAMkCAL2"), week, BusyPolicy.defaults());

        assertThat(refreshes()).isEqualTo(1);
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.HEALTHY);
    }

    @Test
    void a401RefreshesOnceAndRetriesOnceEvenIfTheNewTokenIsRefusedToo() {
        var store = InMemoryTokenStore.create();
        TokenKey key = signIn(store, "AT-1", "RT-1", 3600);
        stubRefresh("RT-1", okJson(GraphFixture.tokenResponse("AT-2", "RT-2", 3600)));
        stubRefresh("RT-2", okJson(GraphFixture.tokenResponse("AT-3", "RT-3", 3600)));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).willReturn(unauthorized()));
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);

        assertThat(refreshes()).isEqualTo(1);
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-1")));
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-2")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_grant", "interaction_required"})
    void aRefusedRefreshAfterA401MarksTheGrant(String error) {
        var store = InMemoryTokenStore.create();
        TokenKey key = signIn(store, "AT-1", "RT-1", 3600);
        stubRefresh("RT-1", oauthError(error, "AADSTS50076: Due to a configuration change made by your administrator, "
                + "you must use multi-factor authentication to access the resource."));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).willReturn(unauthorized()));
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);

        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(store.load(key)).hasValueSatisfying(t -> assertThat(t.health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED));
        assertThat(refreshes()).isEqualTo(1);
        // later calls fail fast, without asking anybody
        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(refreshes()).isEqualTo(1);
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_grant", "interaction_required"})
    void aRefusedRefreshOfAnExpiringTokenMarksTheGrant(String error) {
        var store = InMemoryTokenStore.create();
        TokenKey key = signIn(store, "AT-1", "RT-1", 60);
        stubRefresh("RT-1", oauthError(error, "AADSTS700082: The refresh token has expired due to inactivity."));
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining(GraphFixture.USER).hasMessageNotContaining("RT-1");

        assertThat(store.load(key)).hasValueSatisfying(t -> assertThat(t.health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED));
        FIX.server.verify(0, getRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
    }

    /** Captures every java.util.logging record, at every level, while installed. */
    private static final class JulCapture extends Handler {
        final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void noSecretInAnyLogAtAnyLevelOverSignInRefresh401AndWrites() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level rootLevel = root.getLevel();
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(consoles::add);
        ListAppender<ILoggingEvent> slf4j = new ListAppender<>();
        slf4j.start();
        // WireMock's own server (not the library) logs whole requests at DEBUG: it stays out of the capture.
        List<Logger> server = Stream.of("wiremock", "org.eclipse.jetty", "com.github.tomakehurst")
                .map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        java.util.logging.Level julLevel = julRoot.getLevel();
        JulCapture jul = new JulCapture();
        jul.setLevel(java.util.logging.Level.ALL);
        consoles.forEach(root::detachAppender);
        root.addAppender(slf4j);
        root.setLevel(Level.TRACE);
        server.forEach(l -> l.setLevel(Level.OFF));
        julRoot.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(jul);
        List<String> secrets = List.of("AT-secret-1", "AT-secret-2", "AT-secret-3", "RT-secret-1", "RT-secret-2",
                "RT-secret-3", CODE, pkce.verifier(), GraphFixture.CLIENT_SECRET, "host-secret-token");
        List<String> seen = new ArrayList<>();
        try {
            flow(seen);
        } finally {
            julRoot.removeHandler(jul);
            julRoot.setLevel(julLevel);
            root.detachAppender(slf4j);
            root.setLevel(rootLevel);
            server.forEach(l -> l.setLevel(null));
            consoles.forEach(root::addAppender);
        }

        List<String> lines = new ArrayList<>(seen);
        for (ILoggingEvent e : slf4j.list) {
            lines.add(e.getLoggerName() + ": " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
        }
        synchronized (jul.records) {
            for (LogRecord r : jul.records) {
                String message = r.getMessage();
                if (r.getParameters() != null && message != null) {
                    message = java.text.MessageFormat.format(message.replace("'", "''"), r.getParameters());
                }
                StringWriter trace = new StringWriter();
                if (r.getThrown() != null) {
                    r.getThrown().printStackTrace(new PrintWriter(trace));
                }
                lines.add(r.getLoggerName() + ": " + message + trace);
            }
        }
        assertThat(slf4j.list).extracting(ILoggingEvent::getLoggerName)
                .anyMatch(n -> n.startsWith("com.microsoft.aad.msal4j")).anyMatch(n -> n.startsWith("dev.personaltracker"));
        assertThat(jul.records).isNotEmpty();
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
    }

    /** An exception's whole text: message, toString and stack trace of it and every cause. */
    private static String text(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return e + "\n" + out;
    }

    /**
     * Sign-in, a refresh of an expiring token, a 401 with a forced refresh, writes, a revoked grant, a host token;
     * {@code seen} gets every exception's text and the toString of every value that held a secret.
     */
    private void flow(List<String> seen) {
        var store = InMemoryTokenStore.create();
        TokenKey key = signIn(store, "AT-secret-1", "RT-secret-1", 60);
        seen.add(String.valueOf(store.load(key)));
        seen.add(new AuthorizationCode(CODE, REDIRECT, pkce.verifier()).toString());
        seen.add(pkce.toString());
        seen.add(FIX.settings().build().toString());
        FIX.server.stubFor(post(TOKEN_PATH).atPriority(1).withRequestBody(containing("code=not-"))
                .willReturn(oauthError("invalid_grant", "AADSTS70000: The provided value for 'code' is not valid.")));
        seen.add(text(catchThrowable(() -> provider.exchangeCode(FIX.settings().build(),
                new AuthorizationCode("not-" + CODE, REDIRECT, pkce.verifier())))));
        stubRefresh("RT-secret-1", okJson(GraphFixture.tokenResponse("AT-secret-2", "RT-secret-2", 3600)));
        stubRefresh("RT-secret-2", okJson(GraphFixture.tokenResponse("AT-secret-3", "RT-secret-3", 3600)));
        stubRefresh("RT-secret-3", oauthError("invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked."));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-secret-2"))
                .willReturn(unauthorized()));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-secret-3"))
                .willReturn(okJson(CALENDARS)));
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":[]}")));
        FIX.server.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphJson.session("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\"", "Study Session"))));
        FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).willReturn(okJson(
                GraphJson.session("ev-1", "2024-03-06T18:00:00", "2024-03-06T19:00:00", "W/\"e2\"", "Study Session"))));
        FIX.server.stubFor(delete(urlPathEqualTo(EVENTS + "/ev-1")).willReturn(unauthorized()));
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));
        seen.add(connection.toString());

        assertThat(connection.calendars()).hasSize(1);                     // refresh, 401, forced refresh, retry
        SessionKey session = SessionKey.of("sess-1");
        Interval slot = Interval.of(Instant.parse("2024-03-05T18:00:00Z"), Instant.parse("2024-03-05T19:00:00Z"));
        StudyEvent created = connection.createSession(CAL, session, slot, SessionDetails.defaults());
        StudyEvent moved = connection.moveSession(created,
                Interval.of(Instant.parse("2024-03-06T18:00:00Z"), Instant.parse("2024-03-06T19:00:00Z")));
        Throwable refused = catchThrowable(() -> connection.deleteSession(moved));   // 401, refresh refused
        assertThat(refused).isInstanceOf(ReauthorizationRequiredException.class);
        seen.add(text(refused));
        seen.add(String.valueOf(store.load(key)));

        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer host-secret-token"))
                .willReturn(unauthorized()));
        var host = provider.connect(FIX.settings().property("account", GraphFixture.USER).build(),
                Credentials.accessToken("host-secret-token"));
        Throwable hostRefused = catchThrowable(host::calendars);
        assertThat(hostRefused).isInstanceOf(ReauthorizationRequiredException.class);
        seen.add(text(hostRefused));
        seen.add(host.toString());
    }
}
