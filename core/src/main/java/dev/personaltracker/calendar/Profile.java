package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One person's settings as the library persists them in a {@link dev.personaltracker.calendar.spi.ProfileStore}: the
 * accounts they connected (how, and with which non-secret settings), the calendars they chose to read, the calendar
 * sessions are written to, their work hours and their study preferences. Never a token or a secret: grants stay in
 * the token store, client secrets in the host's provider settings, host-held access tokens with the host.
 * <p>
 * Immutable; each {@code with...} method returns a changed copy, so that a change can be re-applied to a newer
 * stored profile after a {@link dev.personaltracker.calendar.spi.StoreConflictException}. Encoded by
 * {@link ProfileCodec}.
 *
 * @param accounts  the accounts, in the order connected, at most one per reference
 * @param writeTo  where approved sessions are written, if chosen
 * @param workHours  the work hours, if set
 * @param preferences  the study preferences, if set
 */
record Profile(List<ProfileAccount> accounts, Optional<WriteTarget> writeTo, Optional<WeeklyHours> workHours,
               Optional<StudyPreferences> preferences) {

    /** The profile of a person who has set nothing. */
    static final Profile EMPTY = new Profile(List.of(), Optional.empty(), Optional.empty(), Optional.empty());

    Profile {
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(writeTo, "writeTo");
        Objects.requireNonNull(workHours, "workHours");
        Objects.requireNonNull(preferences, "preferences");
        if (accounts.stream().map(ProfileAccount::ref).distinct().count() != accounts.size()) {
            throw new IllegalArgumentException("a profile holds each account once, but has " + accounts);
        }
    }

    /**
     * The calendar approved sessions are written to.
     *
     * @param account  the account, not null
     * @param calendarId  one of its calendars, not null
     */
    record WriteTarget(AccountRef account, String calendarId) {
        WriteTarget {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(calendarId, "calendarId");
        }
    }

    /** @return the account with that reference, if the profile has it */
    Optional<ProfileAccount> account(AccountRef ref) {
        return accounts.stream().filter(a -> a.ref().equals(ref)).findFirst();
    }

    /**
     * Adds an account, or replaces the one with the same reference in its place; a replaced account keeps its chosen
     * calendars unless the new one brings a choice of its own.
     */
    Profile withAccount(ProfileAccount account) {
        List<ProfileAccount> list = new ArrayList<>(accounts);
        int at = indexOf(account.ref());
        if (at < 0) {
            list.add(account);
        } else {
            ProfileAccount old = list.get(at);
            list.set(at, account.readCalendars().isPresent() ? account : account.withReadCalendars(old.readCalendars()));
        }
        return new Profile(list, writeTo, workHours, preferences);
    }

    /** Removes an account and, if sessions were written to it, the write target. */
    Profile withoutAccount(AccountRef ref) {
        List<ProfileAccount> list = accounts.stream().filter(a -> !a.ref().equals(ref)).toList();
        Optional<WriteTarget> target = writeTo.filter(t -> !t.account().equals(ref));
        return new Profile(list, target, workHours, preferences);
    }

    /** Sets the calendars read of an account the profile has (unchanged if it has none such). */
    Profile withReadCalendars(AccountRef ref, List<String> calendarIds) {
        int at = indexOf(ref);
        if (at < 0) {
            return this;
        }
        List<ProfileAccount> list = new ArrayList<>(accounts);
        list.set(at, list.get(at).withReadCalendars(Optional.of(calendarIds)));
        return new Profile(list, writeTo, workHours, preferences);
    }

    Profile withWriteTo(WriteTarget target) {
        return new Profile(accounts, Optional.of(target), workHours, preferences);
    }

    Profile withWorkHours(WeeklyHours hours) {
        return new Profile(accounts, writeTo, Optional.of(hours), preferences);
    }

    Profile withPreferences(StudyPreferences prefs) {
        return new Profile(accounts, writeTo, workHours, Optional.of(prefs));
    }

    private int indexOf(AccountRef ref) {
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i).ref().equals(ref)) {
                return i;
            }
        }
        return -1;
    }
}
