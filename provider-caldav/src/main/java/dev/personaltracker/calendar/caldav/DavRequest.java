package dev.personaltracker.calendar.caldav;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One WebDAV request, before authorization is added.
 *
 * @param method  PROPFIND, REPORT, GET, PUT, DELETE...
 * @param uri  where to
 * @param headers  extra headers (Depth, If-Match, If-None-Match, Content-Type)
 * @param body  the body, if any
 * @param what  a description for messages and logs, such as "PROPFIND /dav/ (calendar list)"
 */
record DavRequest(String method, URI uri, Map<String, String> headers, Optional<String> body, String what) {

    static DavRequest xml(String method, URI uri, String depth, String body, String purpose) {
        return new DavRequest(method, uri, Map.of("Depth", depth, "Content-Type", "application/xml; charset=utf-8"),
                Optional.of(body), method + " " + uri.getPath() + " (" + purpose + ")");
    }

    DavRequest at(URI target) {
        return new DavRequest(method, target, headers, body, what);
    }

    DavRequest asGet() {
        return new DavRequest("GET", uri, Map.of(), Optional.empty(), what);
    }
}
