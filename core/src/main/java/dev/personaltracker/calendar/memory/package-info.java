/**
 * In-memory implementations of the store SPIs, for tests and for hosts that keep nothing between runs.
 * Everything is lost when the JVM exits; use {@code tracker-calendar-storage-json} to persist.
 */
package dev.personaltracker.calendar.memory;
