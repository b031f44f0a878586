package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import java.util.Objects;

/**
 * Two calendar providers claim the same id, so the library cannot tell which one the host means. The message
 * names the id and both classes; remove one of the jars from the class path or register only one instance.
 */
public class DuplicateProviderException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** The id both providers claim. */
    private final String providerId;
    /** The class name of the provider found first. */
    private final String firstClass;
    /** The class name of the provider found second. */
    private final String secondClass;

    /**
     * Creates the exception.
     *
     * @param providerId  the id both claim, not null
     * @param firstClass  the fully qualified class name of the provider found first, not null
     * @param secondClass  the fully qualified class name of the provider found second, not null
     */
    public DuplicateProviderException(String providerId, String firstClass, String secondClass) {
        super("Two calendar providers have the id '" + Objects.requireNonNull(providerId, "providerId") + "': "
                + Objects.requireNonNull(firstClass, "firstClass") + " and "
                + Objects.requireNonNull(secondClass, "secondClass")
                + ". Remove one of their jars from the class path, or register only one of them");
        this.providerId = providerId;
        this.firstClass = firstClass;
        this.secondClass = secondClass;
    }

    /**
     * Gets the id both providers claim.
     *
     * @return the id, not null
     */
    public String providerId() {
        return providerId;
    }

    /**
     * Gets the class name of the provider found first.
     *
     * @return the fully qualified class name, not null
     */
    public String firstClass() {
        return firstClass;
    }

    /**
     * Gets the class name of the provider found second.
     *
     * @return the fully qualified class name, not null
     */
    public String secondClass() {
        return secondClass;
    }
}
