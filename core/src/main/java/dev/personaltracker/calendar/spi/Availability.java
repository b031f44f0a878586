package dev.personaltracker.calendar.spi;

/**
 * How an event shows the person's time: Graph {@code showAs}; Google {@code transparency} (opaque = BUSY,
 * transparent = FREE); iCalendar {@code TRANSP} and {@code X-MICROSOFT-CDO-BUSYSTATUS}.
 */
public enum Availability {
    /** Free / transparent / "Available". */
    FREE,
    /** Shown as tentative. */
    TENTATIVE,
    /** Busy / opaque. */
    BUSY,
    /** Out of office. */
    OUT_OF_OFFICE,
    /** Working elsewhere (a location note, not a commitment). */
    WORKING_ELSEWHERE,
    /** The service did not say; treated as busy. */
    UNKNOWN
}
