package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;

/** Turns whatever a provider threw for one event into a typed {@link CalendarException} naming it. */
final class ProviderFailures {

    private ProviderFailures() {
    }

    /**
     * @param event  the event the call was about
     * @param tried  what was tried, such as {@code "move it to ..."}
     * @param e  what the provider threw
     * @return {@code e} itself if typed, else an {@link UnexpectedResponseException} naming provider, account,
     *     calendar and event, with {@code e} as its cause
     */
    static CalendarException typed(EventRef event, String tried, RuntimeException e) {
        if (e instanceof CalendarException typed) {
            return typed;
        }
        return new UnexpectedResponseException("Provider '" + event.providerId() + "' (account '" + event.accountId()
                + "', calendar '" + event.calendarId() + "', event '" + event.eventId() + "') failed to " + tried
                + " with an untyped " + e.getClass().getName() + ": " + e.getMessage()
                + "; the session stays as it was: reconcile again later, or report this provider answer", e);
    }
}
