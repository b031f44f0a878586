package dev.personaltracker.calendar.google;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Channel;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeChannels;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Calendar push channels: {@code events.watch} on one calendar (a {@code web_hook} channel with a fresh UUID as
 * its id and the library's secret as its token) and {@code channels.stop}. Google cannot extend a channel, so renewal
 * opens a new one with the same token and stops the old one. Google sends only "something changed"; the reconciler
 * then reads the delta with the calendar's sync token.
 */
final class GoogleChannels implements ChangeChannels {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleChannels.class);

    private final Calendar api;
    private final GoogleCalls calls;
    private final Supplier<TokenKey> account;
    private final Supplier<Instant> now;

    GoogleChannels(Calendar api, GoogleCalls calls, Supplier<TokenKey> account, Supplier<Instant> now) {
        this.api = api;
        this.calls = calls;
        this.account = account;
        this.now = now;
    }

    @Override
    public ChangeChannel open(String calendarId, URI address, String secret, Instant expiry) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
        long ttl = Math.max(1, Duration.between(now.get(), expiry).toSeconds());
        Channel request = new Channel()
                .setId(UUID.randomUUID().toString())
                .setType("web_hook")
                .setAddress(address.toString())
                .setToken(secret)
                .setParams(Map.of("ttl", Long.toString(ttl)));
        Channel opened = calls.execute("events.watch", calendarId,
                GoogleCalls.build(() -> api.events().watch(calendarId, request)), Channel.class);
        if (opened.getId() == null || opened.getResourceId() == null) {
            throw new UnexpectedResponseException(GoogleCalls.describe("events.watch", calendarId)
                    + ": Google's channel has no id or resourceId; try again later");
        }
        Instant expiresAt = opened.getExpiration() == null ? expiry : Instant.ofEpochMilli(opened.getExpiration());
        LOG.debug("Opened Google channel {} on calendar {} until {}", opened.getId(), calendarId, expiresAt);
        return new ChangeChannel(opened.getId(), account.get(), calendarId, opened.getResourceId(), expiresAt, secret);
    }

    @Override
    public ChangeChannel renew(ChangeChannel channel, URI address, Instant expiry) {
        ChangeChannel fresh = open(channel.calendarId(), address, channel.secret(), expiry);
        stop(channel);
        return fresh;
    }

    @Override
    public void stop(ChangeChannel channel) {
        Objects.requireNonNull(channel, "channel");
        Channel body = new Channel().setId(channel.channelId()).setResourceId(channel.resourceId());
        GoogleCalls.Response r = calls.send("channels.stop", channel.calendarId(),
                GoogleCalls.build(() -> api.channels().stop(body)), 404);
        r.http().ifPresent(GoogleCalls::disconnect);
        LOG.debug("Stopped Google channel {} on calendar {}", channel.channelId(), channel.calendarId());
    }
}
