package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.SessionRecord;
import java.util.List;

/**
 * {@link UserTracker#approve} failed part-way: the sessions in {@link #scheduled()} have their events and are
 * recorded as scheduled; those in {@link #notScheduled()} are not. Nothing was written twice. Calling
 * {@code approve} again with the same proposals is safe: it skips the scheduled ones and creates the rest (creation
 * is idempotent by session key, so an event whose response was lost is found, not duplicated).
 * The cause is the provider's typed exception.
 */
public class ApprovalException extends CalendarException {
    private static final long serialVersionUID = 1L;

    private final transient List<SessionRecord> scheduled;
    private final transient List<Proposal> notScheduled;

    /**
     * Creates the exception.
     *
     * @param message  what failed and what to do, not null
     * @param scheduled  the sessions written and recorded before the failure, not null
     * @param notScheduled  the sessions not written, the failed one first, not null
     * @param cause  the provider's failure, not null
     */
    public ApprovalException(String message, List<SessionRecord> scheduled, List<Proposal> notScheduled, Throwable cause) {
        super(message, cause);
        this.scheduled = List.copyOf(scheduled);
        this.notScheduled = List.copyOf(notScheduled);
    }

    /**
     * Gets the sessions that were written and recorded before the failure.
     *
     * @return the records, status scheduled, in approval order, not null
     */
    public List<SessionRecord> scheduled() {
        return scheduled;
    }

    /**
     * Gets the sessions that were not written.
     *
     * @return the proposals, the failed one first, not null
     */
    public List<Proposal> notScheduled() {
        return notScheduled;
    }
}
