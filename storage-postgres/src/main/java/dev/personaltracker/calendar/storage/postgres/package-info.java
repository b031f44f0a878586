/**
 * The library's stores on PostgreSQL: {@link dev.personaltracker.calendar.storage.postgres.PostgresStores} builds the
 * token, history, sync-state and profile stores over a host's {@link javax.sql.DataSource} (or a JDBC URL), creates and
 * migrates their schema with Flyway, and encrypts every row with Tink AEAD exactly as the JSON stores encrypt their
 * records. Several host instances may share one database: rows carry versions for optimistic concurrency.
 */
package dev.personaltracker.calendar.storage.postgres;
