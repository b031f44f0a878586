package dev.personaltracker.calendar.spi;

/** An event's own status (Google {@code status}, iCalendar {@code STATUS}, Graph {@code isCancelled}). */
public enum EventStatus {
    /** Confirmed, or no status given. */
    CONFIRMED,
    /** The organizer marked the whole event tentative. */
    TENTATIVE,
    /** Cancelled or deleted. */
    CANCELLED
}
