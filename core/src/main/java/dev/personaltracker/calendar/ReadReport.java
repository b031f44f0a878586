package dev.personaltracker.calendar;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How each of a person's accounts was read for one {@link FreeTime} (and the proposals or reconcile built on it): fresh,
 * from a snapshot and how old, or not at all, and why.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param accounts  one entry per connected account, in the order connected, not null
 */
public record ReadReport(List<AccountRead> accounts) {

    private static final ReadReport NONE = new ReadReport(List.of());

    /**
     * Validates and copies the components.
     *
     * @param accounts  one entry per account, not null
     */
    public ReadReport {
        accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
    }

    /**
     * Obtains the report of no read at all (nothing was read, for example because the window lay in the past).
     *
     * @return the empty report, not null
     */
    public static ReadReport none() {
        return NONE;
    }

    /**
     * Checks if every account was read fresh.
     *
     * @return true if no read failed
     */
    public boolean complete() {
        return accounts.stream().noneMatch(AccountRead::failed);
    }

    /**
     * Lists the accounts whose fresh read failed, whatever was planned on instead.
     *
     * @return the failed reads, not null
     */
    public List<AccountRead> failed() {
        return accounts.stream().filter(AccountRead::failed).toList();
    }

    /**
     * Lists the accounts whose busy state is unknown but whose time was planned over anyway, as the host's
     * {@link PartialReadPolicy#planOverUnknown policy} allows.
     *
     * @return the accounts planned over blind, not null
     */
    public List<AccountRead> unknown() {
        return accounts.stream().filter(a -> a.source() == AccountRead.Source.UNKNOWN).toList();
    }

    /**
     * Describes every account's read, one line each; an account whose busy state is unknown but was planned over says
     * so.
     *
     * @return the description, not null
     */
    public String describe() {
        return accounts.stream().map(a -> a.describe()
                + (a.source() == AccountRead.Source.UNKNOWN ? "; its time was planned over as free" : "") + "\n")
                .collect(Collectors.joining());
    }
}
