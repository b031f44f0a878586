package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.NotificationHandler;
import dev.personaltracker.calendar.NotificationResponse;
import dev.personaltracker.calendar.spi.NotificationRequest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mounts the library's {@link NotificationHandler} on {@value #PATH}, where Google Calendar and Microsoft Graph call
 * when a watched calendar changes. It exists only when the app has a public https address ({@code PUBLIC_URL}, behind
 * a TLS proxy): on localhost no calendar service can call, the path answers 404 and the app polls. The handler checks
 * every notification against the stored channel and its secret; the page guard's CSRF check does not apply here (a
 * calendar service has no form token), its Host check does.
 */
final class PushEndpoint {

    /** Where the calendar services post notifications. */
    static final String PATH = "/calendar-notify";

    private final AutoReconcile reconcile;

    PushEndpoint(AutoReconcile reconcile) {
        this.reconcile = reconcile;
    }

    /**
     * Adds the route.
     *
     * @param routes  the server's routes, not null
     */
    void register(Javalin routes) {
        routes.post(PATH, this::notification);
    }

    private void notification(Context ctx) {
        Optional<NotificationHandler> handler = reconcile.notifications();
        if (handler.isEmpty()) {
            ctx.status(404);   // no public https address (PUBLIC_URL): the app polls
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        // JSON is UTF-8 (RFC 8259), whatever the header says; bytes that are not are refused, not replaced
        String body = RequestBody.utf8(RequestBody.read(ctx))
                .orElseThrow(() -> new Refusal(400, "Bad request: a notification's body must be UTF-8 JSON."));
        NotificationResponse answer = handler.get().handle(new NotificationRequest(headers, query, body));
        ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
    }
}
