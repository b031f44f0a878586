package dev.personaltracker.calendar;

import java.util.Objects;

/**
 * A calendar provider that discovery found listed but could not use: its class is missing, does not implement
 * {@link dev.personaltracker.calendar.spi.CalendarProvider}, its constructor failed, or its id is blank. The other
 * providers are still loaded; the failure is logged as a warning and kept here so a host can show it.
 *
 * @param className  the provider's class name as listed, or {@code "(unknown)"} when the service loader did not say
 * @param problem  what went wrong, not null
 */
public record ProviderLoadFailure(String className, String problem) {

    /**
     * Validates the components.
     *
     * @param className  the provider's class name as listed, or {@code "(unknown)"} when the service loader did not say
     * @param problem  what went wrong, not null
     */
    public ProviderLoadFailure {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(problem, "problem");
    }
}
