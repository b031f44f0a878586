package dev.personaltracker.calendar;

import dev.personaltracker.calendar.auth.PendingAuthorization;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.plan.Move;
import dev.personaltracker.calendar.plan.ProposedSession;
import dev.personaltracker.calendar.plan.Reconciliation;
import dev.personaltracker.calendar.plan.StudyPlan;
import dev.personaltracker.calendar.plan.StudyPlanner;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One person's view of the {@link StudyTracker}: their connected calendar accounts, the calendars to read and the
 * one to write, their work hours and study preferences, and the operations that plan and keep their study time.
 * <p>
 * Typical use:
 * <ol>
 * <li>connect accounts: {@link #beginAuthorization} / {@link #completeAuthorization} (OAuth, grants kept in the
 *     token store), {@link #connectWithAccessToken} (a token the host already holds), {@link #connect(String)}
 *     (sources that need no account, such as iCalendar files), or {@link #connectStoredAccounts()};</li>
 * <li>choose calendars: {@link #readCalendars} (default: an OAuth account's primary calendar, every calendar of a
 *     file or feed account) and {@link #writeTo};</li>
 * <li>set {@link #workHours(WeeklyHours)} (counted as busy) and {@link #preferences(StudyPreferences)};</li>
 * <li>{@link #freeTime}, {@link #propose}, {@link #approve}, {@link #reconcile}, {@link #history},
 *     {@link #progress()}.</li>
 * </ol>
 * Busy time merges over every connected account: a work Outlook and a personal Google is the normal case.
 * <p>
 * This class is thread-safe. Calls for one person are serialised (so that two reconciles never move one session
 * twice); calls for different people run in parallel.
 */
public final class UserTracker {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);

    private final StudyTracker tracker;
    private final String userId;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<AccountRef, ConnectedAccount> accounts = new LinkedHashMap<>();
    private AccountRef writeAccount;
    private String writeCalendar;
    private WeeklyHours workHours;
    private StudyPreferences preferences;

    UserTracker(StudyTracker tracker, String userId) {
        this.tracker = tracker;
        this.userId = userId;
    }

    /**
     * Gets the host's id for this person.
     *
     * @return the user id, not null
     */
    public String userId() {
        return userId;
    }

    // ------------------------------------------------------------------ accounts

    /**
     * Connects a source that needs no account, such as an iCalendar file or public feed, with the tracker's settings
     * for that provider.
     *
     * @param providerId  the provider id, such as {@code "ics"}, not null
     * @return the connected account, not null
     * @throws ProviderNotFoundException if no provider has that id
     * @throws BadSettingsException if the provider's settings are incomplete
     */
    public AccountRef connect(String providerId) {
        return connect(providerId, tracker.settings(providerId));
    }

    /**
     * Connects a source that needs no account with settings of its own (for example the path or URL of this
     * person's iCalendar timetable).
     *
     * @param providerId  the provider id, not null
     * @param settings  the settings for this account, not null
     * @return the connected account, not null
     * @throws ProviderNotFoundException if no provider has that id
     * @throws BadSettingsException if the settings are incomplete
     */
    public AccountRef connect(String providerId, ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        CalendarProvider provider = tracker.providers().get(providerId);
        return locked(() -> register(provider.connect(settings, Credentials.none())));
    }

    /**
     * Connects an account with an access token the host already holds. Nothing is stored or refreshed: when the token
     * expires, calls fail with {@link dev.personaltracker.calendar.spi.ReauthorizationRequiredException}.
     *
     * @param providerId  the provider id, not null
     * @param accessToken  the bearer token, not blank; never logged
     * @return the connected account, not null
     * @throws ProviderNotFoundException if no provider has that id
     */
    public AccountRef connectWithAccessToken(String providerId, String accessToken) {
        CalendarProvider provider = tracker.providers().get(providerId);
        Credentials credentials = Credentials.accessTokenOf(userId, accessToken);
        return locked(() -> register(provider.connect(tracker.settings(providerId), credentials)));
    }

    /**
     * Starts an OAuth authorization (with PKCE and a single-use state) using the redirect URI of the provider's
     * settings.
     *
     * @param providerId  the provider id, not null
     * @return where to send the person, not null
     * @throws BadSettingsException if the settings have no redirect URI, or the provider does not use OAuth
     * @throws ProviderNotFoundException if no provider has that id
     */
    public AuthorizationRequest beginAuthorization(String providerId) {
        oauthProvider(providerId);
        URI redirect = tracker.settings(providerId).redirectUri().orElseThrow(() -> new BadSettingsException(
                "The settings of provider '" + providerId + "' have no redirectUri: set one with "
                        + "ProviderSettings.builder().redirectUri(...) or pass it to beginAuthorization"));
        return beginAuthorization(providerId, redirect, Optional.empty());
    }

    /**
     * Starts an OAuth authorization (with PKCE and a single-use state).
     *
     * @param providerId  the provider id, not null
     * @param redirectUri  where the person comes back to, registered with the OAuth client, not null
     * @param loginHint  an account to pre-select, if any, not null
     * @return where to send the person, not null
     * @throws BadSettingsException if the provider does not use OAuth or its settings lack the client id
     * @throws ProviderNotFoundException if no provider has that id
     */
    public AuthorizationRequest beginAuthorization(String providerId, URI redirectUri, Optional<String> loginHint) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(loginHint, "loginHint");
        CalendarProvider provider = oauthProvider(providerId);
        PendingAuthorization pending = tracker.pendingAuthorizations().begin(userId, providerId, redirectUri);
        URI url = provider.authorizationUrl(tracker.settings(providerId),
                new AuthorizationParameters(redirectUri, pending.state(), pending.pkce().challenge(), loginHint));
        return new AuthorizationRequest(providerId, url, pending.state());
    }

    /**
     * Completes an OAuth authorization: checks the state (single use, not expired, begun for this person),
     * exchanges the code, saves the grant in the token store and connects the account.
     *
     * @param state  the {@code state} the redirect carried back, not null
     * @param code  the {@code code} the redirect carried back, not null; never logged
     * @return the connected account, not null
     * @throws AuthorizationException if the state is unknown, used, expired or another person's, or the code is refused
     */
    public AccountRef completeAuthorization(String state, String code) {
        Objects.requireNonNull(code, "code");
        PendingAuthorization pending = tracker.pendingAuthorizations().complete(state, userId);
        CalendarProvider provider = tracker.providers().get(pending.providerId());
        ProviderSettings settings = tracker.settings(pending.providerId());
        AuthorizedAccount authorized = provider.exchangeCode(settings,
                new AuthorizationCode(code, pending.redirectUri(), pending.pkce().verifier()));
        TokenKey key = TokenKey.of(userId, provider.id(), authorized.accountId());
        tracker.tokenStore().save(key, authorized.token());
        LOG.info("User '{}' connected {} account '{}'", userId, provider.id(), authorized.accountId());
        return locked(() -> register(provider.connect(settings, Credentials.stored(tracker.tokenStore(), key))));
    }

    /**
     * Connects every account whose grant the token store holds for this person and that is not connected yet (for
     * example after the host restarted). Grants of providers that are not known are skipped with a warning.
     *
     * @return the accounts connected by this call, not null
     */
    public List<AccountRef> connectStoredAccounts() {
        return locked(() -> {
            List<AccountRef> connected = new ArrayList<>();
            for (TokenKey key : tracker.tokenStore().list(userId)) {
                AccountRef ref = AccountRef.of(key.providerId(), key.accountId());
                if (accounts.containsKey(ref)) {
                    continue;
                }
                Optional<CalendarProvider> provider = tracker.providers().find(key.providerId());
                if (provider.isEmpty()) {
                    LOG.warn("User '{}' has a stored grant for provider '{}', which is not known; skipped (known: {})",
                            userId, key.providerId(), tracker.providers().ids());
                    continue;
                }
                CalendarConnection connection = provider.get().connect(tracker.settings(key.providerId()),
                        Credentials.stored(tracker.tokenStore(), key));
                connected.add(register(connection, ref));
            }
            return connected;
        });
    }

    /**
     * Lists the connected accounts.
     *
     * @return the accounts, in the order connected, not null
     */
    public List<AccountRef> accounts() {
        return locked(() -> List.copyOf(accounts.keySet()));
    }

    /**
     * Checks whether an account's grant still works, as its connection last observed: a host shows "connect again"
     * for {@link TokenHealth#REAUTHORIZATION_REQUIRED}.
     *
     * @param account  a connected account, not null
     * @return the health, not null
     * @throws NotConnectedException if the account is not connected
     */
    public TokenHealth tokenHealth(AccountRef account) {
        return locked(() -> account(account).connection().tokenHealth());
    }

    /**
     * Lists the calendars an account can see (asks the provider).
     *
     * @param account  a connected account, not null
     * @return the calendars, primary first, not null
     * @throws NotConnectedException if the account is not connected
     */
    public List<CalendarInfo> calendars(AccountRef account) {
        return locked(() -> account(account).connection().calendars());
    }

    /**
     * Chooses which calendars of an account count for busy time. By default an OAuth account (Google, Outlook) reads
     * its primary calendar (or every calendar it lists when none is marked primary), and an account of a provider
     * without OAuth (iCalendar files and feeds, each configured on purpose) reads every calendar it lists.
     *
     * @param account  a connected account, not null
     * @param calendarIds  the calendars to read, not null; empty to read none of this account's calendars
     * @return this
     * @throws NotConnectedException if the account is not connected
     */
    public UserTracker readCalendars(AccountRef account, Collection<String> calendarIds) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        List<String> ids = List.copyOf(calendarIds);
        return locked(() -> {
            account(account).readCalendars(ids);
            return this;
        });
    }

    /**
     * Chooses the calendar that approved study sessions are written to.
     *
     * @param account  a connected account, not null
     * @param calendarId  one of its calendars, not null
     * @return this
     * @throws NotConnectedException if the account is not connected
     */
    public UserTracker writeTo(AccountRef account, String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        return locked(() -> {
            account(account);
            this.writeAccount = account;
            this.writeCalendar = calendarId;
            return this;
        });
    }

    /**
     * Disconnects an account: closes its connection and deletes its grant from the token store. Its sessions' history
     * stays.
     *
     * @param account  the account, not null
     * @return true if it was connected
     */
    public boolean disconnect(AccountRef account) {
        Objects.requireNonNull(account, "account");
        return locked(() -> {
            ConnectedAccount removed = accounts.remove(account);
            tracker.tokenStore().delete(TokenKey.of(userId, account.providerId(), account.accountId()));
            if (account.equals(writeAccount)) {
                writeAccount = null;
                writeCalendar = null;
            }
            if (removed != null) {
                removed.connection().close();
            }
            return removed != null;
        });
    }

    // ------------------------------------------------------------------ settings

    /**
     * Sets the work hours, which count as busy for study (default: none).
     *
     * @param hours  the work hours, not null
     * @return this
     */
    public UserTracker workHours(WeeklyHours hours) {
        Objects.requireNonNull(hours, "hours");
        return locked(() -> {
            this.workHours = hours;
            return this;
        });
    }

    /**
     * Gets the work hours.
     *
     * @return the work hours, empty if none were set
     */
    public Optional<WeeklyHours> workHours() {
        return locked(() -> Optional.ofNullable(workHours));
    }

    /**
     * Sets the study preferences: weekly goal, session lengths, study hours, buffers. Required before
     * {@link #propose} and {@link #reconcile}.
     *
     * @param prefs  the preferences, not null
     * @return this
     */
    public UserTracker preferences(StudyPreferences prefs) {
        Objects.requireNonNull(prefs, "prefs");
        return locked(() -> {
            this.preferences = prefs;
            return this;
        });
    }

    /**
     * Gets the study preferences.
     *
     * @return the preferences, empty if none were set
     */
    public Optional<StudyPreferences> preferences() {
        return locked(() -> Optional.ofNullable(preferences));
    }

    // ------------------------------------------------------------------ planning

    /**
     * Computes the free time in a window: the window minus the busy time of every connected account and the work
     * hours. Each busy interval keeps its source, so a host can say why a slot is busy.
     *
     * @param window  the window, not null
     * @return the free time, not null
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of a provider
     */
    public FreeTime freeTime(Interval window) {
        Objects.requireNonNull(window, "window");
        return locked(() -> readFreeTime(window));
    }

    /**
     * Proposes study sessions in a window around the busy time and work hours, keeping the sessions already scheduled
     * (which count toward their week's goal). Each proposal gets a stable key and is recorded as proposed; proposals
     * of an earlier call in this window that were not approved are withdrawn (their records deleted). Nothing is
     * written to a calendar until {@link #approve}.
     * <p>
     * Only the future is planned: the part of the window before the clock's now is left out.
     *
     * @param window  the window, not null
     * @return the proposals with the planner's per-week explanation, not null
     * @throws IllegalStateException if no preferences were set
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of a provider
     */
    public Proposals propose(Interval window) {
        Objects.requireNonNull(window, "window");
        return locked(() -> {
            StudyPreferences prefs = requirePreferences("propose");
            Instant now = tracker.clock().instant();
            if (!window.end().isAfter(now)) {
                return new Proposals(window, List.of(), new StudyPlan(List.of(), Duration.ZERO, List.of()));
            }
            Interval future = window.start().isBefore(now) ? Interval.of(now, window.end()) : window;
            // busy time just beyond the window's edges still needs its buffer kept
            FreeTime free = readFreeTime(future.padded(prefs.buffer(), prefs.buffer()));
            List<Interval> existing = history(weeksAround(future, prefs.zone())).stream()
                    .filter(r -> r.status() == SessionStatus.SCHEDULED || r.status() == SessionStatus.COMPLETED)
                    .map(SessionRecord::interval)
                    .toList();
            StudyPlan plan = StudyPlanner.create(prefs).propose(future, free.blocked(), existing);

            List<SessionRecord> stale = new ArrayList<>(history(future).stream()
                    .filter(r -> r.status() == SessionStatus.PROPOSED).toList());
            List<Proposal> proposals = new ArrayList<>();
            for (ProposedSession session : plan.sessions()) {
                SessionKey key = keyFor(session.interval());
                stale.removeIf(r -> r.key().equals(key));
                tracker.lifecycle().proposed(userId, key, session.interval());
                proposals.add(new Proposal(key, session.interval()));
            }
            for (SessionRecord r : stale) {
                tracker.historyStore().delete(userId, r.key());
            }
            LOG.debug("User '{}': proposed {} sessions in {}", userId, proposals.size(), future);
            return new Proposals(future, proposals, plan);
        });
    }

    /**
     * Approves proposals: writes each as a study-session event to the write calendar and records it as scheduled.
     * <p>
     * Idempotent: a proposal already scheduled is skipped (its record returned), and event creation is keyed by the
     * session key, so a retry never makes a second event. If a write fails part-way, an {@link ApprovalException}
     * says which sessions were scheduled and which were not; approving the same proposals again finishes the job.
     *
     * @param proposals  the proposals to approve, in order, not null
     * @return the records of the approved sessions, in the given order, not null
     * @throws NotConnectedException if no write calendar was chosen or its account is not connected
     * @throws IllegalArgumentException if a proposal not yet scheduled begins before the clock's now (checked before
     *     anything is written; propose again)
     * @throws ApprovalException if a write failed part-way
     */
    public List<SessionRecord> approve(Collection<Proposal> proposals) {
        List<Proposal> todo = List.copyOf(Objects.requireNonNull(proposals, "proposals"));
        return locked(() -> {
            if (writeAccount == null) {
                throw new NotConnectedException("User '" + userId + "' has no calendar to write study sessions to: "
                        + "call writeTo(account, calendarId) first (connected: " + accounts.keySet() + ")");
            }
            ConnectedAccount target = account(writeAccount);
            // a session written after it began would stand at its time and be settled as studied: refuse up front
            Instant now = tracker.clock().instant();
            for (Proposal p : todo) {
                boolean pending = tracker.historyStore().find(userId, p.key())
                        .map(r -> r.status() == SessionStatus.PROPOSED).orElse(true);
                if (pending && p.interval().start().isBefore(now)) {
                    throw new IllegalArgumentException("Proposal " + p.key() + " (" + p.interval() + ") began before "
                            + "now (" + now + ") and cannot be approved; nothing was written: propose again and "
                            + "approve the new proposals");
                }
            }
            List<SessionRecord> done = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Proposal p = todo.get(i);
                Optional<SessionRecord> known = tracker.historyStore().find(userId, p.key());
                if (known.isPresent() && known.get().status() != SessionStatus.PROPOSED) {
                    done.add(known.get());
                    continue;
                }
                try {
                    StudyEvent event = target.connection().createSession(writeCalendar, p.key(), p.interval(),
                            tracker.sessionDetails());
                    EventRef ref = new EventRef(writeAccount.providerId(), writeAccount.accountId(), event.calendarId(),
                            event.eventId());
                    done.add(tracker.lifecycle().scheduled(userId, p.key(), ref, event.interval()));
                } catch (RuntimeException e) {
                    throw new ApprovalException("Approving failed at session " + p.key() + " (" + p.interval() + "): "
                            + done.size() + " of " + todo.size() + " sessions were scheduled, the rest were not; "
                            + "approve the same proposals again to finish (nothing is written twice). Cause: " + e.getMessage(),
                            done, todo.subList(i, todo.size()), e);
                }
            }
            return List.copyOf(done);
        });
    }

    /**
     * Brings the scheduled sessions in a window up to date with the calendars:
     * <ul>
     * <li>a session whose event the person moved in their calendar app is recorded as moved by the person and
     *     respected: the library never moves it again (if busy time later overlaps it, it is reported in
     *     {@link ReconcileReport#conflicts()} and left for the person);</li>
     * <li>a session whose time has passed is settled: completed if its event still stands, skipped if the person
     *     deleted it; a future session whose event was deleted is cancelled;</li>
     * <li>a future session that busy time, work hours or the preferences now rule out is moved by the planner to the
     *     nearest legal slot (same day first), or dropped (its event deleted) when no slot is left; history records
     *     the busy interval that caused it. If the person changes the event at the same moment, their change wins.</li>
     * </ul>
     *
     * @param window  the window, not null
     * @return what changed and why, not null
     * @throws IllegalStateException if sessions need checking and no preferences were set
     * @throws NotConnectedException if a session's account is not connected any more
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of a provider
     */
    public ReconcileReport reconcile(Interval window) {
        Objects.requireNonNull(window, "window");
        return locked(() -> new Reconciler(window).run());
    }

    /**
     * Lists the recorded sessions whose current time overlaps a range, whatever their status.
     *
     * @param range  the range, not null
     * @return the records, sorted by start then key, not null
     */
    public List<SessionRecord> history(Interval range) {
        Objects.requireNonNull(range, "range");
        return tracker.historyStore().query(userId, range);
    }

    /**
     * Obtains this person's progress: totals per day and week against the weekly goal of their preferences, streaks in
     * their zone, adherence, moves, and a short plain-text report, read from the history store as of the tracker's
     * clock.
     *
     * @return the progress, not null
     * @throws IllegalStateException if no preferences were set (they give the zone and the goal)
     */
    public StudyProgress progress() {
        return locked(() -> {
            StudyPreferences prefs = requirePreferences("progress");
            return StudyProgress.builder(tracker.historyStore()).zone(prefs.zone()).weeklyGoal(prefs.weeklyGoal())
                    .clock(tracker.clock()).build();
        });
    }

    /**
     * Records that a session took place, with how long the person actually studied and a note.
     *
     * @param key  the session, not null
     * @param actual  the minutes studied, if reported, not null
     * @param note  the person's note, if any, not null
     * @return the updated record, not null
     * @throws IllegalStateException if there is no scheduled or settled session with that key
     * @throws IllegalArgumentException if {@code actual} is not positive or is over 24 hours
     */
    public SessionRecord markCompleted(SessionKey key, Optional<Duration> actual, Optional<String> note) {
        return locked(() -> tracker.lifecycle().markCompleted(userId, key, actual, note));
    }

    /**
     * Records that a session did not take place.
     *
     * @param key  the session, not null
     * @param note  the person's note, if any, not null
     * @return the updated record, not null
     * @throws IllegalStateException if there is no scheduled or settled session with that key
     */
    public SessionRecord markSkipped(SessionKey key, Optional<String> note) {
        return locked(() -> tracker.lifecycle().markSkipped(userId, key, note));
    }

    /** @return the user id and the connected accounts */
    @Override
    public String toString() {
        return "UserTracker[" + userId + ", accounts=" + accounts() + "]";
    }

    // ------------------------------------------------------------------ internals

    private CalendarProvider oauthProvider(String providerId) {
        CalendarProvider provider = tracker.providers().get(providerId);
        if (!provider.usesOAuth()) {
            throw new BadSettingsException("Provider '" + providerId + "' does not use OAuth: connect it with "
                    + "connect(\"" + providerId + "\") instead");
        }
        return provider;
    }

    /** Closes and forgets every connection (the grants stay in the token store). */
    void closeConnections() {
        locked(() -> {
            accounts.values().forEach(a -> a.connection().close());
            accounts.clear();
            writeAccount = null;
            writeCalendar = null;
            return null;
        });
    }

    /** Checks if the person ever moved the session themselves: such a session is never moved by the library. */
    private static boolean placedByPerson(SessionRecord record) {
        return record.changes().stream().anyMatch(c -> c.kind() == ChangeKind.MOVED_BY_PERSON);
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private AccountRef register(CalendarConnection connection) {
        return register(connection, AccountRef.of(connection.providerId(), connection.accountId()));
    }

    private AccountRef register(CalendarConnection connection, AccountRef ref) {
        boolean oauth = tracker.providers().find(ref.providerId()).map(CalendarProvider::usesOAuth).orElse(true);
        ConnectedAccount previous = accounts.put(ref, new ConnectedAccount(ref, connection, !oauth));
        if (previous != null && previous.connection() != connection) {
            previous.connection().close();
        }
        return ref;
    }

    private ConnectedAccount account(AccountRef ref) {
        Objects.requireNonNull(ref, "account");
        ConnectedAccount account = accounts.get(ref);
        if (account == null) {
            throw new NotConnectedException("User '" + userId + "' has no connected account " + ref
                    + " (connected: " + accounts.keySet() + "): connect it first");
        }
        return account;
    }

    private StudyPreferences requirePreferences(String operation) {
        if (preferences == null) {
            throw new IllegalStateException("User '" + userId + "' has no study preferences: call preferences(...) "
                    + "before " + operation + "(...)");
        }
        return preferences;
    }

    private FreeTime readFreeTime(Interval window) {
        List<BusyInterval> busy = new ArrayList<>();
        for (ConnectedAccount account : accounts.values()) {
            List<String> calendars = account.readCalendars();
            if (!calendars.isEmpty()) {
                busy.addAll(account.connection().busy(calendars, window, tracker.busyPolicy()));
            }
        }
        IntervalSet work = workHours == null ? IntervalSet.empty() : workHours.within(window);
        return FreeTime.of(window, busy, work);
    }

    /** The whole ISO weeks (Monday 00:00 in the zone) that a window touches, so existing sessions count per week. */
    private static Interval weeksAround(Interval window, ZoneId zone) {
        Instant from = window.start().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant();
        Instant to = window.end().atZone(zone).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant();
        return Interval.of(from, to);
    }

    /**
     * Derives a session's key from the user and its proposed time, so that proposing the same plan twice gives the
     * same keys (and records); a key already taken by a session past the proposal stage gets the next variant.
     */
    private SessionKey keyFor(Interval interval) {
        for (int variant = 0; ; variant++) {
            SessionKey key = SessionKey.of("s-" + sha256(userId + "|" + interval.start() + "|" + interval.end() + "|" + variant)
                    .substring(0, 32));
            Optional<SessionRecord> taken = tracker.historyStore().find(userId, key);
            if (taken.isEmpty() || taken.get().status() == SessionStatus.PROPOSED) {
                return key;
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** One reconcile run; exists to keep the run's working state together. Called with the lock held. */
    private final class Reconciler {
        private final Interval window;
        private final Instant now = tracker.clock().instant();
        private final List<SessionUpdate> updates = new ArrayList<>();
        private final List<SessionKey> unchanged = new ArrayList<>();
        private final List<ReconcileReport.Conflict> conflicts = new ArrayList<>();

        /** A future session the library may move: its record, its event as read, and its account. */
        private record Movable(SessionRecord record, StudyEvent event, ConnectedAccount account) {
        }

        Reconciler(Interval window) {
            this.window = window;
        }

        ReconcileReport run() {
            List<SessionRecord> scheduled = history(window).stream()
                    .filter(r -> r.status() == SessionStatus.SCHEDULED && r.event().isPresent())
                    .toList();
            for (SessionRecord r : scheduled) {
                EventRef ref = r.event().get();
                account(AccountRef.of(ref.providerId(), ref.accountId()));
            }
            // sessions that overlap the window's edges are judged, and moved, with the busy time around them too
            Interval reach = scheduled.stream().map(SessionRecord::interval).reduce(window, Interval::span);
            // and busy time just beyond that reach still needs its buffer kept
            Duration buffer = preferences == null ? Duration.ZERO : preferences.buffer();
            FreeTime free = readFreeTime(reach.padded(buffer, buffer));
            List<Movable> movable = new ArrayList<>();
            for (SessionRecord r : scheduled) {
                EventRef ref = r.event().get();
                ConnectedAccount account = account(AccountRef.of(ref.providerId(), ref.accountId()));
                Optional<StudyEvent> event = account.connection().findSession(ref.calendarId(), r.key());
                SessionRecord current = settle(r, event);
                if (current.status() != SessionStatus.SCHEDULED) {
                    continue;
                }
                boolean placedByPerson = placedByPerson(current);
                if (event.isEmpty() || current.interval().start().isBefore(now) || placedByPerson) {
                    // under way, deleted while under way (settled once it ends), or placed by the person: stays put
                    List<BusyInterval> overlapping = free.busyDuring(current.interval());
                    if (placedByPerson && !overlapping.isEmpty()) {
                        conflicts.add(new ReconcileReport.Conflict(current.key(), current.interval(), overlapping));
                    } else if (current == r) {
                        unchanged.add(r.key());
                    }
                } else {
                    movable.add(new Movable(current, event.get(), account));
                }
            }
            if (!movable.isEmpty()) {
                rearrange(movable, free, reach);
            }
            return new ReconcileReport(window, updates, unchanged, conflicts);
        }

        /** Settles a session against its event now, reporting every change the lifecycle recorded. */
        private SessionRecord settle(SessionRecord before, Optional<StudyEvent> event) {
            SessionRecord after = tracker.lifecycle().settle(userId, before.key(), event, now);
            for (SessionChange change : after.changes().subList(before.changes().size(), after.changes().size())) {
                updates.add(new SessionUpdate(after.key(), change));
            }
            return after;
        }

        private void rearrange(List<Movable> movable, FreeTime free, Interval span) {
            StudyPreferences prefs = requirePreferences("reconcile");
            Map<Interval, Deque<Movable>> byInterval = new HashMap<>();
            List<Interval> intervals = new ArrayList<>();
            Set<SessionKey> movableKeys = new HashSet<>();
            for (Movable m : movable) {
                byInterval.computeIfAbsent(m.record().interval(), k -> new ArrayDeque<>()).add(m);
                intervals.add(m.record().interval());
                movableKeys.add(m.record().key());
            }
            Interval planWindow = span.start().isBefore(now) ? Interval.of(now, span.end()) : span;
            // Every other session of the weeks involved (studied, under way, placed by the person, or outside the
            // window) stays where it is but still counts: for maxPerDay, the weekly goal and the break. The planner
            // keeps, without judging, the sessions not wholly inside its window; one wholly inside (placed by the
            // person) would be judged and perhaps moved, so it is handed over as busy time instead.
            List<Interval> fixed = new ArrayList<>();
            Map<Interval, Integer> context = new HashMap<>();
            for (SessionRecord r : history(weeksAround(span, prefs.zone()))) {
                boolean counts = r.status() == SessionStatus.SCHEDULED || r.status() == SessionStatus.COMPLETED;
                if (!counts || movableKeys.contains(r.key())) {
                    continue;
                }
                if (planWindow.encloses(r.interval())) {
                    fixed.add(r.interval());
                } else {
                    intervals.add(r.interval());
                    context.merge(r.interval(), 1, Integer::sum);
                }
            }
            Reconciliation plan = StudyPlanner.create(prefs)
                    .reconcile(planWindow, free.blocked().union(IntervalSet.of(fixed)), intervals);
            for (Interval kept : plan.kept()) {
                if (context.getOrDefault(kept, 0) > 0) {
                    context.merge(kept, -1, Integer::sum);
                    continue;
                }
                unchanged.add(byInterval.get(kept).poll().record().key());
            }
            for (Move move : plan.moved()) {
                Movable m = byInterval.get(move.from()).poll();
                Cause cause = Cause.of(move.from(), free, prefs.buffer());
                try {
                    StudyEvent moved = m.account().connection().moveSession(m.event(), move.to());
                    record(tracker.lifecycle().movedByLibrary(userId, m.record().key(), m.record().interval(),
                            moved.interval(), cause.source(), cause.reason()));
                } catch (EventChangedException e) {
                    if (e.current().map(c -> c.interval().equals(move.to())).orElse(false)) {
                        // our own write landed and only its response was lost (a retry then saw a new version)
                        LOG.debug("User '{}': session {} already stands at {}; recording the library's move",
                                userId, m.record().key(), move.to());
                        record(tracker.lifecycle().movedByLibrary(userId, m.record().key(), m.record().interval(),
                                move.to(), cause.source(), cause.reason()));
                    } else {
                        personChangedMeanwhile(m.record(), e);
                    }
                }
            }
            for (Interval dropped : plan.dropped()) {
                Movable m = byInterval.get(dropped).poll();
                Cause cause = Cause.of(dropped, free, prefs.buffer());
                String reason = cause.reason() + "; no free slot was left for it in " + planWindow;
                try {
                    m.account().connection().deleteSession(m.event());
                    record(tracker.lifecycle().cancelled(userId, m.record().key(), cause.source(), reason));
                } catch (EventChangedException e) {
                    if (e.current().isEmpty()) {
                        // gone either way (our delete landed and its response was lost, or the person deleted it
                        // too): the busy time is why the session is cancelled
                        record(tracker.lifecycle().cancelled(userId, m.record().key(), cause.source(), reason));
                    } else {
                        personChangedMeanwhile(m.record(), e);
                    }
                }
            }
        }

        /** The person changed or deleted the event between our read and our write: their change wins. */
        private void personChangedMeanwhile(SessionRecord r, EventChangedException e) {
            LOG.debug("User '{}': session {} changed in the calendar during reconcile; respecting it", userId, r.key());
            if (settle(r, e.current()) == r) {
                unchanged.add(r.key());
            }
        }

        private SessionRecord record(SessionRecord r) {
            updates.add(new SessionUpdate(r.key(), r.changes().get(r.changes().size() - 1)));
            return r;
        }
    }

    /** Why a session had to move: the busy interval nearest to it (within the buffer), or work hours, or the rules. */
    private record Cause(Optional<BusySource> source, String reason) {
        static Cause of(Interval session, FreeTime free, Duration buffer) {
            List<BusyInterval> hits = free.busyDuring(session.padded(buffer, buffer));
            if (!hits.isEmpty()) {
                BusySource s = hits.get(0).source();
                return new Cause(Optional.of(s), "busy time now overlaps it: " + describe(s));
            }
            if (!free.workHours().intersection(IntervalSet.of(session)).isEmpty()) {
                return new Cause(Optional.empty(), "it now falls in work hours");
            }
            return new Cause(Optional.empty(), "it no longer fits the study preferences");
        }

        private static String describe(BusySource s) {
            return s.title().map(t -> "'" + t + "' ").orElse("") + "(event " + s.eventId() + " in calendar "
                    + s.calendarId() + " of " + s.providerId() + " account " + s.accountId() + ")";
        }
    }
}
