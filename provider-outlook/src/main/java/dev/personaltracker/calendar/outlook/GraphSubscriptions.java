package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeChannels;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Graph change-notification subscriptions on the events of one calendar
 * ({@code POST /subscriptions} on {@code me/calendars/{id}/events}, {@code created,updated,deleted}), with the
 * library's secret as {@code clientState} and the same endpoint for lifecycle notifications; renewed with
 * {@code PATCH /subscriptions/{id}} (a subscription Graph no longer knows is created again) and removed with
 * {@code DELETE /subscriptions/{id}}. Graph validates the endpoint while it creates a subscription: the host's
 * {@code NotificationHandler} must already be mounted and answer the {@code validationToken} within 10 seconds.
 */
final class GraphSubscriptions implements ChangeChannels {

    private static final Logger LOG = LoggerFactory.getLogger(GraphSubscriptions.class);

    private final GraphServiceClient graph;
    private final GraphCalls calls;
    private final Supplier<TokenKey> account;

    GraphSubscriptions(GraphServiceClient graph, GraphCalls calls, Supplier<TokenKey> account) {
        this.graph = graph;
        this.calls = calls;
        this.account = account;
    }

    @Override
    public ChangeChannel open(String calendarId, URI address, String secret, Instant expiry) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
        Subscription wanted = new Subscription();
        wanted.setChangeType("created,updated,deleted");
        wanted.setNotificationUrl(address.toString());
        wanted.setLifecycleNotificationUrl(address.toString());
        wanted.setResource("me/calendars/" + calendarId + "/events");
        wanted.setExpirationDateTime(OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC));
        wanted.setClientState(secret);
        String request = "POST /subscriptions (calendar '" + calendarId + "')";
        Subscription made = calls.operation(request, () -> calls.once(request, () -> graph.subscriptions().post(wanted)));
        if (made.getId() == null || made.getId().isBlank()) {
            throw new UnexpectedResponseException("Microsoft Graph sent a subscription without id to " + request);
        }
        Instant expiresAt = made.getExpirationDateTime() == null ? expiry : made.getExpirationDateTime().toInstant();
        LOG.debug("Opened Graph subscription {} on calendar {} until {}", made.getId(), calendarId, expiresAt);
        return new ChangeChannel(made.getId(), account.get(), calendarId, "", expiresAt, secret);
    }

    @Override
    public ChangeChannel renew(ChangeChannel channel, URI address, Instant expiry) {
        Objects.requireNonNull(channel, "channel");
        Subscription patch = new Subscription();
        patch.setExpirationDateTime(OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC));
        String request = "PATCH /subscriptions/" + channel.channelId();
        Subscription renewed = calls.operation(request, () -> {
            try {
                return calls.attempt(request, () -> graph.subscriptions().bySubscriptionId(channel.channelId()).patch(patch));
            } catch (ApiException e) {
                if (e.getResponseStatusCode() == 404) {
                    return null;
                }
                throw calls.translate(e, request);
            }
        });
        if (renewed == null) {
            LOG.info("Graph no longer knows subscription {}; creating it again", channel.channelId());
            return open(channel.calendarId(), address, channel.secret(), expiry);
        }
        Instant expiresAt = renewed.getExpirationDateTime() == null ? expiry : renewed.getExpirationDateTime().toInstant();
        return channel.renewed(channel.channelId(), channel.resourceId(), expiresAt);
    }

    @Override
    public void stop(ChangeChannel channel) {
        Objects.requireNonNull(channel, "channel");
        String request = "DELETE /subscriptions/" + channel.channelId();
        calls.operation(request, () -> {
            try {
                graph.subscriptions().bySubscriptionId(channel.channelId()).delete();
            } catch (ApiException e) {
                if (e.getResponseStatusCode() != 404) {
                    throw calls.translate(e, request);
                }
            }
            return Boolean.TRUE;
        });
    }
}
