package dev.personaltracker.calendar.web;

/**
 * A calendar source that cannot be used, with a message for the person: plain words that name the location and the
 * rule or failure, never text read from the source.
 */
final class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates it.
     *
     * @param message  the message for the person, not null
     */
    SourceException(String message) {
        super(message, null, false, false);
    }
}
