package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendars.item.CalendarItemRequestBuilder;
import com.microsoft.graph.users.item.calendars.item.calendarview.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.calendars.item.calendarview.delta.DeltaRequestBuilder;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestHeaders;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the events of an account's calendars, each with {@code calendarView} or {@code calendarView/delta}.
 * <p>
 * Several calendars are read at once, at most {@link OutlookSettings#concurrency()} at a time (Graph allows four
 * concurrent requests per mailbox); the requests of one calendar stay in order (its pages, its delta link), and two
 * reads of one calendar never overlap. Every calendar's read ends within the operation's {@link ReadDeadline}.
 * <p>
 * A delta round is started for a window a little wider than asked (whole UTC days, plus a day on either side), so a
 * later read of the same window padded by a buffer is still inside it and costs one request.
 */
final class BusyReads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BusyReads.class);
    private static final DateTimeFormatter ISO_UTC = DateTimeFormatter.ISO_INSTANT;
    /** How far a delta round's window reaches beyond the whole days of the window asked for. */
    static final Duration SYNC_MARGIN = Duration.ofDays(1);

    private final GraphServiceClient graph;
    private final GraphCalls calls;
    private final OutlookSettings settings;
    private final SyncStateStore syncStore;
    private final Supplier<TokenKey> syncKey;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    /** When this connection last brought each calendar's delta state up to date, for {@link #stored}. */
    private final Map<String, Instant> lastSynced = new ConcurrentHashMap<>();

    BusyReads(GraphServiceClient graph, GraphCalls calls, OutlookSettings settings, SyncStateStore syncStore,
              Supplier<TokenKey> syncKey) {
        this.graph = graph;
        this.calls = calls;
        this.settings = settings;
        this.syncStore = syncStore;
        this.syncKey = syncKey;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "outlook-read-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Reads the events of each calendar that overlap {@code window}, in the order of {@code calendarIds}; must run
     * inside an operation's {@link ReadDeadline}.
     *
     * @return per calendar, the events by id (the library's own sessions left out)
     */
    Map<String, Map<String, DeltaState.Cached>> read(List<String> calendarIds, Interval window) {
        ReadDeadline deadline = ReadDeadline.current().orElseThrow();
        Map<String, Map<String, DeltaState.Cached>> out = new LinkedHashMap<>();
        if (calendarIds.size() == 1) {
            out.put(calendarIds.get(0), readOne(calendarIds.get(0), window));
            return out;
        }
        List<Future<Map<String, DeltaState.Cached>>> running = new ArrayList<>();
        for (String id : calendarIds) {
            running.add(pool.submit(() -> deadline.run(() -> readOne(id, window))));
        }
        try {
            for (int i = 0; i < calendarIds.size(); i++) {
                out.put(calendarIds.get(i), await(running.get(i), calendarIds.get(i), deadline));
            }
            return out;
        } finally {
            running.forEach(f -> f.cancel(true));
        }
    }

    private static Map<String, DeltaState.Cached> await(Future<Map<String, DeltaState.Cached>> future,
                                                        String calendarId, ReadDeadline deadline) {
        try {
            // Each read ends by the deadline itself; the extra second only covers handing the result over.
            return future.get(deadline.remaining().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CalendarException c) {
                throw c;
            }
            throw new UnexpectedResponseException("Reading calendar '" + calendarId + "' failed: " + cause, cause);
        } catch (TimeoutException | CancellationException e) {
            throw new ProviderUnavailableException("Microsoft Graph did not finish reading calendar '" + calendarId
                    + "' within the read deadline of " + deadline.budget().toMillis() + " ms "
                    + "(ProviderSettings.readDeadline): try again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while reading calendar '" + calendarId + "'", e);
        }
    }

    private Map<String, DeltaState.Cached> readOne(String calendarId, Interval window) {
        ReentrantLock lock = locks.computeIfAbsent(calendarId, id -> new ReentrantLock());
        ReadDeadline deadline = ReadDeadline.current().orElseThrow();
        try {
            if (!lock.tryLock(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProviderUnavailableException("Another read of calendar '" + calendarId + "' did not end "
                        + "within the read deadline of " + deadline.budget().toMillis() + " ms: try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting to read calendar '" + calendarId + "'", e);
        }
        try {
            return settings.delta() ? deltaRead(calendarId, window) : fullRead(calendarId, window);
        } finally {
            lock.unlock();
        }
    }

    private Map<String, DeltaState.Cached> fullRead(String calendarId, Interval window) {
        String request = "GET calendarView of calendar '" + calendarId + "'";
        Map<String, DeltaState.Cached> events = new LinkedHashMap<>();
        EventCollectionResponse page = calls.read(request, () -> calendar(calendarId).calendarView().get(rc -> {
            rc.queryParameters.startDateTime = ISO_UTC.format(window.start());
            rc.queryParameters.endDateTime = ISO_UTC.format(window.end());
            rc.queryParameters.select = GraphEvents.SELECT;
            rc.queryParameters.expand = new String[] {GraphEvents.tagExpand()};
            rc.queryParameters.top = settings.pageSize();
            prefer(rc.headers);
        }));
        while (true) {
            for (Event e : GraphCalls.items(page.getValue(), request)) {
                remember(events, e, calendarId, request);
            }
            String next = page.getOdataNextLink();
            if (next == null) {
                return events;
            }
            page = calls.read(request, () -> calendar(calendarId).calendarView().withUrl(next)
                    .get(rc -> prefer(rc.headers)));
        }
    }

    /** @return the window a new delta round is started for: whole UTC days around {@code window}, plus the margin */
    static Interval syncWindow(Interval window) {
        Instant from = window.start().truncatedTo(ChronoUnit.DAYS).minus(SYNC_MARGIN);
        Instant endDay = window.end().truncatedTo(ChronoUnit.DAYS);
        Instant to = (endDay.equals(window.end()) ? endDay : endDay.plus(Duration.ofDays(1))).plus(SYNC_MARGIN);
        return Interval.of(from, to);
    }

    /**
     * Gives the events of each calendar as last synced, from the stored delta state, without a request: only when
     * delta sync is on and every calendar's stored round encloses the window. The time of the oldest calendar's last
     * sync is known for calendars this connection synced, else unavailable (the stored state does not say).
     *
     * @return the events per calendar and the oldest sync time (empty if unknown); empty if a calendar has no state
     */
    Optional<Stored> stored(List<String> calendarIds, Interval window) {
        if (!settings.delta()) {
            return Optional.empty();
        }
        TokenKey key = syncKey.get();
        Map<String, Map<String, DeltaState.Cached>> out = new LinkedHashMap<>();
        Optional<Instant> oldest = Optional.of(Instant.MAX);
        for (String id : calendarIds) {
            Optional<String> link = syncStore.load(key, DeltaState.linkKey(id));
            Optional<DeltaState> state = DeltaState.decode(syncStore.load(key, id), link)
                    .filter(s -> s.window().encloses(window));
            if (state.isEmpty()) {
                return Optional.empty();
            }
            out.put(id, state.get().events());
            // synced by this connection: exactly when; else (after a restart) when the state was last written, which
            // is no later than the last sync, so the age given is never younger than the truth
            Instant at = lastSynced.containsKey(id) ? lastSynced.get(id) : DeltaState.savedAt(link).orElse(null);
            oldest = at == null ? Optional.empty() : oldest.map(o -> at.isBefore(o) ? at : o);
        }
        return Optional.of(new Stored(out, oldest.filter(o -> !o.equals(Instant.MAX))));
    }

    /** The events of calendars as last synced, and when the oldest of them was synced (empty if unknown). */
    record Stored(Map<String, Map<String, DeltaState.Cached>> events, Optional<Instant> syncedAt) {
    }

    private Map<String, DeltaState.Cached> deltaRead(String calendarId, Interval window) {
        Map<String, DeltaState.Cached> events = syncedDeltaRead(calendarId, window);
        lastSynced.put(calendarId, settings.raw().clock().instant());
        return events;
    }

    private Map<String, DeltaState.Cached> syncedDeltaRead(String calendarId, Interval window) {
        TokenKey key = syncKey.get();
        Optional<DeltaState> state = DeltaState.decode(syncStore.load(key, calendarId),
                        syncStore.load(key, DeltaState.linkKey(calendarId)))
                .filter(s -> s.window().encloses(window));
        if (state.isPresent()) {
            try {
                return deltaRound(calendarId, key, state.get().window(), Optional.of(state.get()));
            } catch (SyncStateExpired e) {
                LOG.info("Delta link of calendar '{}' expired ({}); reading it in full", calendarId, e.getMessage());
                syncStore.delete(key, DeltaState.linkKey(calendarId));
                syncStore.delete(key, calendarId);
            }
        }
        try {
            return deltaRound(calendarId, key, syncWindow(window), Optional.empty());
        } catch (SyncStateExpired e) {
            throw new UnexpectedResponseException("Microsoft Graph refused a fresh calendarView/delta round of "
                    + "calendar '" + calendarId + "' as expired (" + e.getMessage() + ")");
        }
    }

    /** Follows one delta round to its deltaLink: from the stored state's link, or from the start. */
    private Map<String, DeltaState.Cached> deltaRound(String calendarId, TokenKey key, Interval window,
                                                     Optional<DeltaState> from) {
        String request = "GET calendarView/delta of calendar '" + calendarId + "'";
        DeltaRequestBuilder delta = calendar(calendarId).calendarView().delta();
        Map<String, DeltaState.Cached> events = new LinkedHashMap<>(from.map(DeltaState::events).orElse(Map.of()));
        DeltaGetResponse page = from.isPresent()
                ? deltaCall(request, () -> delta.withUrl(from.get().deltaLink()).get(rc -> prefer(rc.headers)))
                : deltaCall(request, () -> delta.get(rc -> {
                    rc.queryParameters.startDateTime = ISO_UTC.format(window.start());
                    rc.queryParameters.endDateTime = ISO_UTC.format(window.end());
                    prefer(rc.headers);
                }));
        boolean changed = from.isEmpty();
        // series masters of this round by id (empty: the series is gone), for the occurrences delta sends bare
        Map<String, Optional<Event>> masters = new HashMap<>();
        SeriesSent series = new SeriesSent();
        while (true) {
            List<Event> items = GraphCalls.items(page.getValue(), request);
            for (Event e : items) {
                if (GraphEvents.isSeriesMaster(e) && e.getId() != null && !GraphEvents.isRemoved(e)) {
                    masters.put(e.getId(), Optional.of(e));
                    series.masters.add(e.getId());
                }
            }
            for (Event e : items) {
                String id = requireId(e, request);
                if (GraphEvents.isRemoved(e)) {
                    series.removed.add(id);
                    changed |= events.remove(id) != null;
                    continue;
                }
                if (GraphEvents.needsSeriesMaster(e)) {
                    Optional<Event> master = masters.computeIfAbsent(e.getSeriesMasterId(),
                            m -> seriesMaster(calendarId, m));
                    if (master.isPresent()) {
                        GraphEvents.inheritFrom(e, master.get());
                        changed |= remember(events, e, calendarId, request);
                    } else {
                        changed |= events.remove(id) != null;
                    }
                } else {
                    changed |= remember(events, e, calendarId, request);
                }
                series.sent.add(id);
                if (e.getSeriesMasterId() != null) {
                    series.withInstances.add(e.getSeriesMasterId());
                }
            }
            if (page.getOdataNextLink() != null) {
                String next = page.getOdataNextLink();
                page = deltaCall(request, () -> delta.withUrl(next).get(rc -> prefer(rc.headers)));
            } else if (page.getOdataDeltaLink() != null) {
                changed |= series.dropUnsent(events);
                save(calendarId, key, window, page.getOdataDeltaLink(), events, changed, from);
                return events;
            } else {
                throw new UnexpectedResponseException("Microsoft Graph ended " + request
                        + " with neither @odata.nextLink nor @odata.deltaLink");
            }
        }
    }

    /**
     * The recurring series a delta round touched. Graph sends a changed series whole (master, occurrences and
     * exceptions, never split over pages) and gives no {@code @removed} for an occurrence that was deleted or moved
     * away with its series (microsoft-graph-docs PR #4501, issue #5520): a remembered occurrence of a series sent
     * again with its instances, but not itself sent, is gone; so are those of a series master that was removed. A
     * master sent without any instance drops nothing: a missed deletion keeps time busy, a wrong one would free it.
     */
    private static final class SeriesSent {
        final Set<String> masters = new HashSet<>();
        final Set<String> withInstances = new HashSet<>();
        final Set<String> removed = new HashSet<>();
        final Set<String> sent = new HashSet<>();

        /** @return true if a remembered event was dropped */
        boolean dropUnsent(Map<String, DeltaState.Cached> events) {
            return events.entrySet().removeIf(en -> en.getValue().series().filter(s -> removed.contains(s)
                    || (masters.contains(s) && withInstances.contains(s) && !sent.contains(en.getKey())))
                    .isPresent());
        }
    }

    /**
     * Reads the series master of occurrences whose master a delta round did not send (a series that began before
     * the round's window): the occurrences carry nothing else that says whether they block.
     *
     * @return the master, empty if it is gone (then so are its occurrences)
     */
    private Optional<Event> seriesMaster(String calendarId, String masterId) {
        String request = "GET series master '" + masterId + "' of calendar '" + calendarId + "'";
        return calls.retrying(request, () -> {
            try {
                return Optional.of(calls.attempt(request, () -> calendar(calendarId).events().byEventId(masterId)
                        .get(rc -> {
                            rc.queryParameters.select = GraphEvents.SERIES_SELECT;
                            OutlookConnection.preferUtc(rc.headers);
                        })));
            } catch (ApiException e) {
                if (e.getResponseStatusCode() == 404 || e.getResponseStatusCode() == 410) {
                    LOG.debug("Series master '{}' of calendar '{}' is gone; its occurrences are not busy", masterId,
                            calendarId);
                    return Optional.<Event>empty();
                }
                throw calls.translate(e, request);
            }
        });
    }

    /** Writes the snapshot only when an event changed, the link only when it changed. */
    private void save(String calendarId, TokenKey key, Interval window, String link,
                      Map<String, DeltaState.Cached> events, boolean changed, Optional<DeltaState> from) {
        if (changed) {
            DeltaState state = DeltaState.fresh(window, link, events);
            syncStore.save(key, calendarId, state.encodeSnapshot());
            syncStore.save(key, DeltaState.linkKey(calendarId), state.encodeLink(settings.raw().clock().instant()));
        } else if (!from.orElseThrow().deltaLink().equals(link)) {
            DeltaState state = new DeltaState(window, link, events, from.get().generation());
            syncStore.save(key, DeltaState.linkKey(calendarId), state.encodeLink(settings.raw().clock().instant()));
        }
    }

    /** @return true if the remembered events changed */
    private boolean remember(Map<String, DeltaState.Cached> events, Event e, String calendarId, String request) {
        String id = requireId(e, request);
        if (GraphEvents.isSeriesMaster(e)) {
            return false; // the occurrences come separately; the master's own times are the first occurrence's
        }
        if (GraphEvents.ownKey(e).isPresent()) {
            return events.remove(id) != null; // the library's own sessions never count as busy time
        }
        Optional<Interval> interval;
        try {
            interval = GraphEvents.interval(e, settings.allDayZone(), settings.knowsUserZone());
        } catch (IllegalArgumentException bad) {
            throw new UnexpectedResponseException("Microsoft Graph sent event '" + id + "' of calendar '"
                    + calendarId + "' in " + request + " with a bad time: " + bad.getMessage(), bad);
        }
        if (interval.isEmpty()) {
            return events.remove(id) != null;
        }
        DeltaState.Cached cached = new DeltaState.Cached(interval.get(), GraphEvents.facts(e),
                Optional.ofNullable(e.getSubject()), Optional.ofNullable(e.getSeriesMasterId()).filter(s -> !s.isBlank()));
        return !cached.equals(events.put(id, cached));
    }

    private static String requireId(Event e, String request) {
        if (e.getId() == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent an event without id in " + request);
        }
        return e.getId();
    }

    private <T> T deltaCall(String request, Supplier<T> call) {
        return calls.retrying(request, () -> {
            try {
                return calls.attempt(request, call);
            } catch (ApiException e) {
                String code = GraphErrors.code(e);
                if (e.getResponseStatusCode() == 410 || code.equalsIgnoreCase("syncStateNotFound")
                        || code.equalsIgnoreCase("resyncRequired") || code.equalsIgnoreCase("syncStateInvalid")) {
                    throw new SyncStateExpired(e.getResponseStatusCode() + " " + code);
                }
                throw calls.translate(e, request);
            }
        });
    }

    /**
     * Every request of a read, first page and {@code @odata.nextLink}s alike, asks for UTC times and the page size
     * (calendarView takes {@code $top} as well, delta only the preference).
     */
    private void prefer(RequestHeaders headers) {
        OutlookConnection.preferUtc(headers);
        headers.add("Prefer", "odata.maxpagesize=" + settings.pageSize());
    }

    /** The delta link is no longer accepted: start again. */
    private static final class SyncStateExpired extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyncStateExpired(String message) {
            super(message, null, false, false);
        }
    }

    private CalendarItemRequestBuilder calendar(String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        return graph.me().calendars().byCalendarId(calendarId);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
