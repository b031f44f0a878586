package dev.personaltracker.calendar.web;

import java.util.List;
import java.util.Objects;

/**
 * A one-time message shown on the next page, kept in the browser's session between a form post and the page it
 * redirects to.
 *
 * @param lines  the message, plain text, one entry per line
 * @param error  true for a failure
 */
record Flash(List<String> lines, boolean error) implements java.io.Serializable {

    Flash {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    }

    /**
     * Obtains a success message.
     *
     * @param text  the text, lines separated by newlines, not null
     * @return the message, not null
     */
    static Flash ok(String text) {
        return new Flash(List.of(text.split("\n")), false);
    }

    /**
     * Obtains a failure message.
     *
     * @param text  the text, lines separated by newlines, not null
     * @return the message, not null
     */
    static Flash error(String text) {
        return new Flash(List.of(text.split("\n")), true);
    }

    /** @return the whole text, lines joined by newlines */
    String text() {
        return String.join("\n", lines);
    }
}
