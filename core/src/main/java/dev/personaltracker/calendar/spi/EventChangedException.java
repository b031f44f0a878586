package dev.personaltracker.calendar.spi;

import java.util.Optional;

/**
 * A study-session event was changed or moved by someone else (usually the person, in their calendar app) since it
 * was last read, so the library did not overwrite it. {@link #current()} holds the event as it is now, or is empty
 * when it was deleted.
 */
public class EventChangedException extends CalendarException {
    private static final long serialVersionUID = 1L;

    private final transient StudyEvent current;

    /**
     * @param message  which event and what changed, not null
     * @param current  the event as it is now, null if it is gone
     */
    public EventChangedException(String message, StudyEvent current) {
        super(message);
        this.current = current;
    }

    /** @return the event as the calendar holds it now, empty if it was deleted */
    public Optional<StudyEvent> current() {
        return Optional.ofNullable(current);
    }
}
