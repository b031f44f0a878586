package dev.personaltracker.calendar.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a busy interval comes from, so a host can answer "why is this slot busy?".
 *
 * @param providerId  the provider id, not blank
 * @param accountId  the account, not blank
 * @param calendarId  the calendar, not blank
 * @param eventId  the event (for a recurring event, the occurrence's id), not blank
 * @param title  the event's title, present only when the {@link BusyPolicy#includeTitles()} asked for it
 */
public record BusySource(String providerId, String accountId, String calendarId, String eventId, Optional<String> title) {

    /**
     * Validates the components.
     *
     * @param providerId  the provider id, not blank
     * @param accountId  the account, not blank
     * @param calendarId  the calendar, not blank
     * @param eventId  the event (for a recurring event, the occurrence's id), not blank
     * @param title  the event's title, present only when the {@link BusyPolicy#includeTitles()} asked for it
     */
    public BusySource {
        Require.nonBlank(providerId, "providerId");
        Require.nonBlank(accountId, "accountId");
        Require.nonBlank(calendarId, "calendarId");
        Require.nonBlank(eventId, "eventId");
        Objects.requireNonNull(title, "title");
    }
}
