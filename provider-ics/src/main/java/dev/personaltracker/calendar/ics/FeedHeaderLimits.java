package dev.personaltracker.calendar.ics;

import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.core5.http.config.Http1Config;

/**
 * The limits on the header of a feed's answer: a header line or a header count without end would otherwise grow in
 * memory until the read's deadline. The provider reads feeds with them; a host that reads feeds itself with Apache
 * HttpClient 5 (the web example's URL sources) uses the same ones, as it uses {@link LocalAddresses}.
 */
public final class FeedHeaderLimits {

    /** The longest status or header line a feed may send: 16 KB. */
    public static final int MAX_LINE = 16 * 1024;
    /** The most header lines a feed may send in one answer. */
    public static final int MAX_COUNT = 200;

    private FeedHeaderLimits() {
    }

    /**
     * A connection factory for Apache HttpClient 5's classic connection managers that enforces these limits; a
     * header past them fails the read with {@link org.apache.hc.core5.http.MessageConstraintException}.
     *
     * @return a new factory, not null
     */
    public static ManagedHttpClientConnectionFactory connectionFactory() {
        return ManagedHttpClientConnectionFactory.builder()
                .http1Config(Http1Config.custom().setMaxLineLength(MAX_LINE).setMaxHeaderCount(MAX_COUNT).build())
                .build();
    }

    /**
     * What an answer past the limits did, for messages.
     *
     * @return "a header line longer than 16 KB or more than 200 headers, which no calendar feed needs"
     */
    public static String passed() {
        return "a header line longer than " + MAX_LINE / 1024 + " KB or more than " + MAX_COUNT
                + " headers, which no calendar feed needs";
    }
}
