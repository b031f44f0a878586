package dev.personaltracker.calendar.google;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.FreeBusyCalendar;
import com.google.api.services.calendar.model.FreeBusyRequest;
import com.google.api.services.calendar.model.FreeBusyRequestItem;
import com.google.api.services.calendar.model.FreeBusyResponse;
import com.google.api.services.calendar.model.TimePeriod;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the busy time of calendars the account may see only as free/busy, with {@code freeBusy.query}.
 * Thread-safe and stateless.
 */
final class FreeBusyReader {

    static final int FREE_BUSY_BATCH = 50;
    private static final Set<String> TRANSIENT_FREE_BUSY_ERRORS = Set.of("internalError", "backendError");

    private final Calendar api;
    private final GoogleCalls calls;
    private final Duration freeBusyChunk;
    private final Supplier<String> accountId;

    FreeBusyReader(Calendar api, GoogleCalls calls, Duration freeBusyChunk, Supplier<String> accountId) {
        this.api = api;
        this.calls = calls;
        this.freeBusyChunk = freeBusyChunk;
        this.accountId = accountId;
    }

    /**
     * Reads calendars shared with free/busy access only: at most {@value #FREE_BUSY_BATCH} calendars per request,
     * the window cut into chunks Google accepts. A calendar Google reports an error for fails the whole read
     * (treating it as free would plan sessions over meetings).
     */
    List<BusyInterval> read(List<String> calendarIds, Interval window, Deadline deadline) {
        List<BusyInterval> out = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Instant start = window.start(); start.isBefore(window.end()); start = start.plus(freeBusyChunk)) {
            Instant end = start.plus(freeBusyChunk).isBefore(window.end()) ? start.plus(freeBusyChunk) : window.end();
            for (int i = 0; i < calendarIds.size(); i += FREE_BUSY_BATCH) {
                List<String> batch = calendarIds.subList(i, Math.min(calendarIds.size(), i + FREE_BUSY_BATCH));
                out.addAll(chunk(batch, Interval.of(start, end), errors, deadline));
            }
        }
        if (!errors.isEmpty()) {
            String message = "Google Calendar freeBusy.query could not read " + errors.size() + " calendar(s): "
                    + errors + "; check the ids and that they are shared with this account";
            if (TRANSIENT_FREE_BUSY_ERRORS.containsAll(errors.values())) {
                throw new ProviderUnavailableException(message);
            }
            throw new CalendarException(message);
        }
        return out;
    }

    private List<BusyInterval> chunk(List<String> batch, Interval chunk, Map<String, String> errors,
            Deadline deadline) {
        String ids = String.join(",", batch);
        String where = GoogleCalls.describe("freeBusy.query", ids);
        FreeBusyRequest body = new FreeBusyRequest()
                .setTimeMin(new DateTime(chunk.start().toEpochMilli()))
                .setTimeMax(new DateTime(chunk.end().toEpochMilli()))
                .setTimeZone("UTC")
                .setItems(batch.stream().map(id -> new FreeBusyRequestItem().setId(id)).toList());
        FreeBusyResponse response = calls.execute("freeBusy.query", ids, query(body), deadline,
                FreeBusyResponse.class);
        List<BusyInterval> out = new ArrayList<>();
        for (String id : batch) {
            FreeBusyCalendar cal = response.getCalendars() == null ? null : response.getCalendars().get(id);
            if (cal == null) {
                throw new UnexpectedResponseException(where + ": the response has no entry for calendar '" + id + "'");
            }
            if (cal.getErrors() != null && !cal.getErrors().isEmpty()) {
                errors.merge(id, String.valueOf(cal.getErrors().get(0).getReason()), (a, b) -> a);
                continue;
            }
            for (TimePeriod p : cal.getBusy() == null ? List.<TimePeriod>of() : cal.getBusy()) {
                if (p == null || p.getStart() == null || p.getEnd() == null) {
                    throw new UnexpectedResponseException(where + ": a busy period of calendar '" + id
                            + "' has no start or end");
                }
                Instant s = Instant.ofEpochMilli(p.getStart().getValue());
                Instant e = Instant.ofEpochMilli(p.getEnd().getValue());
                if (s.isBefore(e) && Interval.of(s, e).overlaps(chunk)) {
                    Interval when = GoogleConnection.clip(Interval.of(s, e), chunk);
                    out.add(new BusyInterval(when, new BusySource(GoogleCalendarProvider.ID, accountId.get(), id,
                            "freebusy:" + when.start(), Optional.empty()), EventFacts.busy()));
                }
            }
        }
        return out;
    }

    private Calendar.Freebusy.Query query(FreeBusyRequest body) {
        return GoogleCalls.build(() -> api.freebusy().query(body));
    }
}
