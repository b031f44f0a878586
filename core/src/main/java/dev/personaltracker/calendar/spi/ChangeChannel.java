package dev.personaltracker.calendar.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One push channel a calendar service keeps open for the library: a Google {@code events.watch} channel or a
 * Microsoft Graph subscription on one calendar of one account. The service calls the host's notification endpoint
 * when something in that calendar changes; each call carries {@code channelId} and the {@code secret}, which the
 * library compares with what it stored before it believes the call.
 * <p>
 * {@link #toString()} leaves the secret out.
 *
 * @param channelId  the channel's id, as the service sends it back on every notification (Google channel id, Graph
 *                   subscription id), not blank
 * @param account  the user, provider and account the channel watches for, not null
 * @param calendarId  the calendar it watches, not blank
 * @param resourceId  the service's id of the watched resource (Google needs it to stop the channel), empty string if
 *                    the service has none, not null
 * @param expiresAt  when the service drops the channel unless it is renewed, not null
 * @param secret  the channel token (Google) or {@code clientState} (Graph) every notification must carry; never
 *                logged, not blank
 */
public record ChangeChannel(String channelId, TokenKey account, String calendarId, String resourceId,
        Instant expiresAt, String secret) {

    /**
     * Validates the components.
     *
     * @param channelId  the channel's id, not blank
     * @param account  the account, not null
     * @param calendarId  the calendar, not blank
     * @param resourceId  the watched resource's id, empty string if none, not null
     * @param expiresAt  when it expires, not null
     * @param secret  the token every notification must carry, not blank
     */
    public ChangeChannel {
        Require.nonBlank(channelId, "channelId");
        Objects.requireNonNull(account, "account");
        Require.nonBlank(calendarId, "calendarId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Require.nonBlank(secret, "secret");
    }

    /**
     * Obtains a copy with another id, resource and expiry (a renewed channel keeps its account, calendar and secret).
     *
     * @param newChannelId  the new channel id, not blank
     * @param newResourceId  the new resource id, not null
     * @param newExpiresAt  the new expiry, not null
     * @return the copy, not null
     */
    public ChangeChannel renewed(String newChannelId, String newResourceId, Instant newExpiresAt) {
        return new ChangeChannel(newChannelId, account, calendarId, newResourceId, newExpiresAt, secret);
    }

    /** @return the channel without its secret */
    @Override
    public String toString() {
        return "ChangeChannel[" + channelId + ", " + account + ", calendar=" + calendarId + ", expiresAt=" + expiresAt + "]";
    }
}
