package dev.personaltracker.calendar;

import java.util.Objects;

/**
 * What the host's endpoint answers a calendar service ({@link NotificationHandler#handle}).
 *
 * @param status  the HTTP status: 200 with the validation token for a handshake, 202 for accepted notifications,
 *                400 for a request no service sent, 403 for notifications whose channel or secret did not check out
 * @param contentType  the body's media type, not null
 * @param body  the body, empty string if none, not null
 */
public record NotificationResponse(int status, String contentType, String body) {

    /**
     * Validates the components.
     *
     * @param status  the HTTP status, 100 to 599
     * @param contentType  the body's media type, not null
     * @param body  the body, not null
     */
    public NotificationResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status (100-599), but was " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    static NotificationResponse text(int status, String body) {
        return new NotificationResponse(status, "text/plain; charset=utf-8", body);
    }
}
