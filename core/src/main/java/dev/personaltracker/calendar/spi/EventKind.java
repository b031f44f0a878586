package dev.personaltracker.calendar.spi;

/** What kind of entry an event is (Google {@code eventType}; other services use {@link #DEFAULT}). */
public enum EventKind {
    /** An ordinary event. */
    DEFAULT,
    /** An out-of-office entry. */
    OUT_OF_OFFICE,
    /** A focus-time block. */
    FOCUS_TIME,
    /** A working-location note. */
    WORKING_LOCATION,
    /** A birthday or anniversary. */
    BIRTHDAY
}
