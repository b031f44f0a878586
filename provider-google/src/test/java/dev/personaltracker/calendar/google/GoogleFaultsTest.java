package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries with backoff and Retry-After, typed errors after the budget, no retry on real client errors. */
class GoogleFaultsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    static final String GOOD_PAGE = page(List.of(timed("m", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "")), null, "s1");

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    /** The first response is {@code first}, every later one a good page. */
    private void failOnceThenSucceed(ResponseDefinitionBuilder first) {
        failThenSucceed(1, first);
    }

    /** The first {@code times} responses are {@code failure}, every later one a good page. */
    private void failThenSucceed(int times, ResponseDefinitionBuilder failure) {
        for (int i = 0; i < times; i++) {
            wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).inScenario("flaky")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed " + i)
                    .willSetStateTo(i == times - 1 ? "recovered" : "failed " + (i + 1)).willReturn(failure));
        }
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(ok(GOOD_PAGE)));
    }

    private List<?> read() {
        return read(api.connect());
    }

    private static List<?> read(CalendarConnection c) {
        return c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
    }

    private int calls() {
        return wm.findAll(getRequestedFor(urlPathEqualTo(EVENTS_PATH))).size();
    }

    @Test
    void tooManyRequests_honoursRetryAfter() {
        failOnceThenSucceed(json(429, error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))
                .withHeader("Retry-After", "7"));

        assertThat(read()).hasSize(1);
        assertThat(api.sleeps).containsExactly(7_000L);
    }

    @Test
    void retryAfter_asAnHttpDate_isMeasuredFromTheSettingsClock() {
        failOnceThenSucceed(json(503, error(503, "global", "backendError", "Backend Error"))
                .withHeader("Retry-After", "Mon, 23 Nov 2026 08:00:05 GMT"));   // NOW + 5 s

        assertThat(read()).hasSize(1);
        assertThat(api.sleeps).containsExactly(5_000L);
    }

    @Test
    void retryAfter_isCappedAtTheLargestDelay() {
        failOnceThenSucceed(json(429, error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded"))
                .withHeader("Retry-After", "3600"));

        read();

        assertThat(api.sleeps).containsExactly(10_000L);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Wed, 21 Oct 2099 07:28:00 GMT", "99999999999999999999", "soon"})
    void retryAfter_farOrUnreadable_neverWaitsPastTheLargestDelayOrTheBudget(String retryAfter) {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(429,
                error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded")).withHeader("Retry-After", retryAfter)));
        CalendarConnection c = api.connect(api.settings().readDeadline(Duration.ofSeconds(15)).build());

        assertThatThrownBy(() -> read(c)).isInstanceOf(RateLimitedException.class).hasMessageContaining("events.list");

        assertThat(api.sleeps).allSatisfy(ms -> assertThat(ms).isBetween(0L, 10_000L));
        assertThat(api.sleeps.stream().mapToLong(Long::longValue).sum()).isLessThan(15_000L);
    }

    @Test
    void rateLimit403_isRetriedWithJitteredBackoff() {
        failOnceThenSucceed(json(403, error(403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded")));

        assertThat(read()).hasSize(1);
        assertThat(api.sleeps).singleElement().satisfies(ms -> assertThat(ms).isBetween(0L, 100L));
    }

    @Test
    void rateLimit_thatNeverClears_givesRateLimitedAfterEveryAttempt() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(403,
                error(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded")).withHeader("Retry-After", "2")));

        assertThatThrownBy(this::read).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(2));
            assertThat(e.getCause()).isInstanceOf(GoogleJsonResponseException.class);
            assertThat(e).hasMessageContaining("events.list").hasMessageContaining("primary");
        });
        assertThat(calls()).isEqualTo(4);
        assertThat(api.sleeps).containsExactly(2_000L, 2_000L, 2_000L);
    }

    @Test
    void backoff_growsExponentiallyWithinItsCeiling() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(500, error(500, "global", "backendError", "Backend Error"))));
        CalendarConnection c = api.connect(api.settings()
                .retryPolicy(new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMinutes(5))).build());

        assertThatThrownBy(() -> read(c)).isInstanceOf(ProviderUnavailableException.class)
                .isNotInstanceOf(RateLimitedException.class);

        assertThat(api.sleeps).hasSize(5);
        long[] ceilings = {100, 200, 400, 800, 800};
        for (int i = 0; i < 5; i++) {
            assertThat(api.sleeps.get(i)).as("delay %d", i).isBetween(0L, ceilings[i]);
        }
    }

    @Test
    void serverError_isRetriedThenSucceeds() {
        failOnceThenSucceed(json(500, error(500, "global", "backendError", "Backend Error")));

        assertThat(read()).hasSize(1);
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void serverError_thatPersists_givesProviderUnavailableWithTheCause() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(500, error(500, "global", "backendError", "Backend Error"))));

        assertThatThrownBy(this::read).isInstanceOf(ProviderUnavailableException.class)
                .hasCauseInstanceOf(GoogleJsonResponseException.class)
                .hasMessageContaining("500");
        assertThat(calls()).isEqualTo(4);
    }

    @Test
    void elapsedBudget_stopsRetriesBeforeTheAttemptLimit() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(429,
                error(429, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded")).withHeader("Retry-After", "8")));
        CalendarConnection c = api.connect(api.settings()
                .retryPolicy(new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(20))).build());

        assertThatThrownBy(() -> read(c)).isInstanceOf(RateLimitedException.class);
        assertThat(api.sleeps).containsExactly(8_000L, 8_000L);   // a third wait would pass 20 s
    }

    @Test
    void connectionReset_isRetriedThenSucceeds() {
        // The JDK's HTTP client (java.net.http) silently repeats a GET once when the connection fails, so one attempt of
        // ours costs two requests here: two resets make our first attempt fail.
        failThenSucceed(2, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(read()).hasSize(1);
        assertThat(calls()).isEqualTo(3);
        assertThat(api.sleeps).hasSize(1);
    }

    @Test
    void connectionFault_thatPersists_givesProviderUnavailableWithTheCause() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(this::read).isExactlyInstanceOf(ProviderUnavailableException.class)
                .hasCauseInstanceOf(IOException.class).hasMessageContaining("primary");
        assertThat(api.sleeps).hasSize(3);                  // 4 attempts
        assertThat(calls()).isEqualTo(8);                   // each repeated once by java.net.http itself
    }

    @Test
    void realForbidden_isNotRetried() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(403,
                error(403, "global", "insufficientPermissions", "Request had insufficient authentication scopes."))));

        assertThatThrownBy(this::read).isExactlyInstanceOf(CalendarException.class)
                .hasMessageContaining("403 insufficientPermissions").hasMessageContaining("primary");
        assertThat(calls()).isEqualTo(1);
        assertThat(api.sleeps).isEmpty();
    }

    @Test
    void notFoundAndBadRequest_areNotRetried() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(404, error(404, "global", "notFound", "Not Found"))));
        assertThatThrownBy(this::read).isExactlyInstanceOf(CalendarException.class).hasMessageContaining("404 notFound");

        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(400, error(400, "global", "badRequest", "Bad Request"))));
        assertThatThrownBy(this::read).isExactlyInstanceOf(CalendarException.class).hasMessageContaining("400 badRequest");

        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void errorWithoutJsonContentType_isStillClassifiedByStatus() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html>Bad Gateway</html>")));

        assertThatThrownBy(this::read).isInstanceOf(ProviderUnavailableException.class);
        assertThat(calls()).isEqualTo(4);
    }

    @Test
    void malformedBody_isAnUnexpectedResponseNamingCalendarAndRequest() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok("{\"items\": [{\"id\": \"x\", \"start\": ")));

        assertThatThrownBy(this::read).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("events.list").hasMessageContaining("'primary'");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void wrongShape_isAnUnexpectedResponse() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok("{\"items\": \"not a list\", \"nextSyncToken\": \"s\"}")));

        assertThatThrownBy(this::read).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("primary");
    }

    @Test
    void eventWithoutStartOrEnd_isAnUnexpectedResponseNotANullPointer() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(
                "{\"id\": \"broken\", \"status\": \"confirmed\", \"end\": {\"dateTime\": \"2026-11-24T10:00:00Z\"}}"),
                null, "s1"))));

        assertThatThrownBy(this::read).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("broken").hasMessageContaining("start").hasMessageContaining("primary");
    }

    @Test
    void lastPageWithoutSyncToken_isAnUnexpectedResponse() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(), null, null))));

        assertThatThrownBy(this::read).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("nextSyncToken");
    }

    @Test
    void freeBusyResponseMissingACalendar_isAnUnexpectedResponse() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(GoogleApi.calendarList())));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/calendar/v3/freeBusy"))
                .willReturn(ok("{\"kind\": \"calendar#freeBusy\", \"calendars\": {}}")));

        assertThatThrownBy(() -> api.connect().busy(List.of("x@example.com"), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("x@example.com");
    }
}
