package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import java.util.List;
import java.util.Objects;

/**
 * No calendar provider has the id that was asked for. The message names the id asked for and the ids that were
 * found, and says how to add the missing one (put its jar on the class path, or register an instance).
 */
public class ProviderNotFoundException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** The id asked for. */
    private final String requestedId;
    /** The ids known when the look-up failed. */
    private final List<String> availableIds;

    /**
     * Creates the exception.
     *
     * @param requestedId  the id asked for, not null
     * @param availableIds  the ids that are known, sorted, not null
     */
    public ProviderNotFoundException(String requestedId, List<String> availableIds) {
        super(message(requestedId, availableIds));
        this.requestedId = requestedId;
        this.availableIds = List.copyOf(availableIds);
    }

    private static String message(String requestedId, List<String> availableIds) {
        Objects.requireNonNull(requestedId, "requestedId");
        Objects.requireNonNull(availableIds, "availableIds");
        return "No calendar provider with id '" + requestedId + "'; found "
                + (availableIds.isEmpty() ? "none" : availableIds)
                + ". Put the provider's jar on the class path (it lists its class in META-INF/services/"
                + "dev.personaltracker.calendar.spi.CalendarProvider) or register an instance with ProviderRegistry.with(provider)";
    }

    /**
     * Gets the id that was asked for.
     *
     * @return the id, not null
     */
    public String requestedId() {
        return requestedId;
    }

    /**
     * Gets the ids that were known when the look-up failed.
     *
     * @return the ids, sorted, not null
     */
    public List<String> availableIds() {
        return availableIds;
    }
}
