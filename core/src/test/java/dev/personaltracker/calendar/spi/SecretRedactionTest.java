package dev.personaltracker.calendar.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.auth.PendingAuthorizations;
import dev.personaltracker.calendar.auth.Pkce;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No secret may appear in any toString() of the SPI's value types. */
class SecretRedactionTest {

    private static final String ACCESS = "ya29.ACCESS-SECRET-123";
    private static final String REFRESH = "1//REFRESH-SECRET-456";
    private static final String STATE = "{\"msal\":\"CACHE-SECRET-789\"}";

    @Test
    void oauthToken_toStringShowsNoSecret() {
        OAuthToken token = new OAuthToken(ACCESS, Optional.of(REFRESH), Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                Set.of("scope-b", "scope-a"), Optional.of(STATE), TokenHealth.HEALTHY);
        assertThat(token.toString())
                .doesNotContain(ACCESS, REFRESH, STATE, "SECRET")
                .contains("(redacted)", "2026-01-01T00:00:00Z", "[scope-a, scope-b]", "HEALTHY");
    }

    @Test
    void oauthToken_toStringSaysWhichPartsAreAbsent() {
        OAuthToken token = OAuthToken.of("", Optional.empty(), Optional.empty(), Set.of());
        assertThat(token.toString()).contains("accessToken=(none)", "refreshToken=(none)", "expiresAt=(unknown)", "providerState=(none)");
    }

    @Test
    void credentials_toStringShowsNoToken() {
        assertThat(Credentials.accessToken(ACCESS).toString()).doesNotContain(ACCESS).contains("redacted");
        assertThat(Credentials.stored(dev.personaltracker.calendar.memory.InMemoryTokenStore.create(), TokenKey.of("u", "google", "a@b.c")).toString())
                .contains("a@b.c");
        assertThat(Credentials.none().toString()).isEqualTo("Credentials[none]");
    }

    @Test
    void providerSettings_toStringShowsNoClientSecret() {
        ProviderSettings s = ProviderSettings.builder().clientId("client-1").clientSecret("CLIENT-SECRET-000").build();
        assertThat(s.toString()).doesNotContain("CLIENT-SECRET-000").contains("client-1", "clientSecret=(redacted)");
    }

    @Test
    void authorizationCode_toStringShowsNoCodeOrVerifier() {
        AuthorizationCode code = new AuthorizationCode("4/CODE-SECRET", URI.create("http://127.0.0.1:1/callback"), "VERIFIER-SECRET");
        assertThat(code.toString()).doesNotContain("CODE-SECRET", "VERIFIER-SECRET");
    }

    @Test
    void pkceAndPendingAuthorization_toStringShowNoVerifierOrState() {
        Pkce pkce = Pkce.generate();
        assertThat(pkce.toString()).doesNotContain(pkce.verifier()).contains(pkce.challenge());
        var pending = PendingAuthorizations.create(Clock.systemUTC(), Duration.ofMinutes(1))
                .begin("u", "google", URI.create("http://localhost/cb"));
        assertThat(pending.toString()).doesNotContain(pending.state(), pending.pkce().verifier());
    }
}
