package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One connected account of a person and its open connection. Which calendars it reads is the person's choice, kept
 * in their {@link Profile}; this class knows the default when none was made. Guarded by its {@link UserTracker}.
 */
final class ConnectedAccount {

    private final AccountRef ref;
    private final CalendarConnection connection;
    private final boolean readAllByDefault;
    private final Opening opening;
    /** The default calendars to read, once asked for (by a read task of the tracker's executor, hence volatile). */
    private volatile List<String> defaultCalendars;

    /**
     * How a connection was opened, to open it again for a person whose zone changed: the provider, its settings before
     * they were made the person's, the credentials, and the person's zone they were opened with.
     */
    record Opening(CalendarProvider provider, ProviderSettings base, Credentials credentials, Optional<ZoneId> zone) {
    }

    /**
     * @param readAllByDefault  true to read every calendar until some are chosen (sources the host configured one by
     *                          one, such as iCalendar files), false to read the primary calendars
     */
    ConnectedAccount(AccountRef ref, CalendarConnection connection, boolean readAllByDefault, Opening opening) {
        this.ref = ref;
        this.connection = connection;
        this.readAllByDefault = readAllByDefault;
        this.opening = opening;
    }

    Opening opening() {
        return opening;
    }

    AccountRef ref() {
        return ref;
    }

    CalendarConnection connection() {
        return connection;
    }

    /**
     * The calendars to read: those chosen; else every calendar when reading all by default; else the primary ones,
     * or every calendar the account lists when none is marked primary.
     *
     * @param chosen  the calendars the person chose, empty if they chose none
     */
    List<String> readCalendars(Optional<List<String>> chosen) {
        if (chosen.isPresent()) {
            return chosen.get();
        }
        List<String> known = defaultCalendars;
        if (known == null) {
            List<CalendarInfo> all = connection.calendars();
            List<String> primary = all.stream().filter(CalendarInfo::primary).map(CalendarInfo::id).toList();
            known = primary.isEmpty() || readAllByDefault ? all.stream().map(CalendarInfo::id).toList() : primary;
            defaultCalendars = known;
        }
        return known;
    }
}
