package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.spi.TokenHealth;
import java.util.Optional;

/**
 * A bearer token the host already holds. It is never refreshed: once Graph refuses it, the health turns to
 * {@link TokenHealth#REAUTHORIZATION_REQUIRED} and calls fail with a re-authorization error.
 */
final class HostTokenSource implements TokenSource {

    private final String token;
    private volatile TokenHealth health = TokenHealth.HEALTHY;

    HostTokenSource(String token) {
        this.token = token;
    }

    @Override
    public String accessToken() {
        return token;
    }

    @Override
    public Optional<String> renewAfterUnauthorized(String rejected) {
        health = TokenHealth.REAUTHORIZATION_REQUIRED;
        return Optional.empty();
    }

    @Override
    public TokenHealth health() {
        return health;
    }

    @Override
    public String toString() {
        return "HostTokenSource[token=(redacted), health=" + health + "]";
    }
}
