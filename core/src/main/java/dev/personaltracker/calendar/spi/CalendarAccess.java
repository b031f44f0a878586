package dev.personaltracker.calendar.spi;

/** What an account may do with a calendar. */
public enum CalendarAccess {
    /** Owns it: read and write. */
    OWNER,
    /** May read and write events. */
    WRITER,
    /** May read event details. */
    READER,
    /** May see only when it is busy. */
    FREE_BUSY
}
