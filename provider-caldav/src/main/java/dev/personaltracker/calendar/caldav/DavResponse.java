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

    Optional<String> etag() {
        return headers.firstValue("ETag").map(String::strip).filter(e -> !e.isEmpty());
    }

    boolean ok() {
        return status / 100 == 2;
    }
}
