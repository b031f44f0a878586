package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Busy time of calendar resources, by the iCalendar provider's expansion and classification. */
final class EventBusy {

    private EventBusy() {
    }

    static List<BusyInterval> busy(String providerId, String accountId, String calendarId, Map<String, String> texts,
                                   Interval window, BusyPolicy policy, ZoneId zone, Set<String> owners) {
        throw new UnsupportedOperationException("waiting for provider-ics's public entry point");
    }
}
