package dev.personaltracker.calendar.spi;

/**
 * Where a scheduled session's event lives.
 *
 * @param providerId  the provider id, not blank
 * @param accountId  the account, not blank
 * @param calendarId  the calendar, not blank
 * @param eventId  the event id, not blank
 */
public record EventRef(String providerId, String accountId, String calendarId, String eventId) {

    /**
     * Validates the components.
     *
     * @param providerId  the provider id, not blank
     * @param accountId  the account, not blank
     * @param calendarId  the calendar, not blank
     * @param eventId  the event id, not blank
     */
    public EventRef {
        Require.nonBlank(providerId, "providerId");
        Require.nonBlank(accountId, "accountId");
        Require.nonBlank(calendarId, "calendarId");
        Require.nonBlank(eventId, "eventId");
    }
}
