package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.time.Interval;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * One occurrence of an event inside a window.
 *
 * @param component  the VEVENT whose properties describe it (the master, or the RECURRENCE-ID override)
 * @param eventId  the UID, plus {@code _} and the recurrence id for an occurrence of a recurring event
 * @param interval  when, as instants (all-day dates in the person's zone), not clipped
 * @param allDay  true if it is date-valued
 */
record Occurrence(VEvent component, String eventId, Interval interval, boolean allDay) {
}
