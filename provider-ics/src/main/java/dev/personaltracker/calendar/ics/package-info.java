/**
 * The iCalendar provider: {@link dev.personaltracker.calendar.ics.IcsCalendarProvider} reads busy time from .ics
 * files and http(s) feeds (university timetables, exports of any calendar app) and writes study sessions to a
 * local .ics file. Everything but the provider class is internal.
 */
package dev.personaltracker.calendar.ics;
