package dev.personaltracker.calendar.outlook;

import static dev.personaltracker.calendar.outlook.GraphFixture.CALENDARS;
import static dev.personaltracker.calendar.outlook.GraphFixture.CODE;
import static dev.personaltracker.calendar.outlook.GraphFixture.REDIRECT;
import static dev.personaltracker.calendar.outlook.GraphFixture.TOKEN_PATH;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class OutlookCalendarProviderTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();
    private final Pkce pkce = Pkce.generate();

    @Test
    void serviceLoader_findsTheProviderById() {
        assertThat(ServiceLoader.load(CalendarProvider.class).stream().map(p -> p.get().id()))
                .contains("outlook");
        assertThat(provider.displayName()).isEqualTo("Microsoft Outlook");
    }

    @Test
    void scopes_readWriteByDefault_readOnlyAsksOnlyToRead() {
        assertThat(provider.scopes(FIX.settings().build()))
                .containsExactlyInAnyOrder("Calendars.ReadWrite", "MailboxSettings.Read", "offline_access");
        assertThat(provider.scopes(FIX.settings().readOnly(true).build()))
                .containsExactlyInAnyOrder("Calendars.Read", "MailboxSettings.Read", "offline_access");
    }

    @Test
    void scopes_nationalCloudQualifiesGraphScopesWithItsHost() {
        assertThat(provider.scopes(ProviderSettings.builder().property("cloud", "china").build()))
                .contains("https://microsoftgraph.chinacloudapi.cn/Calendars.ReadWrite");
    }

    @Test
    void authorizationUrl_carriesS256ChallengeStateQueryModeAndTenant() {
        URI url = provider.authorizationUrl(FIX.settings().property("tenant", "organizations").build(),
                new AuthorizationParameters(REDIRECT, "state-123", pkce.challenge(), Optional.of(GraphFixture.USER)));

        Map<String, String> q = query(url);
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getPath()).isEqualTo("/organizations/oauth2/v2.0/authorize");
        assertThat(q).containsEntry("code_challenge", pkce.challenge())
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("state", "state-123")
                .containsEntry("response_mode", "query")
                .containsEntry("response_type", "code")
                .containsEntry("client_id", GraphFixture.CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT.toString())
                .containsEntry("login_hint", GraphFixture.USER);
        assertThat(q.get("scope").split(" ")).contains("Calendars.ReadWrite", "MailboxSettings.Read", "offline_access");
        assertThat(url.toString()).doesNotContain(GraphFixture.CLIENT_SECRET);
    }

    @Test
    void authorizationUrl_refusesMissingClientIdAndPlainHttpSignIn() {
        var parameters = new AuthorizationParameters(REDIRECT, "s", pkce.challenge(), Optional.empty());
        assertThatThrownBy(() -> provider.authorizationUrl(ProviderSettings.builder().build(), parameters))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> provider.authorizationUrl(FIX.settings()
                .authBaseUrl(URI.create("http://localhost:1/")).build(), parameters))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("https");
    }

    @Test
    void exchangeCode_sendsVerifierAndKeepsMsalCacheAsProviderState() {
        FIX.server.stubFor(post(TOKEN_PATH).willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 3600))));

        AuthorizedAccount account = exchange();

        assertThat(account.accountId()).isEqualTo(GraphFixture.USER);
        OAuthToken token = account.token();
        assertThat(token.accessToken()).isEmpty();
        assertThat(token.refreshToken()).isEmpty();
        assertThat(token.providerState()).hasValueSatisfying(s -> assertThat(s).contains("RT-1"));
        assertThat(token.expiresAt()).isPresent();
        assertThat(token.toString()).doesNotContain("AT-1").doesNotContain("RT-1");
        FIX.server.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code_verifier=" + pkce.verifier()))
                .withRequestBody(containing("client_secret=" + GraphFixture.CLIENT_SECRET)));
    }

    @Test
    void exchangeCode_refusedCodeIsAnAuthorizationError() {
        FIX.server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS54005: OAuth2 Authorization "
                        + "code was already redeemed.\",\"error_codes\":[54005]}")));

        assertThatThrownBy(this::exchange).isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("authorization again").hasMessageNotContaining(CODE);
    }

    @Test
    void exchangeCode_refusedClientIsABadSetting() {
        FIX.server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client "
                        + "secret provided.\",\"error_codes\":[7000215]}")));

        assertThatThrownBy(this::exchange).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("clientSecret").hasMessageNotContaining(GraphFixture.CLIENT_SECRET);
    }

    @Test
    void connect_storedGrantCallsGraphWithItsToken() {
        FIX.server.stubFor(post(TOKEN_PATH).willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 3600))));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-1"))
                .willReturn(okJson(CALENDARS)));
        var store = InMemoryTokenStore.create();
        TokenKey key = store(store, exchange());

        var calendars = provider.connect(FIX.settings().build(), Credentials.stored(store, key)).calendars();

        assertThat(calendars).singleElement().satisfies(c -> assertThat(c.primary()).isTrue());
        FIX.server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))); // the code exchange only
    }

    @Test
    void connect_expiringTokenIsRefreshedAndTheNewCacheStored() {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 60))));
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=RT-1"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-2", "RT-2", 3600))));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-2"))
                .willReturn(okJson(CALENDARS)));
        var store = InMemoryTokenStore.create();
        TokenKey key = store(store, exchange());

        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));
        connection.calendars();

        assertThat(store.load(key).flatMap(OAuthToken::providerState)).hasValueSatisfying(s ->
                assertThat(s).contains("RT-2").doesNotContain("RT-1"));
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.HEALTHY);
    }

    @Test
    void connect_invalidGrantMarksTheTokenAndAsksForReauthorization() {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 60))));
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS700082: The refresh "
                                + "token has expired due to inactivity.\",\"error_codes\":[700082]}")));
        var store = InMemoryTokenStore.create();
        TokenKey key = store(store, exchange());
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining(GraphFixture.USER);
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(store.load(key)).hasValueSatisfying(t ->
                assertThat(t.health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED));
        int tokenRequests = FIX.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(FIX.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(tokenRequests);
        FIX.server.verify(0, getRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
    }

    @Test
    void connect_a401RefreshesOnceAndRetries() {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 3600))));
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-2", "RT-2", 3600))));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-1"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired or is not yet valid.\"}}")));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-2"))
                .willReturn(okJson(CALENDARS)));
        var store = InMemoryTokenStore.create();
        TokenKey key = store(store, exchange());

        var calendars = provider.connect(FIX.settings().build(), Credentials.stored(store, key)).calendars();

        assertThat(calendars).hasSize(1);
        FIX.server.verify(2, getRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
        FIX.server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void connect_hostAccessTokenIsUsedAsIsAndA401NeedsReauthorization() {
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).inScenario("host").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(CALENDARS)).willSetStateTo("expired"));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).inScenario("host").whenScenarioStateIs("expired")
                .willReturn(aResponse().withStatus(401)));
        var connection = provider.connect(FIX.settings().property("account", GraphFixture.USER).build(),
                Credentials.accessToken("host-held-token"));

        assertThat(connection.calendars()).hasSize(1);
        assertThat(connection.accountId()).isEqualTo(GraphFixture.USER);
        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        FIX.server.verify(getRequestedFor(urlPathEqualTo("/v1.0/me/calendars"))
                .withHeader("Authorization", equalTo("Bearer host-held-token")));
        assertThat(connection.toString()).doesNotContain("host-held-token");
    }

    @Test
    void connect_refusesNoCredentialsAndBadSettings() {
        assertThatThrownBy(() -> provider.connect(FIX.settings().build(), Credentials.none()))
                .isInstanceOf(BadSettingsException.class);
        assertThatThrownBy(() -> provider.connect(FIX.settings().property("sync", "sometimes").build(),
                Credentials.accessToken("t"))).isInstanceOf(BadSettingsException.class).hasMessageContaining("sometimes");
        assertThatThrownBy(() -> provider.connect(FIX.settings().property("tenant", "bad tenant!").build(),
                Credentials.accessToken("t"))).isInstanceOf(BadSettingsException.class).hasMessageContaining("bad tenant!");
        assertThatThrownBy(() -> provider.connect(FIX.settings().property("concurrency", "0").build(),
                Credentials.accessToken("t"))).isInstanceOf(BadSettingsException.class).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> provider.connect(FIX.settings().property("zone", "Mars/Olympus").build(),
                Credentials.accessToken("t"))).isInstanceOf(BadSettingsException.class).hasMessageContaining("Mars/Olympus");
    }

    @Test
    void connect_aPlainRefreshTokenFromElsewhereIsRedeemedOnceAndKeptAsMsalCache() {
        FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=RT-legacy"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-9", "RT-9", 3600))));
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization", equalTo("Bearer AT-9"))
                .willReturn(okJson(CALENDARS)));
        var store = InMemoryTokenStore.create();
        TokenKey key = TokenKey.of("user-1", "outlook", GraphFixture.USER);
        store.save(key, OAuthToken.of("", Optional.of("RT-legacy"), Optional.empty(), java.util.Set.of()));
        var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));

        connection.calendars();
        connection.calendars();

        FIX.server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(store.load(key)).hasValueSatisfying(t -> {
            assertThat(t.refreshToken()).isEmpty();
            assertThat(t.providerState()).hasValueSatisfying(s -> assertThat(s).contains("RT-9"));
        });
    }

    @Test
    void logs_neverContainTokensCodesOrSecrets() {
        // Every line reaches the root appender; the code that handles tokens (ours, MSAL, the Graph SDK, OkHttp)
        // logs at DEBUG for this test. WireMock's own Jetty stays quiet: at DEBUG it dumps whole requests.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> verbose = List.of("dev.personaltracker", "com.microsoft", "com.azure", "okhttp3").stream()
                .map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        verbose.forEach(l -> l.setLevel(Level.DEBUG));
        try {
            FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=authorization_code"))
                    .willReturn(okJson(GraphFixture.tokenResponse("AT-secret-1", "RT-secret-1", 60))));
            FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                    .inScenario("logs").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson(GraphFixture.tokenResponse("AT-secret-2", "RT-secret-2", 60))).willSetStateTo("revoked"));
            FIX.server.stubFor(post(TOKEN_PATH).withRequestBody(containing("grant_type=refresh_token"))
                    .inScenario("logs").whenScenarioStateIs("revoked")
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: revoked\"}")));
            FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).willReturn(okJson(CALENDARS)));
            var store = InMemoryTokenStore.create();
            TokenKey key = store(store, exchange());
            var connection = provider.connect(FIX.settings().build(), Credentials.stored(store, key));
            connection.calendars();
            assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class);
        } finally {
            root.detachAppender(appender);
            verbose.forEach(l -> l.setLevel(null));
        }

        assertThat(appender.list).isNotEmpty();
        List<String> secrets = List.of("AT-secret-1", "AT-secret-2", "RT-secret-1", "RT-secret-2", CODE,
                pkce.verifier(), GraphFixture.CLIENT_SECRET);
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : secrets) {
                assertThat(line).as("log line from %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    private AuthorizedAccount exchange() {
        return provider.exchangeCode(FIX.settings().build(), new AuthorizationCode(CODE, REDIRECT, pkce.verifier()));
    }

    private static TokenKey store(InMemoryTokenStore store, AuthorizedAccount account) {
        TokenKey key = TokenKey.of("user-1", "outlook", account.accountId());
        store.save(key, account.token());
        return key;
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
