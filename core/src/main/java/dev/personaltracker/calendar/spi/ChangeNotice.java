package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * One notification a calendar service sent about a channel, as a {@link NotificationDecoder} read it, before it is
 * verified. {@link #toString()} leaves the presented secret out.
 *
 * @param channelId  the channel it names, not null (may be anything: it is not verified yet)
 * @param presentedSecret  the token or {@code clientState} it carries, empty string if none, not null
 * @param kind  what it says, not null
 */
public record ChangeNotice(String channelId, String presentedSecret, Kind kind) {

    /** What a notification says. */
    public enum Kind {
        /** Something in the calendar changed: read the delta and reconcile. */
        CHANGED,
        /** The channel was just opened (Google's {@code sync} message); nothing changed. */
        SYNC,
        /** The service may have dropped notifications (Graph {@code missed}): read the delta and reconcile. */
        MISSED,
        /** The service needs the channel renewed soon (Graph {@code reauthorizationRequired}). */
        RENEWAL_REQUIRED,
        /** The service removed the channel (Graph {@code subscriptionRemoved}): open a new one and reconcile. */
        REMOVED
    }

    /**
     * Validates the components.
     *
     * @param channelId  the channel it names, not null
     * @param presentedSecret  the secret it carries, not null
     * @param kind  what it says, not null
     */
    public ChangeNotice {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(presentedSecret, "presentedSecret");
        Objects.requireNonNull(kind, "kind");
    }

    /** @return the notice without the presented secret */
    @Override
    public String toString() {
        return "ChangeNotice[" + channelId + ", " + kind + "]";
    }
}
