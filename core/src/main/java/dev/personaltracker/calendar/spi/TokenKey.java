package dev.personaltracker.calendar.spi;

/**
 * Identifies one stored grant: a host's user, a provider and an account at that provider.
 *
 * @param userId  the host's id for the person, not blank
 * @param providerId  the provider's {@link CalendarProvider#id()}, not blank
 * @param accountId  the account at the provider (usually an e-mail address), not blank
 */
public record TokenKey(String userId, String providerId, String accountId) {

    /**
     * @param accountId  the account at the provider (usually an e-mail address), not blank
     * @param providerId  the provider's {@link CalendarProvider#id()}, not blank
     * @param userId  the host's id for the person, not blank
     * @throws IllegalArgumentException if a part is blank
     */
    public TokenKey {
        UserIds.require(userId);
        Require.nonBlank(providerId, "providerId");
        Require.nonBlank(accountId, "accountId");
    }

    /**
     * Obtains a key.
     *
     * @param userId  the host's id for the person, not blank
     * @param providerId  the provider id, not blank
     * @param accountId  the account at the provider, not blank
     * @return the key, not null
     */
    public static TokenKey of(String userId, String providerId, String accountId) {
        return new TokenKey(userId, providerId, accountId);
    }
}
