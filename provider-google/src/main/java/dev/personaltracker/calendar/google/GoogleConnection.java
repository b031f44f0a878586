package dev.personaltracker.calendar.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import com.google.api.services.calendar.model.FreeBusyCalendar;
import com.google.api.services.calendar.model.FreeBusyRequest;
import com.google.api.services.calendar.model.FreeBusyRequestItem;
import com.google.api.services.calendar.model.FreeBusyResponse;
import com.google.api.services.calendar.model.TimePeriod;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one Google account through Google's Calendar client. See {@link GoogleCalendarProvider} for what
 * it reads and writes, and how.
 * <p>
 * Thread-safe: reads of one calendar are serialised (they share its sync state); everything else is stateless.
 */
final class GoogleConnection implements CalendarConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleConnection.class);

    static final int MAX_RESULTS = 2500;
    static final int FREE_BUSY_BATCH = 50;
    static final String PRIMARY = "primary";
    private static final String EVENT_FIELDS = "id,etag,status,summary,transparency,start,end,eventType,"
            + "attendees(self,organizer,responseStatus),extendedProperties";
    /** Keeps nextPageToken and nextSyncToken: without them paging and sync silently break. */
    static final String LIST_FIELDS = "items(" + EVENT_FIELDS + "),nextPageToken,nextSyncToken,timeZone";
    private static final String CALENDAR_LIST_FIELDS = "items(id,summary,summaryOverride,primary,accessRole,timeZone),"
            + "nextPageToken";
    private static final Set<String> TRANSIENT_FREE_BUSY_ERRORS = Set.of("internalError", "backendError");

    private final Calendar api;
    private final GoogleCalls calls;
    private final AuthState auth;
    private final JsonFactory json;
    private final SyncStateStore syncStore;
    private final TokenKey syncKey;
    private final Duration freeBusyChunk;
    private final boolean readOnly;
    private final ConcurrentMap<String, Object> calendarLocks = new ConcurrentHashMap<>();
    /** The last sync snapshot written or read per calendar, with its text, so an unchanged one is not decoded again. */
    private final ConcurrentMap<String, Decoded> decoded = new ConcurrentHashMap<>();
    private volatile Map<String, CalendarAccess> accessByCalendar;

    GoogleConnection(Calendar api, GoogleCalls calls, AuthState auth, JsonFactory json, SyncStateStore syncStore,
            TokenKey syncKey, Duration freeBusyChunk, boolean readOnly) {
        this.api = api;
        this.calls = calls;
        this.auth = auth;
        this.json = json;
        this.syncStore = syncStore;
        this.syncKey = syncKey;
        this.freeBusyChunk = freeBusyChunk;
        this.readOnly = readOnly;
    }

    @Override
    public String providerId() {
        return GoogleCalendarProvider.ID;
    }

    @Override
    public String accountId() {
        return auth.accountId();
    }

    @Override
    public TokenHealth tokenHealth() {
        return auth.health();
    }

    // ----------------------------------------------------------------------------------------------- calendars

    /**
     * Lists the calendar list (needs {@code calendar.calendarlist.readonly}); without that scope, only the primary
     * calendar, which the account owns.
     */
    @Override
    public List<CalendarInfo> calendars() {
        List<CalendarInfo> out = new ArrayList<>();
        String pageToken = null;
        do {
            Calendar.CalendarList.List request = call(() -> api.calendarList().list())
                    .setMaxResults(250).setFields(CALENDAR_LIST_FIELDS).setPageToken(pageToken);
            GoogleCalls.Response r = calls.send("calendarList.list", "(all)", request, 403);
            if (!r.ok()) {
                LOG.debug("Listing calendars was refused ({}); offering the primary calendar only", r.reason());
                return List.of(new CalendarInfo(PRIMARY, PRIMARY, true, CalendarAccess.OWNER, Optional.empty()));
            }
            CalendarList page = GoogleCalls.parse("calendarList.list", "(all)", r.http().orElseThrow(),
                    CalendarList.class);
            for (CalendarListEntry entry : nullToEmpty(page.getItems())) {
                out.add(calendarInfo(entry));
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        out.sort(Comparator.comparing((CalendarInfo c) -> !c.primary()));
        return List.copyOf(out);
    }

    private static CalendarInfo calendarInfo(CalendarListEntry entry) {
        if (entry.getId() == null || entry.getId().isBlank()) {
            throw new UnexpectedResponseException(GoogleCalls.describe("calendarList.list", "(all)")
                    + ": an entry has no id");
        }
        CalendarAccess access = switch (String.valueOf(entry.getAccessRole())) {
            case "owner" -> CalendarAccess.OWNER;
            case "writer" -> CalendarAccess.WRITER;
            case "reader" -> CalendarAccess.READER;
            default -> CalendarAccess.FREE_BUSY;
        };
        String name = entry.getSummaryOverride() != null ? entry.getSummaryOverride()
                : Objects.requireNonNullElse(entry.getSummary(), entry.getId());
        Optional<ZoneId> zone;
        try {
            zone = Optional.ofNullable(entry.getTimeZone()).map(ZoneId::of);
        } catch (DateTimeException unknown) {
            zone = Optional.empty();
        }
        return new CalendarInfo(entry.getId(), name, Boolean.TRUE.equals(entry.getPrimary()), access, zone);
    }

    /**
     * Checks if a calendar's events are read with {@code events.list}: the primary calendar and calendars the account
     * owns ({@code calendar.events.owned} covers no others). Every other calendar is read with {@code freeBusy.query}.
     */
    private boolean readsEvents(String calendarId) {
        if (PRIMARY.equals(calendarId)) {
            return true;
        }
        Map<String, CalendarAccess> access = accessByCalendar;
        if (access == null) {
            Map<String, CalendarAccess> found = new ConcurrentHashMap<>();
            for (CalendarInfo c : calendars()) {
                found.put(c.id(), c.access());
            }
            accessByCalendar = access = found;
        }
        return access.get(calendarId) == CalendarAccess.OWNER;
    }

    // ---------------------------------------------------------------------------------------------------- busy

    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        List<BusyInterval> out = new ArrayList<>();
        List<String> freeBusyOnly = new ArrayList<>();
        for (String id : new LinkedHashSet<>(calendarIds)) {
            Objects.requireNonNull(id, "calendarIds contains null");
            if (readsEvents(id)) {
                out.addAll(eventBusy(id, window, policy));
            } else {
                freeBusyOnly.add(id);
            }
        }
        if (!freeBusyOnly.isEmpty()) {
            out.addAll(freeBusy(freeBusyOnly, window));
        }
        out.sort(Comparator.comparing(BusyInterval::interval));
        return List.copyOf(out);
    }

    private List<BusyInterval> eventBusy(String calendarId, Interval window, BusyPolicy policy) {
        SyncSnapshot snapshot = synced(calendarId, window.start());
        String where = GoogleCalls.describe("events.list", calendarId);
        List<BusyInterval> out = new ArrayList<>();
        for (Event e : snapshot.events()) {
            if (GoogleEvents.isCancelled(e) || GoogleEvents.isStudySession(e)) {
                continue;   // own sessions are never busy against themselves; findSessions returns them
            }
            Optional<Interval> when = GoogleEvents.interval(e, snapshot.zone(), where);
            if (when.isEmpty() || !when.get().overlaps(window)) {
                continue;
            }
            EventFacts facts = GoogleEvents.facts(e);
            if (!policy.blocks(facts)) {
                continue;
            }
            Optional<String> title = policy.includeTitles() ? Optional.ofNullable(e.getSummary()) : Optional.empty();
            out.add(new BusyInterval(clip(when.get(), window),
                    new BusySource(GoogleCalendarProvider.ID, accountId(), calendarId, e.getId(), title), facts));
        }
        return out;
    }

    private static Interval clip(Interval i, Interval window) {
        Instant start = i.start().isBefore(window.start()) ? window.start() : i.start();
        Instant end = i.end().isAfter(window.end()) ? window.end() : i.end();
        return Interval.of(start, end);
    }

    /**
     * Brings a calendar's cached events up to date: with the stored sync token when the cache covers {@code from}
     * (one request when nothing changed), else, or when Google answers {@code 410}, by a full sync from {@code from}.
     * A full sync bounds only {@code timeMin} (as Google's own sync sample does), so its sync token stays usable.
     */
    private SyncSnapshot synced(String calendarId, Instant from) {
        synchronized (calendarLocks.computeIfAbsent(calendarId, id -> new Object())) {
            Optional<SyncSnapshot> stored = syncStore.load(syncKey, calendarId).flatMap(text -> decode(calendarId, text));
            if (stored.isPresent() && stored.get().syncToken() != null && !from.isBefore(stored.get().coversFrom())) {
                SyncSnapshot old = stored.get();
                Optional<Listing> changes = list(calendarId, r -> r.setSyncToken(old.syncToken()), true);
                if (changes.isPresent()) {
                    String token = requireSyncToken(changes.get(), calendarId);
                    if (changes.get().items().isEmpty() && token.equals(old.syncToken())) {
                        return old;   // nothing changed: nothing to write
                    }
                    return save(calendarId, old.updated(token, changes.get().zone(), changes.get().items()));
                }
                LOG.info("Google asked for a full resync of calendar '{}' (410); resyncing", calendarId);
                syncStore.delete(syncKey, calendarId);
            }
            Listing all = list(calendarId, r -> r.setTimeMin(new DateTime(from.toEpochMilli())), false).orElseThrow();
            return save(calendarId, new SyncSnapshot(from, requireSyncToken(all, calendarId), all.zone(), all.items()));
        }
    }

    private Optional<SyncSnapshot> decode(String calendarId, String text) {
        Decoded last = decoded.get(calendarId);
        if (last != null && last.text().equals(text)) {
            return Optional.of(last.snapshot());
        }
        Optional<SyncSnapshot> snapshot = SyncSnapshot.decode(json, text);
        snapshot.ifPresent(s -> decoded.put(calendarId, new Decoded(text, s)));
        return snapshot;
    }

    private SyncSnapshot save(String calendarId, SyncSnapshot snapshot) {
        String text = snapshot.encode(json);
        syncStore.save(syncKey, calendarId, text);
        decoded.put(calendarId, new Decoded(text, snapshot));
        return snapshot;
    }

    private static String requireSyncToken(Listing listing, String calendarId) {
        if (listing.syncToken() == null) {
            throw new UnexpectedResponseException(GoogleCalls.describe("events.list", calendarId)
                    + ": the last page carried no nextSyncToken");
        }
        return listing.syncToken();
    }

    /** A sync snapshot with the stored text it was decoded from or encoded to. */
    private record Decoded(String text, SyncSnapshot snapshot) {
    }

    /** Every page of one events.list query. */
    private record Listing(List<Event> items, String syncToken, String zone) {
    }

    /**
     * Lists every page of a query. With {@code syncing}, a {@code 410} (sync token expired) gives empty.
     */
    private Optional<Listing> list(String calendarId, Consumer<Calendar.Events.List> query, boolean syncing) {
        List<Event> items = new ArrayList<>();
        String pageToken = null;
        String syncToken = null;
        String zone = null;
        do {
            Calendar.Events.List request = call(() -> api.events().list(calendarId))
                    .setSingleEvents(true).setMaxResults(MAX_RESULTS).setFields(LIST_FIELDS).setPageToken(pageToken);
            query.accept(request);
            GoogleCalls.Response r = syncing
                    ? calls.send("events.list", calendarId, request, 410)
                    : calls.send("events.list", calendarId, request);
            if (!r.ok()) {
                return Optional.empty();
            }
            Events page = GoogleCalls.parse("events.list", calendarId, r.http().orElseThrow(), Events.class);
            for (Event e : nullToEmpty(page.getItems())) {
                if (e == null || e.getId() == null || e.getId().isBlank()) {
                    throw new UnexpectedResponseException(GoogleCalls.describe("events.list", calendarId)
                            + ": an event has no id");
                }
                items.add(e);
            }
            zone = page.getTimeZone() != null ? page.getTimeZone() : zone;
            syncToken = page.getNextSyncToken();
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return Optional.of(new Listing(items, syncToken, zone));
    }

    /**
     * Reads calendars shared with free/busy access only: at most {@value #FREE_BUSY_BATCH} calendars per request,
     * the window cut into chunks Google accepts. A calendar Google reports an error for fails the whole read
     * (treating it as free would plan sessions over meetings).
     */
    private List<BusyInterval> freeBusy(List<String> calendarIds, Interval window) {
        List<BusyInterval> out = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Instant start = window.start(); start.isBefore(window.end()); start = start.plus(freeBusyChunk)) {
            Instant end = start.plus(freeBusyChunk).isBefore(window.end()) ? start.plus(freeBusyChunk) : window.end();
            for (int i = 0; i < calendarIds.size(); i += FREE_BUSY_BATCH) {
                List<String> batch = calendarIds.subList(i, Math.min(calendarIds.size(), i + FREE_BUSY_BATCH));
                out.addAll(freeBusyChunk(batch, Interval.of(start, end), errors));
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

    private List<BusyInterval> freeBusyChunk(List<String> batch, Interval chunk, Map<String, String> errors) {
        String ids = String.join(",", batch);
        String where = GoogleCalls.describe("freeBusy.query", ids);
        FreeBusyRequest body = new FreeBusyRequest()
                .setTimeMin(new DateTime(chunk.start().toEpochMilli()))
                .setTimeMax(new DateTime(chunk.end().toEpochMilli()))
                .setTimeZone("UTC")
                .setItems(batch.stream().map(id -> new FreeBusyRequestItem().setId(id)).toList());
        FreeBusyResponse response = calls.execute("freeBusy.query", ids, call(() -> api.freebusy().query(body)),
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
            for (TimePeriod p : nullToEmpty(cal.getBusy())) {
                if (p == null || p.getStart() == null || p.getEnd() == null) {
                    throw new UnexpectedResponseException(where + ": a busy period of calendar '" + id
                            + "' has no start or end");
                }
                Instant s = Instant.ofEpochMilli(p.getStart().getValue());
                Instant e = Instant.ofEpochMilli(p.getEnd().getValue());
                if (s.isBefore(e) && Interval.of(s, e).overlaps(chunk)) {
                    Interval when = clip(Interval.of(s, e), chunk);
                    out.add(new BusyInterval(when, new BusySource(GoogleCalendarProvider.ID, accountId(), id,
                            "freebusy:" + when.start(), Optional.empty()), EventFacts.busy()));
                }
            }
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------------- writes

    @Override
    public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(details, "details");
        requireWritable("createSession");
        String eventId = EventIds.of(key);
        Event body = new Event()
                .setId(eventId)
                .setSummary(details.title())
                .setDescription(details.description().orElse(null))
                .setStart(GoogleEvents.dateTime(interval.start()))
                .setEnd(GoogleEvents.dateTime(interval.end()))
                .setTransparency("opaque")
                .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of(
                        GoogleEvents.APP_PROPERTY, GoogleEvents.APP_VALUE,
                        GoogleEvents.KEY_PROPERTY, key.value())));
        GoogleCalls.Response r = calls.send("events.insert", calendarId,
                call(() -> api.events().insert(calendarId, body)), 409);
        if (r.ok()) {
            return GoogleEvents.studyEvent(calendarId, parseEvent("events.insert", calendarId, r), "events.insert");
        }
        // 409 duplicate: an earlier attempt made it (its response was lost); never make a second event.
        String where = GoogleCalls.describe("events.insert", calendarId);
        Event existing = get(calendarId, eventId).orElseThrow(() -> new UnexpectedResponseException(where
                + ": Google reported event '" + eventId + "' as a duplicate (" + r.reason() + ") but cannot return it"));
        if (!GoogleEvents.sessionKey(existing).equals(Optional.of(key))) {
            throw new CalendarException(where + ": event id '" + eventId + "' is taken by an event that is not study "
                    + "session '" + key + "'; it was left untouched");
        }
        if (GoogleEvents.isCancelled(existing)) {
            LOG.debug("Study session {} was deleted before; restoring it", key);
            Event restored = calls.execute("events.update", calendarId,
                    call(() -> api.events().update(calendarId, eventId, body.setStatus("confirmed"))), Event.class);
            return GoogleEvents.studyEvent(calendarId, restored, where);
        }
        return GoogleEvents.studyEvent(calendarId, existing, where);
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(window, "window");
        Listing listing = list(calendarId, r -> r
                .setPrivateExtendedProperty(List.of(GoogleEvents.APP_PROPERTY + "=" + GoogleEvents.APP_VALUE))
                .setTimeMin(new DateTime(window.start().toEpochMilli()))
                .setTimeMax(new DateTime(window.end().toEpochMilli())), false).orElseThrow();
        List<StudyEvent> out = new ArrayList<>();
        for (Event e : listing.items()) {
            if (GoogleEvents.isCancelled(e) || GoogleEvents.sessionKey(e).isEmpty()) {
                continue;
            }
            out.add(GoogleEvents.studyEvent(calendarId, e, "events.list"));
        }
        out.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(out);
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        return get(calendarId, EventIds.of(key))
                .filter(e -> !GoogleEvents.isCancelled(e) && GoogleEvents.sessionKey(e).equals(Optional.of(key)))
                .map(e -> GoogleEvents.studyEvent(calendarId, e, "events.get"));
    }

    /**
     * Moves the event with {@code If-Match} on its etag. On {@code 412} it re-reads the event: if it was deleted or
     * its time changed, the person moved it and {@link EventChangedException} reports that; if only something else
     * changed (a colour, a reminder), the move is tried once more with the new etag.
     */
    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        requireWritable("moveSession");
        String calendarId = event.calendarId();
        Event patch = new Event().setStart(GoogleEvents.dateTime(to.start())).setEnd(GoogleEvents.dateTime(to.end()));
        String etag = event.version().isPresent() ? event.version().get() : unchangedVersion(event);
        for (int round = 0; round < 2; round++) {
            Calendar.Events.Patch request = call(() -> api.events().patch(calendarId, event.eventId(), patch));
            request.getRequestHeaders().setIfMatch(etag);
            GoogleCalls.Response r = calls.send("events.patch", calendarId, request, 412, 404, 410);
            if (r.ok()) {
                return GoogleEvents.studyEvent(calendarId, parseEvent("events.patch", calendarId, r), "events.patch");
            }
            if (r.status() != 412) {
                throw deleted(event);
            }
            etag = unchangedVersion(event);
        }
        throw new EventChangedException("Study session '" + event.key() + "' kept changing while it was being moved",
                findSession(calendarId, event.key()).orElse(null));
    }

    /** Re-reads an event; returns its current etag if its time is still as {@code event} says, else throws. */
    private String unchangedVersion(StudyEvent event) {
        Event current = get(event.calendarId(), event.eventId())
                .filter(e -> !GoogleEvents.isCancelled(e)).orElseThrow(() -> deleted(event));
        StudyEvent now = GoogleEvents.studyEvent(event.calendarId(), current, "events.get");
        if (!now.interval().equals(event.interval())) {
            throw new EventChangedException("Study session '" + event.key() + "' on calendar '" + event.calendarId()
                    + "' was moved to " + now.interval() + " since it was read at " + event.interval()
                    + "; it was left as it is", now);
        }
        return now.version().orElse(null);
    }

    private static EventChangedException deleted(StudyEvent event) {
        return new EventChangedException("Study session '" + event.key() + "' on calendar '" + event.calendarId()
                + "' was deleted since it was read", null);
    }

    @Override
    public void deleteSession(StudyEvent event) {
        Objects.requireNonNull(event, "event");
        requireWritable("deleteSession");
        GoogleCalls.Response r = calls.send("events.delete", event.calendarId(),
                call(() -> api.events().delete(event.calendarId(), event.eventId())), 404, 410);
        r.http().ifPresent(GoogleCalls::disconnect);
    }

    private Optional<Event> get(String calendarId, String eventId) {
        GoogleCalls.Response r = calls.send("events.get", calendarId,
                call(() -> api.events().get(calendarId, eventId).setFields(EVENT_FIELDS)), 404, 410);
        return r.ok() ? Optional.of(parseEvent("events.get", calendarId, r)) : Optional.empty();
    }

    private static Event parseEvent(String operation, String calendarId, GoogleCalls.Response r) {
        return GoogleCalls.parse(operation, calendarId, r.http().orElseThrow(), Event.class);
    }

    private void requireWritable(String operation) {
        if (readOnly) {
            throw new BadSettingsException("The Google connection of account '" + accountId() + "' is read-only "
                    + "(readOnly=true), so " + operation + " is refused; connect without readOnly to write sessions");
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Building a request declares IOException but does no I/O. */
    private interface RequestBuilder<T> {
        T build() throws IOException;
    }

    private static <T> T call(RequestBuilder<T> builder) {
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Building a Google Calendar request failed", e);
        }
    }

    @Override
    public String toString() {
        return "GoogleConnection[account=" + accountId() + ", readOnly=" + readOnly + "]";
    }
}
