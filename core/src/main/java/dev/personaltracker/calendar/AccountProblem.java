package dev.personaltracker.calendar;

import java.util.Objects;

/**
 * Why an account the person has (in their profile or in the token store) is not connected now. The library also logs
 * each problem, but a host without an SLF4J binding never sees a log line: {@link UserTracker#accountProblems()}
 * returns them, so the host can show "reconnect Outlook" or "the calendar file is missing".
 *
 * @param account  the account, not null
 * @param kind  what is wrong, not null
 * @param message  what is wrong and what to do, in words a host may show, not null; never a secret
 */
public record AccountProblem(AccountRef account, Kind kind, String message) {

    /** What keeps an account from being connected. */
    public enum Kind {
        /** No provider with the account's provider id is on the class path (a module is missing). */
        PROVIDER_MISSING,
        /** The account connects through OAuth but its grant is no longer in the token store: authorize again. */
        GRANT_MISSING,
        /** The account was connected with an access token the host holds: hand it in again. */
        ACCESS_TOKEN_NEEDED,
        /** Connecting failed (for example an iCalendar source that cannot be read); the message says why. */
        CONNECT_FAILED
    }

    /**
     * Validates the components.
     *
     * @param account  the account, not null
     * @param kind  what is wrong, not null
     * @param message  what is wrong and what to do, not null
     */
    public AccountProblem {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
