package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.CALENDAR;
import static dev.personaltracker.calendar.caldav.DavStubs.PASSWORD;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.multistatus;
import static dev.personaltracker.calendar.caldav.DavStubs.privilege;
import static dev.personaltracker.calendar.caldav.DavStubs.response;
import static dev.personaltracker.calendar.caldav.DavStubs.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Radicale cannot show: throttling, locks, garbage, hangs, a revoked password, forbidden writes. */
class CaldavDavFaultsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval AT = Interval.of(Instant.parse("2026-05-04T08:00:00Z"), Duration.ofHours(1));

    final InMemoryTokenStore tokens = InMemoryTokenStore.create();

    @BeforeEach
    void discovery() {
        DavStubs.discovery(wm);
        // a create first asks whether the session exists under any name: by default it does not
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).atPriority(10).willReturn(multistatus("")));
    }

    CalendarConnection connect(RetryPolicy retry) {
        return connect(settings(wm, retry));
    }

    CalendarConnection connect(ProviderSettings settings) {
        Credentials credentials = DavStubs.stored(tokens, wm.baseUrl() + "/dav/");
        return new CaldavCalendarProvider().connect(settings, credentials);
    }

    @Test
    void tooManyRequests_isRetriedAfterRetryAfter_thenSucceeds() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).inScenario("throttle")
                .whenScenarioStateIs("ok").willReturn(multistatus(response(CALENDAR,
                        "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>"))));

        assertThat(connect(fast(3)).calendars()).extracting(c -> c.name()).containsExactly("Work");
        assertThat(wm.findAll(requestedFor("PROPFIND", urlEqualTo("/dav/calendars/me/")))).hasSize(2);
    }

    @Test
    void tooManyRequestsForever_isRateLimitedWithTheServersWait() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(10));

        assertThatThrownBy(() -> connect(retry).calendars())
                .isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("429").hasMessageContaining("3 attempts")
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(120)));
        assertThat(wm.findAll(requestedFor("PROPFIND", urlEqualTo("/dav/calendars/me/")))).hasSize(3);
    }

    @Test
    void serviceUnavailableWithRetryAfter_isRetried() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).inScenario("503")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).inScenario("503")
                .whenScenarioStateIs("ok").willReturn(multistatus("")));

        assertThat(connect(fast(3)).findSessions(CALENDAR, AT)).isEmpty();
    }

    @Test
    void locked_isRetriedThenReportedAsUnavailable() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("PUT", anyUrl()).willReturn(aResponse().withStatus(423)
                .withBody("<d:error xmlns:d=\"DAV:\"><d:lock-token-submitted/></d:error>")));

        assertThatThrownBy(() -> connect(fast(2)).createSession(CALENDAR, SessionKey.of("s1"), AT, SessionDetails.defaults()))
                .isInstanceOf(ProviderUnavailableException.class)
                .isNotInstanceOf(RateLimitedException.class)
                .hasMessageContaining("423 Locked").hasMessageContaining("/dav/calendars/me/work/s1.ics");
        assertThat(wm.findAll(requestedFor("PUT", urlEqualTo(CALENDAR + "s1.ics")))).hasSize(2);
    }

    @Test
    void malformedXml_isAnUnexpectedResponseNamingTheRequest() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(aResponse().withStatus(207)
                .withHeader("Content-Type", "application/xml").withBody("<d:multistatus xmlns:d=\"DAV:\"><d:response>")));

        assertThatThrownBy(() -> connect(fast(1)).calendars())
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("calendar list").hasMessageContaining("malformed XML");
    }

    @Test
    void htmlErrorPage_isAnUnexpectedResponse() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).willReturn(aResponse().withStatus(207)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Maintenance</body></html>")));

        assertThatThrownBy(() -> connect(fast(1)).findSessions(CALENDAR, AT))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("<html>");
    }

    @Test
    void externalEntities_areNotResolved() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(aResponse().withStatus(207)
                .withBody("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&x;</d:href></d:response></d:multistatus>")));

        assertThatThrownBy(() -> connect(fast(1)).calendars())
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageNotContaining("root:");
    }

    @Test
    void hangingServer_endsInATypedErrorWithinTheDeadline() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/"))
                .willReturn(aResponse().withFixedDelay(10_000).withStatus(207)));
        ProviderSettings settings = ProviderSettings.builder()
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1)))
                .property(CaldavCalendarProvider.SERVER, wm.baseUrl() + "/dav/")
                .property(CaldavCalendarProvider.REQUEST_TIMEOUT, "PT0.3S")
                .build();

        assertTimeoutPreemptively(Duration.ofSeconds(8), () ->
                assertThatThrownBy(() -> connect(settings).calendars())
                        .isInstanceOf(ProviderUnavailableException.class)
                        .hasMessageContaining("timed out"));
    }

    /** Headers at once, then a body that trickles for longer than the request timeout. */
    @Test
    void tricklingBody_endsInATimeout() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(multistatus(
                response("/dav/calendars/me/", "<d:displayname>" + "x".repeat(2000) + "</d:displayname>"))
                .withChunkedDribbleDelay(20, 6000)));
        ProviderSettings settings = ProviderSettings.builder()
                .retryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5)))
                .property(CaldavCalendarProvider.SERVER, wm.baseUrl() + "/dav/")
                .property(CaldavCalendarProvider.REQUEST_TIMEOUT, "PT0.5S")
                .build();

        assertTimeoutPreemptively(Duration.ofSeconds(8), () ->
                assertThatThrownBy(() -> connect(settings).calendars())
                        .isInstanceOf(ProviderUnavailableException.class)
                        .hasMessageContaining("timed out"));
    }

    /** Each answer is slow but in time; together they pass the deadline of the one read. */
    @Test
    void oneReadOfManySlowRequests_endsAtTheCallsDeadline() {
        wm.resetAll();
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/")).willReturn(multistatus(response("/dav/",
                "<d:current-user-principal><d:href>/dav/principals/me/</d:href></d:current-user-principal>"))
                .withFixedDelay(700)));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/principals/me/")).willReturn(multistatus(response(
                "/dav/principals/me/", "<c:calendar-home-set><d:href>/dav/calendars/me/</d:href></c:calendar-home-set>"))
                .withFixedDelay(700)));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(multistatus("").withFixedDelay(700)));
        ProviderSettings settings = ProviderSettings.builder()
                .retryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofMillis(1500)))
                .property(CaldavCalendarProvider.SERVER, wm.baseUrl() + "/dav/")
                .property(CaldavCalendarProvider.REQUEST_TIMEOUT, "PT1S")
                .build();

        assertTimeoutPreemptively(Duration.ofSeconds(8), () ->
                assertThatThrownBy(() -> connect(settings).calendars())
                        .isInstanceOf(ProviderUnavailableException.class)
                        .hasMessageContaining("timed out"));
    }

    @Test
    void connectionReset_isRetried() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).inScenario("reset")
                .whenScenarioStateIs("ok").willReturn(multistatus("")));

        assertThat(connect(fast(3)).findSessions(CALENDAR, AT)).isEmpty();
    }

    /** A keep-alive connection the server closed fails before any answer: tried once more even without retries. */
    @Test
    void closedConnection_isTriedOnceMoreEvenWithoutRetries() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).inScenario("closed")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).inScenario("closed")
                .whenScenarioStateIs("ok").willReturn(multistatus("")));

        assertThat(connect(RetryPolicy.none()).findSessions(CALENDAR, AT)).isEmpty();
    }

    static String session(String key, String start, String end) {
        return Fixtures.crlf("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Example//EN
                BEGIN:VEVENT
                UID:%s@sessions.personaltracker.dev
                DTSTAMP:20260501T000000Z
                DTSTART:%s
                DTEND:%s
                SUMMARY:Study Session
                X-PERSONALTRACKER-SESSION-KEY:%s
                END:VEVENT
                END:VCALENDAR
                """.formatted(key, start, end, key));
    }

    /** The event changes between our read and our write: the conditional PUT answers 412 and we re-read. */
    @Test
    void moveRacingAnotherClient_412_reportsTheEventAsItIsNow() {
        DavStubs.calendar(wm, privilege("all"));
        String path = CALENDAR + "k9.ics";
        wm.stubFor(request("GET", urlEqualTo(path)).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("changed").willReturn(aResponse().withHeader("ETag", "\"1\"")
                        .withBody(session("k9", "20260504T080000Z", "20260504T090000Z"))));
        wm.stubFor(request("PUT", urlEqualTo(path)).withHeader("If-Match", equalTo("\"1\""))
                .willReturn(aResponse().withStatus(412)));
        wm.stubFor(request("GET", urlEqualTo(path)).inScenario("race").whenScenarioStateIs("changed")
                .willReturn(aResponse().withHeader("ETag", "\"2\"")
                        .withBody(session("k9", "20260504T150000Z", "20260504T160000Z"))));
        var event = new StudyEvent(CALENDAR, path, SessionKey.of("k9"), AT,
                Optional.of("\"1\""));

        assertThatThrownBy(() -> connect(fast(2)).moveSession(event, AT.padded(Duration.ZERO, Duration.ofHours(1))))
                .isInstanceOf(EventChangedException.class)
                .satisfies(e -> assertThat(((EventChangedException) e).current())
                        .hasValueSatisfying(now -> assertThat(now.version()).contains("\"2\"")));
    }

    /** Our own move went through but its answer was lost: the retry's 412 re-reads and finds it moved. */
    @Test
    void moveWhoseAnswerWasLost_succeedsOnReRead() {
        DavStubs.calendar(wm, privilege("all"));
        String path = CALENDAR + "k8.ics";
        Interval to = Interval.of(Instant.parse("2026-05-04T10:00:00Z"), Duration.ofHours(1));
        wm.stubFor(request("GET", urlEqualTo(path)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("moved").willReturn(aResponse().withHeader("ETag", "\"1\"")
                        .withBody(session("k8", "20260504T080000Z", "20260504T090000Z"))));
        wm.stubFor(request("PUT", urlEqualTo(path)).willReturn(aResponse().withStatus(412)));
        wm.stubFor(request("GET", urlEqualTo(path)).inScenario("lost").whenScenarioStateIs("moved")
                .willReturn(aResponse().withHeader("ETag", "\"2\"")
                        .withBody(session("k8", "20260504T100000Z", "20260504T110000Z"))));
        var event = new StudyEvent(CALENDAR, path, SessionKey.of("k8"), AT,
                Optional.of("\"1\""));

        var moved = connect(fast(2)).moveSession(event, to);

        assertThat(moved.interval()).isEqualTo(to);
        assertThat(moved.version()).contains("\"2\"");
    }

    @Test
    void revokedPassword_marksTheGrantAndFailsFastAfterwards() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"CalDAV\"")));
        CalendarConnection connection = connect(fast(3));

        assertThatThrownBy(connection::calendars)
                .isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining(DavStubs.USER).hasMessageNotContaining(PASSWORD);
        TokenKey key = TokenKey.of("alice", "caldav", DavStubs.USER);
        assertThat(tokens.load(key).orElseThrow().health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        int before = wm.getAllServeEvents().size();

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(wm.getAllServeEvents()).hasSize(before); // no request with a refused password

        CaldavCalendarProvider.saveAccount(tokens, key, wm.baseUrl() + "/dav/", "new-password");
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.HEALTHY);
    }

    @Test
    void basicAuthorization_isSentWithTheUserAndPassword() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(multistatus("")));

        connect(fast(1)).calendars();

        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (DavStubs.USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        wm.verify(requestedFor("PROPFIND", urlEqualTo("/dav/calendars/me/")).withHeader("Authorization", equalTo(expected)));
        wm.verify(anyRequestedFor(anyUrl()).withHeader("Depth", equalTo("1")));
    }

    @Test
    void forbiddenWrite_isABadSettingsErrorNamingTheCalendar() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("PUT", anyUrl()).willReturn(aResponse().withStatus(403)
                .withBody("<d:error xmlns:d=\"DAV:\"><d:need-privileges/></d:error>")));

        assertThatThrownBy(() -> connect(fast(3)).createSession(CALENDAR, SessionKey.of("s2"), AT, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("403").hasMessageContaining("need-privileges").hasMessageContaining(CALENDAR);
    }

    @Test
    void readOnlyCalendar_isRefusedBeforeAnyWrite() {
        DavStubs.calendar(wm, privilege("read"));

        assertThatThrownBy(() -> connect(fast(3)).createSession(CALENDAR, SessionKey.of("s3"), AT, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("may not write");
        assertThat(wm.findAll(requestedFor("PUT", anyUrl()))).isEmpty();
    }

    @Test
    void conflict_isAnUnexpectedResponse() {
        DavStubs.calendar(wm, privilege("all"));
        wm.stubFor(request("PUT", anyUrl()).willReturn(aResponse().withStatus(409)));

        assertThatThrownBy(() -> connect(fast(3)).createSession(CALENDAR, SessionKey.of("s4"), AT, SessionDetails.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("409");
    }

    @Test
    void unknownCalendar_isABadSettingsError() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/nope/")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> connect(fast(3)).createSession("/dav/calendars/me/nope/", SessionKey.of("s5"), AT,
                SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("/dav/calendars/me/nope/");
    }
}
