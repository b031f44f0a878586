/**
 * The CalDAV provider (id {@code "caldav"}): iCloud, Fastmail, Nextcloud and every CalDAV server, with a user name
 * and an app-specific password kept only in the token store. Start at
 * {@link dev.personaltracker.calendar.caldav.CaldavCalendarProvider}; {@link dev.personaltracker.calendar.caldav.CaldavConnection}
 * adds what CalDAV says of each calendar ({@link dev.personaltracker.calendar.caldav.CaldavCalendar}).
 */
package dev.personaltracker.calendar.caldav;
