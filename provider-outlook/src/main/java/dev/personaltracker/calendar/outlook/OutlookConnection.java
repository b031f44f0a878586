package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.CustomTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.MailboxSettings;
import com.microsoft.graph.models.ScheduleInformation;
import com.microsoft.graph.models.ScheduleItem;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.TimeZoneBase;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.WorkingHours;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostRequestBody;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostResponse;
import com.microsoft.graph.users.item.calendars.item.CalendarItemRequestBuilder;
import com.microsoft.graph.users.item.calendars.item.calendarview.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.calendars.item.events.item.EventItemRequestBuilder;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestHeaders;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.Availability;
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
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one Microsoft 365 or Outlook.com account through Microsoft Graph, made by
 * {@link OutlookCalendarProvider#connect}.
 * <p>
 * Besides the {@link CalendarConnection} operations it offers what only Graph has: other people's busy time
 * ({@link #schedules}) and the person's working hours from their mailbox settings ({@link #workingHours()}).
 * <p>
 * Busy time is read per calendar with {@code calendarView} (property {@code sync=full}) or, by default, with
 * {@code calendarView/delta}: the first read of a window fetches every page, later reads of a window inside it send
 * only the delta link (one request when nothing changed). The delta link and the events seen are kept in the
 * settings' {@link SyncStateStore}. An expired link (410, {@code syncStateNotFound}) starts a full read again.
 * <p>
 * This class is thread-safe; reads of one calendar are not run concurrently with each other.
 */
public final class OutlookConnection implements CalendarConnection {

    private static final Logger LOG = LoggerFactory.getLogger(OutlookConnection.class);
    private static final String PREFER_UTC = "outlook.timezone=\"UTC\"";
    private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ISO_INSTANT;
    /** getSchedule limits: at most 20 schedules and less than 62 days per request. */
    static final int SCHEDULES_PER_REQUEST = 20;
    static final Duration SCHEDULE_SPAN = Duration.ofDays(61);

    private final OutlookSettings settings;
    private final TokenSource tokens;
    private final GraphServiceClient graph;
    private final okhttp3.OkHttpClient http;
    private final SyncStateStore syncStore;
    private final Optional<TokenKey> storedKey;
    private final ZoneId allDayZone;
    private volatile String accountId;

    OutlookConnection(OutlookSettings settings, TokenSource tokens, Optional<TokenKey> storedKey) {
        this.settings = settings;
        this.tokens = tokens;
        this.storedKey = storedKey;
        this.http = GraphClients.httpClient(settings, tokens);
        this.graph = GraphClients.graph(settings, tokens, http);
        this.syncStore = settings.raw().syncStateStore().orElseGet(InMemorySyncStateStore::create);
        this.accountId = storedKey.map(TokenKey::accountId).or(settings::account).orElse(null);
        this.allDayZone = settings.raw().property("zone").map(z -> ZoneNames.resolve(z).orElseThrow(
                () -> new BadSettingsException("Unknown time zone '" + z + "' (property 'zone')"))).orElse(ZoneOffset.UTC);
    }

    @Override
    public String providerId() {
        return OutlookCalendarProvider.ID;
    }

    /**
     * Gets the account: the stored grant's account, else the {@code account} property, else the signed-in user's
     * address as Graph reports it ({@code GET /me}, once).
     *
     * @return the account, not null
     */
    @Override
    public String accountId() {
        String id = accountId;
        if (id == null) {
            User me = call("GET /me", () -> graph.me().get(rc -> rc.queryParameters.select =
                    new String[] {"mail", "userPrincipalName"}));
            id = me.getMail() != null ? me.getMail() : me.getUserPrincipalName();
            if (id == null || id.isBlank()) {
                throw new UnexpectedResponseException("Microsoft Graph sent no mail or userPrincipalName for GET /me");
            }
            accountId = id;
        }
        return id;
    }

    @Override
    public TokenHealth tokenHealth() {
        return tokens.health();
    }

    @Override
    public List<CalendarInfo> calendars() {
        String request = "GET /me/calendars";
        List<CalendarInfo> out = new ArrayList<>();
        var page = read(request, () -> graph.me().calendars().get(rc -> {
            rc.queryParameters.select = new String[] {"id", "name", "isDefaultCalendar", "canEdit"};
            rc.queryParameters.top = 100;
        }));
        while (true) {
            for (var c : nonNull(page.getValue())) {
                boolean primary = Boolean.TRUE.equals(c.getIsDefaultCalendar());
                CalendarAccess access = primary ? CalendarAccess.OWNER
                        : Boolean.TRUE.equals(c.getCanEdit()) ? CalendarAccess.WRITER : CalendarAccess.READER;
                out.add(new CalendarInfo(c.getId(), c.getName() == null ? "" : c.getName(), primary, access,
                        Optional.empty()));
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                break;
            }
            page = read(request, () -> graph.me().calendars().withUrl(next).get());
        }
        out.sort(Comparator.comparing(c -> !c.primary()));
        return List.copyOf(out);
    }

    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        List<BusyInterval> out = new ArrayList<>();
        for (String calendarId : calendarIds) {
            Map<String, DeltaState.Cached> events = settings.delta() ? deltaRead(calendarId, window)
                    : fullRead(calendarId, window);
            events.forEach((eventId, e) -> {
                if (e.own() || !policy.blocks(e.facts()) || !e.interval().overlaps(window)) {
                    return;
                }
                Interval clipped = Interval.of(max(e.interval().start(), window.start()),
                        min(e.interval().end(), window.end()));
                out.add(new BusyInterval(clipped, new BusySource(providerId(), accountId(), calendarId, eventId,
                        policy.includeTitles() ? e.title() : Optional.empty()), e.facts()));
            });
        }
        out.sort(Comparator.comparing(BusyInterval::interval));
        return List.copyOf(out);
    }

    private Map<String, DeltaState.Cached> fullRead(String calendarId, Interval window) {
        String request = "GET calendarView of calendar '" + calendarId + "'";
        Map<String, DeltaState.Cached> events = new LinkedHashMap<>();
        EventCollectionResponse page = read(request, () -> calendar(calendarId).calendarView().get(rc -> {
            rc.queryParameters.startDateTime = ISO_UTC.format(window.start());
            rc.queryParameters.endDateTime = ISO_UTC.format(window.end());
            rc.queryParameters.select = GraphEvents.SELECT;
            rc.queryParameters.expand = new String[] {GraphEvents.tagExpand()};
            rc.queryParameters.top = settings.pageSize();
            preferUtc(rc.headers);
        }));
        while (true) {
            for (Event e : nonNull(page.getValue())) {
                remember(events, e, calendarId, request);
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                return events;
            }
            page = read(request, () -> calendar(calendarId).calendarView().withUrl(next).get(rc -> preferUtc(rc.headers)));
        }
    }

    private Map<String, DeltaState.Cached> deltaRead(String calendarId, Interval window) {
        TokenKey key = syncKey();
        synchronized (this) {
            Optional<DeltaState> state = syncStore.load(key, calendarId).flatMap(DeltaState::decode)
                    .filter(s -> s.window().encloses(window));
            if (state.isPresent()) {
                try {
                    return deltaRound(calendarId, state.get().window(), state.get().deltaLink(),
                            new LinkedHashMap<>(state.get().events()));
                } catch (SyncStateExpired e) {
                    LOG.info("Delta link of calendar '{}' expired ({}); reading it in full", calendarId, e.getMessage());
                    syncStore.delete(key, calendarId);
                }
            }
            try {
                return deltaRound(calendarId, window, null, new LinkedHashMap<>());
            } catch (SyncStateExpired e) {
                throw new UnexpectedResponseException("Microsoft Graph refused a fresh calendarView/delta round of "
                        + "calendar '" + calendarId + "' as expired (" + e.getMessage() + ")");
            }
        }
    }

    /** Follows one delta round to its deltaLink: from {@code link}, or from the start when it is null. */
    private Map<String, DeltaState.Cached> deltaRound(String calendarId, Interval window, String link,
                                                     Map<String, DeltaState.Cached> events) {
        String request = "GET calendarView/delta of calendar '" + calendarId + "'";
        var delta = calendar(calendarId).calendarView().delta();
        DeltaGetResponse page = link == null
                ? deltaCall(request, () -> delta.get(rc -> {
                    rc.queryParameters.startDateTime = ISO_UTC.format(window.start());
                    rc.queryParameters.endDateTime = ISO_UTC.format(window.end());
                    preferUtc(rc.headers);
                    rc.headers.add("Prefer", "odata.maxpagesize=" + settings.pageSize());
                }))
                : deltaCall(request, () -> delta.withUrl(link).get(rc -> preferUtc(rc.headers)));
        while (true) {
            for (Event e : nonNull(page.getValue())) {
                if (GraphEvents.isRemoved(e)) {
                    events.remove(e.getId());
                } else {
                    remember(events, e, calendarId, request);
                }
            }
            if (page.getOdataNextLink() != null) {
                String next = page.getOdataNextLink();
                page = deltaCall(request, () -> delta.withUrl(next).get(rc -> preferUtc(rc.headers)));
            } else if (page.getOdataDeltaLink() != null) {
                syncStore.save(syncKey(), calendarId, new DeltaState(window, page.getOdataDeltaLink(), events).encode());
                return events;
            } else {
                throw new UnexpectedResponseException("Microsoft Graph ended " + request
                        + " with neither @odata.nextLink nor @odata.deltaLink");
            }
        }
    }

    private void remember(Map<String, DeltaState.Cached> events, Event e, String calendarId, String request) {
        if (e.getId() == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent an event without id in " + request);
        }
        if (GraphEvents.isSeriesMaster(e)) {
            return; // the occurrences come separately; the master's own times are the first occurrence's
        }
        Optional<Interval> interval;
        try {
            interval = GraphEvents.interval(e, allDayZone);
        } catch (IllegalArgumentException bad) {
            throw new UnexpectedResponseException("Microsoft Graph sent event '" + e.getId() + "' of calendar '"
                    + calendarId + "' in " + request + " with a bad time: " + bad.getMessage(), bad);
        }
        if (interval.isEmpty()) {
            events.remove(e.getId());
            return;
        }
        events.put(e.getId(), new DeltaState.Cached(interval.get(), GraphEvents.facts(e),
                GraphEvents.ownKey(e).isPresent(), Optional.ofNullable(e.getSubject())));
    }

    private <T> T deltaCall(String request, Supplier<T> call) {
        return retryingConnectionFaults(request, () -> deltaAttempt(request, call));
    }

    private static <T> T deltaAttempt(String request, Supplier<T> call) {
        try {
            return attempt(call);
        } catch (ApiException e) {
            String code = GraphErrors.code(e);
            if (e.getResponseStatusCode() == 410 || code.equalsIgnoreCase("syncStateNotFound")
                    || code.equalsIgnoreCase("resyncRequired") || code.equalsIgnoreCase("syncStateInvalid")) {
                throw new SyncStateExpired(e.getResponseStatusCode() + " " + code);
            }
            throw GraphErrors.translate(e, request);
        }
    }

    /** The delta link is no longer accepted: start again. */
    private static final class SyncStateExpired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyncStateExpired(String message) {
            super(message, null, false, false);
        }
    }

    private TokenKey syncKey() {
        return storedKey.orElseGet(() -> TokenKey.of("host-token", OutlookCalendarProvider.ID, accountId()));
    }

    @Override
    public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(details, "details");
        requireWritable("create a session");
        Optional<StudyEvent> existing = findSession(calendarId, key);
        if (existing.isPresent()) {
            LOG.debug("Session {} already exists on calendar '{}'", key, calendarId);
            return existing.get();
        }
        Event event = new Event();
        event.setSubject(details.title());
        details.description().ifPresent(text -> {
            ItemBody body = new ItemBody();
            body.setContentType(BodyType.Text);
            body.setContent(text);
            event.setBody(body);
        });
        event.setStart(GraphEvents.utc(interval.start()));
        event.setEnd(GraphEvents.utc(interval.end()));
        event.setShowAs(FreeBusyStatus.Busy);
        event.setIsReminderOn(false);
        // Graph answers a repeated POST with the same transactionId with the event it already made, so a retry
        // after a lost response does not make a second event.
        event.setTransactionId(GraphEvents.transactionId(key));
        SingleValueLegacyExtendedProperty tag = new SingleValueLegacyExtendedProperty();
        tag.setId(GraphEvents.TAG_ID);
        tag.setValue(key.value());
        event.setSingleValueExtendedProperties(List.of(tag));
        String request = "POST event to calendar '" + calendarId + "'";
        Event created = retryingConnectionFaults(request,
                () -> call(request, () -> calendar(calendarId).events().post(event, rc -> preferUtc(rc.headers))));
        return studyEvent(calendarId, created, key, interval);
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        Objects.requireNonNull(window, "window");
        List<StudyEvent> out = new ArrayList<>();
        for (StudyEvent e : tagged(calendarId, "ep/value ne null")) {
            if (e.interval().overlaps(window)) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(StudyEvent::interval));
        return List.copyOf(out);
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        Objects.requireNonNull(key, "key");
        return tagged(calendarId, "ep/value eq '" + key.value() + "'").stream()
                .filter(e -> e.key().equals(key)).findFirst();
    }

    private List<StudyEvent> tagged(String calendarId, String valueCondition) {
        Objects.requireNonNull(calendarId, "calendarId");
        String request = "GET tagged events of calendar '" + calendarId + "'";
        String filter = "singleValueExtendedProperties/Any(ep: ep/id eq '" + GraphEvents.TAG_ID + "' and "
                + valueCondition + ")";
        List<StudyEvent> out = new ArrayList<>();
        EventCollectionResponse page = retryingConnectionFaults(request, () -> call(request,
                () -> calendar(calendarId).events().get(rc -> {
                    rc.queryParameters.filter = filter;
                    rc.queryParameters.expand = new String[] {GraphEvents.tagExpand()};
                    rc.queryParameters.select = new String[] {"id", "start", "end", "isAllDay", "transactionId"};
                    rc.queryParameters.top = settings.pageSize();
                    preferUtc(rc.headers);
                })));
        while (true) {
            for (Event e : nonNull(page.getValue())) {
                GraphEvents.ownKey(e).ifPresent(k -> out.add(studyEvent(calendarId, e, k, null)));
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                return out;
            }
            page = read(request, () -> calendar(calendarId).events().withUrl(next).get(rc -> preferUtc(rc.headers)));
        }
    }

    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        requireWritable("move a session");
        String request = "PATCH event '" + event.eventId() + "' of calendar '" + event.calendarId() + "'";
        String etag = event.version().orElse(null);
        if (etag == null) {
            etag = unchangedSince(event, "has no version to compare").version().orElse(null);
        }
        Event patch = new Event();
        patch.setStart(GraphEvents.utc(to.start()));
        patch.setEnd(GraphEvents.utc(to.end()));
        for (int attempt = 0; attempt < 2; attempt++) {
            String ifMatch = etag;
            try {
                Event moved = attempt(() -> item(event).patch(patch, rc -> {
                    if (ifMatch != null) {
                        rc.headers.add("If-Match", ifMatch);
                    }
                    preferUtc(rc.headers);
                }));
                return studyEvent(event.calendarId(), moved, event.key(), to);
            } catch (ApiException e) {
                if (e.getResponseStatusCode() == 404 || e.getResponseStatusCode() == 410) {
                    throw new EventChangedException("Session " + event.key() + " (event '" + event.eventId()
                            + "') was deleted from calendar '" + event.calendarId() + "'; it was not moved", null);
                }
                if (e.getResponseStatusCode() != 412) {
                    throw GraphErrors.translate(e, request);
                }
                // Someone touched the event. Only a change of time counts as the person's move; anything else
                // (a new etag after a server-side update, say) is moved over with the fresh etag.
                etag = unchangedSince(event, "changed").version().orElse(null);
            }
        }
        throw new EventChangedException("Session " + event.key() + " (event '" + event.eventId()
                + "') keeps changing on calendar '" + event.calendarId() + "'; it was not moved", null);
    }

    /** Re-reads an event and returns it if its time is still as {@code event} says; otherwise reports the change. */
    private StudyEvent unchangedSince(StudyEvent event, String why) {
        Optional<StudyEvent> current = read(event);
        if (current.isEmpty()) {
            throw new EventChangedException("Session " + event.key() + " (event '" + event.eventId()
                    + "') was deleted from calendar '" + event.calendarId() + "'; it was not moved", null);
        }
        if (!current.get().interval().equals(event.interval())) {
            throw new EventChangedException("Session " + event.key() + " was moved by someone else to "
                    + current.get().interval() + " (it was read at " + event.interval() + "); it was not moved",
                    current.get());
        }
        LOG.debug("Event '{}' {} but its time is unchanged; moving it", event.eventId(), why);
        return current.get();
    }

    private Optional<StudyEvent> read(StudyEvent event) {
        String request = "GET event '" + event.eventId() + "' of calendar '" + event.calendarId() + "'";
        try {
            Event e = attempt(() -> item(event).get(rc -> {
                rc.queryParameters.select = new String[] {"id", "start", "end", "isAllDay", "transactionId"};
                rc.queryParameters.expand = new String[] {GraphEvents.tagExpand()};
                preferUtc(rc.headers);
            }));
            return Optional.of(studyEvent(event.calendarId(), e, event.key(), null));
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 404 || e.getResponseStatusCode() == 410) {
                return Optional.empty();
            }
            throw GraphErrors.translate(e, request);
        }
    }

    @Override
    public void deleteSession(StudyEvent event) {
        Objects.requireNonNull(event, "event");
        requireWritable("delete a session");
        String request = "DELETE event '" + event.eventId() + "' of calendar '" + event.calendarId() + "'";
        retryingConnectionFaults(request, () -> {
            try {
                attempt(() -> {
                    item(event).delete();
                    return null;
                });
            } catch (ApiException e) {
                if (e.getResponseStatusCode() != 404 && e.getResponseStatusCode() != 410) {
                    throw GraphErrors.translate(e, request);
                }
                LOG.debug("Event '{}' was already gone", event.eventId());
            } catch (RuntimeException e) {
                throw GraphErrors.translate(e, request);
            }
            return null;
        });
    }

    /**
     * Reads other people's (or rooms') busy time with Graph {@code getSchedule}, classified by {@code policy}.
     * Work and school accounts only: Graph refuses it for personal Microsoft accounts. Large requests are split
     * into requests of at most 20 addresses and less than 62 days each, as Graph requires.
     *
     * @param addresses  SMTP addresses of people, groups or rooms, not null
     * @param window  the window, not null
     * @param policy  which schedule items block (free and working-elsewhere never do, tentative per the policy), not null
     * @return one schedule per address, in the order asked, not null
     * @throws dev.personaltracker.calendar.spi.CalendarException as for every read
     */
    public List<FreeBusySchedule> schedules(Collection<String> addresses, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        List<String> all = addresses.stream().distinct().toList();
        Map<String, List<Interval>> busy = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        all.forEach(a -> busy.put(a, new ArrayList<>()));
        for (int i = 0; i < all.size(); i += SCHEDULES_PER_REQUEST) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + SCHEDULES_PER_REQUEST));
            for (Instant from = window.start(); from.isBefore(window.end()); from = from.plus(SCHEDULE_SPAN)) {
                Interval span = Interval.of(from, min(window.end(), from.plus(SCHEDULE_SPAN)));
                GetSchedulePostRequestBody body = new GetSchedulePostRequestBody();
                body.setSchedules(chunk);
                body.setStartTime(GraphEvents.utc(span.start()));
                body.setEndTime(GraphEvents.utc(span.end()));
                String request = "POST getSchedule for " + chunk.size() + " schedules";
                GetSchedulePostResponse answer = retryingConnectionFaults(request, () -> call(request,
                        () -> graph.me().calendar().getSchedule().post(body, rc -> preferUtc(rc.headers))));
                for (ScheduleInformation info : nonNull(answer.getValue())) {
                    String id = info.getScheduleId();
                    String address = all.stream().filter(a -> a.equalsIgnoreCase(id)).findFirst().orElse(id);
                    if (info.getError() != null) {
                        errors.putIfAbsent(address, Optional.ofNullable(info.getError().getMessage())
                                .orElse(String.valueOf(info.getError().getResponseCode())));
                        continue;
                    }
                    for (ScheduleItem item : nonNull(info.getScheduleItems())) {
                        EventFacts facts = EventFacts.busy().withAvailability(GraphEvents.availability(item.getStatus()));
                        if (!policy.blocks(facts)) {
                            continue;
                        }
                        Event asEvent = new Event();
                        asEvent.setStart(item.getStart());
                        asEvent.setEnd(item.getEnd());
                        try {
                            GraphEvents.interval(asEvent, ZoneOffset.UTC).filter(iv -> iv.overlaps(span)).ifPresent(iv ->
                                    busy.computeIfAbsent(address, a -> new ArrayList<>()).add(Interval.of(
                                            max(iv.start(), span.start()), min(iv.end(), span.end()))));
                        } catch (IllegalArgumentException bad) {
                            throw new UnexpectedResponseException("Microsoft Graph sent a schedule item of '"
                                    + address + "' with a bad time in " + request + ": " + bad.getMessage(), bad);
                        }
                    }
                }
            }
        }
        List<FreeBusySchedule> out = new ArrayList<>();
        busy.forEach((address, intervals) -> out.add(new FreeBusySchedule(address,
                errors.containsKey(address) ? IntervalSet.empty() : IntervalSet.of(intervals),
                Optional.ofNullable(errors.get(address)))));
        return List.copyOf(out);
    }

    /**
     * Reads the person's working hours from their mailbox settings ({@code MailboxSettings.Read}), with the
     * Windows time-zone name mapped to an IANA zone (a custom time zone becomes its standard offset).
     *
     * @return the working hours, empty if the mailbox has none set
     * @throws UnexpectedResponseException if the time zone cannot be understood
     */
    public Optional<WeeklyHours> workingHours() {
        String request = "GET /me/mailboxSettings";
        MailboxSettings mailbox = retryingConnectionFaults(request, () -> call(request,
                () -> graph.me().mailboxSettings().get()));
        WorkingHours hours = mailbox.getWorkingHours();
        if (hours == null || hours.getDaysOfWeek() == null || hours.getDaysOfWeek().isEmpty()
                || hours.getStartTime() == null || hours.getEndTime() == null) {
            return Optional.empty();
        }
        WeeklyHours.Builder builder = WeeklyHours.builder(zoneOf(hours.getTimeZone(), mailbox.getTimeZone()));
        LocalTime from = hours.getStartTime();
        LocalTime to = hours.getEndTime();
        if (from.equals(to)) {
            return Optional.empty();
        }
        for (var day : hours.getDaysOfWeek()) {
            if (day != null) {
                builder.add(java.time.DayOfWeek.valueOf(day.getValue().toUpperCase(java.util.Locale.ROOT)), from, to);
            }
        }
        return Optional.of(builder.build());
    }

    private static ZoneId zoneOf(TimeZoneBase zone, String mailboxZone) {
        if (zone instanceof CustomTimeZone custom && custom.getBias() != null) {
            // Graph's bias is minutes to add to local time to get UTC, so the offset is its negation.
            return ZoneOffset.ofTotalSeconds(-custom.getBias() * 60);
        }
        String name = zone != null && zone.getName() != null ? zone.getName() : mailboxZone;
        return ZoneNames.resolve(name).orElseThrow(() -> new UnexpectedResponseException(
                "Microsoft Graph named working-hours time zone '" + name + "', which is neither a Windows nor an "
                        + "IANA zone name (GET /me/mailboxSettings)"));
    }

    private StudyEvent studyEvent(String calendarId, Event e, SessionKey key, Interval fallback) {
        if (e == null || e.getId() == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent an event without id for calendar '"
                    + calendarId + "'");
        }
        Interval interval;
        try {
            interval = e.getStart() == null && fallback != null ? fallback
                    : GraphEvents.interval(e, allDayZone).orElse(fallback);
        } catch (IllegalArgumentException bad) {
            throw new UnexpectedResponseException("Microsoft Graph sent event '" + e.getId() + "' of calendar '"
                    + calendarId + "' with a bad time: " + bad.getMessage(), bad);
        }
        if (interval == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent event '" + e.getId() + "' of calendar '"
                    + calendarId + "' with no usable time");
        }
        return new StudyEvent(calendarId, e.getId(), GraphEvents.ownKey(e).orElse(key), interval, GraphEvents.etag(e));
    }

    private CalendarItemRequestBuilder calendar(String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        return graph.me().calendars().byCalendarId(calendarId);
    }

    private EventItemRequestBuilder item(StudyEvent event) {
        return calendar(event.calendarId()).events().byEventId(event.eventId());
    }

    private void requireWritable(String what) {
        if (settings.raw().readOnly()) {
            throw new BadSettingsException("Cannot " + what + ": the Outlook provider is in read-only mode "
                    + "(ProviderSettings.readOnly), so only Calendars.Read was requested");
        }
    }

    private static void preferUtc(RequestHeaders headers) {
        headers.add("Prefer", PREFER_UTC);
    }

    /** Runs one SDK call; failures stay the SDK's own exceptions (for callers that look at the status). */
    private static <T> T attempt(Supplier<T> call) {
        return call.get();
    }

    /** Runs one idempotent SDK call, repeated after connection faults, with failures typed. */
    private <T> T read(String request, Supplier<T> call) {
        return retryingConnectionFaults(request, () -> call(request, call));
    }

    /** Runs one SDK call and turns any failure into the library's typed error. */
    private static <T> T call(String request, Supplier<T> call) {
        try {
            return call.get();
        } catch (CalendarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GraphErrors.translate(e, request);
        }
    }

    /**
     * Repeats an idempotent call (reads, deletes, creates carrying a transactionId) after a connection fault, which
     * the SDK's retry handler does not cover, with the policy's backoff.
     */
    private <T> T retryingConnectionFaults(String request, Supplier<T> call) {
        RetryPolicy policy = settings.raw().retryPolicy();
        Instant deadline = settings.raw().clock().instant().plus(policy.maxElapsed());
        Duration delay = policy.initialDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ProviderUnavailableException e) {
                if (attempt >= policy.maxAttempts() || !GraphErrors.isConnectionFault(e)
                        || settings.raw().clock().instant().plus(delay).isAfter(deadline)) {
                    throw e;
                }
                LOG.debug("Connection fault on {} (attempt {}); retrying in {}", request, attempt, delay);
                sleep(delay);
                delay = min(policy.maxDelay(), delay.multipliedBy(2));
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting to retry a Graph request", e);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Releases the HTTP client's idle connections and threads; the connection must not be used afterwards. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OutlookConnection[account=" + (accountId == null ? "(not read yet)" : accountId)
                + ", graph=" + settings.graphBaseUrl() + ", tokens=" + tokens + "]";
    }
}
