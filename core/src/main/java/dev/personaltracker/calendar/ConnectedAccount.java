package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import java.util.List;

/** One connected account of a person, with the calendars chosen to read. Guarded by its {@link UserTracker}. */
final class ConnectedAccount {

    private final AccountRef ref;
    private final CalendarConnection connection;
    private final boolean readAllByDefault;
    /** The calendars to read; null until chosen, meaning "the primary calendars". */
    private List<String> readCalendars;

    /**
     * @param readAllByDefault  true to read every calendar until some are chosen (sources the host configured one by
     *                          one, such as iCalendar files), false to read the primary calendars
     */
    ConnectedAccount(AccountRef ref, CalendarConnection connection, boolean readAllByDefault) {
        this.ref = ref;
        this.connection = connection;
        this.readAllByDefault = readAllByDefault;
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

    /**
     * The calendars to read: those chosen; else every calendar when reading all by default; else the primary ones,
     * or every calendar the account lists when none is marked primary.
     */
    List<String> readCalendars() {
        if (readCalendars == null) {
            List<CalendarInfo> all = connection.calendars();
            List<String> primary = all.stream().filter(CalendarInfo::primary).map(CalendarInfo::id).toList();
            readCalendars = primary.isEmpty() || readAllByDefault ? all.stream().map(CalendarInfo::id).toList() : primary;
        }
        return readCalendars;
    }
}
