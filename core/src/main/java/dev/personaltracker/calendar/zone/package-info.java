/**
 * Time-zone names as calendar services spell them: {@link dev.personaltracker.calendar.zone.WindowsZones} turns the
 * Windows names that Outlook, Exchange, Microsoft Graph and .ics files exported from Outlook use
 * ("W. Europe Standard Time") into IANA {@link java.time.ZoneId}s ("Europe/Berlin").
 */
package dev.personaltracker.calendar.zone;
