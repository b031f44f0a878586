package dev.personaltracker.calendar.spi;

/** Whether a stored grant still works, as last observed by a provider. */
public enum TokenHealth {
    /** The grant worked the last time it was used (or has not been used yet). */
    HEALTHY,
    /** The provider refused the grant ({@code invalid_grant}); the person must authorize again. */
    REAUTHORIZATION_REQUIRED
}
