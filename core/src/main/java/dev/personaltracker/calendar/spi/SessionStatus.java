package dev.personaltracker.calendar.spi;

/** Where a study session stands in its life. */
public enum SessionStatus {
    /** Proposed by the planner, not yet approved. */
    PROPOSED,
    /** Approved and written to a calendar (possibly moved since). */
    SCHEDULED,
    /** Its time passed and it took place. */
    COMPLETED,
    /** Its time passed and it did not take place (the person deleted it afterwards, or the host said so). */
    SKIPPED,
    /** Dropped before it started: no legal slot was left, or the person deleted it. */
    CANCELLED;

    /** @return true if no further change is expected */
    public boolean isFinal() {
        return this == COMPLETED || this == SKIPPED || this == CANCELLED;
    }
}
