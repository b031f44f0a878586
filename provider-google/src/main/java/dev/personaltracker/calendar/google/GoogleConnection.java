package dev.personaltracker.calendar.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
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

    static final int MAX_RESULTS = EventSync.MAX_RESULTS;
    static final String PRIMARY = "primary";
    private static final String CALENDAR_LIST_FIELDS = "items(id,summary,summaryOverride,primary,accessRole,timeZone),"
            + "nextPageToken";

    private final Calendar api;
    private final GoogleCalls calls;
    private final AuthState auth;
    private final ReadOptions reads;
    private final boolean readOnly;
    /** The stored grant's key; null for a host token, whose key is made from the user and the account found. */
    private final TokenKey storedKey;
    private final Optional<String> hostUser;
    private final EventSync sync;
    private final FreeBusyReader freeBusy;
    private volatile String accountId;
    private volatile Map<String, CalendarAccess> accessByCalendar;

    /**
     * How a connection reads.
     *
     * @param syncStore  where sync state lives
     * @param freeBusyChunk  the longest freeBusy.query window
     * @param readDeadline  the total time of one read
     * @param executor  where calendars are read in parallel
     * @param concurrency  how many calendars of one call are read at once
     * @param json  the JSON factory of the snapshots
     */
    record ReadOptions(SyncStateStore syncStore, Duration freeBusyChunk, Duration readDeadline, Executor executor,
            int concurrency, JsonFactory json) {
    }

    GoogleConnection(Calendar api, GoogleCalls calls, AuthState auth, ReadOptions reads, Optional<TokenKey> storedKey,
            Optional<String> hostUser, Optional<String> namedAccount, boolean readOnly) {
        this.api = api;
        this.calls = calls;
        this.auth = auth;
        this.reads = reads;
        this.readOnly = readOnly;
        this.storedKey = storedKey.orElse(null);
        this.hostUser = hostUser;
        this.accountId = storedKey.map(TokenKey::accountId).or(() -> namedAccount).orElse(null);
        this.sync = new EventSync(api, calls, reads.json(), reads.syncStore(), this::syncKey);
        this.freeBusy = new FreeBusyReader(api, calls, reads.freeBusyChunk(), this::accountId);
    }

    /**
     * Gets the key of this connection's sync state: the stored grant's key, or for a host token the host's user (if
     * it said) and the account Google names, so users and accounts sharing one store never share state.
     */
    private TokenKey syncKey() {
        return storedKey != null ? storedKey
                : TokenKey.of(hostUser.orElse("(host token)"), GoogleCalendarProvider.ID, accountId());
    }

    @Override
    public String providerId() {
        return GoogleCalendarProvider.ID;
    }

    /**
     * Gets the account: the stored grant's account, or for a host token the account Google names (asked once, on
     * first use: the primary calendar's id, which is the e-mail address).
     */
    @Override
    public String accountId() {
        String known = accountId;
        if (known == null) {
            synchronized (this) {
                if (accountId == null) {
                    accountId = AccountIdentity.of(api, calls, calls.readDeadline(reads.readDeadline()));
                }
                known = accountId;
            }
        }
        return known;
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
        return calendars(calls.readDeadline(reads.readDeadline()));
    }

    private List<CalendarInfo> calendars(Deadline deadline) {
        List<CalendarInfo> out = new ArrayList<>();
        String pageToken = null;
        do {
            Calendar.CalendarList.List request = call(() -> api.calendarList().list())
                    .setMaxResults(250).setFields(CALENDAR_LIST_FIELDS).setPageToken(pageToken);
            GoogleCalls.Response r = calls.send("calendarList.list", "(all)", request, deadline, 403);
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
    private boolean readsEvents(String calendarId, Deadline deadline) {
        if (PRIMARY.equals(calendarId)) {
            return true;
        }
        Map<String, CalendarAccess> access = accessByCalendar;
        if (access == null) {
            Map<String, CalendarAccess> found = new ConcurrentHashMap<>();
            for (CalendarInfo c : calendars(deadline)) {
                found.put(c.id(), c.access());
            }
            accessByCalendar = access = found;
        }
        return access.get(calendarId) == CalendarAccess.OWNER;
    }

    // ---------------------------------------------------------------------------------------------------- busy

    /**
     * Reads busy time; the owned calendars in parallel (at most the connection's concurrency at once), each
     * calendar's own requests in order, the whole call within the read deadline.
     */
    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        Deadline deadline = calls.readDeadline(reads.readDeadline());
        List<Supplier<List<BusyInterval>>> work = new ArrayList<>();
        List<String> freeBusyOnly = new ArrayList<>();
        for (String id : new LinkedHashSet<>(calendarIds)) {
            Objects.requireNonNull(id, "calendarIds contains null");
            if (readsEvents(id, deadline)) {
                work.add(() -> eventBusy(id, window, policy, deadline));
            } else {
                freeBusyOnly.add(id);
            }
        }
        if (!freeBusyOnly.isEmpty()) {
            work.add(() -> freeBusy.read(freeBusyOnly, window, deadline));
        }
        if (work.isEmpty()) {
            return List.of();
        }
        String what = "Reading " + work.size() + " Google calendar(s) of account '" + accountId() + "'";
        List<BusyInterval> out = new ArrayList<>();
        ParallelReads.run(work, reads.executor(), reads.concurrency(), calls.remaining(deadline), what)
                .forEach(out::addAll);
        out.sort(Comparator.comparing(BusyInterval::interval));
        return List.copyOf(out);
    }

    private List<BusyInterval> eventBusy(String calendarId, Interval window, BusyPolicy policy, Deadline deadline) {
        SyncSnapshot snapshot = sync.synced(calendarId, window.start(), deadline);
        ZoneId zone = snapshot.zone();
        List<BusyInterval> out = new ArrayList<>();
        for (SyncSnapshot.Cached e : snapshot.events()) {
            if (e.sessionKey() != null) {
                continue;   // own sessions are never busy against themselves; findSessions returns them
            }
            Optional<Interval> when = e.interval(zone);
            if (when.isEmpty() || !when.get().overlaps(window) || !policy.blocks(e.facts())) {
                continue;
            }
            Optional<String> title = policy.includeTitles() ? Optional.ofNullable(e.title()) : Optional.empty();
            out.add(new BusyInterval(clip(when.get(), window),
                    new BusySource(GoogleCalendarProvider.ID, accountId(), calendarId, e.id(), title), e.facts()));
        }
        return out;
    }

    static Interval clip(Interval i, Interval window) {
        Instant start = i.start().isBefore(window.start()) ? window.start() : i.start();
        Instant end = i.end().isAfter(window.end()) ? window.end() : i.end();
        return Interval.of(start, end);
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
            return asked(GoogleEvents.studyEvent(calendarId, parseEvent("events.insert", calendarId, r),
                    "events.insert"), eventId, key, interval, "events.insert");
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
            return asked(GoogleEvents.studyEvent(calendarId, restored, where), eventId, key, interval, "events.update");
        }
        return GoogleEvents.studyEvent(calendarId, existing, where);
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(window, "window");
        Deadline deadline = calls.readDeadline(reads.readDeadline());
        EventSync.Listing listing = sync.list(calendarId, r -> r
                .setPrivateExtendedProperty(List.of(GoogleEvents.APP_PROPERTY + "=" + GoogleEvents.APP_VALUE))
                .setTimeMin(new DateTime(window.start().toEpochMilli()))
                .setTimeMax(new DateTime(window.end().toEpochMilli())), false, deadline).orElseThrow();
        List<StudyEvent> out = new ArrayList<>();
        for (Event e : listing.items()) {
            if (GoogleEvents.isCancelled(e)) {
                continue;
            }
            if (!GoogleEvents.isStudySession(e)) {
                throw new UnexpectedResponseException(GoogleCalls.describe("events.list", calendarId) + ": the search "
                        + "for study sessions returned event '" + e.getId() + "', which is not one");
            }
            if (GoogleEvents.sessionKey(e).isEmpty()) {
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
        return get(calendarId, EventIds.of(key), calls.readDeadline(reads.readDeadline()))
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
                return asked(GoogleEvents.studyEvent(calendarId, parseEvent("events.patch", calendarId, r),
                        "events.patch"), event.eventId(), event.key(), to, "events.patch");
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

    /**
     * Checks that Google's answer to a write is what was asked: the same event, the same session, the asked time.
     *
     * @throws UnexpectedResponseException naming the event, what was asked and what came back
     */
    private static StudyEvent asked(StudyEvent got, String eventId, SessionKey key, Interval interval,
            String operation) {
        String where = GoogleCalls.describe(operation, got.calendarId());
        if (!got.eventId().equals(eventId) || !got.key().equals(key)) {
            throw new UnexpectedResponseException(where + ": asked about event '" + eventId + "' (study session '"
                    + key + "') but Google answered with event '" + got.eventId() + "' (session '" + got.key()
                    + "'); nothing more was changed");
        }
        if (!got.interval().equals(interval)) {
            throw new UnexpectedResponseException(where + ": event '" + eventId + "' (study session '" + key
                    + "') was to be at " + interval + " but Google answered that it is at " + got.interval()
                    + "; read it again with findSession before acting on it");
        }
        return got;
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
        return get(calendarId, eventId, calls.writeBudget());
    }

    private Optional<Event> get(String calendarId, String eventId, Deadline deadline) {
        GoogleCalls.Response r = calls.send("events.get", calendarId,
                call(() -> api.events().get(calendarId, eventId).setFields(EventSync.EVENT_FIELDS)), deadline, 404, 410);
        if (!r.ok()) {
            return Optional.empty();
        }
        Event e = parseEvent("events.get", calendarId, r);
        if (!eventId.equals(e.getId())) {
            throw new UnexpectedResponseException(GoogleCalls.describe("events.get", calendarId) + ": asked for event '"
                    + eventId + "' but Google answered with event '" + e.getId() + "'");
        }
        return Optional.of(e);
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
