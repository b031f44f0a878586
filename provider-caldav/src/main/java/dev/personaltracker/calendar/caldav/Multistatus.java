package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A WebDAV {@code 207 Multi-Status} answer (RFC 4918, section 13): one {@link Entry} per {@code response}, with the
 * properties the server found, plus the {@code sync-token} of a sync-collection report (RFC 6578).
 *
 * @param entries  the responses, in document order
 * @param syncToken  the new sync token, if the answer carried one
 */
record Multistatus(List<Entry> entries, Optional<String> syncToken) {

    /**
     * One {@code response} element.
     *
     * @param path  the href resolved against the request URI, as a decoded absolute path
     * @param status  the response-level status (404 for a member a sync report says is gone), else 200
     * @param props  the properties found (2xx propstat), keyed by {@code namespace + localName}
     */
    record Entry(String path, int status, Map<String, Element> props) {

        Optional<Element> prop(String namespace, String localName) {
            return Optional.ofNullable(props.get(namespace + localName));
        }

        Optional<String> text(String namespace, String localName) {
            return prop(namespace, localName).map(DavXml::text).filter(t -> !t.isEmpty());
        }
    }

    /**
     * Parses a multistatus body.
     *
     * @param body  the body
     * @param requestUri  the URI the request went to, for relative hrefs
     * @param what  the request, for messages
     * @return the answer
     * @throws UnexpectedResponseException if it is not well-formed XML or not a multistatus
     */
    static Multistatus parse(String body, URI requestUri, String what) {
        Document doc = DavXml.parse(body, what);
        Element root = doc.getDocumentElement();
        if (!DavXml.is(root, DavXml.DAV, "multistatus")) {
            throw new UnexpectedResponseException("caldav: " + what + " answered with <" + root.getLocalName()
                    + "> where a DAV: multistatus was expected; starts with: " + DavXml.preview(body));
        }
        List<Entry> entries = new ArrayList<>();
        for (Element response : DavXml.children(root, DavXml.DAV, "response")) {
            Optional<String> href = DavXml.child(response, DavXml.DAV, "href").map(DavXml::text);
            if (href.isEmpty() || href.get().isEmpty()) {
                throw new UnexpectedResponseException("caldav: " + what + " answered with a response without"
                        + " href; starts with: " + DavXml.preview(body));
            }
            int status = DavXml.child(response, DavXml.DAV, "status").map(s -> statusCode(DavXml.text(s))).orElse(200);
            Map<String, Element> props = new LinkedHashMap<>();
            for (Element propstat : DavXml.children(response, DavXml.DAV, "propstat")) {
                int code = DavXml.child(propstat, DavXml.DAV, "status").map(s -> statusCode(DavXml.text(s))).orElse(200);
                if (code / 100 != 2) {
                    continue;
                }
                DavXml.child(propstat, DavXml.DAV, "prop").ifPresent(prop -> {
                    for (Element p : DavXml.children(prop)) {
                        props.put(p.getNamespaceURI() + p.getLocalName(), p);
                    }
                });
            }
            entries.add(new Entry(DavPaths.path(requestUri, href.get(), what), status, Map.copyOf(props)));
        }
        Optional<String> token = DavXml.child(root, DavXml.DAV, "sync-token").map(DavXml::text).filter(t -> !t.isEmpty());
        return new Multistatus(List.copyOf(entries), token);
    }

    /** Reads "HTTP/1.1 404 Not Found"; an unreadable line counts as 200 (the server then sent props). */
    private static int statusCode(String line) {
        String[] parts = line.split("\\s+");
        if (parts.length >= 2) {
            try {
                return Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return 200;
            }
        }
        return 200;
    }
}
