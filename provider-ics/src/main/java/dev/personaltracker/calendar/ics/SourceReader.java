package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads sources into parsed calendars, reusing the last parse while the source is unchanged: a file while its
 * size, modification time and identity (inode) are the same; a feed while it answers {@code 304 Not Modified} to
 * {@code If-None-Match} / {@code If-Modified-Since} with the validators it sent, or sends the same bytes again.
 * The cache holds one entry per source, keyed by those validators: a changed validator means a fresh read and
 * parse, so a deleted event stops blocking with the next call. No lock is held while a source is read, so a slow
 * or stuck source delays only the calls that read it. Thread-safe.
 */
final class SourceReader {

    private static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);

    /** The last parse of a source and what identifies its version. */
    private record Cached(Object validator, Optional<String> etag, Optional<String> lastModified, String text,
                          IcsCalendar calendar) {
    }

    private final SafeFileReader files;
    private final FeedClient feeds;
    private final ZoneId zone;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    SourceReader(ReadLimits limits, RetryPolicy retry, ZoneId zone) {
        this.files = new SafeFileReader(limits);
        this.feeds = new FeedClient(limits, retry);
        this.zone = zone;
    }

    /**
     * @param source  the source
     * @return its calendar, parsed now or reused while unchanged
     * @throws BadSettingsException if the file is missing, refused or unreadable, or the feed answers 401, 403, 404
     *     or 410, or is refused (address, scheme, redirects, size)
     * @throws ProviderUnavailableException if the source keeps failing or misses its deadline
     * @throws RateLimitedException if the feed keeps answering 429
     * @throws UnexpectedResponseException for another status, or text that is not iCalendar
     */
    IcsCalendar read(IcsSource source) {
        return source.isFeed() ? readFeed(source) : readFile(source);
    }

    private IcsCalendar readFile(IcsSource source) {
        Cached held = cache.get(source.name());
        SafeFileReader.Stamp stamp = files.stamp(source);
        if (held != null && held.validator.equals(stamp)) {
            return held.calendar;
        }
        SafeFileReader.Content content = files.read(source);
        IcsCalendar calendar = parse(source, content.text(), held);
        cache.put(source.name(), new Cached(content.stamp(), Optional.empty(), Optional.empty(), content.text(),
                calendar));
        return calendar;
    }

    private IcsCalendar readFeed(IcsSource source) {
        Cached held = cache.get(source.name());
        FeedClient.Answer answer = feeds.fetch(source,
                held == null ? Optional.empty() : held.etag, held == null ? Optional.empty() : held.lastModified);
        if (answer instanceof FeedClient.NotModified) {
            if (held == null) {
                throw new UnexpectedResponseException("ics: " + source.describe() + " answered 304 Not Modified to"
                        + " a request without validators");
            }
            return held.calendar;
        }
        FeedClient.Body body = (FeedClient.Body) answer;
        IcsCalendar calendar = parse(source, body.text(), held);
        cache.put(source.name(), new Cached(body.etag().orElse("") + "|" + body.lastModified().orElse(""),
                body.etag(), body.lastModified(), body.text(), calendar));
        return calendar;
    }

    /** Parses the text, or reuses the held parse if the bytes are the same (a feed without validators). */
    private IcsCalendar parse(IcsSource source, String text, Cached held) {
        if (held != null && held.text.equals(text)) {
            LOG.debug("ics: {} unchanged; the parsed calendar is reused", source.describe());
            return held.calendar;
        }
        return IcsCalendar.parse(text, zone, source.describe());
    }
}
