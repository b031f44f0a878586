package dev.personaltracker.calendar;

import dev.personaltracker.calendar.auth.PendingAuthorizations;
import dev.personaltracker.calendar.history.SessionLifecycle;
import dev.personaltracker.calendar.memory.InMemoryProfileStore;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.spi.UserIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The entry point of the library: one instance per host application, shared by all its users.
 * <p>
 * It holds what every user shares (the calendar providers, the token, history and profile stores, the clock, the
 * settings of each provider's OAuth client, the busy-time policy) and hands out one {@link UserTracker} per person:
 * <pre>{@code
 * StudyTracker tracker = StudyTracker.builder()
 *         .discoverProviders()                                   // google, outlook, ics ... on the class path
 *         .settings("google", googleClientSettings)
 *         .tokenStore(tokenStore)                                // e.g. the encrypted JSON store
 *         .historyStore(historyStore)
 *         .profileStore(profileStore)                            // accounts and settings survive a restart
 *         .build();
 *
 * UserTracker alice = tracker.forUser("alice");
 * AccountRef work = alice.connectWithAccessToken("outlook", accessToken);
 * alice.workHours(workHours).preferences(preferences).writeTo(work, "primary-calendar-id");
 * Proposals proposals = alice.propose(nextWeek);
 * alice.approve(proposals.sessions());
 * ...
 * ReconcileReport report = alice.reconcile(nextWeek);          // e.g. on a timer
 * }</pre>
 * Each person's settings (accounts and how they connect, calendars read and written, work hours, preferences) are
 * saved in the {@link ProfileStore} as they change; after a restart, the first {@code forUser} of a person reads them
 * back and connects their accounts again, so the host's code is the same before and after a restart.
 * Close the tracker when the host shuts down: {@link #close()} closes every open calendar connection.
 * <p>
 * This class is thread-safe; its {@link Builder} is not.
 */
public final class StudyTracker implements AutoCloseable {

    private final ProviderRegistry providers;
    private final TokenStore tokenStore;
    private final HistoryStore historyStore;
    private final ProfileStore profileStore;
    private final SessionLifecycle lifecycle;
    private final Clock clock;
    private final Map<String, ProviderSettings> settings;
    private final BusyPolicy busyPolicy;
    private final SessionDetails sessionDetails;
    private final PendingAuthorizations pendingAuthorizations;
    private final ConcurrentMap<String, UserTracker> users = new ConcurrentHashMap<>();
    private final ReadLimits readLimits;
    private final PartialReadPolicy partialReadPolicy;

    private StudyTracker(Builder b, ProviderRegistry providers) {
        this.providers = providers;
        this.tokenStore = b.tokenStore;
        this.clock = b.clock;
        this.historyStore = b.historyStore;
        this.profileStore = b.profileStore;
        this.lifecycle = SessionLifecycle.create(b.historyStore, b.clock);
        this.settings = Map.copyOf(b.settings);
        this.busyPolicy = b.busyPolicy;
        this.sessionDetails = b.sessionDetails;
        this.pendingAuthorizations = PendingAuthorizations.create(b.clock, b.authorizationLifetime);
        this.readLimits = new ReadLimits(Optional.ofNullable(b.readExecutor), b.readsPerHost, b.readsPerProvider,
                b.readDeadline);
        this.partialReadPolicy = b.partialReadPolicy;
    }

    /**
     * Obtains a builder. Only the two stores are required; everything else has a default.
     *
     * @return a new builder, not null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Gets the handle of one person, creating it on first use. The same user id always gets the same handle.
     * <p>
     * The person's settings live in the {@link #profileStore() profile store}: the first time a person is asked for
     * (after a restart, in a new JVM), their profile is read and their accounts are connected again (accounts without
     * credentials from their saved settings, OAuth accounts from their grants in the token store; an account connected
     * with a host-held access token waits until the host hands the token in again), with the calendars they read and
     * write, their work hours and their preferences. Each later call reads the profile's version once and, if another
     * host instance changed it, takes the new settings over. An account that cannot be connected now is logged and
     * stays in the profile.
     *
     * @param userId  the host's id for the person, not blank
     * @return the person's handle, not null
     * @throws IllegalArgumentException if the id is not a valid user id (blank, too long or holding a control
     *     character: see {@link dev.personaltracker.calendar.spi.UserIds#require}); ids are compared exactly, never
     *     normalised
     * @throws ProfileUnreadableException if the person's stored profile cannot be read (a newer library wrote it, or
     *     it was damaged)
     * @throws dev.personaltracker.calendar.spi.CalendarException a typed failure of the profile store
     */
    public UserTracker forUser(String userId) {
        UserIds.require(userId);
        UserTracker user = users.computeIfAbsent(userId, id -> new UserTracker(this, id));
        user.sync();
        return user;
    }

    /**
     * Gets the calendar providers this tracker can connect to.
     *
     * @return the registry, not null
     */
    public ProviderRegistry providers() {
        return providers;
    }

    /**
     * Gets the settings of one provider: those given to {@link Builder#settings}, else the defaults.
     *
     * @param providerId  the provider id, not null
     * @return the settings, not null
     */
    public ProviderSettings settings(String providerId) {
        return settings.getOrDefault(Objects.requireNonNull(providerId, "providerId"), ProviderSettings.defaults());
    }

    /**
     * Gets the clock that stamps history and decides which sessions have passed.
     *
     * @return the clock, not null
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Gets the busy-time policy every provider applies.
     *
     * @return the policy, not null
     */
    public BusyPolicy busyPolicy() {
        return busyPolicy;
    }

    /**
     * Gets the title and description of the study-session events this tracker writes.
     *
     * @return the details, not null
     */
    public SessionDetails sessionDetails() {
        return sessionDetails;
    }

    /**
     * Gets the store of OAuth grants.
     *
     * @return the store, not null
     */
    public TokenStore tokenStore() {
        return tokenStore;
    }

    /**
     * Gets the store of session histories.
     *
     * @return the store, not null
     */
    public HistoryStore historyStore() {
        return historyStore;
    }

    /**
     * Gets the store of each person's settings.
     *
     * @return the store, not null
     */
    public ProfileStore profileStore() {
        return profileStore;
    }

    /**
     * Gets the lifecycle through which this tracker records every step of a session's life; hosts use it to read a
     * session's record, and {@link UserTracker#markCompleted} and {@link UserTracker#markSkipped} to report outcomes.
     *
     * @return the lifecycle, not null
     */
    public SessionLifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * Gets what {@link UserTracker#freeTime}, {@link UserTracker#propose} and {@link UserTracker#reconcile} do when
     * some accounts cannot be read.
     *
     * @return the policy, not null
     */
    public PartialReadPolicy partialReadPolicy() {
        return partialReadPolicy;
    }

    /**
     * Gets the total time one read of a person's busy time may take (all accounts at once, waiting for a read slot
     * included); an account not read by then counts as failed.
     *
     * @return the deadline, positive, not null
     */
    public Duration readDeadline() {
        return readLimits.deadline();
    }

    ReadLimits readLimits() {
        return readLimits;
    }

    PendingAuthorizations pendingAuthorizations() {
        return pendingAuthorizations;
    }

    /**
     * Closes every calendar connection of every user and stops the tracker's default read executor (reads under way
     * are interrupted; an executor the host gave to {@link Builder#readExecutor} is the host's to stop). The stores
     * stay open (the host owns them); the next {@link #forUser} of a person connects their accounts again from their
     * profile, and the next read starts a new default executor.
     */
    @Override
    public void close() {
        users.values().forEach(UserTracker::closeConnections);
        readLimits.close();
    }

    /** @return the provider ids and the number of users */
    @Override
    public String toString() {
        return "StudyTracker[providers=" + providers.ids() + ", users=" + users.size() + "]";
    }

    /**
     * A mutable, single-thread builder of {@link StudyTracker}.
     * <p>
     * Providers: by default every provider on the class path is discovered when {@link #build()} runs; call
     * {@link #providers(ProviderRegistry)} to use a given registry instead, and {@link #provider(CalendarProvider)} to
     * add an instance to either.
     */
    public static final class Builder {
        private ProviderRegistry registry;
        private final List<CalendarProvider> extraProviders = new ArrayList<>();
        private TokenStore tokenStore;
        private HistoryStore historyStore;
        private ProfileStore profileStore = InMemoryProfileStore.create();
        private Clock clock = Clock.systemUTC();
        private final Map<String, ProviderSettings> settings = new LinkedHashMap<>();
        private BusyPolicy busyPolicy = BusyPolicy.defaults();
        private SessionDetails sessionDetails = SessionDetails.defaults();
        private Duration authorizationLifetime = PendingAuthorizations.DEFAULT_LIFETIME;
        private Executor readExecutor;
        private int readsPerHost = ReadLimits.DEFAULT_PER_HOST;
        private int readsPerProvider = ReadLimits.DEFAULT_PER_PROVIDER;
        private Duration readDeadline = ReadLimits.DEFAULT_DEADLINE;
        private PartialReadPolicy partialReadPolicy = PartialReadPolicy.defaults();

        private Builder() {
        }

        /**
         * Discovers the providers on the class path with {@link ProviderRegistry#discover()} (the default).
         *
         * @return this
         */
        public Builder discoverProviders() {
            this.registry = null;
            return this;
        }

        /**
         * Uses the providers of a registry instead of discovering them.
         *
         * @param registry  the providers, not null
         * @return this
         */
        public Builder providers(ProviderRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Adds a provider instance beside the discovered (or given) ones.
         *
         * @param provider  the provider, not null
         * @return this
         */
        public Builder provider(CalendarProvider provider) {
            extraProviders.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Sets where OAuth grants are kept (required). Use an encrypted persistent store in production;
         * {@code InMemoryTokenStore} keeps them until the JVM exits.
         *
         * @param tokenStore  the store, not null
         * @return this
         */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
            return this;
        }

        /**
         * Sets where session histories are kept (required).
         *
         * @param historyStore  the store, not null
         * @return this
         */
        public Builder historyStore(HistoryStore historyStore) {
            this.historyStore = Objects.requireNonNull(historyStore, "historyStore");
            return this;
        }

        /**
         * Sets where each person's settings are kept: connected accounts and their non-secret settings, the calendars
         * read and written, work hours and study preferences (default: {@code InMemoryProfileStore}, which forgets
         * them when the JVM exits). With a persistent store (the JSON store of {@code tracker-calendar-storage-json},
         * or PostgreSQL) a restarted host finds every person set up as before.
         *
         * @param profileStore  the store, not null
         * @return this
         */
        public Builder profileStore(ProfileStore profileStore) {
            this.profileStore = Objects.requireNonNull(profileStore, "profileStore");
            return this;
        }

        /**
         * Sets the clock (default: the UTC system clock). Tests and demos pass a fixed clock.
         *
         * @param clock  the clock, not null
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the settings of one provider: its OAuth client, redirect URI, API base URL, retries (default:
         * {@link ProviderSettings#defaults()}).
         *
         * @param providerId  the provider id, not null
         * @param providerSettings  the settings, not null
         * @return this
         */
        public Builder settings(String providerId, ProviderSettings providerSettings) {
            settings.put(Objects.requireNonNull(providerId, "providerId"),
                    Objects.requireNonNull(providerSettings, "providerSettings"));
            return this;
        }

        /**
         * Sets which events block study time (default: {@link BusyPolicy#defaults()}).
         *
         * @param busyPolicy  the policy, not null
         * @return this
         */
        public Builder busyPolicy(BusyPolicy busyPolicy) {
            this.busyPolicy = Objects.requireNonNull(busyPolicy, "busyPolicy");
            return this;
        }

        /**
         * Sets the title and description of the study-session events (default: "Study Session", no description). A
         * session of a named goal is titled by {@link SessionDetails#goalTitle()} (default "Study Session: " and the
         * goal's id; {@code SessionDetails.titled("Study").withGoalTitle("{goal}")} titles it by the goal alone).
         *
         * @param sessionDetails  the details, not null
         * @return this
         */
        public Builder sessionDetails(SessionDetails sessionDetails) {
            this.sessionDetails = Objects.requireNonNull(sessionDetails, "sessionDetails");
            return this;
        }

        /**
         * Sets how long a person has to complete an OAuth authorization (default ten minutes).
         *
         * @param lifetime  the lifetime, positive, not null
         * @return this
         */
        public Builder authorizationLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("authorizationLifetime must be positive, but was " + lifetime);
            }
            this.authorizationLifetime = lifetime;
            return this;
        }

        /**
         * Sets the executor that reads accounts' busy time, one task per account, all of a person's accounts at once
         * (default: a pool of daemon threads of the tracker's own, as large as the host's read limit, stopped by
         * {@link StudyTracker#close()}). A host's executor is never shut down by the tracker. It must run tasks on
         * other threads than the caller's, as many at once as {@link #readConcurrency} allows, or reads wait for it
         * until the {@link #readDeadline read deadline}.
         *
         * @param executor  the executor, not null
         * @return this
         */
        public Builder readExecutor(Executor executor) {
            this.readExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Bounds how many account reads run at once: over the whole tracker (every person, every provider; default
         * 32) and per provider (default 8),
         * so that a host with many users neither floods one service nor runs out of threads. A read that waits for a
         * slot longer than the read deadline fails (and is handled by the {@link #partialReads partial-read policy}).
         *
         * @param perHost  reads at once over the tracker, positive
         * @param perProvider  reads at once per provider, positive
         * @return this
         * @throws IllegalArgumentException if a limit is not positive
         */
        public Builder readConcurrency(int perHost, int perProvider) {
            if (perHost < 1 || perProvider < 1) {
                throw new IllegalArgumentException("readConcurrency limits must be positive, but were perHost="
                        + perHost + ", perProvider=" + perProvider);
            }
            this.readsPerHost = perHost;
            this.readsPerProvider = perProvider;
            return this;
        }

        /**
         * Sets the total time one read of a person's busy time may take, all accounts at once, waiting for a slot
         * included (default 6 seconds). An account not read by then counts as failed, even if its provider ignores
         * its own {@link ProviderSettings#readDeadline()} (which should be shorter, so the provider's typed error is
         * the one reported).
         *
         * @param deadline  the deadline, positive, not null
         * @return this
         * @throws IllegalArgumentException if it is zero or negative
         */
        public Builder readDeadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("readDeadline must be positive, but was " + deadline);
            }
            this.readDeadline = deadline;
            return this;
        }

        /**
         * Sets what to do when some of a person's accounts cannot be read (default:
         * {@link PartialReadPolicy#defaults()}, plan on snapshots up to 24 hours old, else refuse).
         *
         * @param policy  the policy, not null
         * @return this
         */
        public Builder partialReads(PartialReadPolicy policy) {
            this.partialReadPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Builds the tracker, discovering providers if no registry was given.
         *
         * @return the tracker, not null
         * @throws IllegalStateException if the token store or the history store is missing (the message names it)
         * @throws ProviderNotFoundException if settings were given for a provider that is not known
         * @throws DuplicateProviderException if two providers have one id
         */
        public StudyTracker build() {
            if (tokenStore == null) {
                throw new IllegalStateException("tokenStore is missing: call tokenStore(...) with an encrypted store "
                        + "(or InMemoryTokenStore.create() when nothing needs to survive a restart)");
            }
            if (historyStore == null) {
                throw new IllegalStateException("historyStore is missing: call historyStore(...) with a persistent store "
                        + "(or InMemoryHistoryStore.create() when nothing needs to survive a restart)");
            }
            ProviderRegistry providers = registry != null ? registry : ProviderRegistry.discover();
            for (CalendarProvider p : extraProviders) {
                providers = providers.with(p);
            }
            for (Map.Entry<String, ProviderSettings> e : settings.entrySet()) {
                PropertyNames.check(providers.get(e.getKey()), e.getValue());
            }
            return new StudyTracker(this, providers);
        }
    }
}
