package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's user name and app-specific password, and what the server last said about them.
 * <p>
 * A stored grant keeps the password as the {@link OAuthToken#accessToken()} of the token store (the only place it is
 * kept); it is loaded for each request, so a password the person saves again is used at once. When the server
 * answers 401 the stored grant is marked {@link TokenHealth#REAUTHORIZATION_REQUIRED} and later calls fail fast
 * until a new password is saved. Neither the password nor the header made from it appears in a message, a log line
 * or {@link #toString()}. Thread-safe.
 */
final class Grant {

    private static final Logger LOG = LoggerFactory.getLogger(Grant.class);

    private final String userName;
    private final Credentials credentials;
    private volatile TokenHealth health = TokenHealth.HEALTHY;

    Grant(String userName, Credentials credentials) {
        this.userName = userName;
        this.credentials = credentials;
    }

    String userName() {
        return userName;
    }

    TokenHealth health() {
        if (credentials.tokenStore().isPresent()) {
            return stored().map(OAuthToken::health).orElse(health);
        }
        return health;
    }

    /**
     * @return the value of the {@code Authorization} header
     * @throws ReauthorizationRequiredException if the server refused this password before and no new one was saved
     * @throws NotConnectedException if no password is stored
     */
    String authorization() {
        String password;
        if (credentials.tokenStore().isPresent()) {
            OAuthToken token = stored().orElseThrow(() -> new NotConnectedException("caldav: no password is stored for "
                    + credentials.tokenKey().orElseThrow() + ": save the app-specific password with"
                    + " CaldavCalendarProvider.saveAccount(...) first"));
            if (token.health() == TokenHealth.REAUTHORIZATION_REQUIRED) {
                throw refused();
            }
            password = token.accessToken();
        } else if (credentials.accessToken().isPresent()) {
            if (health == TokenHealth.REAUTHORIZATION_REQUIRED) {
                throw refused();
            }
            password = credentials.accessToken().get();
        } else {
            throw new NotConnectedException("caldav: account '" + userName + "' has no password: connect with"
                    + " Credentials.stored(tokenStore, key) after CaldavCalendarProvider.saveAccount(...), or with"
                    + " Credentials.accessToken(appPassword)");
        }
        if (password.isEmpty()) {
            throw new NotConnectedException("caldav: the stored password of account '" + userName + "' is empty:"
                    + " save the app-specific password again");
        }
        return header(password);
    }

    private String header(String password) {
        String pair = userName + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records that the server refused the password (401) and returns the exception to throw. A stored grant is marked
     * only if it still holds the refused password, with {@link TokenStore#replace compare-and-set}: a new password
     * saved meanwhile (by the host, or another instance sharing the store) is neither marked nor overwritten.
     *
     * @param sent  the {@code Authorization} header the server refused, empty if none was sent
     * @return the exception, naming the account and what to do
     */
    ReauthorizationRequiredException rejected(Optional<String> sent) {
        Optional<TokenKey> key = credentials.tokenKey();
        Optional<TokenStore> store = credentials.tokenStore();
        if (key.isPresent() && store.isPresent()) {
            Optional<OAuthToken> refused = store.get().load(key.get())
                    .filter(t -> sent.isPresent() && sent.get().equals(header(t.accessToken())));
            if (refused.isEmpty() || !store.get().replace(key.get(), refused.get(),
                    refused.get().withHealth(TokenHealth.REAUTHORIZATION_REQUIRED))) {
                LOG.warn("caldav: the server refused a password of {} that is no longer the stored one; the stored"
                        + " grant is left as it is", key.get());
                return new ReauthorizationRequiredException("caldav: the server refused the password of account '"
                        + userName + "' (401), but another password was saved meanwhile: try again");
            }
            health = TokenHealth.REAUTHORIZATION_REQUIRED;
            LOG.warn("caldav: the server refused the password of {}; the grant is marked {}", key.get(),
                    TokenHealth.REAUTHORIZATION_REQUIRED);
        } else {
            health = TokenHealth.REAUTHORIZATION_REQUIRED;
            LOG.warn("caldav: the server refused the password of account '{}'", userName);
        }
        return refused();
    }

    private ReauthorizationRequiredException refused() {
        return new ReauthorizationRequiredException("caldav: the server refused the password of account '" + userName
                + "' (401): the app-specific password was revoked or mistyped; create a new one and save it with"
                + " CaldavCalendarProvider.saveAccount(...)");
    }

    private Optional<OAuthToken> stored() {
        return credentials.tokenStore().orElseThrow().load(credentials.tokenKey().orElseThrow());
    }

    @Override
    public String toString() {
        return "Grant[user=" + userName + ", password=(redacted), health=" + health + "]";
    }
}
