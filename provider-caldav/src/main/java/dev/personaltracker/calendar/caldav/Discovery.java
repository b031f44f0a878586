package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.ics.internal.BusyRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Finds an account's calendar home from a server URL or a bare domain (RFC 6764 section 6, RFC 5397, RFC 4791
 * section 6.2.1): {@code /.well-known/caldav} (redirects followed, as iCloud and most servers redirect it), else the
 * URL itself, asked for {@code current-user-principal}; then the principal, asked for {@code calendar-home-set} and
 * {@code calendar-user-address-set}. The home may live on another host than the one asked (iCloud answers with a
 * {@code pNN-caldav.icloud.com} URL).
 */
final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    private static final String PRINCIPAL = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:current-user-principal/><d:resourcetype/></d:prop></d:propfind>
            """;
    private static final String HOME = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
              <d:prop><c:calendar-home-set/><c:calendar-user-address-set/><d:displayname/></d:prop>
            </d:propfind>
            """;

    /**
     * What discovery found.
     *
     * @param principal  the account's principal
     * @param home  the calendar home collection
     * @param addresses  the account's own calendar user addresses, every href of {@code calendar-user-address-set}
     *     in each form an event may write it (see {@link #addressForms})
     */
    record Account(URI principal, URI home, Set<String> addresses) {
    }

    private final DavClient client;

    Discovery(DavClient client) {
        this.client = client;
    }

    /**
     * @param server  the configured server URL (a bare domain was already made {@code https://domain/})
     * @return the account's home and addresses
     * @throws BadSettingsException if neither the well-known URL nor the URL itself leads to a principal with a
     *     calendar home; the message names the URLs tried
     */
    Account discover(URI server) {
        List<URI> candidates = new ArrayList<>();
        URI wellKnown = server.resolve("/.well-known/caldav");
        String path = server.getPath() == null ? "" : server.getPath();
        if (path.isEmpty() || path.equals("/")) {
            candidates.add(wellKnown);
            candidates.add(DavPaths.at(server, "/"));
        } else {
            candidates.add(server);
            candidates.add(wellKnown);
        }
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates) {
            Optional<URI> principal = principal(candidate, tried);
            if (principal.isPresent()) {
                Optional<Account> account = home(principal.get(), tried);
                if (account.isPresent()) {
                    LOG.debug("caldav: found calendar home {} from {}", account.get().home(), candidate);
                    return account.get();
                }
            }
        }
        throw new BadSettingsException("caldav: found no CalDAV calendar home at '" + server + "' (tried "
                + String.join("; ", tried) + "): check the server URL (for iCloud use https://caldav.icloud.com,"
                + " for Fastmail https://caldav.fastmail.com, otherwise the URL your provider documents for CalDAV)");
    }

    private Optional<URI> principal(URI uri, List<String> tried) {
        DavResponse response = client.send(DavRequest.xml("PROPFIND", uri, "0", PRINCIPAL, "current-user-principal"));
        if (response.status() != 207) {
            tried.add(uri + " -> " + response.status());
            return Optional.empty();
        }
        Multistatus ms = parse(response, "current-user-principal", tried);
        if (ms == null) {
            return Optional.empty();
        }
        for (Multistatus.Entry entry : ms.entries()) {
            Optional<Element> prop = entry.prop(DavXml.DAV, "current-user-principal");
            Optional<String> href = prop.flatMap(p -> DavXml.child(p, DavXml.DAV, "href")).map(DavXml::text)
                    .filter(h -> !h.isEmpty());
            if (href.isPresent()) {
                return Optional.of(response.uri().resolve(href.get()));
            }
        }
        tried.add(uri + " -> no current-user-principal");
        return Optional.empty();
    }

    private Optional<Account> home(URI principal, List<String> tried) {
        DavResponse response = client.send(DavRequest.xml("PROPFIND", principal, "0", HOME, "calendar-home-set"));
        if (response.status() != 207) {
            tried.add("principal " + principal + " -> " + response.status());
            return Optional.empty();
        }
        Multistatus ms = parse(response, "calendar-home-set", tried);
        if (ms == null) {
            return Optional.empty();
        }
        for (Multistatus.Entry entry : ms.entries()) {
            Optional<String> href = entry.prop(DavXml.CALDAV, "calendar-home-set")
                    .flatMap(p -> DavXml.child(p, DavXml.DAV, "href")).map(DavXml::text).filter(h -> !h.isEmpty());
            if (href.isPresent()) {
                URI home = response.uri().resolve(href.get());
                home = DavPaths.at(home, DavPaths.collection(home.getPath()));
                Set<String> addresses = new LinkedHashSet<>();
                addAddresses(entry, response.uri(), addresses);
                return Optional.of(new Account(principal, home, Set.copyOf(addresses)));
            }
        }
        tried.add("principal " + principal + " -> no calendar-home-set");
        return Optional.empty();
    }

    /** Adds every form of each address in an entry's calendar-user-address-set (see {@link #addressForms}). */
    private static void addAddresses(Multistatus.Entry entry, URI base, Set<String> addresses) {
        entry.prop(DavXml.CALDAV, "calendar-user-address-set").ifPresent(set -> {
            for (Element h : DavXml.children(set, DavXml.DAV, "href")) {
                addresses.addAll(addressForms(DavXml.text(h), base));
            }
        });
    }

    /**
     * The calendar user addresses of another principal, such as the owner of a calendar shared with the account.
     *
     * @param principal  the principal's URL
     * @return its addresses in every form (see {@link #addressForms}); empty if the server does not say (any answer
     *     but a readable 207), so the calendar is then judged by the account's own addresses only
     */
    Set<String> addresses(URI principal) {
        DavResponse response = client.send(DavRequest.xml("PROPFIND", principal, "0", HOME, "calendar-user-address-set"));
        if (response.status() != 207) {
            LOG.debug("caldav: principal {} answered {} for its addresses", principal.getPath(), response.status());
            return Set.of();
        }
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (Multistatus.Entry entry : Multistatus.parse(response.body(), response.uri(), "principal addresses")
                    .entries()) {
                addAddresses(entry, response.uri(), addresses);
            }
        } catch (UnexpectedResponseException e) {
            LOG.debug("caldav: principal {} answered no readable addresses", principal.getPath());
        }
        return Set.copyOf(addresses);
    }

    /**
     * Every form in which an event may name this calendar user address (RFC 4791 6.2.2): a {@code mailto:} address
     * without the scheme, in lower case; a {@code urn:uuid:} or other URI in lower case; a principal path (as Apple's
     * calendar server writes {@code /principals/__uids__/...}) also as the absolute URL against the server, and an
     * absolute http(s) URL also as its path, since clients write both.
     */
    static Set<String> addressForms(String href, URI base) {
        String text = href.strip();
        if (text.isEmpty()) {
            return Set.of();
        }
        Set<String> forms = new LinkedHashSet<>();
        forms.add(BusyRequest.normalizeAddress(text));
        try {
            if (text.startsWith("/")) {
                forms.add(BusyRequest.normalizeAddress(base.resolve(text).toString()));
            } else if (text.regionMatches(true, 0, "http", 0, 4)) {
                URI uri = URI.create(text);
                if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    forms.add(BusyRequest.normalizeAddress(uri.getRawPath()));
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("caldav: calendar user address {} is not a URI; kept as written", text);
        }
        forms.remove("");
        return forms;
    }

    private static Multistatus parse(DavResponse response, String what, List<String> tried) {
        try {
            return Multistatus.parse(response.body(), response.uri(), what);
        } catch (UnexpectedResponseException e) {
            tried.add(response.uri() + " -> not WebDAV XML");
            return null;
        }
    }
}
