package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connection to one CalDAV account, made by {@link CaldavCalendarProvider#connect}. Discovery runs on first use
 * and is remembered; calendar ids are the collections' paths on the server, as {@link #calendars()} lists them.
 * <p>
 * Busy time comes from the calendar's events kept in step incrementally (see the module README) and judged by the
 * iCalendar provider's own expansion and classification with the shared {@link BusyPolicy}; calendars the account
 * may only see as free/busy are read with {@code free-busy-query}. Study sessions are one resource each, written
 * with conditional requests so that retries never duplicate or overwrite. Thread-safe.
 */
public final class CaldavConnection implements CalendarConnection {

    private final CaldavSettings settings;
    private final Grant grant;
    private final DavClient client;
    private final CollectionSync sync;
    private final SessionResources sessions;
    private final FreeBusyReader freeBusy;
    private final EventBusy events = new EventBusy();
    private final Map<String, CaldavCalendar> known = new ConcurrentHashMap<>();
    /** Calendar user addresses of the owners of calendars shared with the account, by principal URL. */
    private final Map<String, Set<String>> principalAddresses = new ConcurrentHashMap<>();
    private volatile Discovery.Account account;

    CaldavConnection(CaldavSettings settings, Grant grant) {
        this.settings = settings;
        this.grant = grant;
        this.client = new DavClient(grant, settings.connectTimeout(), settings.requestTimeout(),
                settings.retryPolicy());
        this.sync = new CollectionSync(client, settings.syncStateStore(), settings.account());
        this.sessions = new SessionResources(client, settings.clock(), settings.zone());
        this.freeBusy = new FreeBusyReader(client);
    }

    /** @return {@code "caldav"} */
    @Override
    public String providerId() {
        return CaldavCalendarProvider.ID;
    }

    /** @return the account id: the grant's account id, else the user name */
    @Override
    public String accountId() {
        return settings.account().accountId();
    }

    /**
     * Lists the account's event calendars with what CalDAV says of them (colour, sync support).
     *
     * @return the calendars in the server's order, not null
     * @throws dev.personaltracker.calendar.spi.ReauthorizationRequiredException if the server refuses the password
     * @throws BadSettingsException if discovery finds no calendar home at the server URL
     */
    public List<CaldavCalendar> caldavCalendars() {
        return client.call(() -> {
            List<CaldavCalendar> list = new CalendarCatalog(client).list(account().home());
            list.forEach(c -> known.put(c.id(), c));
            return list;
        });
    }

    /** @return the calendars, the first writable one first and marked primary */
    @Override
    public List<CalendarInfo> calendars() {
        List<CaldavCalendar> list = new ArrayList<>(caldavCalendars());
        Optional<CaldavCalendar> primary = list.stream().filter(c -> c.access() == CalendarAccess.WRITER).findFirst();
        primary.ifPresent(p -> {
            list.remove(p);
            list.add(0, p);
        });
        List<CalendarInfo> result = new ArrayList<>();
        for (CaldavCalendar c : list) {
            result.add(c.toInfo(primary.isPresent() && c == primary.get()));
        }
        return List.copyOf(result);
    }

    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        return client.call(() -> read(calendarIds, window, policy));
    }

    private List<BusyInterval> read(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        List<BusyInterval> result = new ArrayList<>();
        for (String id : new LinkedHashSet<>(calendarIds)) {
            CaldavCalendar calendar = calendar(id);
            URI uri = uri(calendar.id());
            if (calendar.access() == CalendarAccess.FREE_BUSY) {
                result.addAll(freeBusy.busy(providerId(), accountId(), calendar, uri, window, policy));
            } else {
                Map<String, String> texts = sync.events(calendar, uri, window);
                result.addAll(events.busy(providerId(), accountId(), calendar.id(), texts, window, policy,
                        settings.zone(), owners(calendar)));
            }
        }
        result.sort(Comparator.comparing(BusyInterval::interval));
        return List.copyOf(result);
    }

    @Override
    public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(details, "details");
        return client.call(() -> {
            CaldavCalendar calendar = writable(calendarId);
            return sessions.create(calendar.id(), uri(calendar.id()), key, interval, details);
        });
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        Objects.requireNonNull(window, "window");
        String id = DavPaths.collection(Objects.requireNonNull(calendarId, "calendarId"));
        return client.call(() -> sessions.find(id, uri(id), window));
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        Objects.requireNonNull(key, "key");
        String id = DavPaths.collection(Objects.requireNonNull(calendarId, "calendarId"));
        return client.call(() -> sessions.find(id, uri(id), key));
    }

    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        return client.call(() -> {
            writable(event.calendarId());
            return sessions.move(event, uri(event.eventId()), to);
        });
    }

    @Override
    public void deleteSession(StudyEvent event) {
        Objects.requireNonNull(event, "event");
        client.call(() -> {
            writable(event.calendarId());
            sessions.delete(event, uri(event.eventId()));
            return null;
        });
    }

    /** @return whether the server accepted the password the last time it was asked */
    @Override
    public TokenHealth tokenHealth() {
        return grant.health();
    }

    /** @return the server and account, never the password */
    @Override
    public String toString() {
        return "CaldavConnection[server=" + settings.server() + ", user=" + settings.userName() + "]";
    }

    private Discovery.Account account() {
        Discovery.Account a = account;
        if (a == null) {
            synchronized (this) {
                if (account == null) {
                    account = new Discovery(client).discover(settings.server());
                }
                a = account;
            }
        }
        return a;
    }

    /**
     * The addresses whose PARTSTAT decides invitations in a calendar: the person's (settings, user name, the
     * principal's address set) and, for a calendar another principal owns and shares with the account, that owner's.
     */
    private Set<String> owners(CaldavCalendar calendar) {
        Set<String> owners = new LinkedHashSet<>(settings.owners());
        owners.addAll(account().addresses());
        calendar.owner().map(URI::create).filter(o -> !samePrincipal(o, account().principal()))
                .ifPresent(o -> owners.addAll(principalAddresses.computeIfAbsent(o.toString(),
                        k -> new Discovery(client).addresses(o))));
        return owners;
    }

    private static boolean samePrincipal(URI a, URI b) {
        return DavPaths.sameCollection(a.getPath(), b.getPath())
                && (a.getHost() == null || b.getHost() == null || a.getHost().equalsIgnoreCase(b.getHost()));
    }

    private URI uri(String path) {
        return DavPaths.at(account().home(), path);
    }

    private CaldavCalendar calendar(String calendarId) {
        String id = DavPaths.collection(Objects.requireNonNull(calendarId, "calendarId"));
        CaldavCalendar calendar = known.get(id);
        if (calendar == null) {
            calendar = new CalendarCatalog(client).describe(uri(id));
            known.put(id, calendar);
        }
        return calendar;
    }

    private CaldavCalendar writable(String calendarId) {
        if (settings.readOnly()) {
            throw new BadSettingsException("caldav: the connection is read-only (ProviderSettings.readOnly): nothing"
                    + " is written to '" + calendarId + "'");
        }
        CaldavCalendar calendar = calendar(calendarId);
        if (calendar.access() != CalendarAccess.WRITER && calendar.access() != CalendarAccess.OWNER) {
            throw new BadSettingsException("caldav: the account may not write to calendar '" + calendar.name()
                    + "' (" + calendar.id() + ", access " + calendar.access() + "): choose a writable calendar from"
                    + " calendars()");
        }
        return calendar;
    }
}
