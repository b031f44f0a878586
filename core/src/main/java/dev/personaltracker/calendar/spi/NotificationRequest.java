package dev.personaltracker.calendar.spi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request a calendar service sent to the host's notification endpoint, as the host's web framework received
 * it: headers (names compared without case), the query parameters (already URL-decoded) and the body.
 *
 * @param headers  the headers, each name with its values, not null
 * @param query  the query parameters, URL-decoded, first value of each, not null
 * @param body  the body as text (UTF-8), empty string if none, not null
 */
public record NotificationRequest(Map<String, List<String>> headers, Map<String, String> query, String body) {

    /**
     * Copies the components; header names become lower case.
     *
     * @param headers  the headers, not null
     * @param query  the query parameters, not null
     * @param body  the body, not null
     */
    public NotificationRequest {
        Objects.requireNonNull(headers, "headers");
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
                .addAll(values));
        Map<String, List<String>> copied = new TreeMap<>();
        lower.forEach((name, values) -> copied.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copied);
        query = Map.copyOf(Objects.requireNonNull(query, "query"));
        Objects.requireNonNull(body, "body");
    }

    /**
     * Gets the first value of a header.
     *
     * @param name  the header name, any case, not null
     * @return the value, empty if the header is missing
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Gets a query parameter.
     *
     * @param name  the parameter name, not null
     * @return the value, empty if missing
     */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** @return the header names and the body's length, never the values (they carry channel secrets) */
    @Override
    public String toString() {
        return "NotificationRequest[headers=" + headers.keySet() + ", query=" + query.keySet() + ", body="
                + body.length() + " chars]";
    }
}
