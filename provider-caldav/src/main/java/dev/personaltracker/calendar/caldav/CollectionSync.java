package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a calendar's events in step with the server at the least cost, for busy-time reads:
 * <ol>
 * <li>with a stored state, asks what changed: a {@code sync-collection} report with the stored token (RFC 6578), or,
 *     for servers without it, a {@code getetag} PROPFIND compared with the stored ETags. An unchanged calendar costs
 *     this one request. Changed resources come with their data or are fetched with one {@code calendar-multiget};
 *     a token the server refuses (403 {@code valid-sync-token}, or 400, 409, 412, 507 and the like, see
 *     {@code REFUSED}) starts a full sync;</li>
 * <li>without a state (first read, refused token, unreadable state), lists the collection's resources and a fresh
 *     token (before the data, so no change in between is lost);</li>
 * <li>fetches the events of any part of the window not yet covered with a {@code calendar-query} REPORT with a
 *     time range (padded by a day each side, so all-day and floating events in any zone are caught), through
 *     {@link EventQuery} (missing data fetched, truncated answers split).</li>
 * </ol>
 * The state is saved in the {@link SyncStateStore} under (account, calendar id). Thread-safe; concurrent reads of one
 * calendar may both sync, and the last save wins, which is still a correct state.
 */
final class CollectionSync {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionSync.class);
    private static final Duration PAD = Duration.ofDays(1);
    private static final int MAX_SYNC_PAGES = 50;
    /**
     * Answers to a sync-collection report that mean "not with this token": RFC 6578 names 403 with
     * {@code valid-sync-token}; servers also send 409, 400 or 412 for an expired token, 507 with
     * {@code number-of-matches-within-limits} when the changes are too many to list, and 501 or 405 when they do not
     * offer the report here.
     */
    private static final Set<Integer> REFUSED = Set.of(400, 403, 405, 409, 412, 501, 507);

    private static final String ETAGS = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>
            """;

    private final DavClient client;
    private final SyncStateStore store;
    private final TokenKey account;
    private final EventQuery events;

    CollectionSync(DavClient client, SyncStateStore store, TokenKey account) {
        this.client = client;
        this.events = new EventQuery(client);
        this.store = store;
        this.account = account;
    }

    /**
     * Brings the calendar's state up to date for a window.
     *
     * @param calendar  the calendar
     * @param uri  its URI
     * @param window  the window the events are needed for
     * @return the iCalendar texts of every resource held (a superset of those in the window), by path
     */
    Map<String, String> events(CaldavCalendar calendar, URI uri, Interval window) {
        Optional<CollectionState> stored = store.load(account, calendar.id()).flatMap(CollectionState::decode);
        CollectionState state = stored.flatMap(s -> changes(s, uri)).orElse(null);
        if (state == null) {
            state = listing(calendar.syncCollection(), uri);
        }
        for (Interval missing : IntervalSet.of(window).minus(state.coverage())) {
            state = query(state, uri, missing);
        }
        state = state.covering(window);
        store.save(account, calendar.id(), state.encode());
        return state.texts();
    }

    /** @return the state with the server's changes applied; empty when a full sync is needed */
    private Optional<CollectionState> changes(CollectionState state, URI uri) {
        Map<String, CollectionState.Resource> resources = new LinkedHashMap<>(state.resources());
        List<String> fetch = new ArrayList<>();
        Optional<String> token;
        if (state.sync()) {
            Optional<SyncPage> page = sync(uri, state.token().orElse(""), true);
            if (page.isEmpty()) {
                return Optional.empty();
            }
            for (Multistatus.Entry entry : page.get().entries()) {
                if (entry.status() == 404 || entry.status() == 410) {
                    resources.remove(entry.path());
                } else if (!DavPaths.sameCollection(entry.path(), uri.getPath())) {
                    Optional<String> data = entry.text(DavXml.CALDAV, "calendar-data");
                    String etag = entry.text(DavXml.DAV, "getetag").orElse("");
                    if (data.isPresent()) {
                        resources.put(entry.path(), new CollectionState.Resource(etag, data));
                    } else {
                        fetch.add(entry.path());
                    }
                }
            }
            token = page.get().token();
        } else {
            Map<String, String> etags = etags(uri);
            resources.keySet().retainAll(etags.keySet());
            etags.forEach((path, etag) -> {
                CollectionState.Resource known = resources.get(path);
                if (known == null || !known.etag().equals(etag)) {
                    fetch.add(path);
                }
            });
            token = Optional.empty();
        }
        if (!fetch.isEmpty()) {
            multiget(uri, fetch, resources);
        }
        return Optional.of(state.with(token, resources));
    }

    /** A full listing: every resource's ETag (no data) and, for sync-collection, a fresh token. */
    private CollectionState listing(boolean syncCollection, URI uri) {
        if (syncCollection) {
            Optional<SyncPage> page = sync(uri, "", false);
            if (page.isPresent()) {
                Map<String, CollectionState.Resource> resources = new LinkedHashMap<>();
                for (Multistatus.Entry entry : page.get().entries()) {
                    if (entry.status() / 100 == 2 && !DavPaths.sameCollection(entry.path(), uri.getPath())) {
                        resources.put(entry.path(), new CollectionState.Resource(
                                entry.text(DavXml.DAV, "getetag").orElse(""), Optional.empty()));
                    }
                }
                return CollectionState.empty(true).with(page.get().token(), resources);
            }
            LOG.info("caldav: {} refused an initial sync-collection report; comparing ETags instead", uri.getPath());
        }
        Map<String, CollectionState.Resource> resources = new LinkedHashMap<>();
        etags(uri).forEach((path, etag) -> resources.put(path, new CollectionState.Resource(etag, Optional.empty())));
        return CollectionState.empty(false).with(Optional.empty(), resources);
    }

    private record SyncPage(List<Multistatus.Entry> entries, Optional<String> token) {
    }

    /** @return the changes since the token (all members for ""), empty if the server refused the token */
    private Optional<SyncPage> sync(URI uri, String token, boolean withData) {
        List<Multistatus.Entry> entries = new ArrayList<>();
        String current = token;
        for (int page = 0; page < MAX_SYNC_PAGES; page++) {
            String body = Reports.syncCollection(current, withData);
            DavResponse response = client.send(DavRequest.xml("REPORT", uri, "0", body, "sync-collection"));
            if (REFUSED.contains(response.status())) {
                Optional<String> condition = DavFaults.condition(response);
                if (condition.filter("valid-sync-token"::equals).isPresent() || !token.isEmpty()) {
                    LOG.info("caldav: {} refused the stored sync token ({}{}); doing a full sync", uri.getPath(),
                            response.status(), condition.map(c -> " " + c).orElse(""));
                    return Optional.empty();
                }
                if (token.isEmpty()) {
                    return Optional.empty(); // sync-collection not supported here after all
                }
            }
            if (response.status() != 207) {
                throw DavFaults.unexpected(response, "REPORT " + uri.getPath() + " (sync-collection)");
            }
            Multistatus ms = Multistatus.parse(response.body(), response.uri(), "sync-collection");
            boolean truncated = false;
            for (Multistatus.Entry entry : ms.entries()) {
                if (entry.status() == 507 && DavPaths.sameCollection(entry.path(), uri.getPath())) {
                    truncated = true; // RFC 6578 3.6: more changes follow with the new token
                } else {
                    entries.add(entry);
                }
            }
            if (ms.syncToken().isEmpty()) {
                throw DavFaults.unexpected(response, "REPORT " + uri.getPath() + " (sync-collection without a"
                        + " sync-token)");
            }
            if (truncated && ms.syncToken().get().equals(current)) {
                LOG.info("caldav: {} truncated sync-collection without a new token; doing a full sync",
                        uri.getPath());
                return Optional.empty();
            }
            current = ms.syncToken().get();
            if (!truncated) {
                return Optional.of(new SyncPage(entries, Optional.of(current)));
            }
        }
        LOG.warn("caldav: {} kept truncating sync-collection after {} pages; doing a full sync", uri.getPath(),
                MAX_SYNC_PAGES);
        return Optional.empty();
    }

    private Map<String, String> etags(URI uri) {
        DavResponse response = client.send(DavRequest.xml("PROPFIND", uri, "1", ETAGS, "getetag"));
        if (response.status() != 207) {
            throw DavFaults.unexpected(response, "PROPFIND " + uri.getPath() + " (getetag)");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Multistatus.Entry entry : Multistatus.parse(response.body(), response.uri(), "getetag").entries()) {
            boolean collection = entry.prop(DavXml.DAV, "resourcetype")
                    .map(t -> DavXml.child(t, DavXml.DAV, "collection").isPresent()).orElse(false);
            if (!collection && entry.status() / 100 == 2) {
                result.put(entry.path(), entry.text(DavXml.DAV, "getetag").orElse(""));
            }
        }
        return result;
    }

    private CollectionState query(CollectionState state, URI uri, Interval range) {
        Map<String, CollectionState.Resource> resources = new LinkedHashMap<>(state.resources());
        resources.putAll(events.inRange(uri, range.start().minus(PAD), range.end().plus(PAD)));
        return state.with(state.token(), resources);
    }

    private void multiget(URI uri, List<String> paths, Map<String, CollectionState.Resource> into) {
        events.multiget(uri, paths).forEach((path, resource) -> {
            if (resource.isPresent()) {
                into.put(path, resource.get());
            } else {
                into.remove(path);
            }
        });
    }
}
