package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.testing.ForwardingTokenStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 401 for a password that is no longer the stored one (the person saved a new one, perhaps through another host
 * instance, while the request was under way) neither marks nor overwrites the new password.
 */
class CaldavGrantRaceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final TokenKey KEY = TokenKey.of("alice", "caldav", DavStubs.USER);
    private static final String HOME = "/dav/calendars/me/";

    /** Saves a new password once the server has the request with the old one, as another instance would. */
    private static final class NewPasswordMeanwhile extends ForwardingTokenStore {
        final AtomicBoolean saved = new AtomicBoolean();

        NewPasswordMeanwhile() {
            super(InMemoryTokenStore.create());
        }

        @Override
        public Optional<OAuthToken> load(TokenKey key) {
            boolean underWay = !wm.findAll(requestedFor("PROPFIND", urlEqualTo(HOME))).isEmpty();
            if (underWay && saved.compareAndSet(false, true)) {
                CaldavCalendarProvider.saveAccount(delegate(), KEY, wm.baseUrl() + "/dav/", "new-app-password");
            }
            return super.load(key);
        }
    }

    @Test
    void a401ForTheOldPassword_leavesTheNewlySavedOneHealthy() {
        DavStubs.discovery(wm);
        NewPasswordMeanwhile store = new NewPasswordMeanwhile();
        Credentials credentials = CaldavCalendarProvider.saveAccount(store.delegate(), KEY, wm.baseUrl() + "/dav/",
                DavStubs.PASSWORD);
        wm.stubFor(request("PROPFIND", urlEqualTo(HOME)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"CalDAV\"")));
        CalendarConnection connection = new CaldavCalendarProvider().connect(settings(wm, fast(1)),
                Credentials.stored(store, credentials.tokenKey().orElseThrow()));

        assertThatThrownBy(connection::calendars).isInstanceOf(ReauthorizationRequiredException.class)
                .hasMessageContaining("another password was saved meanwhile");

        OAuthToken stored = store.delegate().load(KEY).orElseThrow();
        assertThat(stored.accessToken()).isEqualTo("new-app-password");
        assertThat(stored.health()).isEqualTo(TokenHealth.HEALTHY);
        assertThat(connection.tokenHealth()).isEqualTo(TokenHealth.HEALTHY);
    }
}
