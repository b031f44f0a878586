package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeNotice;
import dev.personaltracker.calendar.spi.NotificationDecoder;
import dev.personaltracker.calendar.spi.NotificationRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's notification endpoint, without a web framework: the host mounts {@link #handle} on its own public HTTPS
 * route (one route for every provider) and writes back the status, content type and body it returns.
 * <pre>{@code
 * NotificationResponse r = handler.handle(new NotificationRequest(request.headers(), request.query(), request.body()));
 * response.status(r.status()).contentType(r.contentType()).write(r.body());
 * }</pre>
 * It asks each provider's {@link NotificationDecoder} whether the request is its service's, answers Microsoft Graph's
 * validation handshake (the {@code validationToken} echoed as text/plain), and for each notification finds the channel
 * in the channel store and compares the secret it carries with the stored one in constant time. Only then does it act:
 * a change (or Graph's {@code missed}) reconciles the channel's user at once through the
 * {@link BackgroundReconciler}; a renewal request or removal goes to {@link PushChannels}. A notification for an
 * unknown channel, from another service than the channel's, or with a wrong secret is refused with 403 and touches no
 * user. It does no network I/O, so it answers well within the services' time limits.
 * <p>
 * This class is thread-safe.
 */
public final class NotificationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationHandler.class);

    private final List<CalendarProvider> providers;
    private final PushChannels push;
    private final BackgroundReconciler reconciler;

    private NotificationHandler(List<CalendarProvider> providers, PushChannels push, BackgroundReconciler reconciler) {
        this.providers = providers;
        this.push = push;
        this.reconciler = reconciler;
    }

    /**
     * Obtains a handler for the providers of a tracker.
     *
     * @param tracker  the tracker, not null
     * @param push  the channels the notifications are about, not null
     * @param reconciler  the reconciler that acts on changes, not null
     * @return the handler, not null
     */
    public static NotificationHandler create(StudyTracker tracker, PushChannels push, BackgroundReconciler reconciler) {
        Objects.requireNonNull(tracker, "tracker");
        return new NotificationHandler(tracker.providers().providers(), Objects.requireNonNull(push, "push"),
                Objects.requireNonNull(reconciler, "reconciler"));
    }

    /**
     * Handles one request to the endpoint.
     *
     * @param request  the request, not null
     * @return what to answer, not null
     */
    public NotificationResponse handle(NotificationRequest request) {
        Objects.requireNonNull(request, "request");
        for (CalendarProvider provider : providers) {
            Optional<NotificationDecoder> decoder = provider.notificationDecoder();
            if (decoder.isEmpty()) {
                continue;
            }
            Optional<NotificationDecoder.Decoded> decoded;
            try {
                decoded = decoder.get().decode(request);
            } catch (CalendarException e) {
                LOG.warn("Refused a notification request {} that {} could not read: {}", request, provider.id(), e.getMessage());
                return NotificationResponse.text(400, "unreadable notification");
            }
            if (decoded.isPresent()) {
                return act(provider.id(), decoded.get());
            }
        }
        LOG.warn("Refused a request {} that no provider's notifications match", request);
        return NotificationResponse.text(400, "not a calendar notification");
    }

    private NotificationResponse act(String providerId, NotificationDecoder.Decoded decoded) {
        if (decoded.handshake().isPresent()) {
            return NotificationResponse.text(200, decoded.handshake().get());
        }
        int accepted = 0;
        for (ChangeNotice notice : decoded.notices()) {
            Optional<ChangeChannel> channel = push.store().find(notice.channelId())
                    .filter(c -> c.account().providerId().equals(providerId))
                    .filter(c -> sameSecret(c.secret(), notice.presentedSecret()));
            if (channel.isEmpty()) {
                LOG.warn("Refused a {} notification for channel {}: unknown channel or wrong secret", providerId,
                        notice.channelId());
                continue;
            }
            accepted++;
            ChangeChannel c = channel.get();
            switch (notice.kind()) {
                case CHANGED, MISSED -> reconciler.notifyChanged(c.account().userId());
                case SYNC -> { }
                case RENEWAL_REQUIRED -> push.renewSoon(c);
                case REMOVED -> {
                    push.removed(c);
                    reconciler.notifyChanged(c.account().userId());
                }
                default -> throw new IllegalStateException("unknown notice kind " + notice.kind());
            }
        }
        if (accepted == 0) {
            return NotificationResponse.text(403, "unknown channel or wrong secret");
        }
        return NotificationResponse.text(202, "");
    }

    private static boolean sameSecret(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the number of providers asked */
    @Override
    public String toString() {
        return "NotificationHandler[" + providers.size() + " providers]";
    }
}
