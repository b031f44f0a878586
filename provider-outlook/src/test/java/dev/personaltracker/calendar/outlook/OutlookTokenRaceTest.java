package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.personaltracker.calendar.outlook.GraphFixture.CODE;
import static dev.personaltracker.calendar.outlook.GraphFixture.REDIRECT;
import static dev.personaltracker.calendar.outlook.GraphFixture.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.testing.AnswerSequence;
import dev.personaltracker.calendar.testing.RacingTokenStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two host instances (two providers, each with its own MSAL client) sharing one token store refresh the same grant at
 * once: the store ends with the cache of one refresh, both instances use its access token, and the refresh token of
 * the write that won is not overwritten by the other.
 */
class OutlookTokenRaceTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();

    private final InMemoryTokenStore shared = InMemoryTokenStore.create();

    private TokenKey signIn() {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 60))));
        AuthorizedAccount account = new OutlookCalendarProvider().exchangeCode(FIX.settings().build(),
                new AuthorizationCode(CODE, REDIRECT, Pkce.generate().verifier()));
        TokenKey key = TokenKey.of("user-1", "outlook", account.accountId());
        shared.save(key, account.token());
        return key;
    }

    private static void refreshIssuesANewPairEachTime() {
        // the two refreshes arrive at once: answered in arrival order (WireMock's scenarios are not atomic)
        FIX.answers.answer(okJson(GraphFixture.tokenResponse("AT-2", "RT-2", 3600)),
                okJson(GraphFixture.tokenResponse("AT-3", "RT-3", 3600)));
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withTransformers(AnswerSequence.NAME)));
    }

    private static CalendarConnection instance(TokenStore store, TokenKey key) {
        return new OutlookCalendarProvider().connect(FIX.settings().build(), Credentials.stored(store, key));
    }

    private static List<String> authorizationsSent() {
        return FIX.server.findAll(getRequestedFor(urlPathEqualTo("/v1.0/me/calendars"))).stream()
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
        TokenKey key = signIn();
        refreshIssuesANewPairEachTime();
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).willReturn(okJson(GraphFixture.CALENDARS)));
        RacingTokenStore racing = new RacingTokenStore(shared, 2);
        CalendarConnection a = instance(racing, key);
        CalendarConnection b = instance(racing, key);

        CompletableFuture<?> first = CompletableFuture.runAsync(a::calendars, instances);
        CompletableFuture<?> second = CompletableFuture.runAsync(b::calendars, instances);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);

        FIX.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token")));
        List<String> sent = authorizationsSent();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).as("both instances use the one stored grant").isEqualTo(sent.get(1));
        String n = sent.get(0).substring("Bearer AT-".length());
        OAuthToken stored = shared.load(key).orElseThrow();
        assertThat(stored.health()).isEqualTo(TokenHealth.HEALTHY);
        assertThat(stored.providerState()).hasValueSatisfying(cache -> assertThat(cache)
                .contains("AT-" + n, "RT-" + n).doesNotContain("RT-1"));

        a.calendars();
        b.calendars();
        assertThat(authorizationsSent()).allMatch(h -> h.equals("Bearer AT-" + n));
        FIX.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token")));
    }
}
