package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.spi.CalendarInfo;

/**
 * A calendar approved sessions can go to.
 *
 * @param account  its account
 * @param calendar  the calendar
 */
record WriteTarget(AccountRef account, CalendarInfo calendar) {

    /** @return {@code provider|account|calendar}, as the form and the settings carry it */
    String id() {
        return account.providerId() + "|" + account.accountId() + "|" + calendar.id();
    }

    /** @return a label for the person */
    String label() {
        return account.providerId().equals("ics") ? "Local file (study-sessions.ics)"
                : OAuthClients.displayName(account.providerId()) + " " + account.accountId() + ": " + calendar.name();
    }
}
