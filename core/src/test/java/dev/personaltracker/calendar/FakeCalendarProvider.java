package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory calendar service for the facade's own tests: accounts with named calendars ("primary" is the
 * primary one), plain events judged by the real {@link BusyPolicy}, study-session events keyed by session key with
 * versions (so a move by "the person" makes the library's stale move fail), OAuth that accepts the code
 * {@code "good-code"}, and failure injection for creates.
 */
final class FakeCalendarProvider implements CalendarProvider {

    private final String id;
    private final boolean oauth;
    private final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
    volatile String lastVerifier;
    final AtomicInteger closed = new AtomicInteger();

    FakeCalendarProvider(String id) {
        this(id, true);
    }

    FakeCalendarProvider(String id, boolean oauth) {
        this.id = id;
        this.oauth = oauth;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean usesOAuth() {
        return oauth;
    }

    Account account(String accountId) {
        return accounts.computeIfAbsent(accountId, Account::new);
    }

    @Override
    public URI authorizationUrl(ProviderSettings settings, AuthorizationParameters parameters) {
        return URI.create("https://auth.fake.example/authorize?client_id=" + settings.clientId().orElse("none")
                + "&state=" + parameters.state() + "&code_challenge=" + parameters.codeChallenge());
    }

    @Override
    public AuthorizedAccount exchangeCode(ProviderSettings settings, AuthorizationCode code) {
        if (!code.code().equals("good-code")) {
            throw new AuthorizationException("the token endpoint refused the code");
        }
        lastVerifier = code.codeVerifier();
        return new AuthorizedAccount("oauth-user@" + id, OAuthToken.of("access", Optional.of("refresh"), Optional.empty(), Set.of("calendar")));
    }

    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        String accountId = credentials.tokenKey().map(k -> k.accountId())
                .orElseGet(() -> settings.property("account").orElse("someone@" + id));
        return new Connection(account(accountId));
    }

    /** One account's calendars. */
    final class Account {
        final String accountId;
        final ConcurrentMap<String, Calendar> calendars = new ConcurrentHashMap<>();

        Account(String accountId) {
            this.accountId = accountId;
            calendar("primary");
        }

        Calendar calendar(String calendarId) {
            return calendars.computeIfAbsent(calendarId, Calendar::new);
        }
    }

    /** A plain (not study) event. */
    record Event(String eventId, Interval interval, EventFacts facts, String title) {
    }

    /** One calendar: plain events and study sessions. */
    static final class Calendar {
        final String calendarId;
        final List<Event> events = new ArrayList<>();
        final ConcurrentMap<SessionKey, StudyEvent> sessions = new ConcurrentHashMap<>();
        /** The title each session's event was created with. */
        final ConcurrentMap<SessionKey, String> titles = new ConcurrentHashMap<>();
        final AtomicInteger creates = new AtomicInteger();
        /** What the account may do with this calendar, as calendars() lists it. */
        volatile CalendarAccess access = CalendarAccess.OWNER;
        /** When positive, the create with this number (1-based) fails; when negative, it fails after writing. */
        volatile int failCreateNumber;
        /** Runs at the start of every move, before the version check: "the person" acting at the same moment. */
        volatile Runnable beforeMove = () -> { };
        /**
         * When true, the next move is written but its response is lost and the retry is refused as a conflict: the
         * caller gets an EventChangedException whose current event already stands at the target time.
         */
        volatile boolean loseNextMoveResponse;
        /** Thrown by every create of these sessions: an odd provider. */
        final ConcurrentMap<SessionKey, RuntimeException> createFaults = new ConcurrentHashMap<>();
        /** When set, answers (or throws for) every move of these sessions instead of moving them: an odd provider. */
        final ConcurrentMap<SessionKey, java.util.function.BiFunction<StudyEvent, Interval, StudyEvent>> oddMoves =
                new ConcurrentHashMap<>();
        /** When true, the next delete is done but its response is lost and the retry finds the event gone. */
        volatile boolean loseNextDeleteResponse;

        Calendar(String calendarId) {
            this.calendarId = calendarId;
        }

        synchronized Calendar meeting(String eventId, Interval interval, EventFacts facts, String title) {
            events.add(new Event(eventId, interval, facts, title));
            return this;
        }

        /** The person drags a session to another time in their calendar app. */
        void personMoves(SessionKey key, Interval to) {
            sessions.computeIfPresent(key, (k, e) -> new StudyEvent(e.calendarId(), e.eventId(), k, to, Optional.of(e.version().get() + "'")));
        }

        /** The person deletes a session in their calendar app. */
        void personDeletes(SessionKey key) {
            sessions.remove(key);
        }
    }

    private final class Connection implements CalendarConnection {
        private final Account account;

        Connection(Account account) {
            this.account = account;
        }

        @Override
        public String providerId() {
            return id;
        }

        @Override
        public String accountId() {
            return account.accountId;
        }

        @Override
        public List<CalendarInfo> calendars() {
            return account.calendars.keySet().stream().sorted(Comparator.comparing((String c) -> !c.equals("primary")).thenComparing(c -> c))
                    .map(c -> new CalendarInfo(c, c, c.equals("primary"), account.calendars.get(c).access, Optional.empty()))
                    .toList();
        }

        @Override
        public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
            List<BusyInterval> out = new ArrayList<>();
            for (String c : calendarIds) {
                Calendar cal = account.calendar(c);
                synchronized (cal) {
                    for (Event e : cal.events) {
                        if (e.interval().overlaps(window) && policy.blocks(e.facts())) {
                            out.add(new BusyInterval(e.interval().intersection(window).orElseThrow(),
                                    new BusySource(id, account.accountId, c, e.eventId(),
                                            policy.includeTitles() ? Optional.of(e.title()) : Optional.empty()),
                                    e.facts()));
                        }
                    }
                }
            }
            out.sort(Comparator.comparing(BusyInterval::interval));
            return out;
        }

        @Override
        public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
            Calendar cal = account.calendar(calendarId);
            int number = cal.creates.incrementAndGet();
            if (cal.createFaults.containsKey(key)) {
                throw cal.createFaults.get(key);
            }
            if (cal.failCreateNumber == number) {
                throw new ProviderUnavailableException("fake service down at create " + number);
            }
            StudyEvent event = cal.sessions.computeIfAbsent(key,
                    k -> new StudyEvent(calendarId, "ev-" + k.value(), k, interval, Optional.of("v1")));
            cal.titles.putIfAbsent(key, details.title());
            if (cal.failCreateNumber == -number) {
                throw new ProviderUnavailableException("fake response lost at create " + number);
            }
            return event;
        }

        @Override
        public List<StudyEvent> findSessions(String calendarId, Interval window) {
            return account.calendar(calendarId).sessions.values().stream().filter(e -> e.interval().overlaps(window))
                    .sorted(Comparator.comparing(StudyEvent::interval)).toList();
        }

        @Override
        public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
            return Optional.ofNullable(account.calendar(calendarId).sessions.get(key));
        }

        @Override
        public StudyEvent moveSession(StudyEvent event, Interval to) {
            Calendar cal = account.calendar(event.calendarId());
            cal.beforeMove.run();
            if (cal.oddMoves.containsKey(event.key())) {
                return cal.oddMoves.get(event.key()).apply(event, to);
            }
            StudyEvent current = cal.sessions.get(event.key());
            if (current == null || !current.version().equals(event.version())) {
                throw new EventChangedException("event " + event.eventId() + " changed", current);
            }
            StudyEvent moved = new StudyEvent(current.calendarId(), current.eventId(), current.key(), to,
                    Optional.of(current.version().get() + "+"));
            cal.sessions.put(event.key(), moved);
            if (cal.loseNextMoveResponse) {
                cal.loseNextMoveResponse = false;
                throw new EventChangedException("event " + event.eventId() + " changed (our own retried write)", moved);
            }
            return moved;
        }

        @Override
        public void deleteSession(StudyEvent event) {
            Calendar cal = account.calendar(event.calendarId());
            cal.sessions.remove(event.key());
            if (cal.loseNextDeleteResponse) {
                cal.loseNextDeleteResponse = false;
                throw new EventChangedException("event " + event.eventId() + " is gone (our own retried delete)", null);
            }
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
