package dev.personaltracker.calendar.outlook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MSAL4J's HTTP client, over the JDK's {@code java.net.http}, that hands MSAL only bodies it can parse.
 * <p>
 * Why: MSAL4J 1.26 reads every token-endpoint answer into a map of strings, and that reader never returns on a JSON
 * object holding an empty array ({@code {"error_codes":[]}}, {@code {"value":[]}}): the token request thread spins
 * at full CPU for ever (the caller gives up at the read deadline, the thread does not). MSAL reads string values
 * only, so an empty array is dropped from the body before MSAL sees it; nothing MSAL uses changes. Like MSAL's own
 * client it follows no redirects and uses the JVM's proxy settings; an answer must begin within the timeout given
 * (the caller waits no longer than its read deadline in any case, see {@link MsalClient}). {@code java.net.http}
 * logs no header at any logger level, where {@code HttpURLConnection}, MSAL's own choice, logs them at FINE.
 * Thread-safe.
 */
final class MsalHttp implements IHttpClient {

    /** Headers {@link java.net.http.HttpRequest.Builder} refuses to set; the client sets them itself. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** One client for the JVM, made at the first token request. */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .proxy(ProxySelector.getDefault())
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private final Duration timeout;

    /** @param timeout  the longest wait for an answer to begin */
    MsalHttp(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.url().toURI())
                .timeout(timeout);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            if (h.getValue() != null && !RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                b.header(h.getKey(), h.getValue());
            }
        }
        String method = request.httpMethod().name();
        b.method(method, request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        java.net.http.HttpResponse<String> r = Shared.CLIENT.send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        HttpResponse out = new HttpResponse().statusCode(r.statusCode()).body(parsable(r.body()));
        out.addHeaders(r.headers().map());
        return out;
    }

    /** @return {@code body} with every empty array taken out of its JSON objects; any other body as it came */
    static String parsable(String body) {
        if (body == null || !body.contains("[")) {
            return body;
        }
        try {
            JsonElement json = JsonParser.parseString(body);
            return dropEmptyArrays(json) ? json.toString() : body;
        } catch (JsonParseException | IllegalStateException notJson) {
            return body;   // MSAL reports a body that is not JSON itself
        }
    }

    /** @return true if anything was dropped */
    private static boolean dropEmptyArrays(JsonElement e) {
        boolean dropped = false;
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (Iterator<Map.Entry<String, JsonElement>> it = o.entrySet().iterator(); it.hasNext(); ) {
                JsonElement value = it.next().getValue();
                if (value.isJsonArray() && value.getAsJsonArray().isEmpty()) {
                    it.remove();
                    dropped = true;
                } else {
                    dropped |= dropEmptyArrays(value);
                }
            }
        } else if (e.isJsonArray()) {
            com.google.gson.JsonArray array = e.getAsJsonArray();
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonElement item = array.get(i);
                if (item.isJsonArray() && item.getAsJsonArray().isEmpty()) {
                    array.remove(i);
                    dropped = true;
                } else {
                    dropped |= dropEmptyArrays(item);
                }
            }
        }
        return dropped;
    }
}
