package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.ACCESS;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.KEY;
import static dev.personaltracker.calendar.google.GoogleApi.NOW;
import static dev.personaltracker.calendar.google.GoogleApi.REFRESH;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.testing.AnswerSequence;
import dev.personaltracker.calendar.testing.RacingTokenStore;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two host instances (two providers, two connections) sharing one token store refresh the same grant: the store ends
 * with one valid grant, both instances use it, and a refresh token is never overwritten by an older one. Google
 * rotates refresh tokens for some clients, so the token endpoint here issues a new refresh token on every refresh and
 * refuses a spent one.
 */
class GoogleTokenRaceTest {

    /** The token endpoint's answers, in the order the requests arrive (two arrive at once). */
    private static final AnswerSequence ROTATION = new AnswerSequence();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(ROTATION)).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    private final InMemoryTokenStore shared = InMemoryTokenStore.create();

    private static String issued(int n) {
        return "{\"access_token\": \"ya29.access-" + n + "\", \"refresh_token\": \"1//refresh-" + n
                + "\", \"expires_in\": 3599, \"scope\": \"scope-a\", \"token_type\": \"Bearer\"}";
    }

    /** The first refresh issues grant 1, the second grant 2, a third is refused (the old refresh token is spent). */
    private static void tokenEndpointRotates() {
        ROTATION.answer(ok(issued(1)), ok(issued(2)),
                json(400, "{\"error\": \"invalid_grant\", \"error_description\": \"Bad Request\"}"));
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withTransformers(AnswerSequence.NAME)));
    }

    private static CalendarConnection instance(TokenStore store) {
        GoogleApi api = new GoogleApi(wm);
        return api.provider.connect(api.settings().build(), Credentials.stored(store, KEY));
    }

    private static void read(CalendarConnection c) {
        c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
    }

    private List<String> authorizationsSent() {
        return wm.findAll(getRequestedFor(urlPathEqualTo(EVENTS_PATH))).stream()
                .map(LoggedRequest::getHeaders).map(h -> h.getHeader("Authorization").firstValue()).toList();
    }

    /** One thread per instance: the common pool may have a single thread on a small machine. */
    private final ExecutorService instances = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopInstances() {
        instances.shutdownNow();
    }

    @Test
    void twoInstancesRefreshingAtOnce_keepOneStoredGrant_andBothUseIt() throws Exception {
        shared.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plusSeconds(20)), Set.of("scope-a")));
        tokenEndpointRotates();
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(), null, "s1"))));
        RacingTokenStore racing = new RacingTokenStore(shared, 2);
        CalendarConnection a = instance(racing);
        CalendarConnection b = instance(racing);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> read(a), instances);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> read(b), instances);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);

        wm.verify(2, postRequestedFor(urlPathEqualTo("/token")));
        OAuthToken stored = shared.load(KEY).orElseThrow();
        String n = stored.accessToken().substring("ya29.access-".length());
        assertThat(stored.refreshToken()).hasValue("1//refresh-" + n);   // the pair of one refresh, not a mix
        assertThat(stored.health()).isEqualTo(TokenHealth.HEALTHY);
        // the instance that lost the race dropped its own token and used the stored one
        assertThat(authorizationsSent()).containsExactly("Bearer " + stored.accessToken(), "Bearer " + stored.accessToken());

        read(a);
        read(b);
        assertThat(shared.load(KEY)).hasValue(stored);
        wm.verify(2, postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void anInstanceHoldingAnOldGrant_usesTheStoredRefresh_insteadOfOverwritingIt() {
        shared.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plus(Duration.ofHours(1))),
                Set.of("scope-a")));
        tokenEndpointRotates();
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(), null, "s1"))));
        CalendarConnection a = instance(shared);
        CalendarConnection b = instance(shared);
        read(b);   // b now holds the first grant in memory
        // Google revokes the access token (password change, say): both instances get 401 with it
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(json(401, GoogleApi.error(401, "global", "authError", "Invalid Credentials"))));

        read(a);   // a refreshes: grant 1 is stored, REFRESH is spent
        read(b);   // b must take grant 1 from the store, not refresh with the spent REFRESH

        wm.verify(1, postRequestedFor(urlPathEqualTo("/token")));
        OAuthToken stored = shared.load(KEY).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo("ya29.access-1");
        assertThat(stored.refreshToken()).hasValue("1//refresh-1");
        assertThat(stored.health()).isEqualTo(TokenHealth.HEALTHY);
        assertThat(b.tokenHealth()).isEqualTo(TokenHealth.HEALTHY);
        assertThat(authorizationsSent()).last().isEqualTo("Bearer ya29.access-1");
    }
}
