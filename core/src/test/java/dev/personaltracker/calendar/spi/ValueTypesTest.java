package dev.personaltracker.calendar.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0f1e2d3c-aaaa-bbbb-cccc-000000000000", "study-2026-w10-1"})
    void sessionKey_acceptsDocumentedForm(String value) {
        assertThat(SessionKey.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "under_score", "space here", "slash/no"})
    void sessionKey_rejectsOtherFormsNamingTheValue(String value) {
        assertThatThrownBy(() -> SessionKey.of(value)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + value + "'");
    }

    @Test
    void sessionKey_rejectsMoreThan64Characters() {
        assertThatThrownBy(() -> SessionKey.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(SessionKey.of("a".repeat(64)).value()).hasSize(64);
    }

    @Test
    void sessionKey_randomKeysDiffer() {
        assertThat(SessionKey.random()).isNotEqualTo(SessionKey.random());
    }

    @Test
    void tokenKey_rejectsBlankPartsNamingThem() {
        assertThatThrownBy(() -> TokenKey.of(" ", "google", "a")).hasMessageContaining("userId");
        assertThatThrownBy(() -> TokenKey.of("u", "", "a")).hasMessageContaining("providerId");
        assertThatThrownBy(() -> TokenKey.of("u", "google", "")).hasMessageContaining("accountId");
    }

    @Test
    void oauthToken_expiresWithinMargin() {
        Instant expiry = Instant.parse("2026-05-01T10:00:00Z");
        OAuthToken t = OAuthToken.of("a", Optional.empty(), Optional.of(expiry), Set.of());
        assertThat(t.expiresWithin(expiry.minusSeconds(61), Duration.ofSeconds(60))).isFalse();
        assertThat(t.expiresWithin(expiry.minusSeconds(60), Duration.ofSeconds(60))).isTrue();
        assertThat(t.expiresWithin(expiry.plusSeconds(1), Duration.ZERO)).isTrue();
        OAuthToken noExpiry = OAuthToken.of("a", Optional.empty(), Optional.empty(), Set.of());
        assertThat(noExpiry.expiresWithin(Instant.MAX, Duration.ZERO)).isFalse();
    }

    @Test
    void oauthToken_withHealthKeepsEverythingElse() {
        OAuthToken t = OAuthToken.of("a", Optional.of("r"), Optional.empty(), Set.of("s"));
        OAuthToken sick = t.withHealth(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(sick.health()).isEqualTo(TokenHealth.REAUTHORIZATION_REQUIRED);
        assertThat(sick.withHealth(TokenHealth.HEALTHY)).isEqualTo(t);
    }

    @Test
    void retryPolicy_rejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("maxAttempts").hasMessageContaining("0");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxElapsed");
    }

    @Test
    void readDeadline_defaultsToAFewSecondsAndRefusesNonPositive() {
        assertThat(ProviderSettings.defaults().readDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ProviderSettings.builder().readDeadline(Duration.ofMillis(750)).build().readDeadline())
                .isEqualTo(Duration.ofMillis(750));
        assertThatThrownBy(() -> ProviderSettings.builder().readDeadline(Duration.ZERO))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("readDeadline").hasMessageContaining("PT0S");
    }

    @Test
    void credentials_carryTheUser() {
        assertThat(Credentials.accessTokenOf("user-b", "tok").userId()).contains("user-b");
        assertThat(Credentials.accessTokenOf("user-b", "tok").accessToken()).contains("tok");
        assertThat(Credentials.accessToken("tok").userId()).isEmpty();
        assertThat(Credentials.stored(dev.personaltracker.calendar.memory.InMemoryTokenStore.create(),
                TokenKey.of("u", "google", "a@b.c")).userId()).contains("u");
        assertThatThrownBy(() -> Credentials.accessTokenOf(" ", "tok")).hasMessageContaining("userId");
        assertThat(Credentials.accessTokenOf("user-b", "secret-tok").toString()).doesNotContain("secret-tok");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080/x", "ftp://example.com/", "/relative/path", "mailto:a@b.c"})
    void providerSettings_rejectsNonHttpBaseUrlsNamingThem(String url) {
        assertThatThrownBy(() -> ProviderSettings.builder().apiBaseUrl(URI.create(url)))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("apiBaseUrl").hasMessageContaining(url);
        assertThatThrownBy(() -> ProviderSettings.builder().authBaseUrl(URI.create(url)))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("authBaseUrl");
    }

    @Test
    void providerSettings_defaultsAndProperties() {
        ProviderSettings d = ProviderSettings.defaults();
        assertThat(d.apiBaseUrl()).isEmpty();
        assertThat(d.clientId()).isEmpty();
        assertThat(d.readOnly()).isFalse();
        assertThat(d.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        ProviderSettings s = ProviderSettings.builder().apiBaseUrl(URI.create("http://localhost:8089/")).property("tenant", "common").readOnly(true).build();
        assertThat(s.apiBaseUrl()).contains(URI.create("http://localhost:8089/"));
        assertThat(s.property("tenant")).contains("common");
        assertThat(s.property("missing")).isEmpty();
        assertThat(s.readOnly()).isTrue();
    }

    @Test
    void providerSettings_forUserSetsIdAndZoneAndKeepsTheRest() {
        ProviderSettings shared = ProviderSettings.builder().clientId("c").property("tenant", "common")
                .readDeadline(Duration.ofSeconds(3)).build();
        assertThat(shared.userId()).isEmpty();
        assertThat(shared.userZone()).isEmpty();
        assertThat(ProviderSettings.defaults().readDeadline()).isEqualTo(ProviderSettings.DEFAULT_READ_DEADLINE);

        ProviderSettings alice = shared.forUser("alice", java.time.ZoneId.of("Europe/Berlin"));

        assertThat(alice.userId()).contains("alice");
        assertThat(alice.userZone()).contains(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(alice.clientId()).contains("c");
        assertThat(alice.property("tenant")).contains("common");
        assertThat(alice.readDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(shared.userId()).isEmpty();
        assertThatThrownBy(() -> ProviderSettings.builder().readDeadline(Duration.ZERO))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("readDeadline");
        assertThatThrownBy(() -> shared.forUser(" ", java.time.ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calendarInfo_writableOnlyForOwnerOrWriter() {
        for (CalendarAccess a : CalendarAccess.values()) {
            CalendarInfo c = new CalendarInfo("c", "n", false, a, Optional.empty());
            assertThat(c.writable()).as(a.name()).isEqualTo(a == CalendarAccess.OWNER || a == CalendarAccess.WRITER);
        }
    }

    @Test
    void rateLimited_carriesRetryAfter() {
        assertThat(new RateLimitedException("m", Duration.ofSeconds(10), null).retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(new RateLimitedException("m", null, null).retryAfter()).isEmpty();
        assertThat(new RateLimitedException("m", null, null)).isInstanceOf(ProviderUnavailableException.class);
        assertThat(new ReauthorizationRequiredException("m")).isInstanceOf(NotConnectedException.class).isInstanceOf(CalendarException.class);
    }
}
