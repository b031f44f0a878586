/**
 * The service-provider interfaces: what a calendar service ({@link dev.personaltracker.calendar.spi.CalendarProvider}),
 * a token store ({@link dev.personaltracker.calendar.spi.TokenStore}), a history store
 * ({@link dev.personaltracker.calendar.spi.HistoryStore}), a sync-state store
 * ({@link dev.personaltracker.calendar.spi.SyncStateStore}) and a profile store
 * ({@link dev.personaltracker.calendar.spi.ProfileStore}, per-person settings as versioned documents) implement, the values they exchange, and the typed
 * exceptions they throw (all subclasses of {@link dev.personaltracker.calendar.spi.CalendarException}).
 * <p>
 * Implementations never put a token, secret or authorization code into a log line, an exception message or a
 * {@code toString()}; the value types here redact theirs.
 */
package dev.personaltracker.calendar.spi;
