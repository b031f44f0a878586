package dev.personaltracker.calendar.caldav;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A server's final answer (after redirects and retries).
 *
 * @param status  the HTTP status
 * @param uri  the URI that answered (after redirects)
 * @param headers  the response headers
 * @param body  the body as text
 */
record DavResponse(int status, URI uri, HttpHeaders headers, String body) {

    /**
     * @return the strong ETag the server sent, if any. A weak one ({@code W/"..."}) never matches an
     *     {@code If-Match} (RFC 9110 13.1.1, strong comparison), so it counts as none and is read again
     */
    Optional<String> etag() {
        return strong(headers.firstValue("ETag"));
    }

    /** @return the ETag if it is a strong one, else empty */
    static Optional<String> strong(Optional<String> etag) {
        return etag.map(String::strip).filter(e -> !e.isEmpty() && !e.startsWith("W/"));
    }

    boolean ok() {
        return status / 100 == 2;
    }
}
