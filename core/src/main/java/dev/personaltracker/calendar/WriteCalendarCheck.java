package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarInfo;
import java.util.List;

/**
 * The check of {@link UserTracker#writeTo}: the calendar chosen for study sessions is one the account lists, and one
 * it may write to, so that a typo or a read-only calendar fails when it is chosen and not at the first approval.
 */
final class WriteCalendarCheck {

    private WriteCalendarCheck() {
    }

    /**
     * Checks a choice of write calendar against the account's calendars as its provider lists them.
     *
     * @param account  the account, connected
     * @param calendarId  the calendar chosen
     * @param calendars  the account's calendars
     * @return where study sessions are to be written
     * @throws BadSettingsException if the account has no such calendar, or may not write to it (the message lists the
     *     calendars it may write to)
     */
    static Profile.WriteTarget check(AccountRef account, String calendarId, List<CalendarInfo> calendars) {
        List<String> writable = calendars.stream().filter(CalendarInfo::writable).map(CalendarInfo::id).toList();
        CalendarInfo chosen = calendars.stream().filter(c -> c.id().equals(calendarId)).findFirst()
                .orElseThrow(() -> new BadSettingsException("Account " + account + " has no calendar '" + calendarId
                        + "'; study sessions can be written to: " + writable + " (calendars(account) lists all)"));
        if (!chosen.writable()) {
            throw new BadSettingsException("Calendar '" + calendarId + "' of account " + account + " is "
                    + chosen.access() + ", so study sessions cannot be written to it; choose one it may write to: "
                    + writable);
        }
        return new Profile.WriteTarget(account, calendarId);
    }
}
