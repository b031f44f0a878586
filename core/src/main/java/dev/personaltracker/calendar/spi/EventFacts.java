package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * The facts about one calendar event that decide whether it blocks study time, mapped by each provider from its
 * own fields, so that one {@link BusyPolicy} classifies events of every service alike.
 *
 * @param status  the event's own status, not null
 * @param availability  how it shows the person's time, not null
 * @param response  the owner's own answer to the invitation, not null
 * @param kind  the kind of entry, not null
 * @param allDay  true for an all-day (date-valued) event; all-day events follow their availability like any other
 */
public record EventFacts(EventStatus status, Availability availability, SelfResponse response, EventKind kind, boolean allDay) {

    /**
     * Validates the components.
     *
     * @param status  the event's own status, not null
     * @param availability  how it shows the person's time, not null
     * @param response  the owner's own answer to the invitation, not null
     * @param kind  the kind of entry, not null
     * @param allDay  true for an all-day (date-valued) event; all-day events follow their availability like any other
     */
    public EventFacts {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Obtains the facts of a plain confirmed, busy event that is not an invitation.
     *
     * @return the facts, not null
     */
    public static EventFacts busy() {
        return new EventFacts(EventStatus.CONFIRMED, Availability.BUSY, SelfResponse.NONE, EventKind.DEFAULT, false);
    }

    /**
     *
     * @param value  the new status, not null
     * @return a copy with it
     */
    public EventFacts withStatus(EventStatus value) {
        return new EventFacts(value, availability, response, kind, allDay);
    }

    /**
     *
     * @param value  the new availability, not null
     * @return a copy with it
     */
    public EventFacts withAvailability(Availability value) {
        return new EventFacts(status, value, response, kind, allDay);
    }

    /**
     *
     * @param value  the new response, not null
     * @return a copy with it
     */
    public EventFacts withResponse(SelfResponse value) {
        return new EventFacts(status, availability, value, kind, allDay);
    }

    /**
     *
     * @param value  the new kind, not null
     * @return a copy with it
     */
    public EventFacts withKind(EventKind value) {
        return new EventFacts(status, availability, response, value, allDay);
    }

    /**
     *
     * @param value  true for all-day
     * @return a copy with it
     */
    public EventFacts withAllDay(boolean value) {
        return new EventFacts(status, availability, response, kind, value);
    }
}
