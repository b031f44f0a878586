package dev.personaltracker.calendar.auth;

import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.UserIds;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The authorizations in flight: each gets a random {@code state} (256 bits) and a PKCE pair; a state is accepted
 * once, only before it expires, and never again. Thread-safe.
 * <p>
 * Kept in memory: a host with several server instances routes the callback to the instance that began it (or
 * keeps its own store of pending authorizations).
 */
public final class PendingAuthorizations {

    /** How long a person has to complete an authorization by default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private final Clock clock;
    private final Duration lifetime;
    private final ConcurrentMap<String, PendingAuthorization> pending = new ConcurrentHashMap<>();

    private PendingAuthorizations(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * @param clock  the clock for expiry, not null
     * @param lifetime  how long a state stays valid, positive
     * @return a new, empty registry
     */
    public static PendingAuthorizations create(Clock clock, Duration lifetime) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, but was " + lifetime);
        }
        return new PendingAuthorizations(clock, lifetime);
    }

    /**
     * Starts an authorization: makes a fresh state and PKCE pair and remembers them.
     *
     * @param userId  the host's user, not null
     * @param providerId  the provider, not null
     * @param redirectUri  where the person will come back, not null
     * @return the pending authorization, not null
     */
    public PendingAuthorization begin(String userId, String providerId, URI redirectUri) {
        UserIds.require(userId);
        purgeExpired();
        PendingAuthorization p = new PendingAuthorization(userId, providerId, redirectUri, Pkce.randomToken(32),
                Pkce.generate(), clock.instant().plus(lifetime));
        pending.put(p.state(), p);
        return p;
    }

    /**
     * Takes the authorization for a state returned to the redirect URI. The state is consumed: a second call with
     * it fails.
     *
     * @param state  the state from the callback, not null
     * @return the pending authorization, not null
     * @throws AuthorizationException if the state is unknown, was already used, or has expired
     */
    public PendingAuthorization complete(String state) {
        Objects.requireNonNull(state, "state");
        PendingAuthorization p = pending.remove(state);
        if (p == null) {
            throw new AuthorizationException("The authorization state is unknown or was already used: "
                    + "start the authorization again (a state is accepted once)");
        }
        if (clock.instant().isAfter(p.expiresAt())) {
            throw new AuthorizationException("The authorization for provider '" + p.providerId() + "' expired at "
                    + p.expiresAt() + ": start the authorization again");
        }
        return p;
    }

    /**
     * Takes the authorization for a state returned to the redirect URI, but only for the user who began it. A state
     * that belongs to another user is refused and left in place, so that a stray or forged callback in one user's
     * session cannot use up another user's authorization.
     *
     * @param state  the state from the callback, not null
     * @param userId  the user completing the authorization, not null
     * @return the pending authorization, not null
     * @throws AuthorizationException if the state is unknown, was already used, has expired, or was begun by
     *     another user
     */
    public PendingAuthorization complete(String state, String userId) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(userId, "userId");
        PendingAuthorization p = pending.get(state);
        if (p != null && !p.userId().equals(userId)) {
            throw new AuthorizationException("The authorization state was begun for another user, not '" + userId
                    + "': start the authorization again from this user's session");
        }
        if (p == null || !pending.remove(state, p)) {
            return complete(state); // unknown, or taken by a concurrent call: fails with the usual message
        }
        if (clock.instant().isAfter(p.expiresAt())) {
            throw new AuthorizationException("The authorization for provider '" + p.providerId() + "' expired at "
                    + p.expiresAt() + ": start the authorization again");
        }
        return p;
    }

    /** @return how many authorizations are in flight (expired ones not yet purged included) */
    public int size() {
        return pending.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        pending.values().removeIf(p -> now.isAfter(p.expiresAt()));
    }
}
