package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * The result of a completed authorization: which account was authorized and its grant.
 *
 * @param accountId  the account at the provider (usually its e-mail address), not blank
 * @param token  the grant, not null
 */
public record AuthorizedAccount(String accountId, OAuthToken token) {

    /**
     * Validates the components.
     *
     * @param accountId  the account at the provider (usually its e-mail address), not blank
     * @param token  the grant, not null
     */
    public AuthorizedAccount {
        Require.nonBlank(accountId, "accountId");
        Objects.requireNonNull(token, "token");
    }
}
