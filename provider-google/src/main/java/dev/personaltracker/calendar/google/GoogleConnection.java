package dev.personaltracker.calendar.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySnapshot;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
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
    private final StudySessions sessions;
    private volatile String accountId;
    private volatile Map<String, CalendarAccess> accessByCalendar;
    /** When this connection last brought each calendar's snapshot up to date, for {@link #lastKnownBusy}. */
    private final Map<String, Instant> lastSynced = new ConcurrentHashMap<>();

    /**
     * How a connection reads.
     *
     * @param syncStore  where sync state lives
     * @param freeBusyChunk  the longest freeBusy.query window
     * @param readDeadline  the total time of one read
     * @param executor  where calendars are read in parallel
     * @param concurrency  how many calendars of one call are read at once
     * @param json  the JSON factory of the snapshots
     * @param personZone  the person's zone ({@code ProviderSettings.userZone}): all-day events block its local days;
     *                    empty: the calendar's own zone
     */
    record ReadOptions(SyncStateStore syncStore, Duration freeBusyChunk, Duration readDeadline, Executor executor,
            int concurrency, JsonFactory json, Optional<ZoneId> personZone) {
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
        this.sessions = new StudySessions(api, calls, sync, reads.readDeadline(), readOnly, this::accountLabel);
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

    /** Google {@code events.watch} channels on this account's calendars; see {@link GoogleChannels}. */
    @Override
    public Optional<dev.personaltracker.calendar.spi.ChangeChannels> changeChannels() {
        return Optional.of(new GoogleChannels(api, calls, this::syncKey, calls::now));
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
            Calendar.CalendarList.List request = GoogleCalls.build(() -> api.calendarList().list())
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
        lastSynced.put(calendarId, calls.now());
        return busyOf(snapshot, calendarId, window, policy);
    }

    /**
     * Gives the busy time of the calendars' stored snapshots, without a request: only when every calendar is read
     * with {@code events.list} (free/busy-only calendars keep no snapshot), has a stored snapshot that covers the
     * window's start, and the account is known. Its age is exact for calendars this connection synced; after a restart
     * it is counted from when the stored state was last written (an upper bound: syncs that changed no busy time are
     * not written), and unavailable for state written by an earlier library version.
     */
    @Override
    public Optional<BusySnapshot> lastKnownBusy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Map<String, CalendarAccess> access = accessByCalendar;
        if (accountId == null) {
            return Optional.empty();
        }
        List<BusyInterval> out = new ArrayList<>();
        Optional<Instant> oldest = Optional.of(Instant.MAX);
        for (String id : new LinkedHashSet<>(calendarIds)) {
            boolean events = PRIMARY.equals(id) || (access != null && access.get(id) == CalendarAccess.OWNER);
            Optional<SyncSnapshot> stored = events ? sync.stored(id) : Optional.empty();
            if (stored.isEmpty() || window.start().isBefore(stored.get().coversFrom())) {
                return Optional.empty();
            }
            out.addAll(busyOf(stored.get(), id, window, policy));
            // synced by this connection: exactly when; else (after a restart) when the state was last written, which
            // is no later than the last sync, so the age given is never younger than the truth
            Instant at = lastSynced.containsKey(id) ? lastSynced.get(id) : stored.get().savedAt().orElse(null);
            oldest = at == null ? Optional.empty() : oldest.map(o -> at.isBefore(o) ? at : o);
        }
        out.sort(Comparator.comparing(BusyInterval::interval));
        return Optional.of(new BusySnapshot(out, oldest.filter(o -> !o.equals(Instant.MAX))));
    }

    private List<BusyInterval> busyOf(SyncSnapshot snapshot, String calendarId, Interval window, BusyPolicy policy) {
        // all-day dates float: they block the person's local days, as Google Calendar shows them to the person
        ZoneId zone = reads.personZone().orElseGet(snapshot::zone);
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
        return sessions.create(calendarId, key, interval, details);
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        return sessions.find(calendarId, window);
    }

    /**
     * Finds sessions from the calendar's sync snapshot when this connection synced it within {@code maxAge} (as a
     * busy read just did), asking Google with {@code events.get} only about sessions the snapshot cannot answer for.
     */
    @Override
    public Map<SessionKey, Optional<StudyEvent>> findSessions(String calendarId, Collection<SessionKey> keys,
            Duration maxAge) {
        return sessions.find(calendarId, keys, maxAge);
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        return sessions.find(calendarId, key);
    }

    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        return sessions.move(event, to);
    }

    @Override
    public void deleteSession(StudyEvent event) {
        sessions.delete(event);
    }

    /** @return the account if known, without asking Google (for messages and toString) */
    private String accountLabel() {
        String known = accountId;
        return known != null ? known : "(host token, not named yet)";
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }


    @Override
    public String toString() {
        return "GoogleConnection[account=" + accountLabel() + ", readOnly=" + readOnly + "]";
    }
}
