package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.idToken;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.auth.PendingAuthorization;
import dev.personaltracker.calendar.auth.PendingAuthorizations;
import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider itself: discovery, scopes, the authorization URL, the code exchange, connect's checks. */
class GoogleCalendarProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final URI REDIRECT = URI.create("http://127.0.0.1:53117/callback");
    static final String FREEBUSY = "https://www.googleapis.com/auth/calendar.freebusy";
    static final String EVENTS_OWNED = "https://www.googleapis.com/auth/calendar.events.owned";
    static final String AUTH_CODE = "4/0AanRRrtTestAuthorizationCode";

    GoogleApi api;
    PendingAuthorizations pending;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
        pending = PendingAuthorizations.create(Clock.fixed(GoogleApi.NOW, ZoneOffset.UTC), Duration.ofMinutes(10));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static AuthorizationParameters parameters(PendingAuthorization p) {
        return new AuthorizationParameters(p.redirectUri(), p.state(), p.pkce().challenge(), Optional.empty());
    }

    @Test
    void serviceLoader_findsTheProviderById() {
        assertThat(ServiceLoader.load(CalendarProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("google"))).singleElement().isInstanceOf(GoogleCalendarProvider.class);
        assertThat(new GoogleCalendarProvider().displayName()).isEqualTo("Google Calendar");
    }

    @Test
    void scopes_areTheLeastForFreeBusyAndOwnEvents() {
        assertThat(api.provider.scopes(ProviderSettings.defaults())).containsExactly("openid", "email", FREEBUSY,
                "https://www.googleapis.com/auth/calendar.calendarlist.readonly", EVENTS_OWNED);
    }

    @Test
    void scopes_inReadOnlyModeAskForNoWriteScope_andExtraScopesAreAdded() {
        assertThat(api.provider.scopes(ProviderSettings.builder().readOnly(true).scope("profile").build()))
                .doesNotContain(EVENTS_OWNED)
                .contains("https://www.googleapis.com/auth/calendar.events.owned.readonly", "profile")
                .allMatch(s -> !s.startsWith("https://") || s.endsWith(".readonly") || s.endsWith("freebusy"));
    }

    @Test
    void authorizationUrl_carriesStateS256ChallengeAndOfflineAccess() {
        PendingAuthorization p = pending.begin("user-1", "google", REDIRECT);

        URI url = api.provider.authorizationUrl(api.settings().build(), parameters(p));

        assertThat(url.toString()).startsWith(wm.baseUrl() + "/o/oauth2/v2/auth?");
        Map<String, String> q = query(url);
        assertThat(q).containsEntry("response_type", "code")
                .containsEntry("client_id", GoogleApi.CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT.toString())
                .containsEntry("state", p.state())
                .containsEntry("code_challenge", Pkce.challengeOf(p.pkce().verifier()))
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent");
        assertThat(q.get("scope").split(" ")).contains(FREEBUSY, EVENTS_OWNED);
        assertThat(url.toString()).doesNotContain(p.pkce().verifier());
    }

    @Test
    void authorizationUrl_defaultsToGooglesEndpoint_andPassesLoginHintAndPrompt() {
        PendingAuthorization p = pending.begin("user-1", "google", REDIRECT);
        ProviderSettings settings = ProviderSettings.builder().clientId("cid")
                .property(GoogleCalendarProvider.PROPERTY_PROMPT, "select_account").build();

        URI url = api.provider.authorizationUrl(settings, new AuthorizationParameters(REDIRECT, p.state(),
                p.pkce().challenge(), Optional.of("ada@example.com")));

        assertThat(url.toString()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?");
        assertThat(query(url)).containsEntry("login_hint", "ada@example.com").containsEntry("prompt", "select_account");
    }

    @Test
    void authorizationUrl_withoutAClientId_isBadSettings() {
        PendingAuthorization p = pending.begin("user-1", "google", REDIRECT);

        assertThatThrownBy(() -> api.provider.authorizationUrl(ProviderSettings.defaults(), parameters(p)))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("clientId");
    }

    @Test
    void authorizationFlow_endToEnd_exchangesTheCodeWithTheVerifier_andRefusesAReusedOrForgedState() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(ok(tokenResponse("ya29.fresh", "1//fresh-refresh",
                idToken("ada@example.com")))));
        PendingAuthorization started = pending.begin("user-1", "google", REDIRECT);
        URI url = api.provider.authorizationUrl(api.settings().build(), parameters(started));
        String stateFromCallback = query(url).get("state");

        PendingAuthorization back = pending.complete(stateFromCallback);
        AuthorizedAccount account = api.provider.exchangeCode(api.settings().build(),
                new AuthorizationCode(AUTH_CODE, back.redirectUri(), back.pkce().verifier()));

        assertThat(account.accountId()).isEqualTo("ada@example.com");
        assertThat(account.token().accessToken()).isEqualTo("ya29.fresh");
        assertThat(account.token().refreshToken()).hasValue("1//fresh-refresh");
        assertThat(account.token().expiresAt()).hasValue(GoogleApi.NOW.plusSeconds(3599));
        assertThat(account.token().scopes()).contains(FREEBUSY);
        assertThat(account.token().health()).isEqualTo(TokenHealth.HEALTHY);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=" + AUTH_CODE.replace("/", "%2F")))
                .withRequestBody(containing("code_verifier=" + back.pkce().verifier()))
                .withRequestBody(containing("redirect_uri=" + URLEncoded.of(REDIRECT.toString())))
                .withRequestBody(containing("client_id=" + GoogleApi.CLIENT_ID)));
        assertThat(Pkce.challengeOf(back.pkce().verifier())).isEqualTo(query(url).get("code_challenge"));

        assertThatThrownBy(() -> pending.complete(stateFromCallback)).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> pending.complete("forged-state")).isInstanceOf(AuthorizationException.class);
    }

    @Test
    void exchangeCode_withoutAnIdToken_namesTheAccountByThePrimaryCalendar() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(ok(tokenResponse("ya29.fresh", "1//r", null))));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("fields", equalTo("summary"))
                .withHeader("Authorization", equalTo("Bearer ya29.fresh"))
                .willReturn(ok("{\"summary\": \"ada@example.com\"}")));

        AuthorizedAccount account = api.provider.exchangeCode(api.settings().build(),
                new AuthorizationCode(AUTH_CODE, REDIRECT, Pkce.generate().verifier()));

        assertThat(account.accountId()).isEqualTo("ada@example.com");
    }

    @Test
    void exchangeCode_refusedCode_isAnAuthorizationErrorWithoutTheCode() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(json(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Malformed auth code.\"}")));

        assertThatThrownBy(() -> api.provider.exchangeCode(api.settings().build(),
                new AuthorizationCode(AUTH_CODE, REDIRECT, Pkce.generate().verifier())))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining(AUTH_CODE);
    }

    @Test
    void exchangeCode_tokenEndpointDown_isProviderUnavailable() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(json(503, "{\"error\": \"temporarily_unavailable\"}")));

        assertThatThrownBy(() -> api.provider.exchangeCode(api.settings().build(),
                new AuthorizationCode(AUTH_CODE, REDIRECT, Pkce.generate().verifier())))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void connect_doesNoIo_andChecksItsSettings() {
        api.provider.connect(api.settings().build(), Credentials.stored(api.tokens, GoogleApi.KEY));
        assertThat(wm.getAllServeEvents()).isEmpty();

        assertThatThrownBy(() -> api.provider.connect(api.settings().build(), Credentials.none()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> api.provider.connect(ProviderSettings.defaults(),
                Credentials.stored(api.tokens, GoogleApi.KEY)))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> api.provider.connect(api.settings().build(),
                Credentials.stored(api.tokens, TokenKey.of("user-1", "outlook", "ada@example.com"))))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("outlook");
        for (String bad : new String[] {"0", "91", "ninety"}) {
            assertThatThrownBy(() -> api.connect(api.settings()
                    .property(GoogleCalendarProvider.PROPERTY_FREE_BUSY_CHUNK_DAYS, bad).build()))
                    .isInstanceOf(BadSettingsException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void toString_ofConnectionAndProvider_showNoSecret() {
        String text = api.connect().toString() + api.provider;

        assertThat(text).contains("ada@example.com").doesNotContain(GoogleApi.ACCESS, GoogleApi.REFRESH,
                GoogleApi.CLIENT_SECRET);
    }

    /** URL form encoding as the token request uses it. */
    private static final class URLEncoded {
        static String of(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
