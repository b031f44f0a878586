package dev.personaltracker.calendar;

import static dev.personaltracker.calendar.BuilderChecks.atLeastOne;
import static dev.personaltracker.calendar.BuilderChecks.nonBlank;
import static dev.personaltracker.calendar.BuilderChecks.positive;

import dev.personaltracker.calendar.memory.InMemoryLeaseStore;
import dev.personaltracker.calendar.spi.LeaseStore;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every user's study sessions clear of new busy time without the host calling {@code reconcile}: a host starts
 * one per {@link StudyTracker} and closes it when it shuts down.
 * <pre>{@code
 * BackgroundReconciler background = BackgroundReconciler.builder(tracker)
 *         .listener(outcome -> notifyPerson(outcome))      // moved, dropped, settled, failed with reason
 *         .leaseStore(postgresStores.leaseStore())          // when several host instances share a database
 *         .build();
 * background.start();
 * ...
 * background.close();                                      // waits for the run in progress, up to 30 s
 * }</pre>
 * <b>Who and when.</b> The users are those with a scheduled session in the coming {@link Builder#horizon weeks}
 * (asked of the {@link dev.personaltracker.calendar.spi.HistoryStore} once per interval). Each is reconciled once per
 * {@link Builder#interval interval} (default 15 minutes), at a fixed offset inside it drawn from the user id, so that
 * the work spreads over the interval instead of bursting at its start; and at once when {@link #notifyChanged} reports
 * a change (the {@link NotificationHandler} calls it for push notifications). Notifications that arrive while a run
 * for the user is queued are absorbed into it.
 * <p>
 * <b>Cheap.</b> A user whose calendars all have live push channels ({@link Builder#pushChannels}) is skipped at their
 * polling time unless a notification marked them changed; they are still polled every
 * {@link Builder#fullPollEvery} (default 6 hours) in case a notification was lost. For polled users, the providers'
 * sync tokens make an unchanged calendar cost one request. At most {@link Builder#maxConcurrentPerProvider} runs use
 * one provider at once; a user whose provider is busy waits for the next tick.
 * <p>
 * <b>Failures.</b> A failing user never stops the others. A user whose provider is throttled (429) or unavailable
 * (503) backs off, for as long as the service asked or exponentially from one minute up to an hour, without holding a
 * worker; the exceptions do not name the account, so all of that user's accounts wait together, and other users go
 * on. A user whose grant needs re-authorization is reported once and then retried only every {@code fullPollEvery}
 * (silently) until a run succeeds or the host calls {@link #resume(String)}.
 * <p>
 * <b>Several host instances.</b> Before a run the reconciler takes the user's lease in its {@link LeaseStore}
 * (default: in memory, which only guards one JVM); give every instance the same shared store (PostgreSQL) and a user
 * is never reconciled by two instances at once. Without a shared store, run one background reconciler per database.
 * <p>
 * This class is thread-safe.
 */
public final class BackgroundReconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundReconciler.class);

    private final Clock clock;
    private final Duration interval;
    private final Duration tickEvery;
    private final Optional<PushChannels> push;
    private final UserRoster roster;
    private final UserRun runs;
    private final ReconcileWorkers workers;
    private volatile boolean closed;
    /** the thread of {@link #start()}, guarded by this object's monitor */
    private TickThread ticks;

    private BackgroundReconciler(Builder b) {
        this.clock = b.clock;
        this.interval = b.interval;
        this.tickEvery = b.tickEvery.orElseGet(() -> b.interval.dividedBy(15));
        this.push = b.push;
        Predicate<String> pushCovered = b.push.<Predicate<String>>map(p -> p::covers).orElse(b.covered);
        this.roster = new UserRoster(b.users, b.interval, tickEvery, b.horizon, b.fullPollEvery, pushCovered);
        this.runs = new UserRun(b.target, b.clock, roster, new ProviderPermits(b.maxPerProvider),
                new UserLease(b.leases, b.owner, b.leaseTtl),
                new RunOutcomes(b.clock, b.listener, b.interval, b.fullPollEvery), () -> closed);
        this.workers = b.executor == null ? ReconcileWorkers.ownPool(b.workers) : ReconcileWorkers.on(b.executor);
    }

    /**
     * Obtains a builder that reconciles the users of a tracker, with the tracker's clock and history store.
     *
     * @param tracker  the tracker, not null
     * @return a new builder, not null
     */
    public static Builder builder(StudyTracker tracker) {
        Objects.requireNonNull(tracker, "tracker");
        return new Builder(ReconcileTarget.of(tracker), tracker.clock(),
                range -> tracker.historyStore().usersWithScheduledSessions(range));
    }

    /**
     * Obtains a builder for another target (a host's wrapper of the tracker, or a load test's fake).
     *
     * @param target  what to reconcile, not null
     * @param clock  the clock, not null
     * @param users  the users with scheduled sessions in a range, not null
     * @return a new builder, not null
     */
    public static Builder builder(ReconcileTarget target, Clock clock, Function<Interval, Collection<String>> users) {
        return new Builder(Objects.requireNonNull(target, "target"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(users, "users"));
    }

    /**
     * Starts ticking on a daemon thread every {@code interval / 15} (one minute by default). Hosts with a scheduler of
     * their own call {@link #tick()} from it instead.
     *
     * @return this
     * @throws IllegalStateException if already started or closed
     */
    public synchronized BackgroundReconciler start() {
        if (closed || ticks != null) {
            throw new IllegalStateException("this BackgroundReconciler is " + (closed ? "closed" : "already started")
                    + "; build a new one per start");
        }
        ticks = TickThread.start(this::tick, tickEvery);
        return this;
    }

    /**
     * Does what is due now: renews push channels that expire soon, refreshes the list of users once per interval, and
     * hands every user whose time has come (or who changed) to the workers. Returns without waiting for the runs.
     *
     * @throws dev.personaltracker.calendar.spi.CalendarException if the list of users cannot be read (the users already
     *     known are still handed out)
     */
    public void tick() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        push.ifPresent(p -> p.maintain());
        RuntimeException listing = null;
        try {
            roster.refresh(now);
        } catch (RuntimeException e) {
            listing = e;
        }
        List<String> due = new ArrayList<>();
        roster.forEach((userId, s) -> {
            if (claimIfDue(userId, s, now)) {
                due.add(userId);
            }
        });
        due.forEach(this::dispatch);
        if (listing != null) {
            throw listing;
        }
    }

    /**
     * Reports that one of a user's calendars changed: the user is reconciled at once (unless they are backing off or
     * need re-authorization). Further reports before that run starts are absorbed into it; a report during the run
     * makes the next tick run again.
     *
     * @param userId  the user, not blank
     * @return true if a run was queued by this call
     */
    public boolean notifyChanged(String userId) {
        UserIds.require(userId);
        if (closed) {
            return false;
        }
        Instant now = clock.instant();
        UserSchedule s = roster.schedule(userId, now);
        if (!s.changed()) {
            return false;
        }
        if (claimIfDue(userId, s, now)) {
            dispatch(userId);
            return true;
        }
        return false;
    }

    /**
     * Takes a user out of back-off and out of "needs re-authorization" (for example after they connected again), and
     * reconciles them at the next tick.
     *
     * @param userId  the user, not blank
     */
    public void resume(String userId) {
        UserIds.require(userId);
        roster.schedule(userId, clock.instant()).resume();
    }

    /**
     * Stops ticking, waits up to 30 seconds for the runs in progress, and stops the workers.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Stops ticking and taking notifications, waits up to a deadline for the runs in progress to end, then stops the
     * workers (interrupting runs still going if the deadline passed). Queued runs that have not started are dropped.
     *
     * @param deadline  how long to wait, not negative, not null
     * @return true if no run was in progress any more when it returned
     */
    public boolean close(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        closed = true;
        synchronized (this) {
            if (ticks != null) {
                ticks.stop();
            }
        }
        boolean done = workers.awaitIdle(deadline);
        workers.shutdown(done);
        if (!done) {
            LOG.warn("Background reconciler closed with {} run(s) still in progress after {}", workers.inFlight(),
                    deadline);
        }
        return done;
    }

    /** @return the interval, the number of users known and the runs in progress */
    @Override
    public String toString() {
        return "BackgroundReconciler[interval=" + interval + ", users=" + roster.size() + ", inFlight="
                + workers.inFlight() + (closed ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------ internals

    /** Marks a user queued if a run is due now and the reconciler is open; the caller then dispatches it. */
    private boolean claimIfDue(String userId, UserSchedule s, Instant now) {
        return !closed && roster.claimIfDue(userId, s, now);
    }

    private void dispatch(String userId) {
        workers.execute(() -> runs.run(userId), () -> roster.find(userId).ifPresent(UserSchedule::rejected));
    }

    /**
     * A mutable, single-thread builder of {@link BackgroundReconciler}.
     */
    public static final class Builder {
        private final ReconcileTarget target;
        private final Clock clock;
        private final Function<Interval, Collection<String>> users;
        private Duration interval = Duration.ofMinutes(15);
        private Optional<Duration> tickEvery = Optional.empty();
        private Duration horizon = Duration.ofDays(21);
        private Duration fullPollEvery = Duration.ofHours(6);
        private Duration leaseTtl = Duration.ofMinutes(10);
        private ReconcileListener listener = o -> { };
        private LeaseStore leases = InMemoryLeaseStore.create();
        private String owner = UUID.randomUUID().toString();
        private int maxPerProvider = 4;
        private int workers = 4;
        private Executor executor;
        private Optional<PushChannels> push = Optional.empty();
        private Predicate<String> covered = u -> false;

        private Builder(ReconcileTarget target, Clock clock, Function<Interval, Collection<String>> users) {
            this.target = target;
            this.clock = clock;
            this.users = users;
        }

        /**
         * Sets how often each user is polled (default 15 minutes).
         *
         * @param interval  the interval, at least one second, not null
         * @return this
         */
        public Builder interval(Duration interval) {
            if (positive(interval, "interval").compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("interval must be at least one second, but was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * Sets how often {@link #start()}'s thread ticks (default: the interval / 15).
         *
         * @param tickEvery  the tick period, positive, not null
         * @return this
         */
        public Builder tickEvery(Duration tickEvery) {
            this.tickEvery = Optional.of(positive(tickEvery, "tickEvery"));
            return this;
        }

        /**
         * Sets how far ahead sessions are kept clear (default 21 days): the reconcile window is {@code [now, now +
         * horizon)}, and users with a scheduled session in it are reconciled.
         *
         * @param horizon  the horizon, positive, not null
         * @return this
         */
        public Builder horizon(Duration horizon) {
            this.horizon = positive(horizon, "horizon");
            return this;
        }

        /**
         * Sets how often a user covered by push channels is polled anyway (default 6 hours), in case a notification
         * was lost; also how often a user who needs re-authorization is retried.
         *
         * @param fullPollEvery  the period, positive, not null
         * @return this
         */
        public Builder fullPollEvery(Duration fullPollEvery) {
            this.fullPollEvery = positive(fullPollEvery, "fullPollEvery");
            return this;
        }

        /**
         * Sets the listener of each user's outcome (default: none).
         *
         * @param listener  the listener, not null
         * @return this
         */
        public Builder listener(ReconcileListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the store of per-user leases (default: in memory). Host instances sharing a database share its lease
         * store, so that no two of them reconcile one user at once.
         *
         * @param leases  the store, not null
         * @param ttl  how long a lease holds if this instance dies mid-run (default 10 minutes), positive, not null
         * @return this
         */
        public Builder leaseStore(LeaseStore leases, Duration ttl) {
            this.leases = Objects.requireNonNull(leases, "leases");
            this.leaseTtl = positive(ttl, "ttl");
            return this;
        }

        /**
         * Sets the store of per-user leases, with leases of 10 minutes.
         *
         * @param leases  the store, not null
         * @return this
         */
        public Builder leaseStore(LeaseStore leases) {
            return leaseStore(leases, leaseTtl);
        }

        /**
         * Sets this instance's name in the lease store (default: a random UUID).
         *
         * @param owner  the name, not blank
         * @return this
         */
        public Builder owner(String owner) {
            this.owner = nonBlank(owner, "owner");
            return this;
        }

        /**
         * Sets how many runs may use one provider at once (default 4).
         *
         * @param max  at least 1
         * @return this
         */
        public Builder maxConcurrentPerProvider(int max) {
            this.maxPerProvider = atLeastOne(max, "maxConcurrentPerProvider");
            return this;
        }

        /**
         * Sets how many worker threads run reconciles (default 4); ignored when {@link #executor} is given.
         *
         * @param workers  at least 1
         * @return this
         */
        public Builder workers(int workers) {
            this.workers = atLeastOne(workers, "workers");
            return this;
        }

        /**
         * Runs reconciles on the host's executor instead of an own pool (the host then shuts it down).
         *
         * @param executor  the executor, not null
         * @return this
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Uses push channels: users whose calendars all have live channels are skipped at polling time unless a
         * notification came, and every tick renews the channels that expire soon.
         *
         * @param channels  the channels, not null
         * @return this
         */
        public Builder pushChannels(PushChannels channels) {
            this.push = Optional.of(Objects.requireNonNull(channels, "channels"));
            return this;
        }

        /**
         * Says which users are covered by push channels the host manages itself (instead of {@link #pushChannels}):
         * they are skipped at polling time unless {@link BackgroundReconciler#notifyChanged} marked them changed.
         *
         * @param covered  true for a user whose every calendar has a live channel, not null
         * @return this
         */
        public Builder coveredByPush(Predicate<String> covered) {
            this.covered = Objects.requireNonNull(covered, "covered");
            return this;
        }

        /**
         * Builds the reconciler; call {@link BackgroundReconciler#start()} to start it.
         *
         * @return the reconciler, not null
         */
        public BackgroundReconciler build() {
            return new BackgroundReconciler(this);
        }
    }
}
