package dev.personaltracker.calendar.spi;

/** The calendar owner's own answer to an event they were invited to. */
public enum SelfResponse {
    /** Not an invitation to the owner (their own event, or the service does not say). */
    NONE,
    /** The owner organizes it. */
    ORGANIZER,
    /** Accepted. */
    ACCEPTED,
    /** Tentatively accepted. */
    TENTATIVE,
    /** Declined. */
    DECLINED,
    /** Not answered yet (Google {@code needsAction}, Graph {@code notResponded}, iCalendar {@code NEEDS-ACTION}). */
    NEEDS_ACTION
}
