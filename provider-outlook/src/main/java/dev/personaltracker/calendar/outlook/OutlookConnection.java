package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.MailboxSettings;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestHeaders;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySnapshot;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * Every operation ends within {@link dev.personaltracker.calendar.spi.ProviderSettings#readDeadline()}, retries
 * included; every failure is a {@link dev.personaltracker.calendar.spi.CalendarException} subtype.
 * <p>
 * This class is thread-safe. The calendars of one read are read at once (property {@code concurrency}); reads of
 * one calendar are not run concurrently with each other. {@link #close()} ends the connection's reading threads.
 */
public final class OutlookConnection implements CalendarConnection {

    private static final String PREFER_UTC = "outlook.timezone=\"UTC\"";

    private final OutlookSettings settings;
    private final TokenSource tokens;
    private final GraphServiceClient graph;
    private final okhttp3.OkHttpClient http;
    private final Optional<TokenKey> storedKey;
    private final GraphCalls calls;
    private final BusyReads reads;
    private final SessionEvents sessions;
    private final MailboxReads mailbox;
    private volatile String accountId;

    OutlookConnection(OutlookSettings settings, TokenSource tokens, Optional<TokenKey> storedKey) {
        this.settings = settings;
        this.tokens = tokens;
        this.storedKey = storedKey;
        this.http = GraphClients.httpClient(settings, tokens);
        this.graph = GraphClients.graph(settings, tokens, http);
        this.calls = new GraphCalls(settings);
        this.accountId = storedKey.map(TokenKey::accountId).or(settings::account).orElse(null);
        this.reads = new BusyReads(graph, calls, settings,
                settings.raw().syncStateStore().orElseGet(InMemorySyncStateStore::create), this::syncKey);
        this.sessions = new SessionEvents(graph, calls, settings);
        this.mailbox = new MailboxReads(graph, calls);
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
            String request = "GET /me";
            User me = calls.operation(request, () -> calls.read(request, () -> graph.me().get(rc ->
                    rc.queryParameters.select = new String[] {"mail", "userPrincipalName"})));
            id = me.getMail() != null ? me.getMail() : me.getUserPrincipalName();
            if (id == null || id.isBlank()) {
                throw new UnexpectedResponseException("Microsoft Graph sent no mail or userPrincipalName for GET /me");
            }
            accountId = id;
        }
        return id;
    }

    /** Graph subscriptions on this account's calendars; see {@link GraphSubscriptions}. */
    @Override
    public Optional<dev.personaltracker.calendar.spi.ChangeChannels> changeChannels() {
        return Optional.of(new GraphSubscriptions(graph, calls, this::syncKey));
    }

    @Override
    public TokenHealth tokenHealth() {
        return tokens.health();
    }

    @Override
    public List<CalendarInfo> calendars() {
        String request = "GET /me/calendars";
        return calls.operation(request, () -> {
            List<CalendarInfo> out = new ArrayList<>();
            var page = calls.read(request, () -> graph.me().calendars().get(rc -> {
                rc.queryParameters.select = new String[] {"id", "name", "isDefaultCalendar", "canEdit"};
                rc.queryParameters.top = 100;
            }));
            while (true) {
                for (var c : GraphCalls.items(page.getValue(), request)) {
                    if (c.getId() == null) {
                        throw new UnexpectedResponseException("Microsoft Graph sent a calendar without id in " + request);
                    }
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
                page = calls.read(request, () -> graph.me().calendars().withUrl(next).get());
            }
            out.sort(Comparator.comparing(c -> !c.primary()));
            return List.copyOf(out);
        });
    }

    /**
     * Reads busy time. The calendars are read at once (at most property {@code concurrency}, default 4, at a time),
     * each request of one calendar in order; the whole read ends within
     * {@link dev.personaltracker.calendar.spi.ProviderSettings#readDeadline()}.
     *
     * @param calendarIds  the calendars to read, not null
     * @param window  the window, not null
     * @param policy  which events block, not null
     * @return the busy intervals, sorted by start, not null
     * @throws dev.personaltracker.calendar.spi.ProviderUnavailableException if Graph fails, hangs or cannot be
     *         reached within the deadline
     * @throws UnexpectedResponseException if Graph sends something that cannot be read
     */
    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        List<String> ids = calendarIds.stream().map(id -> Objects.requireNonNull(id, "calendarId")).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String account = accountId();
        var perCalendar = calls.operation("read busy time of " + ids.size() + " calendars",
                () -> reads.read(ids, window));
        return busyOf(perCalendar, account, window, policy);
    }

    /**
     * Gives the busy time of the calendars' stored delta state, without a request (delta sync only; see
     * {@link BusyReads#stored}).
     */
    @Override
    public Optional<BusySnapshot> lastKnownBusy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        String account = accountId;
        if (account == null) {
            return Optional.empty();
        }
        return reads.stored(calendarIds.stream().distinct().toList(), window)
                .map(s -> new BusySnapshot(busyOf(s.events(), account, window, policy), s.syncedAt()));
    }

    private List<BusyInterval> busyOf(Map<String, Map<String, DeltaState.Cached>> perCalendar, String account,
                                      Interval window, BusyPolicy policy) {
        List<BusyInterval> out = new ArrayList<>();
        perCalendar.forEach((calendarId, events) -> events.forEach((eventId, e) -> {
            if (!policy.blocks(e.facts()) || !e.interval().overlaps(window)) {
                return;
            }
            Interval clipped = Interval.of(max(e.interval().start(), window.start()),
                    min(e.interval().end(), window.end()));
            out.add(new BusyInterval(clipped, new BusySource(providerId(), account, calendarId, eventId,
                    policy.includeTitles() ? e.title() : Optional.empty()), e.facts()));
        }));
        out.sort(Comparator.comparing(BusyInterval::interval));
        return List.copyOf(out);
    }

    /**
     * The key of this connection's sync state: the stored grant's key, or for a host-held token the person (from
     * {@link dev.personaltracker.calendar.spi.ProviderSettings#userId()}) and the account, so two people never
     * share sync state.
     */
    private TokenKey syncKey() {
        return storedKey.orElseGet(() -> TokenKey.of(settings.raw().userId().orElse("host-token"),
                OutlookCalendarProvider.ID, accountId()));
    }

    @Override
    public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(details, "details");
        requireWritable("create a session");
        return calls.operation("create session " + key, () -> sessions.create(calendarId, key, interval, details));
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(window, "window");
        return calls.operation("find sessions", () -> sessions.findAll(calendarId, window));
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(key, "key");
        return calls.operation("find session " + key, () -> sessions.find(calendarId, key));
    }

    /**
     * Moves a session with {@code If-Match}. After a 412 the event is read again: if only its metadata changed, it is
     * moved with the fresh etag (a new request body, with the new start and end); if the person moved or deleted it,
     * {@link EventChangedException}. The answer is checked: an event that is not at {@code to} afterwards is an
     * {@link UnexpectedResponseException} naming it.
     *
     * @param event  the event as last read, not null
     * @param to  the new time, not null
     * @return the moved event, not null
     * @throws EventChangedException if the person moved or deleted the event
     * @throws UnexpectedResponseException if Graph's answer contradicts the move
     */
    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        requireWritable("move a session");
        return calls.operation("move session " + event.key(), () -> sessions.move(event, to));
    }

    @Override
    public void deleteSession(StudyEvent event) {
        Objects.requireNonNull(event, "event");
        requireWritable("delete a session");
        calls.operation("delete session " + event.key(), () -> {
            sessions.delete(event);
            return Boolean.TRUE;
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
        return calls.operation("getSchedule", () -> mailbox.schedules(addresses, window, policy));
    }

    /**
     * Reads the person's working hours from their mailbox settings ({@code MailboxSettings.Read}), with the
     * Windows time-zone name mapped to an IANA zone (a custom time zone becomes its standard offset).
     *
     * @return the working hours, empty if the mailbox has none set
     * @throws UnexpectedResponseException if the time zone cannot be understood
     */
    public Optional<WeeklyHours> workingHours() {
        return calls.operation("GET /me/mailboxSettings", mailbox::workingHours);
    }

    private void requireWritable(String what) {
        if (settings.raw().readOnly()) {
            throw new BadSettingsException("Cannot " + what + ": the Outlook provider is in read-only mode "
                    + "(ProviderSettings.readOnly), so only Calendars.Read was requested");
        }
    }

    static void preferUtc(RequestHeaders headers) {
        headers.add("Prefer", PREFER_UTC);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Releases the HTTP client's idle connections and threads; the connection must not be used afterwards. */
    @Override
    public void close() {
        reads.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OutlookConnection[account=" + (accountId == null ? "(not read yet)" : accountId)
                + ", graph=" + settings.graphBaseUrl() + ", tokens=" + tokens + "]";
    }
}
