package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.util.List;
import java.util.Optional;

/**
 * A {@link CalendarConnection} that only reads: a work rota, a public feed, a timetable export. It implements the
 * write half of the contract once, so a read-only provider implements only {@link #providerId()},
 * {@link #accountId()}, {@link #calendars()} (each with {@link CalendarAccess#READER} or
 * {@link CalendarAccess#FREE_BUSY}, so that {@code UserTracker.writeTo} refuses them) and {@link #busy}.
 * <p>
 * Writes fail with {@link BadSettingsException} naming the provider and account and saying what to do; finding the
 * library's sessions finds none, since none can have been written here.
 */
public interface ReadOnlyCalendarConnection extends CalendarConnection {

    /**
     * Refuses: nothing can be written to a read-only account.
     *
     * @param calendarId  the calendar, not null
     * @param key  the session's key, not null
     * @param interval  when, not null
     * @param details  title and description, not null
     * @return never
     * @throws BadSettingsException always, naming the account and saying to write to another one
     */
    @Override
    default StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        throw readOnly(calendarId);
    }

    /**
     * Finds none: no session can have been written to a read-only account.
     *
     * @param calendarId  the calendar, not null
     * @param window  the window, not null
     * @return an empty list
     */
    @Override
    default List<StudyEvent> findSessions(String calendarId, Interval window) {
        return List.of();
    }

    /**
     * Finds none: no session can have been written to a read-only account.
     *
     * @param calendarId  the calendar, not null
     * @param key  the session's key, not null
     * @return empty
     */
    @Override
    default Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        return Optional.empty();
    }

    /**
     * Refuses: nothing can be written to a read-only account.
     *
     * @param event  the event as last read, not null
     * @param to  the new time, not null
     * @return never
     * @throws BadSettingsException always
     */
    @Override
    default StudyEvent moveSession(StudyEvent event, Interval to) {
        throw readOnly(event.calendarId());
    }

    /**
     * Refuses: nothing can be written to a read-only account.
     *
     * @param event  the event as last read, not null
     * @throws BadSettingsException always
     */
    @Override
    default void deleteSession(StudyEvent event) {
        throw readOnly(event.calendarId());
    }

    private BadSettingsException readOnly(String calendarId) {
        return new BadSettingsException("The " + providerId() + " account '" + accountId() + "' is read-only: study "
                + "sessions cannot be written to its calendar '" + calendarId + "'; choose a calendar of another "
                + "account with writeTo (Google, Outlook, or an iCalendar output file)");
    }
}
