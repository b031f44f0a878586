package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.ChangeNotification;
import com.microsoft.graph.models.ChangeNotificationCollection;
import com.microsoft.graph.models.LifecycleEventType;
import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import dev.personaltracker.calendar.spi.ChangeNotice;
import dev.personaltracker.calendar.spi.NotificationDecoder;
import dev.personaltracker.calendar.spi.NotificationRequest;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Microsoft Graph change and lifecycle notifications with the Graph SDK's own model: a request with a
 * {@code validationToken} query parameter is the validation handshake (the token is echoed back as text/plain); a JSON
 * body whose {@code value} array holds objects with a {@code subscriptionId} is a batch of notifications, each with the
 * {@code clientState} to check. Lifecycle events map to {@link ChangeNotice.Kind#RENEWAL_REQUIRED}
 * ({@code reauthorizationRequired}), {@link ChangeNotice.Kind#REMOVED} ({@code subscriptionRemoved}) and
 * {@link ChangeNotice.Kind#MISSED} ({@code missed}).
 */
final class GraphNotifications implements NotificationDecoder {

    @Override
    public Optional<Decoded> decode(NotificationRequest request) {
        Optional<String> token = request.queryParameter("validationToken");
        if (token.isPresent()) {
            return Optional.of(Decoded.handshake(token.get()));
        }
        String body = request.body().strip();
        if (!body.startsWith("{") || !body.contains("subscriptionId")) {
            return Optional.empty();
        }
        ChangeNotificationCollection batch;
        try {
            batch = new JsonParseNodeFactory()
                    .getParseNode("application/json", new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .getObjectValue(ChangeNotificationCollection::createFromDiscriminatorValue);
        } catch (RuntimeException e) {
            throw new UnexpectedResponseException("A Microsoft Graph notification is not the expected JSON ("
                    + e.getClass().getSimpleName() + "); it was refused", e);
        }
        if (batch == null || batch.getValue() == null) {
            throw new UnexpectedResponseException("A Microsoft Graph notification has no 'value' array; it was refused");
        }
        List<ChangeNotice> notices = new ArrayList<>();
        for (ChangeNotification n : batch.getValue()) {
            if (n == null || n.getSubscriptionId() == null) {
                continue;
            }
            String state = n.getClientState() == null ? "" : n.getClientState();
            notices.add(new ChangeNotice(n.getSubscriptionId(), state, kind(n.getLifecycleEvent())));
        }
        return Optional.of(Decoded.notices(notices));
    }

    private static ChangeNotice.Kind kind(LifecycleEventType event) {
        if (event == null) {
            return ChangeNotice.Kind.CHANGED;
        }
        return switch (event) {
            case ReauthorizationRequired -> ChangeNotice.Kind.RENEWAL_REQUIRED;
            case SubscriptionRemoved -> ChangeNotice.Kind.REMOVED;
            case Missed -> ChangeNotice.Kind.MISSED;
            default -> ChangeNotice.Kind.MISSED;
        };
    }
}
