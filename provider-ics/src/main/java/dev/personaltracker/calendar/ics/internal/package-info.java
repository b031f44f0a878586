/**
 * <b>Internal</b>: the iCalendar reading that every provider of this library shares (the .ics provider, the CalDAV
 * provider): parsing the text people really have, expanding recurrences, and judging busy time by the shared
 * {@link dev.personaltracker.calendar.spi.BusyPolicy}. The entry points are
 * {@link dev.personaltracker.calendar.ics.internal.IcsCalendar} (parse, then busy time and study sessions),
 * {@link dev.personaltracker.calendar.ics.internal.BusyRequest} and
 * {@link dev.personaltracker.calendar.ics.internal.SessionEvents} (one study session as a VEVENT).
 * <p>
 * Not for applications: these types may change between releases without notice. Their signatures are kept stable
 * for the providers inside this project.
 */
package dev.personaltracker.calendar.ics.internal;
