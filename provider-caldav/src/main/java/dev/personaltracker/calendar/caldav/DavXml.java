package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML side of WebDAV: the JDK's namespace-aware DOM parser with DTDs, external entities and XInclude switched
 * off (a server's answer cannot make us read files or fetch URLs, XXE), plus escaping for the request bodies we
 * write. Thread-safe.
 */
final class DavXml {

    static final String DAV = "DAV:";
    static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
    static final String APPLE = "http://apple.com/ns/ical/";
    static final String CALSERVER = "http://calendarserver.org/ns/";

    private static final DocumentBuilderFactory FACTORY = secureFactory();
    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?i)\\b(basic|digest|bearer)\\s+[A-Za-z0-9+/=._~-]{6,}");

    private DavXml() {
    }

    /**
     * Parses a server's XML answer.
     *
     * @param body  the body
     * @param what  the request, for the message
     * @return the document
     * @throws UnexpectedResponseException if the body is not well-formed XML
     */
    static Document parse(String body, String what) {
        if (body == null || body.isBlank()) {
            throw new UnexpectedResponseException("caldav: " + what + " answered with an empty body where XML was"
                    + " expected; the server may not speak WebDAV at this URL");
        }
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(new DefaultHandler()); // no printing to stderr
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return builder.parse(new InputSource(new StringReader(body)));
        } catch (SAXException | IOException e) {
            throw new UnexpectedResponseException("caldav: " + what + " answered with malformed XML ("
                    + e.getMessage() + "); starts with: " + preview(body), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser cannot be configured securely", e);
        }
    }

    /** @return the first child element with that name */
    static Optional<Element> child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, namespace, localName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** @return the child elements with that name, in document order */
    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, namespace, localName)) {
                result.add(e);
            }
        }
        return result;
    }

    /** @return every child element */
    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    /** @return the descendant elements with that name, in document order */
    static List<Element> descendants(Element parent, String namespace, String localName) {
        List<Element> result = new ArrayList<>();
        for (Element c : children(parent)) {
            if (is(c, namespace, localName)) {
                result.add(c);
            }
            result.addAll(descendants(c, namespace, localName));
        }
        return result;
    }

    static boolean is(Element e, String namespace, String localName) {
        return namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    /** @return the element's text, trimmed */
    static String text(Element e) {
        return e.getTextContent() == null ? "" : e.getTextContent().strip();
    }

    /** @return text escaped for an XML element or attribute */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @return the first characters of a body, on one line, for messages; credentials a server echoes back (a debug
     *     page listing the request headers) are cut out, so no message carries the password's Basic header
     */
    static String preview(String body) {
        String flat = CREDENTIALS.matcher(body.strip().replaceAll("\\s+", " ")).replaceAll("$1 (redacted)");
        return "'" + (flat.length() > 80 ? flat.substring(0, 80) + "..." : flat) + "'";
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser cannot be configured securely", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }
}
