package dev.personaltracker.calendar.web;

/** A request the app cannot act on (a bad parameter): answered 400 with the message as plain text. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates it.
     *
     * @param message  what was wrong and what to do, plain words, not null
     */
    BadRequest(String message) {
        super(message, null, false, false);
    }
}
