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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every read ends within {@link ProviderSettings#readDeadline()}, retries and their waits included, with a
 * {@code CalendarException} subtype: a server that hangs, resets, answers 503 forever or sends garbage.
 */
class GoogleDeadlineTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    private static List<?> read(CalendarConnection c) {
        return c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
    }

    private static long slept(GoogleApi api) {
        return api.sleeps.stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void hangingServer_failsAsUnavailableWhenTheDeadlinePasses_notAfterTheSocketTimeouts() {
        GoogleApi api = new GoogleApi(wm, true);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(), null, "s1")).withFixedDelay(60_000)));
        CalendarConnection c = api.connect(api.settings().readDeadline(Duration.ofMillis(700)).build());

        // generous bound against a loaded machine: the deadline is 0.7 s, the old behaviour took 30 s per attempt
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(() -> read(c))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("primary").hasMessageContaining("700 ms"));
    }

    @Test
    void unavailableForever_underTheDefaultDeadline_retriesOnlyWhileTimeIsLeft() {
        GoogleApi api = new GoogleApi(wm);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(json(503,
                error(503, "global", "backendError", "Backend Error")).withHeader("Retry-After", "2")));
        CalendarConnection c = api.connect(api.settings().retryPolicy(RetryPolicy.defaults())
                .readDeadline(ProviderSettings.DEFAULT_READ_DEADLINE).build());

        assertThatThrownBy(() -> read(c)).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("503").hasMessageContaining("deadline");
        assertThat(slept(api)).isLessThanOrEqualTo(ProviderSettings.DEFAULT_READ_DEADLINE.toMillis());
        assertThat(api.sleeps).containsExactly(2_000L, 2_000L);   // a third wait would pass 5 s
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE", "EMPTY_RESPONSE",
            "MALFORMED_RESPONSE_CHUNK"})
    void brokenConnectionsForever_failAsUnavailableWithinTheDeadline(Fault fault) {
        GoogleApi api = new GoogleApi(wm);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(aResponse().withFault(fault)));
        Duration deadline = Duration.ofMillis(1_500);
        CalendarConnection c = api.connect(api.settings()
                .retryPolicy(new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(2)))
                .readDeadline(deadline).build());

        assertThatThrownBy(() -> read(c)).isInstanceOf(ProviderUnavailableException.class);
        assertThat(slept(api)).isLessThanOrEqualTo(deadline.toMillis());
    }

    @Test
    void garbageBodyWithStatus200_isAnUnexpectedResponseAtOnce() {
        GoogleApi api = new GoogleApi(wm);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody("\u0000\u00ff{]garbage")));

        assertThatThrownBy(() -> read(api.connect(api.settings().readDeadline(Duration.ofSeconds(2)).build())))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("primary");
        wm.verify(1, getRequestedFor(urlPathEqualTo(EVENTS_PATH)));
    }

    @Test
    void aSlowButTimelyAnswer_isRead() {
        GoogleApi api = new GoogleApi(wm, true);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(
                timed("m", "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "")), null, "s1")).withFixedDelay(200)));

        assertThat(read(api.connect(api.settings().readDeadline(Duration.ofSeconds(10)).build()))).hasSize(1);
    }
}
