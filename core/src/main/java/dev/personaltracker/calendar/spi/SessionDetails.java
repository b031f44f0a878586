package dev.personaltracker.calendar.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a study-session event shows in the calendar. By default the title is "Study Session" and there is no
 * description: nothing private about the person goes into their (possibly shared) calendar unless the host adds it.
 *
 * @param title  the event title, not blank
 * @param description  the event description, if any
 */
public record SessionDetails(String title, Optional<String> description) {

    /** The default title. */
    public static final String DEFAULT_TITLE = "Study Session";

    /**
     * Validates the components.
     *
     * @param title  the event title, not blank
     * @param description  the event description, if any
     */
    public SessionDetails {
        Require.nonBlank(title, "title");
        Objects.requireNonNull(description, "description");
    }

    /** @return the defaults: title "Study Session", no description */
    public static SessionDetails defaults() {
        return new SessionDetails(DEFAULT_TITLE, Optional.empty());
    }

    /**
     *
     * @param title  the event title, not blank
     * @return details with that title and no description
     */
    public static SessionDetails titled(String title) {
        return new SessionDetails(title, Optional.empty());
    }
}
