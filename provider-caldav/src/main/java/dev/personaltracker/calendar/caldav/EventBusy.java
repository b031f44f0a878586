package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.ics.internal.BusyRequest;
import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Busy time of calendar object resources, judged by the iCalendar provider's own reading
 * ({@link IcsCalendar#busy(BusyRequest)}): recurrence expansion with EXDATE, RDATE and RECURRENCE-ID, per-instance
 * DST, TRANSP, STATUS, the owner's PARTSTAT, all-day dates in the person's zone, the shared {@link BusyPolicy}.
 * One implementation for .ics files and CalDAV, not two.
 * <p>
 * Parsed resources are kept per path while their text is unchanged, so a read of an unchanged calendar parses
 * nothing. A resource that is not iCalendar is left out with a warning naming it (one broken event must not hide
 * the rest of the calendar). Only resources holding a VEVENT count: a VTODO, VJOURNAL, VFREEBUSY or VAVAILABILITY
 * resource in a calendar never blocks (the {@code calendar-query} of a first read asks for VEVENTs only, and a
 * resource that arrives later through {@code sync-collection} or the ETag comparison must be judged the same way; an
 * .ics <em>file</em> of VFREEBUSY periods does block, as a free/busy publication). Thread-safe.
 */
final class EventBusy {

    private static final Logger LOG = LoggerFactory.getLogger(EventBusy.class);

    private record Parsed(String text, IcsCalendar calendar) {
    }

    private final Map<String, Map<String, Parsed>> parsed = new ConcurrentHashMap<>();

    List<BusyInterval> busy(String providerId, String accountId, String calendarId, Map<String, String> texts,
                            Interval window, BusyPolicy policy, ZoneId zone, Set<String> owners) {
        BusyRequest request = BusyRequest.of(window, policy, owners, providerId, accountId, calendarId);
        Map<String, Parsed> previous = parsed.getOrDefault(calendarId, Map.of());
        Map<String, Parsed> current = new ConcurrentHashMap<>();
        List<BusyInterval> result = new ArrayList<>();
        texts.forEach((path, text) -> {
            Parsed p = previous.get(path);
            if (p == null || !p.text().equals(text)) {
                try {
                    p = new Parsed(text, IcsCalendar.parse(text, zone, "caldav resource " + path));
                } catch (UnexpectedResponseException e) {
                    LOG.warn("caldav: resource {} is not readable iCalendar and was left out of the busy time: {}",
                            path, e.getMessage());
                    return;
                }
            }
            current.put(path, p);
            if (p.calendar().eventCount() == 0) {
                return; // a task, journal entry or free/busy resource: only events block (see the class comment)
            }
            result.addAll(p.calendar().busy(request));
        });
        parsed.put(calendarId, current);
        return result;
    }
}
