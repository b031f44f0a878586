package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stored grants: refresh before expiry and on a 401 (once), write-back to the TokenStore, invalid_grant. */
class GoogleTokenTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String NEW_ACCESS = "ya29.a0AfB_byC-test-access-token-0002";
    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS))
                .willReturn(ok(page(List.of(), null, "s1"))));
    }

    private void storeTokenExpiringIn(Duration left) {
        api.tokens.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plus(left)), Set.of("scope-a")));
    }

    private static ResponseDefinitionBuilder unauthorized() {
        return json(401, error(401, "global", "authError", "Invalid Credentials"))
                .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }

    private void tokenEndpointIssues(String accessToken) {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(ok("{\"access_token\": \"" + accessToken
                + "\", \"expires_in\": 3599, \"scope\": \"scope-a scope-b\", \"token_type\": \"Bearer\"}")));
    }

    private void tokenEndpointRefusesTheGrant() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(json(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked.\"}")));
    }

    private static void read(CalendarConnection c) {
        c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
    }

    private int tokenCalls() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/token"))).size();
    }

    @Test
    void tokenAboutToExpire_isRefreshedBeforeUse_andWrittenBackToTheStore() {
        storeTokenExpiringIn(Duration.ofSeconds(30));
        tokenEndpointIssues(NEW_ACCESS);

        read(api.connect());

        wm.verify(1, postRequestedFor(urlPathEqualTo("/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + REFRESH.replace("/", "%2F")))
                .withRequestBody(containing("client_id=" + GoogleApi.CLIENT_ID)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + NEW_ACCESS)));
        OAuthToken stored = api.tokens.load(KEY).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo(NEW_ACCESS);
        assertThat(stored.refreshToken()).hasValue(REFRESH);   // Google sends none on refresh: the old one stays
        assertThat(stored.expiresAt()).hasValue(NOW.plusSeconds(3599));
        assertThat(stored.scopes()).containsExactlyInAnyOrder("scope-a", "scope-b");
        assertThat(stored.health()).isEqualTo(TokenHealth.HEALTHY);
    }

    @Test
    void freshToken_isNotRefreshed() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(ok(page(List.of(), null, "s1"))));

        read(api.connect());

        assertThat(tokenCalls()).isZero();
    }

    @Test
    void unauthorized_refreshesOnceAndRetries() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(unauthorized()));
        tokenEndpointIssues(NEW_ACCESS);

        read(api.connect());

        assertThat(tokenCalls()).isEqualTo(1);
        assertThat(api.tokens.load(KEY).orElseThrow().accessToken()).isEqualTo(NEW_ACCESS);
    }

    @Test
    void unauthorized_refreshesWhateverWwwAuthenticateSays() {
        // Google's Credential alone would not refresh on this header (no error="invalid_token").
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(json(401, error(401, "global", "authError", "Invalid Credentials"))
                        .withHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\"")));
        tokenEndpointIssues(NEW_ACCESS);

        read(api.connect());

        assertThat(tokenCalls()).isEqualTo(1);
    }

    @Test
    void unauthorizedEvenAfterTheRefresh_isReauthorizationRequired_afterOneRefreshOnly() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(unauthorized()));
        tokenEndpointIssues(NEW_ACCESS);

        assertThatThrownBy(() -> read(api.connect())).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("ada@example.com");
        assertThat(tokenCalls()).isEqualTo(1);
        wm.verify(2, getRequestedFor(urlPathEqualTo(EVENTS_PATH)));
    }

    @Test
    void invalidGrant_marksTheStoredTokenAndKeepsIt() {
        storeTokenExpiringIn(Duration.ofSeconds(10));
        tokenEndpointRefusesTheGrant();
        CalendarConnection c = api.connect();

        assertThatThrownBy(() -> read(c)).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("authorize again");

        OAuthToken stored = api.tokens.load(KEY).orElseThrow();
        assertThat(stored.health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(stored.accessToken()).isEqualTo(ACCESS);
        assertThat(stored.refreshToken()).hasValue(REFRESH);
        assertThat(c.tokenHealth()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        wm.verify(0, getRequestedFor(urlPathEqualTo(EVENTS_PATH)));
    }

    @Test
    void invalidGrant_afterA401_isReauthorizationRequiredToo() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(unauthorized()));
        tokenEndpointRefusesTheGrant();
        CalendarConnection c = api.connect();

        assertThatThrownBy(() -> read(c)).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("invalid_grant");
        assertThat(api.tokens.load(KEY).orElseThrow().health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(c.tokenHealth()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
    }

    @Test
    void afterInvalidGrant_laterCallsFailWithoutARequest() {
        storeTokenExpiringIn(Duration.ofSeconds(10));
        tokenEndpointRefusesTheGrant();
        CalendarConnection c = api.connect();
        assertThatThrownBy(() -> read(c)).isInstanceOf(ReauthorizationRequiredException.class);
        int requests = wm.getAllServeEvents().size();

        assertThatThrownBy(() -> read(c)).isInstanceOf(ReauthorizationRequiredException.class);
        assertThatThrownBy(() -> read(api.connect())).isInstanceOf(ReauthorizationRequiredException.class);

        assertThat(wm.getAllServeEvents()).hasSize(requests);
    }

    @Test
    void noStoredGrant_isNotConnected() {
        CalendarConnection c = api.provider.connect(api.settings().build(),
                Credentials.stored(api.tokens, TokenKey.of("user-1", "google", "nobody@example.com")));

        assertThatThrownBy(() -> read(c)).isExactlyInstanceOf(NotConnectedException.class)
                .hasMessageContaining("nobody@example.com");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void hostAccessToken_isSentAsIs_andA401AsksForANewOne() {
        CalendarConnection c = api.provider.connect(api.settings()
                .property(GoogleCalendarProvider.PROPERTY_ACCOUNT_ID, "ada@example.com").build(),
                Credentials.accessToken(NEW_ACCESS));
        read(c);
        assertThat(c.accountId()).isEqualTo("ada@example.com");

        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).willReturn(unauthorized()));
        CalendarConnection expired = api.provider.connect(api.settings().build(), Credentials.accessToken("ya29.old"));
        assertThatThrownBy(() -> read(expired)).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("host");
        assertThat(tokenCalls()).isZero();
    }

    @Test
    void tokenEndpointDown_keepsTheOldTokenAndReportsTheApiAnswer() {
        storeTokenExpiringIn(Duration.ofSeconds(10));
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(503)));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS))
                .willReturn(ok(page(List.of(), null, "s1"))));

        read(api.connect());

        assertThat(api.tokens.load(KEY).orElseThrow().health()).isEqualTo(TokenHealth.HEALTHY);
        assertThat(api.tokens.load(KEY).orElseThrow().accessToken()).isEqualTo(ACCESS);
    }
}
