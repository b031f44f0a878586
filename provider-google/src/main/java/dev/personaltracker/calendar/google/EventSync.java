package dev.personaltracker.calendar.google;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the owned calendars of one account in sync with {@code events.list} and sync tokens, in the host's
 * {@link SyncStateStore} under the connection's key (user and account).
 * <p>
 * Thread-safe: requests for one calendar are serialised by that calendar's lock (its paging and sync token must stay
 * in order); different calendars are read in parallel. A read waits for a calendar's lock only until its deadline.
 */
final class EventSync {

    private static final Logger LOG = LoggerFactory.getLogger(EventSync.class);

    static final int MAX_RESULTS = 2500;
    static final String EVENT_FIELDS = "id,etag,status,summary,transparency,start,end,eventType,"
            + "attendees(self,organizer,responseStatus),extendedProperties";
    /** Keeps nextPageToken and nextSyncToken: without them paging and sync silently break. */
    static final String LIST_FIELDS = "items(" + EVENT_FIELDS + "),nextPageToken,nextSyncToken,timeZone";
    /**
     * How much earlier than asked a full sync starts (then rounded down to a UTC midnight): windows padded by the
     * study buffer, or moved back a little, stay inside the synced range and cost one request, not a full re-read.
     */
    static final Duration MARGIN = Duration.ofDays(1);

    private final Calendar api;
    private final GoogleCalls calls;
    private final JsonFactory json;
    private final SyncStateStore store;
    private final Supplier<TokenKey> key;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The last snapshot per calendar, with the stored text it matches, so an unchanged one is not decoded again. */
    private final ConcurrentMap<String, Decoded> decoded = new ConcurrentHashMap<>();
    /** Per calendar, when ({@link System#nanoTime()}) its snapshot in {@link #decoded} was last confirmed by Google. */
    private final ConcurrentMap<String, Long> confirmedAt = new ConcurrentHashMap<>();

    EventSync(Calendar api, GoogleCalls calls, JsonFactory json, SyncStateStore store, Supplier<TokenKey> key) {
        this.api = api;
        this.calls = calls;
        this.json = json;
        this.store = store;
        this.key = key;
    }

    /**
     * Brings a calendar's snapshot up to date: with the stored sync token when the snapshot covers {@code from} (one
     * request when nothing changed), else, or when Google answers {@code 410}, by a full sync from
     * {@link #syncStart(Instant)}. A full sync bounds only {@code timeMin} (as Google's own sync sample does), so its
     * sync token stays usable.
     */
    SyncSnapshot synced(String calendarId, Instant from, Deadline deadline) {
        ReentrantLock lock = locks.computeIfAbsent(calendarId, id -> new ReentrantLock());
        lockWithin(lock, calendarId, calls.remaining(deadline), deadline);
        try {
            long asked = System.nanoTime();
            SyncSnapshot snapshot = sync(calendarId, from, deadline);
            confirmedAt.put(calendarId, asked);
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives a calendar's stored snapshot as it is, without a request (for the last known busy time when Google cannot
     * be read). Does not wait for the calendar's lock: the stored state is always whole.
     */
    Optional<SyncSnapshot> stored(String calendarId) {
        return store.load(key.get(), calendarId).flatMap(text -> decode(calendarId, text));
    }

    /**
     * Gets a calendar's snapshot as last synced, if Google confirmed it within {@code maxAge} before this call
     * (measured from when that sync's first request was sent), without asking Google.
     */
    Optional<SyncSnapshot> confirmedWithin(String calendarId, Duration maxAge) {
        long asked = System.nanoTime();
        ReentrantLock lock = locks.computeIfAbsent(calendarId, id -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Optional.empty();   // a sync is under way: its state is not settled yet
        }
        try {
            Long at = confirmedAt.get(calendarId);
            Decoded last = decoded.get(calendarId);
            if (at == null || last == null || asked - at > maxAge.toNanos()) {
                return Optional.empty();
            }
            return Optional.of(last.snapshot());
        } finally {
            lock.unlock();
        }
    }

    private SyncSnapshot sync(String calendarId, Instant from, Deadline deadline) {
        TokenKey account = key.get();
        String where = GoogleCalls.describe("events.list", calendarId);
        Optional<SyncSnapshot> stored = store.load(account, calendarId).flatMap(text -> decode(calendarId, text));
        if (stored.isPresent() && stored.get().syncToken() != null && !from.isBefore(stored.get().coversFrom())) {
            SyncSnapshot old = stored.get();
            Optional<Listing> changes = list(calendarId, r -> r.setSyncToken(old.syncToken()), true, deadline);
            if (changes.isPresent()) {
                String token = requireSyncToken(changes.get(), calendarId);
                if (changes.get().items().isEmpty() && token.equals(old.syncToken())) {
                    return old;   // nothing changed: nothing to write
                }
                SyncSnapshot next = old.updated(token, changes.get().zone(), changes.get().items(), where);
                if (old.sameBusyTimeAs(next)) {
                    // only the library's own sessions changed (after approve): keep the newer state in memory
                    // and leave the stored one; the older token replays the same changes after a restart
                    remember(calendarId, decoded.get(calendarId).textHash(), next);
                    return next;
                }
                return save(account, calendarId, next);
            }
            LOG.info("Google asked for a full resync of calendar '{}' (410); resyncing", calendarId);
            store.delete(account, calendarId);
        }
        Instant start = syncStart(from);
        Listing all = list(calendarId, r -> r.setTimeMin(new DateTime(start.toEpochMilli())), false, deadline)
                .orElseThrow();
        return save(account, calendarId, SyncSnapshot.of(start, requireSyncToken(all, calendarId), all.zone(),
                all.items(), where));
    }

    /** @return where a full sync for a window starting at {@code from} starts: a day earlier, at a UTC midnight */
    static Instant syncStart(Instant from) {
        return from.minus(MARGIN).truncatedTo(ChronoUnit.DAYS);
    }

    private static void lockWithin(ReentrantLock lock, String calendarId, Duration left, Deadline deadline) {
        try {
            if (!lock.tryLock(Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new ProviderUnavailableException(GoogleCalls.describe("events.list", calendarId)
                        + ": another read of this calendar did not finish within the deadline of "
                        + deadline.budget().toMillis() + " ms; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting to read Google calendar '"
                    + calendarId + "'", e);
        }
    }

    private Optional<SyncSnapshot> decode(String calendarId, String text) {
        Decoded last = decoded.get(calendarId);
        String hash = hash(text);
        if (last != null && last.textHash().equals(hash)) {
            return Optional.of(last.snapshot());
        }
        Optional<SyncSnapshot> snapshot = SyncSnapshot.decode(json, text);
        snapshot.ifPresent(s -> remember(calendarId, hash, s));
        return snapshot;
    }

    private SyncSnapshot save(TokenKey account, String calendarId, SyncSnapshot unsaved) {
        SyncSnapshot snapshot = unsaved.savedAt(calls.now());
        String text = snapshot.encode(json);
        store.save(account, calendarId, text);
        remember(calendarId, hash(text), snapshot);
        return snapshot;
    }

    private void remember(String calendarId, String textHash, SyncSnapshot snapshot) {
        decoded.put(calendarId, new Decoded(textHash, snapshot));
    }

    /** A SHA-256 of the stored text: the text itself (tens of KB) is not kept in memory to recognise it. */
    private static String hash(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String requireSyncToken(Listing listing, String calendarId) {
        if (listing.syncToken() == null) {
            throw new UnexpectedResponseException(GoogleCalls.describe("events.list", calendarId)
                    + ": the last page carried no nextSyncToken");
        }
        return listing.syncToken();
    }

    /**
     * A sync snapshot with the hash of the stored text it stands for (it may be newer than that text when only the
     * library's own sessions changed since).
     */
    private record Decoded(String textHash, SyncSnapshot snapshot) {
    }

    /**
     * Every page of one events.list query.
     *
     * @param items  the events of every page
     * @param syncToken  the last page's {@code nextSyncToken}, may be null
     * @param zone  the calendar's zone as Google named it, may be null
     */
    record Listing(List<Event> items, String syncToken, String zone) {
    }

    /**
     * Lists every page of a query. With {@code syncing}, a {@code 410} (sync token expired) gives empty.
     */
    Optional<Listing> list(String calendarId, Consumer<Calendar.Events.List> query, boolean syncing,
            Deadline deadline) {
        List<Event> items = new ArrayList<>();
        String pageToken = null;
        String syncToken = null;
        String zone = null;
        do {
            Calendar.Events.List request = build(calendarId).setPageToken(pageToken);
            query.accept(request);
            GoogleCalls.Response r = syncing
                    ? calls.send("events.list", calendarId, request, deadline, 410)
                    : calls.send("events.list", calendarId, request, deadline);
            if (!r.ok()) {
                return Optional.empty();
            }
            Events page = GoogleCalls.parse("events.list", calendarId, r.http().orElseThrow(), Events.class);
            for (Event e : page.getItems() == null ? List.<Event>of() : page.getItems()) {
                if (e == null || e.getId() == null || e.getId().isBlank()) {
                    throw new UnexpectedResponseException(GoogleCalls.describe("events.list", calendarId)
                            + ": an event has no id");
                }
                items.add(e);
            }
            zone = page.getTimeZone() != null ? page.getTimeZone() : zone;
            syncToken = page.getNextSyncToken();
            pageToken = page.getNextPageToken();
        } while (pageToken != null);
        return Optional.of(new Listing(items, syncToken, zone));
    }

    private Calendar.Events.List build(String calendarId) {
        return GoogleCalls.build(() -> api.events().list(calendarId).setSingleEvents(true).setMaxResults(MAX_RESULTS)
                .setFields(LIST_FIELDS));
    }
}
