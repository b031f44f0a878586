package dev.personaltracker.calendar;

import java.util.Objects;

/**
 * Names one connected calendar account of a person: which provider and which account at it, such as
 * {@code ("outlook", "alice@work.example")} or {@code ("ics", "timetable")}.
 *
 * @param providerId  the provider's id, not blank
 * @param accountId  the account at that provider, not blank
 */
public record AccountRef(String providerId, String accountId) {

    /**
     * Validates the components.
     *
     * @param providerId  the provider's id, not blank
     * @param accountId  the account at that provider, not blank
     * @throws IllegalArgumentException if a component is blank
     */
    public AccountRef {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(accountId, "accountId");
        if (providerId.isBlank() || accountId.isBlank()) {
            throw new IllegalArgumentException("providerId and accountId must not be blank, but were '"
                    + providerId + "' and '" + accountId + "'");
        }
    }

    /**
     * Obtains a reference.
     *
     * @param providerId  the provider's id, not blank
     * @param accountId  the account at that provider, not blank
     * @return the reference, not null
     */
    public static AccountRef of(String providerId, String accountId) {
        return new AccountRef(providerId, accountId);
    }

    /** @return {@code providerId:accountId} */
    @Override
    public String toString() {
        return providerId + ":" + accountId;
    }
}
