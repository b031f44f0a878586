package dev.personaltracker.calendar.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the Google Calendar API v3 for many people at once, as a WireMock transformer: each bearer token is one
 * account with one primary calendar. It serves what the library asks of Google in a host's cycle, as Google does:
 * {@code calendarList.get} and {@code .list}, {@code events.list} (a full listing with a {@code nextSyncToken}, or the changes since a
 * sync token, deletions as {@code status: cancelled}), {@code events.get}, {@code events.insert} (409 for a taken id),
 * {@code events.patch} (with {@code If-Match}, 412 on a stale etag) and {@code events.delete}. It counts the requests
 * of each account.
 */
final class FakeGoogleCalendar implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The events of the primary calendar, named "primary" or by the account's address. */
    private static final Pattern EVENTS = Pattern.compile("/calendar/v3/calendars/[^/]+/events(?:/([^/]+))?");

    /** One account's primary calendar. */
    private static final class Account {
        final String email;
        final Map<String, ObjectNode> events = new LinkedHashMap<>();
        /** The version at which each event last changed (deleted events stay, cancelled). */
        final Map<String, Long> changedAt = new HashMap<>();
        final AtomicInteger requests = new AtomicInteger();
        long version = 1;

        Account(String email) {
            this.email = email;
        }

        synchronized void put(ObjectNode event) {
            version++;
            event.put("etag", "\"" + version + "\"");
            events.put(event.get("id").asText(), event);
            changedAt.put(event.get("id").asText(), version);
        }
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    /**
     * Adds an account with some busy events.
     *
     * @param token  its bearer token
     * @param email  its address, the primary calendar's id
     */
    void addAccount(String token, String email) {
        accounts.put(token, new Account(email));
    }

    /** Adds or replaces a plain busy event of an account. */
    void putBusy(String token, String id, Instant start, Instant end) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("status", "confirmed").put("summary", "Meeting " + id).put("eventType", "default");
        e.putObject("start").put("dateTime", start.toString()).put("timeZone", "UTC");
        e.putObject("end").put("dateTime", end.toString()).put("timeZone", "UTC");
        account(token).put(e);
    }

    /** @return the start of an account's first study session (by start), if it has one */
    Instant firstSessionStart(String token) {
        Account a = account(token);
        synchronized (a) {
            return a.events.values().stream()
                    .filter(e -> e.has("extendedProperties") && !"cancelled".equals(e.path("status").asText()))
                    .map(e -> Instant.parse(e.path("start").path("dateTime").asText()))
                    .sorted().findFirst().orElseThrow();
        }
    }

    /** @return the requests an account made since the last reset */
    int requests(String token) {
        return account(token).requests.get();
    }

    void resetCounts() {
        accounts.values().forEach(a -> a.requests.set(0));
    }

    private Account account(String token) {
        Account a = accounts.get(token);
        if (a == null) {
            throw new IllegalArgumentException("no account for that token");
        }
        return a;
    }

    @Override
    public String getName() {
        return "fake-google-calendar";
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String auth = request.getHeader("Authorization");
        Account a = auth == null ? null : accounts.get(auth.replaceFirst("^Bearer ", ""));
        if (a == null) {
            return error(401, "authError", "Invalid Credentials");
        }
        a.requests.incrementAndGet();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String method = request.getMethod().getName();
        String override = request.getHeader("X-HTTP-Method-Override");
        if (override != null) {
            method = override;
        }
        synchronized (a) {
            if (path.equals("/calendar/v3/users/me/calendarList/primary")) {
                return ok(JSON.createObjectNode().put("id", a.email));
            }
            if (path.equals("/calendar/v3/users/me/calendarList")) {
                ObjectNode list = JSON.createObjectNode();
                list.putArray("items").addObject().put("id", a.email).put("summary", a.email).put("primary", true)
                        .put("accessRole", "owner").put("timeZone", "UTC");
                return ok(list);
            }
            Matcher events = EVENTS.matcher(path);
            if (events.matches() && events.group(1) == null && method.equals("GET")) {
                return list(a, query(url, "syncToken"));
            }
            if (events.matches() && events.group(1) == null && method.equals("POST")) {
                return insert(a, body(request));
            }
            if (events.matches()) {
                String id = events.group(1);
                ObjectNode e = a.events.get(id);
                boolean live = e != null && !"cancelled".equals(e.path("status").asText());
                switch (method) {
                    case "GET":
                        return live ? ok(e) : error(404, "notFound", "Not Found");
                    case "PATCH":
                        if (!live) {
                            return error(404, "notFound", "Not Found");
                        }
                        String ifMatch = request.getHeader("If-Match");
                        if (ifMatch != null && !ifMatch.equals(e.path("etag").asText())) {
                            return error(412, "conditionNotMet", "Precondition Failed");
                        }
                        ObjectNode patch = body(request);
                        ObjectNode next = e.deepCopy();
                        patch.fields().forEachRemaining(f -> next.set(f.getKey(), f.getValue()));
                        a.put(next);
                        return ok(next);
                    case "DELETE":
                        if (!live) {
                            return error(410, "deleted", "Resource has been deleted");
                        }
                        ObjectNode gone = e.deepCopy().put("status", "cancelled");
                        a.put(gone);
                        return new ResponseDefinitionBuilder().withStatus(204).build();
                    default:
                        break;
                }
            }
        }
        return error(404, "notFound", "The fake does not serve " + method + " " + path);
    }

    private static ResponseDefinition list(Account a, String syncToken) {
        ObjectNode page = JSON.createObjectNode().put("timeZone", "UTC");
        ArrayNode items = page.putArray("items");
        long since = syncToken == null ? -1 : Long.parseLong(syncToken.substring(1));
        a.events.forEach((id, e) -> {
            boolean cancelled = "cancelled".equals(e.path("status").asText());
            if (syncToken == null && !cancelled) {
                items.add(e);
            } else if (syncToken != null && a.changedAt.get(id) > since) {
                items.add(cancelled ? JSON.createObjectNode().put("id", id).put("status", "cancelled") : e);
            }
        });
        page.put("nextSyncToken", "v" + a.version);
        return ok(page);
    }

    private static ResponseDefinition insert(Account a, ObjectNode event) {
        String id = event.path("id").asText();
        ObjectNode existing = a.events.get(id);
        if (existing != null && !"cancelled".equals(existing.path("status").asText())) {
            return error(409, "duplicate", "The requested identifier already exists.");
        }
        event.put("status", "confirmed").put("eventType", "default");
        a.put(event);
        return ok(event);
    }

    private static ObjectNode body(Request request) {
        try {
            JsonNode node = JSON.readTree(request.getBody());
            return node instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String query(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static ResponseDefinition ok(JsonNode body) {
        try {
            return new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=UTF-8")
                    .withBody(JSON.writeValueAsBytes(body)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinition error(int status, String reason, String message) {
        String body = "{\"error\":{\"errors\":[{\"domain\":\"global\",\"reason\":\"" + reason + "\",\"message\":\""
                + message + "\"}],\"code\":" + status + ",\"message\":\"" + message + "\"}}";
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body).build();
    }
}
