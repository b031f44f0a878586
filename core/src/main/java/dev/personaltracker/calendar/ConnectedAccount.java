package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import java.util.List;

/** One connected account of a person, with the calendars chosen to read. Guarded by its {@link UserTracker}. */
final class ConnectedAccount {

    private final AccountRef ref;
    private final CalendarConnection connection;
    /** The calendars to read; null until chosen, meaning "the primary calendars". */
    private List<String> readCalendars;

    ConnectedAccount(AccountRef ref, CalendarConnection connection) {
        this.ref = ref;
        this.connection = connection;
    }

    AccountRef ref() {
        return ref;
    }

    CalendarConnection connection() {
        return connection;
    }

    void readCalendars(List<String> calendarIds) {
        this.readCalendars = List.copyOf(calendarIds);
    }

    /** The calendars to read: those chosen, else the primary ones, else every calendar the account lists. */
    List<String> readCalendars() {
        if (readCalendars == null) {
            List<CalendarInfo> all = connection.calendars();
            List<String> primary = all.stream().filter(CalendarInfo::primary).map(CalendarInfo::id).toList();
            readCalendars = primary.isEmpty() ? all.stream().map(CalendarInfo::id).toList() : primary;
        }
        return readCalendars;
    }
}
