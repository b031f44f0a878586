package dev.personaltracker.calendar;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

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
 * Steps 1 to 3 are saved as they happen in the tracker's {@link dev.personaltracker.calendar.spi.ProfileStore}
 * (never a token or secret), so that after a restart {@link StudyTracker#forUser} hands out the person set up as
 * before; a save that races another host instance is re-applied to the newer profile.
 * <p>
 * This class is thread-safe. Calls for one person are serialised (so that two reconciles never move one session
 * twice); calls for different people run in parallel.
 */
public final class UserTracker {

    private final StudyTracker tracker;
    private final String userId;
    private final ReentrantLock lock = new ReentrantLock();
    private final UserAccounts accounts;
    private final UserSettings settings;
    private final SessionPlanning planning;
    private final SessionApproval approval;
    private final UserZone zone;
    private final ProfileSync sync;

    UserTracker(StudyTracker tracker, String userId) {
        this.tracker = tracker;
        this.userId = userId;
        this.settings = new UserSettings(userId, tracker.profileStore());
        this.accounts = new UserAccounts(tracker, userId, settings);
        this.planning = new SessionPlanning(tracker, userId, accounts, settings);
        this.approval = new SessionApproval(tracker, userId, accounts, settings);
        this.zone = new UserZone(settings, accounts);
        this.sync = new ProfileSync(settings, accounts);
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
     * @throws BadSettingsException if the provider's settings are incomplete, or this person already has another
     *     account with the id this one gets, from other settings
     */
    public AccountRef connect(String providerId) {
        CalendarProvider provider = tracker.providers().get(providerId);
        return locked(() -> accounts.connect(provider, Optional.empty()));
    }

    /**
     * Connects a source that needs no account with settings of its own (for example the path or URL of this
     * person's iCalendar timetable).
     * <p>
     * The non-secret part of the settings (properties such as an iCalendar source's location, zone and owner; client
     * id, redirect URI, scopes, base URLs, read-only) is kept in the person's profile, so that the account is
     * connected again after a restart; a client secret is not kept (the tracker's settings for the provider give it
     * back when the client id is the same). Connecting the same settings again reconnects the same account. Settings
     * that differ but would make the same account id are refused, because the second source would silently replace
     * the first: give each a distinct account id (for iCalendar, the {@code account} property).
     *
     * @param providerId  the provider id, not null
     * @param settings  the settings for this account, not null
     * @return the connected account, not null
     * @throws ProviderNotFoundException if no provider has that id
     * @throws BadSettingsException if the settings are incomplete, name a property the provider does not read (the
     *     message names the nearest one it reads), or this person already has another account with the id these
     *     settings give, from other settings (the message says how to tell them apart)
     */
    public AccountRef connect(String providerId, ProviderSettings settings) {
        Objects.requireNonNull(settings, "settings");
        CalendarProvider provider = tracker.providers().get(providerId);
        PropertyNames.check(provider, settings);
        return locked(() -> accounts.connect(provider, Optional.of(settings)));
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
        return locked(() -> accounts.connectWithAccessToken(provider, credentials));
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
        return beginAuthorization(providerId, accounts.redirectUri(providerId), Optional.empty());
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
        return accounts.beginAuthorization(providerId, redirectUri, loginHint);
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
        UserAccounts.Opened opened = accounts.completeAuthorization(state, code);
        return locked(() -> accounts.connectGranted(opened));
    }

    /**
     * Connects every account whose grant the token store holds for this person and that is not connected yet (for
     * example after the host restarted). Grants of providers that are not known are skipped with a warning and
     * listed in {@link #accountProblems()}.
     *
     * @return the accounts connected by this call, not null
     */
    public List<AccountRef> connectStoredAccounts() {
        return locked(accounts::connectStored);
    }

    /**
     * Lists the accounts this person has that are not connected now, and why: an account of the profile or a grant
     * in the token store whose provider is missing from the class path, whose grant is gone, whose host-held access
     * token must be handed in again, or whose source could not be read when it was connected again. Each is also
     * logged; this is the way a host learns of them without reading logs. An account leaves the list once it
     * connects.
     *
     * @return the problems, in the order found, not null
     */
    public List<AccountProblem> accountProblems() {
        return locked(accounts::problems);
    }

    /**
     * Lists the connected accounts.
     *
     * @return the accounts, in the order connected, not null
     */
    public List<AccountRef> accounts() {
        return locked(accounts::refs);
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
        return locked(() -> accounts.get(account).connection().tokenHealth());
    }

    /**
     * Lists the calendars an account can see (asks the provider).
     *
     * @param account  a connected account, not null
     * @return the calendars, primary first, not null
     * @throws NotConnectedException if the account is not connected
     */
    public List<CalendarInfo> calendars(AccountRef account) {
        return locked(() -> accounts.get(account).connection().calendars());
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
            accounts.get(account);
            settings.change(p -> p.withReadCalendars(account, ids));
            return this;
        });
    }

    /**
     * Chooses the calendar that approved study sessions are written to. The calendar is checked now, against the
     * account's calendars as its provider lists them, so a typo or a read-only calendar fails here and not at the
     * first {@link #approve}.
     *
     * @param account  a connected account, not null
     * @param calendarId  one of its writable calendars, not null
     * @return this
     * @throws NotConnectedException if the account is not connected
     * @throws BadSettingsException if the account has no such calendar, or may not write to it (the message lists the
     *     calendars it may write to)
     * @throws dev.personaltracker.calendar.spi.CalendarException the typed failure of the provider listing calendars
     */
    public UserTracker writeTo(AccountRef account, String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        return locked(() -> {
            List<CalendarInfo> calendars = accounts.get(account).connection().calendars();
            Profile.WriteTarget target = WriteCalendarCheck.check(account, calendarId, calendars);
            settings.change(p -> p.withWriteTo(target));
            return this;
        });
    }

    /**
     * Disconnects an account: forgets it in the person's profile (with the write calendar, if it was this account's),
     * closes its connection and deletes its grant from the token store. Its sessions' history stays. It need not be
     * connected: an account of the profile that could not be connected again after a restart is forgotten the same way.
     *
     * @param account  the account, not null
     * @return true if it was connected
     */
    public boolean disconnect(AccountRef account) {
        Objects.requireNonNull(account, "account");
        return locked(() -> accounts.disconnect(account));
    }

    // ------------------------------------------------------------------ settings

    /**
     * Sets the work hours, which count as busy for study (default: none). They must be in the zone of the
     * {@linkplain #preferences(StudyPreferences) preferences}, if those are set: one person has one zone. To move a
     * person to another zone, set both at once with {@link #relocate}.
     *
     * @param hours  the work hours, not null
     * @return this
     * @throws IllegalArgumentException if the preferences are in another zone (the message names both)
     */
    public UserTracker workHours(WeeklyHours hours) {
        Objects.requireNonNull(hours, "hours");
        return locked(() -> {
            zone.workHours(hours);
            return this;
        });
    }

    /**
     * Moves the person to another zone: sets work hours and preferences together, both in the new zone, in one
     * change of the profile.
     *
     * @param hours  the work hours, not null
     * @param prefs  the preferences, in the zone of {@code hours}, not null
     * @return this
     * @throws IllegalArgumentException if the two are in different zones
     */
    public UserTracker relocate(WeeklyHours hours, StudyPreferences prefs) {
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(prefs, "prefs");
        UserZone.requireOneZone(hours.zone(), prefs.zone());
        return locked(() -> {
            zone.relocate(hours, prefs);
            return this;
        });
    }

    /**
     * Gets the work hours.
     *
     * @return the work hours, empty if none were set
     */
    public Optional<WeeklyHours> workHours() {
        return locked(settings::workHours);
    }

    /**
     * Sets the study preferences: weekly goal, session lengths, study hours, buffers. Required before
     * {@link #propose} and {@link #reconcile}. Their zone is the person's zone (local days, ISO weeks, progress); it
     * must be the zone of the {@linkplain #workHours(WeeklyHours) work hours}, if those are set. To move a person to
     * another zone, set both at once with {@link #relocate}.
     *
     * @param prefs  the preferences, not null
     * @return this
     * @throws IllegalArgumentException if the work hours are in another zone (the message names both)
     */
    public UserTracker preferences(StudyPreferences prefs) {
        Objects.requireNonNull(prefs, "prefs");
        return locked(() -> {
            zone.preferences(prefs);
            return this;
        });
    }

    /**
     * Gets the study preferences.
     *
     * @return the preferences, empty if none were set
     */
    public Optional<StudyPreferences> preferences() {
        return locked(settings::preferences);
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
        return locked(() -> planning.freeTime(window));
    }

    /**
     * Proposes study sessions in a window around the busy time and work hours, for every goal of the preferences,
     * keeping the sessions already scheduled (each counts toward its own goal, by the goal id of its record; a
     * session of a goal the preferences no longer hold counts toward none but still takes its time). Each proposal
     * names its goal ({@link Proposal#goalId()}), gets a stable key and is recorded as proposed; proposals
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
        return locked(() -> planning.propose(window));
    }

    /**
     * Approves proposals: writes each as a study-session event to the write calendar and records it as scheduled,
     * with its goal. The event of a named goal's session is titled by the tracker's
     * {@link dev.personaltracker.calendar.spi.SessionDetails#forGoal SessionDetails} ("Study Session: Linear
     * algebra"); sessions of the single default goal keep the plain title. The goal recorded when the session was
     * proposed wins over the proposal's.
     * <p>
     * Idempotent: a proposal already scheduled is skipped (its record returned), and event creation is keyed by the
     * session key, so a retry never makes a second event. If a write fails part-way, an {@link ApprovalException}
     * says which sessions were scheduled and which were not; approving the same proposals again finishes the job.
     *
     * @param proposals  the proposals to approve, in order, not null
     * @return the records of the approved sessions, in the given order, not null
     * @throws NotConnectedException if no write calendar was chosen or its account is not connected
     * @throws IllegalArgumentException if a proposal is not this user's (its key is neither in their history nor one
     *     this user's {@link #propose} gives for its time: it came from another user's tracker, or was made up), or
     *     a proposal not yet scheduled begins before the clock's now (both checked before anything is written;
     *     propose again)
     * @throws ApprovalException if a write failed part-way
     */
    public List<SessionRecord> approve(Collection<Proposal> proposals) {
        List<Proposal> todo = List.copyOf(Objects.requireNonNull(proposals, "proposals"));
        return locked(() -> approval.approve(todo));
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
     *     nearest legal slot inside its own goal and ISO week (same day first), or dropped (its event deleted) when
     *     its week has no slot left, reported per goal and week in {@link ReconcileReport#shortfalls()}; history
     *     records the busy interval that caused it. If the person changes the event at the same moment, their change
     *     wins.</li>
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
        return locked(() -> new Reconciler(tracker, userId, accounts, settings, planning, window).run());
    }

    /**
     * Lists the recorded sessions whose current time overlaps a range, whatever their status.
     *
     * @param range  the range, not null
     * @return the records, sorted by start then key, not null
     */
    public List<SessionRecord> history(Interval range) {
        Objects.requireNonNull(range, "range");
        return planning.history(range);
    }

    /**
     * Obtains this person's progress: totals per day and week against the weekly goals of their preferences (their
     * sum), streaks in their zone, adherence, moves, and a short plain-text report, read from the history store as of
     * the tracker's clock. The queries know the goals of the preferences: {@code progress().goals()} reports each
     * goal (its week, streak, adherence, and for a deadline goal whether it is on track), and
     * {@code progress().forGoal(id)} answers every query for one goal alone.
     * <p>
     * The queries are {@linkplain StudyProgress#user() bound to this person}: use the methods without a user id
     * ({@code progress().report()}); those that take one refuse any other user, so one person's handle never shows
     * another's history.
     *
     * @return the progress, bound to this person, not null
     * @throws IllegalStateException if no preferences were set (they give the zone and the goal)
     */
    public StudyProgress progress() {
        return locked(() -> {
            StudyPreferences prefs = settings.requirePreferences("progress");
            return StudyProgress.builder(tracker.historyStore()).user(userId).zone(prefs.zone())
                    .goals(prefs.goals()).clock(tracker.clock()).build();
        });
    }

    /**
     * Obtains this person's progress in one goal: {@code progress().forGoal(goalId)}.
     *
     * @param goalId  the id of one of the goals of the preferences, not null
     * @return the progress of that goal alone, bound to this person, not null
     * @throws IllegalStateException if no preferences were set
     * @throws IllegalArgumentException if the preferences hold no goal of that id (the message names those they hold)
     */
    public StudyProgress progress(String goalId) {
        Objects.requireNonNull(goalId, "goalId");
        return progress().forGoal(goalId);
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

    /**
     * Reads the person's stored profile if it changed (or was never read: after a restart, or when another host
     * instance changed it) and connects again what it names. Called by {@link StudyTracker#forUser} each time it
     * hands this handle out; one store read when nothing changed.
     *
     * @throws ProfileUnreadableException if the stored profile cannot be read
     */
    void sync() {
        locked(() -> {
            sync.sync();
            return null;
        });
    }

    /** For {@link PushChannels}: each connected account, its push channels if its service has them, and the calendars it reads. */
    List<PushChannels.Target> pushTargets() {
        return locked(() -> accounts.all().stream()
                .map(a -> new PushChannels.Target(a.ref(), a.connection().changeChannels(),
                        a.readCalendars(settings.readCalendars(a.ref()))))
                .toList());
    }

    /**
     * Closes and forgets every connection (the grants stay in the token store, the settings in the profile store):
     * the next {@link StudyTracker#forUser} connects them again.
     */
    void closeConnections() {
        locked(() -> {
            sync.close();
            return null;
        });
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
