/**
 * Google Calendar (API v3) for the calendar library: {@link dev.personaltracker.calendar.google.GoogleCalendarProvider},
 * found by {@link java.util.ServiceLoader} under the id {@code google}. Everything else in this package is internal.
 */
package dev.personaltracker.calendar.google;
