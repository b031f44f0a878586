package dev.personaltracker.calendar;

import dev.personaltracker.calendar.AccountRead.ReadFailure;
import dev.personaltracker.calendar.AccountRead.Snapshot;
import dev.personaltracker.calendar.AccountRead.Source;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySnapshot;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the busy time of all of a person's accounts at once: one task per account on the tracker's read executor,
 * within the tracker's {@link ReadLimits} (slots per host and per provider, a total deadline the caller never waits
 * past), every failure turned into a {@link CalendarException} subtype that names the provider and account, and
 * failed accounts handled by the host's {@link PartialReadPolicy}. Requests for one calendar stay in order: each
 * account is read by one task, and providers keep one calendar's requests in order.
 */
final class BusyReader {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);

    /** One account to read, with the calendars the person chose (empty for the account's default). */
    record Request(ConnectedAccount account, Optional<List<String>> chosen) {
    }

    /** The busy time of every account read (or taken from a snapshot) and how each was read. */
    record Result(List<BusyInterval> busy, ReadReport report) {
    }

    private final ReadLimits limits;
    private final PartialReadPolicy policy;
    private final BusyPolicy busyPolicy;
    private final java.time.Clock clock;
    private final String userId;

    BusyReader(StudyTracker tracker, String userId) {
        this(tracker.readLimits(), tracker.partialReadPolicy(), tracker.busyPolicy(), tracker.clock(), userId);
    }

    BusyReader(ReadLimits limits, PartialReadPolicy policy, BusyPolicy busyPolicy, java.time.Clock clock,
               String userId) {
        this.limits = limits;
        this.policy = policy;
        this.busyPolicy = busyPolicy;
        this.clock = clock;
        this.userId = userId;
    }

    /**
     * Reads every account's busy time in a window.
     *
     * @throws PartialReadException if an account failed and the policy does not allow planning without it
     */
    Result read(List<Request> requests, Interval window) {
        long deadline = System.nanoTime() + limits.deadline().toNanos();
        List<Pending> pending = new ArrayList<>();
        for (Request request : requests) {
            pending.add(start(request, window, deadline));
        }
        List<BusyInterval> busy = new ArrayList<>();
        List<AccountRead> reads = new ArrayList<>();
        boolean refuse = false;
        for (Pending p : pending) {
            AccountRef ref = p.request.account().ref();
            try {
                busy.addAll(p.await(deadline));
                reads.add(AccountRead.fresh(ref, p.calendars()));
                continue;
            } catch (CalendarException e) {
                LOG.warn("User '{}': busy time of {} could not be read: {}", userId, ref, e.toString());
                AccountRead fallback = fallback(p, window, new ReadFailure(e.getClass().getSimpleName(),
                        String.valueOf(e.getMessage())));
                reads.add(fallback);
                refuse |= fallback.source() == Source.UNKNOWN && !policy.plansOverUnknown();
                if (fallback.source() == Source.SNAPSHOT) {
                    busy.addAll(p.snapshot.get().busy());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.forEach(q -> q.task.cancel(true));
                throw new ProviderUnavailableException("Reading the busy time of user '" + userId
                        + "' was interrupted; nothing was planned");
            }
        }
        ReadReport report = new ReadReport(reads);
        if (refuse) {
            throw new PartialReadException(report);
        }
        return new Result(busy, report);
    }

    /** One account's read under way. */
    private final class Pending {
        final Request request;
        final FutureTask<List<BusyInterval>> task;
        final AtomicReference<List<String>> calendars = new AtomicReference<>();
        final AtomicReference<BusySnapshot> snapshot = new AtomicReference<>();
        /** Set when the executor refused the task. */
        CalendarException refused;

        Pending(Request request, Interval window, long deadline) {
            this.request = request;
            ConnectedAccount account = request.account();
            request.chosen().ifPresent(calendars::set);
            this.task = new FutureTask<>(() -> {
                Runnable release = limits.acquire(account.ref().providerId(), deadline);
                try {
                    List<String> ids = account.readCalendars(request.chosen());
                    calendars.set(ids);
                    return ids.isEmpty() ? List.of() : checked(account.connection().busy(ids, window, busyPolicy));
                } finally {
                    release.run();
                }
            });
        }

        List<String> calendars() {
            return Optional.ofNullable(calendars.get()).orElse(List.of());
        }

        List<BusyInterval> await(long deadline) throws InterruptedException {
            if (refused != null) {
                throw refused;
            }
            try {
                return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | CancellationException e) {
                task.cancel(true);
                throw new ProviderUnavailableException("Provider '" + ref().providerId() + "' did not answer for account "
                        + ref() + " within the read deadline of " + limits.deadline() + "; try again later (or raise "
                        + "StudyTracker.builder().readDeadline(...))");
            } catch (ExecutionException e) {
                throw typed(e.getCause());
            }
        }

        private AccountRef ref() {
            return request.account().ref();
        }

        private List<BusyInterval> checked(List<BusyInterval> busy) {
            if (busy == null || busy.stream().anyMatch(b -> b == null)) {
                throw new UnexpectedResponseException("Provider '" + ref().providerId() + "' returned "
                        + (busy == null ? "no list" : "a null busy interval") + " for account " + ref()
                        + "; this is a bug of the provider: report it to its authors");
            }
            return List.copyOf(busy);
        }

        private CalendarException typed(Throwable cause) {
            if (cause instanceof CalendarException e) {
                return e;
            }
            return new UnexpectedResponseException("Provider '" + ref().providerId() + "' failed unexpectedly while "
                    + "reading the busy time of account " + ref() + ": " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + "; try again later, and if it persists report it to the provider's authors", cause);
        }
    }

    private Pending start(Request request, Interval window, long deadline) {
        Pending p = new Pending(request, window, deadline);
        try {
            limits.executor().execute(p.task);
        } catch (RejectedExecutionException e) {
            p.refused = new ProviderUnavailableException("The read executor refused to read account "
                    + request.account().ref() + " (was it shut down?); give the tracker a running executor", e);
        }
        return p;
    }

    /** What to plan on for an account whose fresh read failed, as the policy says. */
    private AccountRead fallback(Pending p, Interval window, ReadFailure failure) {
        AccountRef ref = p.request.account().ref();
        Source unknown = Source.UNKNOWN;
        if (policy.maxSnapshotAge().isZero()) {
            return new AccountRead(ref, p.calendars(), unknown, Snapshot.NOT_ALLOWED, Optional.empty(), Optional.of(failure));
        }
        Optional<BusySnapshot> snapshot = Optional.empty();
        if (!p.calendars().isEmpty()) {
            try {
                snapshot = p.request.account().connection().lastKnownBusy(p.calendars(), window, busyPolicy);
            } catch (RuntimeException e) {
                LOG.warn("User '{}': the last synced busy time of {} could not be read either: {}", userId, ref,
                        e.toString());
            }
        }
        if (snapshot == null || snapshot.isEmpty()) {
            return new AccountRead(ref, p.calendars(), unknown, Snapshot.NONE, Optional.empty(), Optional.of(failure));
        }
        Optional<Duration> age = snapshot.get().syncedAt().map(at -> Duration.between(at, clock.instant()));
        Optional<Duration> shown = age.map(a -> a.isNegative() ? Duration.ZERO : a);
        if (age.isEmpty()) {
            return new AccountRead(ref, p.calendars(), unknown, Snapshot.AGE_UNAVAILABLE, shown, Optional.of(failure));
        }
        if (!policy.accepts(shown.get())) {
            return new AccountRead(ref, p.calendars(), unknown, Snapshot.TOO_OLD, shown, Optional.of(failure));
        }
        p.snapshot.set(snapshot.get());
        return new AccountRead(ref, p.calendars(), Source.SNAPSHOT, Snapshot.USED, shown, Optional.of(failure));
    }
}
