package dev.personaltracker.calendar.spi;

/** One step in a study session's life, as recorded in its {@link SessionChange}s. */
public enum ChangeKind {
    /** The planner proposed it. */
    PROPOSED,
    /** It was approved and written to a calendar. */
    SCHEDULED,
    /** The library moved it because busy time landed on it. */
    MOVED,
    /** The person moved it in their calendar app; the library respects the new time. */
    MOVED_BY_PERSON,
    /** It took place. */
    COMPLETED,
    /** It did not take place. */
    SKIPPED,
    /** It was dropped or deleted before it started. */
    CANCELLED,
    /**
     * A calendar write for it (a move or a delete during reconcile, or the write of an approval) failed or was
     * answered with something other than what was asked; the session stays as it was and the change's reason says
     * why. Added after 1.0: a reader switching over every kind needs a default.
     */
    FAILED
}
