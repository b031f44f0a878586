package dev.personaltracker.calendar.google;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Events;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;

/**
 * Asks Google which account a token belongs to: the primary calendar's id, which is the account's e-mail address
 * ({@code calendarList.get("primary")}, scope {@code calendar.calendarlist.readonly}); without that scope, the
 * primary calendar's name from {@code events.list}, which Google sets to the same address.
 */
final class AccountIdentity {

    private AccountIdentity() {
    }

    /**
     * @param api  the client, signed with the token in question
     * @param calls  how to send
     * @param deadline  when the lookup must be over
     * @return the account's e-mail address, not blank
     * @throws UnexpectedResponseException if Google names no account
     */
    static String of(Calendar api, GoogleCalls calls, Deadline deadline) {
        GoogleCalls.Response entry = calls.send("calendarList.get", GoogleConnection.PRIMARY,
                GoogleCalls.build(() -> api.calendarList().get(GoogleConnection.PRIMARY).setFields("id")), deadline,
                403, 404);
        if (entry.ok()) {
            String id = GoogleCalls.parse("calendarList.get", GoogleConnection.PRIMARY, entry.http().orElseThrow(),
                    CalendarListEntry.class).getId();
            if (id == null || id.isBlank() || GoogleConnection.PRIMARY.equals(id)) {
                throw new UnexpectedResponseException(GoogleCalls.describe("calendarList.get",
                        GoogleConnection.PRIMARY) + ": Google did not name the primary calendar ('" + id
                        + "'), so the account cannot be told apart from others");
            }
            return id;
        }
        Events events = calls.execute("events.list", GoogleConnection.PRIMARY,
                GoogleCalls.build(() -> api.events().list(GoogleConnection.PRIMARY).setMaxResults(1)
                        .setFields("summary")), deadline, Events.class);
        if (events.getSummary() == null || events.getSummary().isBlank()) {
            throw new UnexpectedResponseException("Google named neither the primary calendar nor its account: "
                    + "cannot tell which account the token belongs to");
        }
        return events.getSummary();
    }
}
