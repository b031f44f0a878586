package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.spi.TokenHealth;

/** Where a connection's bearer tokens come from. Implementations are thread-safe. */
interface TokenSource {

    /**
     * @return a bearer token that is valid now, refreshed first if it is due
     * @throws dev.personaltracker.calendar.spi.ReauthorizationRequiredException if the grant no longer works
     */
    String accessToken();

    /**
     * Called when Graph answered 401 to {@code rejected}: gets a new token if the grant allows it.
     *
     * @param rejected  the token Graph refused
     * @return a different, fresh token, or empty if none can be had (the 401 then stands)
     */
    java.util.Optional<String> renewAfterUnauthorized(String rejected);

    /** @return the grant's health as last observed */
    TokenHealth health();
}
