package dev.personaltracker.calendar.examples.restart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.examples.restart.PostgresRestartHost.Database;
import dev.personaltracker.calendar.google.GoogleCalendarProvider;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.storage.postgres.PostgresStores;
import dev.personaltracker.calendar.testing.AnswerSequence;
import dev.personaltracker.calendar.testing.RacingTokenStore;
import dev.personaltracker.calendar.time.Interval;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two host instances, each with its own connection pool on one PostgreSQL database (storage-postgres), refresh the
 * same Google grant at once (issue 12): the database ends with the grant of one refresh, both instances use it, and
 * the refresh token is never one from an older read. The token endpoint rotates refresh tokens.
 */
class GoogleRefreshOnPostgresTest {

    /** The token endpoint's answers, in the order the requests arrive (two arrive at once). */
    private static final AnswerSequence ROTATION = new AnswerSequence();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(ROTATION)).build();

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final TokenKey KEY = TokenKey.of("sam", "google", "sam@example.com");
    private static final String EVENTS = "/calendar/v3/calendars/primary/events";
    private static EmbeddedPostgres embedded;

    @TempDir
    Path data;

    @BeforeAll
    static void startServer() throws Exception {
        embedded = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        embedded.close();
    }

    private static String issued(int n) {
        return "{\"access_token\": \"ya29.access-" + n + "\", \"refresh_token\": \"1//refresh-" + n
                + "\", \"expires_in\": 3599, \"scope\": \"scope-a\", \"token_type\": \"Bearer\"}";
    }

    private static CalendarConnection instance(TokenStore store) {
        ProviderSettings settings = ProviderSettings.builder().clientId("client-1.apps.googleusercontent.com")
                .clientSecret("GOCSPX-test").apiBaseUrl(URI.create(wm.baseUrl() + "/"))
                .authBaseUrl(URI.create(wm.baseUrl() + "/")).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                // generous: the machine running the build may be loaded; the test is about the stored grant
                .readDeadline(Duration.ofMinutes(1))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .build();
        return new GoogleCalendarProvider().connect(settings, Credentials.stored(store, KEY));
    }

    @Test
    void twoInstancesOnOneDatabase_refreshingAtOnce_keepOneGrant_andBothUseIt() throws Exception {
        ROTATION.answer(json(issued(1)), json(issued(2)));
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers(AnswerSequence.NAME)));
        wm.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(json("{\"nextSyncToken\": \"s1\", \"items\": []}")));
        Database db = new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "refresh",
                data.resolve("keyset.json"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (PostgresStores first = PostgresRestartHost.stores(db); PostgresStores second = PostgresRestartHost.stores(db)) {
            first.tokenStore().save(KEY, OAuthToken.of("ya29.access-0", Optional.of("1//refresh-0"),
                    Optional.of(NOW.plusSeconds(20)), Set.of("scope-a")));
            RacingTokenStore racingFirst = new RacingTokenStore(first.tokenStore(), 2);
            CalendarConnection a = instance(racingFirst);
            CalendarConnection b = instance(racingFirst.meetingWith(second.tokenStore()));
            Interval week = Interval.of(NOW, Duration.ofDays(7));

            CompletableFuture<?> x = CompletableFuture.runAsync(() -> a.busy(List.of("primary"), week, BusyPolicy.defaults()), threads);
            CompletableFuture<?> y = CompletableFuture.runAsync(() -> b.busy(List.of("primary"), week, BusyPolicy.defaults()), threads);
            x.get(60, TimeUnit.SECONDS);
            y.get(60, TimeUnit.SECONDS);

            wm.verify(2, postRequestedFor(urlPathEqualTo("/token")));
            OAuthToken stored = second.tokenStore().load(KEY).orElseThrow();
            String n = stored.accessToken().substring("ya29.access-".length());
            assertThat(stored.refreshToken()).hasValue("1//refresh-" + n);
            assertThat(stored.health()).isEqualTo(TokenHealth.HEALTHY);
            assertThat(first.tokenStore().load(KEY)).hasValue(stored);
            assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(EVENTS))).stream().map(LoggedRequest::getHeaders)
                    .map(h -> h.getHeader("Authorization").firstValue()))
                    .containsExactly("Bearer " + stored.accessToken(), "Bearer " + stored.accessToken());
        } finally {
            threads.shutdownNow();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }
}
