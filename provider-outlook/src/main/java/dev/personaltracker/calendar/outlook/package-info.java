/**
 * The Microsoft Outlook / Microsoft 365 calendar provider: {@link dev.personaltracker.calendar.outlook.OutlookCalendarProvider}
 * (id {@code "outlook"}), its {@link dev.personaltracker.calendar.outlook.OutlookConnection} with Graph-only
 * extras (other people's schedules, mailbox working hours), and the {@link dev.personaltracker.calendar.outlook.OutlookCloud}
 * presets for national clouds. Everything else in this package is internal.
 */
package dev.personaltracker.calendar.outlook;
