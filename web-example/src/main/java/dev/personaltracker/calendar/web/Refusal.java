package dev.personaltracker.calendar.web;

/**
 * A request the app will not act on (refused by the guard, a bad parameter, a body the client did not send whole or
 * readable): answered with its 4xx status and the message as plain text.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * Creates it.
     *
     * @param status  the status to answer with, 4xx
     * @param message  what was wrong and what to do, plain words, not null
     */
    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return the status to answer with, 4xx */
    int status() {
        return status;
    }
}
