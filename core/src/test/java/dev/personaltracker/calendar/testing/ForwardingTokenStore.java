package dev.personaltracker.calendar.testing;

import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.util.List;
import java.util.Optional;

/**
 * A token store that passes every call to another; tests override the calls they want to observe or disturb.
 * Shared through core's test-jar with the other modules' tests.
 */
public class ForwardingTokenStore implements TokenStore {

    private final TokenStore delegate;

    /** @param delegate  the store the calls go to, not null */
    public ForwardingTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    /** @return the store the calls go to */
    public TokenStore delegate() {
        return delegate;
    }

    @Override
    public void save(TokenKey key, OAuthToken token) {
        delegate.save(key, token);
    }

    @Override
    public boolean replace(TokenKey key, OAuthToken expected, OAuthToken updated) {
        return delegate.replace(key, expected, updated);
    }

    @Override
    public Optional<OAuthToken> load(TokenKey key) {
        return delegate.load(key);
    }

    @Override
    public List<TokenKey> list(String userId) {
        return delegate.list(userId);
    }

    @Override
    public boolean delete(TokenKey key) {
        return delegate.delete(key);
    }
}
