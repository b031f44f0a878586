package dev.personaltracker.calendar.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the pages see it: method, path, query and form parameters, the session, and the ways to answer.
 */
final class Request {

    /** Form bodies larger than this are refused: the pages never send more. */
    static final int MAX_BODY = 64 * 1024;

    private final HttpExchange exchange;
    private final WebSession session;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> form;

    private Request(HttpExchange exchange, WebSession session, Map<String, List<String>> query,
            Map<String, List<String>> form) {
        this.exchange = exchange;
        this.session = session;
        this.query = query;
        this.form = form;
    }

    static Request of(HttpExchange exchange, WebSession session, Map<String, List<String>> form) {
        return new Request(exchange, session, parse(exchange.getRequestURI().getRawQuery()), form);
    }

    /**
     * Reads an {@code application/x-www-form-urlencoded} body.
     *
     * @param exchange  the exchange, not null
     * @return the fields, or null if the body is too large
     * @throws IOException if reading fails
     */
    static Map<String, List<String>> readForm(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                return null;
            }
            return parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: ignore the pair, the page then reports the field as missing
            }
        }
        return out;
    }

    WebSession session() {
        return session;
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** @return a query parameter, if given and not blank */
    Optional<String> query(String name) {
        return first(query, name);
    }

    /** @return a form field, if given and not blank */
    Optional<String> form(String name) {
        return first(form, name);
    }

    /** @return a form field or the empty string */
    String formOr(String name, String fallback) {
        return form(name).orElse(fallback);
    }

    /** @return every value of a form field, not null */
    List<String> formAll(String name) {
        return form.getOrDefault(name, List.of());
    }

    /** @return true if the form has the field at all, even blank (checkboxes) */
    boolean hasForm(String name) {
        return form.containsKey(name);
    }

    private static Optional<String> first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    /** Answers with a whole HTML page. */
    void html(int status, String page) throws IOException {
        send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers 303 See Other (after a POST, so that reloading does not post again). */
    void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    /** Answers 303 to a path of this app with a one-time message. */
    void redirect(String location, Html.Flash flash) throws IOException {
        session.flash(flash);
        redirect(location);
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
