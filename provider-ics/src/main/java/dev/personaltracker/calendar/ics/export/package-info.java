/**
 * Exports study history as iCalendar: {@link dev.personaltracker.calendar.ics.export.HistoryIcs} writes one VEVENT
 * per session with its outcome, for archiving or for viewing past study in any calendar app.
 */
package dev.personaltracker.calendar.ics.export;
