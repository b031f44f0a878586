package dev.personaltracker.calendar;

import dev.personaltracker.calendar.text.LocalText;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one account's busy time was read for a {@link FreeTime} (and the {@link Proposals} and reconciles built on it):
 * fresh from the service, from the last synced snapshot (and how old it is), or not at all, and what failed and why.
 * Part of a {@link ReadReport}.
 *
 * @param account  the account, not null
 * @param calendars  the calendars read (or that were to be read), empty if they could not be listed, not null
 * @param source  where the busy time planned on came from, not null
 * @param snapshot  whether a snapshot was needed, and if so whether it was there and usable, not null
 * @param snapshotAge  how old the snapshot was, when there was one and the provider could tell; not null
 * @param failure  why the fresh read failed, empty when it succeeded; not null
 */
public record AccountRead(AccountRef account, List<String> calendars, Source source, Snapshot snapshot,
                          Optional<Duration> snapshotAge, Optional<ReadFailure> failure) {

    /** Where an account's busy time came from. */
    public enum Source {
        /** Read from the service by this call. */
        FRESH,
        /** The fresh read failed; the last synced busy time was used (see {@link AccountRead#snapshotAge()}). */
        SNAPSHOT,
        /**
         * The fresh read failed and no usable snapshot was there; the host's {@link PartialReadPolicy} chose to plan
         * anyway, so this account's time was treated as free although its busy state is unknown.
         */
        UNKNOWN
    }

    /** What became of the snapshot of an account whose fresh read failed. */
    public enum Snapshot {
        /** The fresh read succeeded; no snapshot was asked for. */
        NOT_NEEDED,
        /** A snapshot recent enough for the policy was used. */
        USED,
        /** The provider keeps no snapshot that covers the calendars and window (or cannot give one). */
        NONE,
        /** There was a snapshot, older than the policy allows. */
        TOO_OLD,
        /** There was a snapshot but the provider cannot tell its age ("unavailable"), so it was not trusted. */
        AGE_UNAVAILABLE,
        /** The policy plans on fresh reads only, so no snapshot was asked for. */
        NOT_ALLOWED
    }

    /**
     * Why an account's fresh read failed: the typed exception's class and message (never a secret).
     *
     * @param type  the simple name of the {@link dev.personaltracker.calendar.spi.CalendarException} subtype, not null
     * @param message  its message, not null
     */
    public record ReadFailure(String type, String message) {

        /**
         * Validates the components.
         *
         * @param type  the exception type, not null
         * @param message  its message, not null
         */
        public ReadFailure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
        }

        /** @return the type and the message */
        @Override
        public String toString() {
            return type + ": " + message;
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param account  the account, not null
     * @param calendars  the calendars, not null
     * @param source  where the busy time came from, not null
     * @param snapshot  what became of the snapshot, not null
     * @param snapshotAge  the snapshot's age, if known, not null
     * @param failure  why the fresh read failed, if it did, not null
     */
    public AccountRead {
        Objects.requireNonNull(account, "account");
        calendars = List.copyOf(Objects.requireNonNull(calendars, "calendars"));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(snapshotAge, "snapshotAge");
        Objects.requireNonNull(failure, "failure");
    }

    static AccountRead fresh(AccountRef account, List<String> calendars) {
        return new AccountRead(account, calendars, Source.FRESH, Snapshot.NOT_NEEDED, Optional.empty(), Optional.empty());
    }

    /**
     * Checks if the fresh read of this account failed (whatever was planned on instead).
     *
     * @return true if it failed
     */
    public boolean failed() {
        return failure.isPresent();
    }

    /**
     * Describes this read in one line, for a person or a log: for example
     * {@code google:alice@example.com: last synced snapshot, 2 h old (fresh read failed:
     * ProviderUnavailableException: ...)}.
     *
     * @return the description, not null
     */
    public String describe() {
        StringBuilder out = new StringBuilder().append(account).append(": ");
        switch (source) {
            case FRESH -> out.append("fresh");
            case SNAPSHOT -> out.append("last synced snapshot, ").append(age());
            case UNKNOWN -> out.append("busy state UNKNOWN");
        }
        if (source != Source.SNAPSHOT && snapshot != Snapshot.NOT_NEEDED) {
            out.append(switch (snapshot) {
                case NONE -> "; no snapshot";
                case TOO_OLD -> "; snapshot too old (" + age() + ")";
                case AGE_UNAVAILABLE -> "; snapshot age unavailable";
                case NOT_ALLOWED -> "; snapshots not allowed by the policy";
                default -> "";
            });
        }
        failure.ifPresent(f -> out.append(" (fresh read failed: ").append(f).append(')'));
        return out.toString();
    }

    private String age() {
        return snapshotAge.map(a -> LocalText.duration(a) + " old")
                .orElse("age unavailable");
    }
}
