package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.time.Interval;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link IcsCalendar#busy(BusyRequest)} is asked: a window, the busy policy, the person's addresses and the
 * ids that each {@link BusySource} carries. Internal API (see the package documentation).
 *
 * @param window  the window; occurrences overlapping it are returned, clipped to it
 * @param policy  the shared busy policy
 * @param owners  the person's e-mail addresses, normalized by {@link #normalizeAddress} (the constructor does it):
 *     their ATTENDEE PARTSTAT and ORGANIZER decide the invitation rules of the policy
 * @param providerId  {@link BusySource#providerId()} of every result, such as {@code "ics"} or {@code "caldav"}
 * @param accountId  {@link BusySource#accountId()} of every result
 * @param calendarId  {@link BusySource#calendarId()} of every result
 * @param maxInstancesPerEvent  how many instances of one recurring event are produced in the window at most
 *     (a series past it warns and counts as busy from its last produced instance to the window's end)
 */
public record BusyRequest(Interval window, BusyPolicy policy, Set<String> owners, String providerId, String accountId,
                          String calendarId, int maxInstancesPerEvent) {

    /** The default of {@link #maxInstancesPerEvent()}: a weekly event for 380 years, a minutely one for 2 weeks. */
    public static final int DEFAULT_MAX_INSTANCES_PER_EVENT = 20_000;

    /**
     * Validates the components and normalizes the owners.
     *
     * @param window  the window
     * @param policy  the busy policy
     * @param owners  the person's e-mail addresses (any case, {@code mailto:} allowed)
     * @param providerId  the provider id for the results
     * @param accountId  the account id for the results
     * @param calendarId  the calendar id for the results
     * @param maxInstancesPerEvent  the instance limit per recurring event, at least 1
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if an id is blank or the limit is below 1
     */
    public BusyRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(owners, "owners");
        for (String id : new String[] {providerId, accountId, calendarId}) {
            if (Objects.requireNonNull(id, "id").isBlank()) {
                throw new IllegalArgumentException("providerId, accountId and calendarId must not be blank");
            }
        }
        if (maxInstancesPerEvent < 1) {
            throw new IllegalArgumentException("maxInstancesPerEvent must be at least 1, but was " + maxInstancesPerEvent);
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String o : owners) {
            String n = normalizeAddress(o);
            if (!n.isEmpty()) {
                normalized.add(n);
            }
        }
        owners = Set.copyOf(normalized);
    }

    /**
     * A request with {@link #DEFAULT_MAX_INSTANCES_PER_EVENT}.
     *
     * @param window  the window
     * @param policy  the busy policy
     * @param owners  the person's e-mail addresses (any case, {@code mailto:} allowed)
     * @param providerId  the provider id for the results
     * @param accountId  the account id for the results
     * @param calendarId  the calendar id for the results
     * @return the request
     */
    public static BusyRequest of(Interval window, BusyPolicy policy, Set<String> owners, String providerId,
                                 String accountId, String calendarId) {
        return new BusyRequest(window, policy, owners, providerId, accountId, calendarId,
                DEFAULT_MAX_INSTANCES_PER_EVENT);
    }

    /**
     * @param value  the new limit, at least 1
     * @return a copy with that {@link #maxInstancesPerEvent()}
     */
    public BusyRequest withMaxInstancesPerEvent(int value) {
        return new BusyRequest(window, policy, owners, providerId, accountId, calendarId, value);
    }

    /**
     * Lower-cases an address and drops a {@code mailto:} prefix, so that ATTENDEE values compare with settings.
     *
     * @param address  an address or a {@code mailto:} URI
     * @return the normalized address, empty if blank
     */
    public static String normalizeAddress(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        return a.startsWith("mailto:") ? a.substring("mailto:".length()).strip() : a;
    }
}
