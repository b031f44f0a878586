package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads event resources of one calendar with CalDAV REPORTs, whatever shape the server's answer takes:
 * <ul>
 * <li>a {@code calendar-query} whose answer names a resource without its {@code calendar-data} (only href and ETag,
 *     or the data in a 404 propstat) is completed with one {@code calendar-multiget}: no event is dropped;</li>
 * <li>an answer the server truncated ({@code 507} on the calendar in the multistatus, or a {@code 507} answer such as
 *     {@code DAV:number-of-matches-within-limits}) is asked again in halves of the time range, at most
 *     {@value #MAX_SPLITS} times over (16 parts) and never below an hour; a query that cannot be split (by property)
 *     or is still truncated fails with a typed error, never with a partial result.</li>
 * </ul>
 * Thread-safe.
 */
final class EventQuery {

    private static final Logger LOG = LoggerFactory.getLogger(EventQuery.class);
    private static final Duration SMALLEST = Duration.ofHours(1);
    private static final int MAX_SPLITS = 4;

    private final DavClient client;

    EventQuery(DavClient client) {
        this.client = client;
    }

    /**
     * @param calendar  the calendar's URI
     * @param from  start of the range (inclusive)
     * @param to  end of the range (exclusive)
     * @return every event resource overlapping the range, by path, each with its data
     * @throws UnexpectedResponseException if the server truncates the answer even for an hour
     */
    Map<String, CollectionState.Resource> inRange(URI calendar, Instant from, Instant to) {
        return inRange(calendar, from, to, 0);
    }

    private Map<String, CollectionState.Resource> inRange(URI calendar, Instant from, Instant to, int splits) {
        String purpose = "calendar-query " + Reports.UTC.format(from) + "/" + Reports.UTC.format(to);
        Optional<Map<String, CollectionState.Resource>> all = run(calendar, Reports.calendarQuery(from, to), purpose);
        if (all.isPresent()) {
            return all.get();
        }
        Duration length = Duration.between(from, to);
        if (length.compareTo(SMALLEST) <= 0 || splits == MAX_SPLITS) {
            throw truncated(calendar, purpose);
        }
        Instant middle = from.plus(length.dividedBy(2));
        LOG.debug("caldav: {} truncated {}; asking for each half", calendar.getPath(), purpose);
        Map<String, CollectionState.Resource> result = new LinkedHashMap<>(inRange(calendar, from, middle, splits + 1));
        result.putAll(inRange(calendar, middle, to, splits + 1));
        return result;
    }

    /**
     * @param calendar  the calendar's URI
     * @param property  an iCalendar property of VEVENT, such as {@code UID}
     * @param text  text the property's value contains (the server compares case-insensitively)
     * @return the event resources whose property contains the text, by path, each with its data; empty if the server
     *     does not support such a filter (400, 403 or 501, or the {@code supported-filter} precondition)
     * @throws UnexpectedResponseException if the server truncates the answer
     */
    Optional<Map<String, CollectionState.Resource>> byProperty(URI calendar, String property, String text) {
        String purpose = "calendar-query " + property;
        try {
            return Optional.of(run(calendar, Reports.calendarQuery(property, text), purpose)
                    .orElseThrow(() -> truncated(calendar, purpose)));
        } catch (FilterRefused e) {
            LOG.info("caldav: {} does not support a calendar-query on {} ({}); a resource is found by its name only",
                    calendar.getPath(), property, e.status);
            return Optional.empty();
        }
    }

    /** A property query the server does not support. */
    private static final class FilterRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        FilterRefused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /**
     * @param calendar  the calendar's URI
     * @param paths  decoded paths of resources in it
     * @return per path answered: the resource with its data, or empty if the server says it is gone (404, 410)
     * @throws UnexpectedResponseException if the server answers a resource with neither data nor an error status
     */
    Map<String, Optional<CollectionState.Resource>> multiget(URI calendar, Collection<String> paths) {
        List<String> hrefs = paths.stream().map(p -> DavPaths.at(calendar, p).getRawPath()).toList();
        String what = "REPORT " + calendar.getPath() + " (calendar-multiget of " + paths.size() + ")";
        DavResponse response = client.send(DavRequest.xml("REPORT", calendar, "1", Reports.multiget(hrefs),
                "calendar-multiget of " + paths.size()));
        if (response.status() != 207) {
            throw DavFaults.unexpected(response, what);
        }
        Map<String, Optional<CollectionState.Resource>> result = new LinkedHashMap<>();
        for (Multistatus.Entry entry : Multistatus.parse(response.body(), response.uri(), what).entries()) {
            if (entry.status() == 404 || entry.status() == 410) {
                result.put(entry.path(), Optional.empty());
                continue;
            }
            Optional<String> data = entry.text(DavXml.CALDAV, "calendar-data");
            if (entry.status() / 100 != 2 || data.isEmpty()) {
                throw new UnexpectedResponseException("caldav: " + what + " answered " + entry.path() + " with status "
                        + entry.status() + " and no calendar-data; its event cannot be read, so nothing was concluded"
                        + " from this calendar: try again later or report the server's answer");
            }
            result.put(entry.path(), Optional.of(new CollectionState.Resource(
                    entry.text(DavXml.DAV, "getetag").orElse(""), data)));
        }
        for (String path : paths) {
            if (!result.containsKey(path)) {
                throw new UnexpectedResponseException("caldav: " + what + " did not answer for " + path + "; its"
                        + " event cannot be read, so nothing was concluded from this calendar: try again later");
            }
        }
        return result;
    }

    /** @return the resources, empty if the server truncated the answer */
    private Optional<Map<String, CollectionState.Resource>> run(URI calendar, String body, String purpose) {
        String what = "REPORT " + calendar.getPath() + " (" + purpose + ")";
        DavResponse response = client.send(DavRequest.xml("REPORT", calendar, "1", body, purpose));
        if (response.status() == 507) {
            return Optional.empty();
        }
        if (body.contains("prop-filter") && (response.status() == 400 || response.status() == 403
                || response.status() == 501 || DavFaults.condition(response).filter("supported-filter"::equals)
                .isPresent())) {
            throw new FilterRefused(response.status());
        }
        if (response.status() != 207) {
            throw DavFaults.unexpected(response, what);
        }
        Map<String, CollectionState.Resource> result = new LinkedHashMap<>();
        List<String> fetch = new ArrayList<>();
        for (Multistatus.Entry entry : Multistatus.parse(response.body(), response.uri(), what).entries()) {
            if (DavPaths.sameCollection(entry.path(), calendar.getPath())) {
                if (entry.status() == 507) {
                    return Optional.empty();
                }
                continue;
            }
            if (entry.status() / 100 != 2) {
                continue;
            }
            Optional<String> data = entry.text(DavXml.CALDAV, "calendar-data");
            if (data.isPresent()) {
                result.put(entry.path(), new CollectionState.Resource(
                        entry.text(DavXml.DAV, "getetag").orElse(""), data));
            } else {
                fetch.add(entry.path());
            }
        }
        if (!fetch.isEmpty()) {
            LOG.debug("caldav: {} named {} resource(s) without their data; fetching them", what, fetch.size());
            multiget(calendar, fetch).forEach((path, resource) -> resource.ifPresent(r -> result.put(path, r)));
        }
        return Optional.of(result);
    }

    private static UnexpectedResponseException truncated(URI calendar, String purpose) {
        return new UnexpectedResponseException("caldav: REPORT " + calendar.getPath() + " (" + purpose + ") was"
                + " truncated by the server (507, too many results) even for the smallest range asked; the events"
                + " were not read rather than read in part: raise the server's result limit or try again later");
    }
}
