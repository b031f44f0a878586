package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeChannels;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UserIds;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, renews and stops the push channels (Google {@code events.watch} channels, Microsoft Graph subscriptions) on
 * the calendars each user reads, so that the calendar services call the host's endpoint when something changes, and
 * the {@link BackgroundReconciler} need not poll those users.
 * <pre>{@code
 * PushChannels push = PushChannels.create(tracker, channelStore, URI.create("https://host.example/calendar-notify"));
 * push.watch("alice");                       // after alice connected her accounts and chose her calendars
 * BackgroundReconciler background = BackgroundReconciler.builder(tracker).pushChannels(push).build().start();
 * NotificationHandler handler = NotificationHandler.create(tracker, push, background);   // mount on the endpoint
 * }</pre>
 * Each channel gets a fresh random secret (256 bits) that every notification must carry back. Channels are renewed
 * {@link #renewBefore} their expiry by the reconciler's ticks ({@link #maintain()}); a channel the service removed or
 * that expired is opened again. Calendars of services without push (iCalendar files and feeds, CalDAV) keep being
 * polled. The address must be reachable from the internet over HTTPS: a host on localhost uses polling alone.
 * <p>
 * This class is thread-safe.
 */
public final class PushChannels {

    private static final Logger LOG = LoggerFactory.getLogger(PushChannels.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StudyTracker tracker;
    private final ChannelStore store;
    private final URI address;
    private final Duration lifetime;
    private final Duration renewBefore;
    /** Users all of whose read calendars had a channel when last watched. */
    private final Set<String> covered = ConcurrentHashMap.newKeySet();
    /** Channels a service asked to renew now. */
    private final Set<String> renewNow = ConcurrentHashMap.newKeySet();
    /** Users whose channels must be opened again. */
    private final Set<String> rewatch = ConcurrentHashMap.newKeySet();

    /** One connected account, its push channels if any, and the calendars it reads. */
    record Target(AccountRef account, Optional<ChangeChannels> channels, List<String> calendars) {
    }

    private PushChannels(StudyTracker tracker, ChannelStore store, URI address, Duration lifetime, Duration renewBefore) {
        this.tracker = tracker;
        this.store = store;
        this.address = address;
        this.lifetime = lifetime;
        this.renewBefore = renewBefore;
    }

    /**
     * Obtains push channels that live three days and are renewed a day before they expire (Graph allows calendar
     * subscriptions just under seven days; Google channels last about a week).
     *
     * @param tracker  the tracker whose users are watched, not null
     * @param store  where channels are kept, not null
     * @param address  the host's public HTTPS endpoint where {@link NotificationHandler} is mounted, not null
     * @return the channels, not null
     * @throws IllegalArgumentException if the address is not absolute https
     */
    public static PushChannels create(StudyTracker tracker, ChannelStore store, URI address) {
        return create(tracker, store, address, Duration.ofDays(3), Duration.ofDays(1));
    }

    /**
     * Obtains push channels with a chosen lifetime.
     *
     * @param tracker  the tracker whose users are watched, not null
     * @param store  where channels are kept, not null
     * @param address  the host's public HTTPS endpoint, not null
     * @param lifetime  how long each channel is asked to live, positive, not null
     * @param renewBefore  how long before its expiry a channel is renewed, positive and shorter than the lifetime
     * @return the channels, not null
     * @throws IllegalArgumentException if the address is not absolute https, or the durations do not fit
     */
    public static PushChannels create(StudyTracker tracker, ChannelStore store, URI address, Duration lifetime,
                                      Duration renewBefore) {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(renewBefore, "renewBefore");
        if (!"https".equalsIgnoreCase(address.getScheme()) || address.getHost() == null) {
            throw new IllegalArgumentException("address must be an absolute https URI the calendar services can reach,"
                    + " but was '" + address + "'; a host without a public endpoint uses polling alone");
        }
        if (renewBefore.isNegative() || renewBefore.isZero() || renewBefore.compareTo(lifetime) >= 0) {
            throw new IllegalArgumentException("renewBefore must be positive and shorter than the lifetime " + lifetime
                    + ", but was " + renewBefore);
        }
        return new PushChannels(tracker, store, address, lifetime, renewBefore);
    }

    /**
     * Opens a channel on every calendar the user reads that has none alive yet, on the accounts whose service has
     * push channels. A calendar whose channel cannot be opened is logged and left to polling.
     *
     * @param userId  the user, not blank
     * @return the user's channels after the call, not null
     */
    public List<ChangeChannel> watch(String userId) {
        UserIds.require(userId);
        Instant now = tracker.clock().instant();
        List<ChangeChannel> existing = store.forUser(userId);
        boolean all = true;
        for (Target target : tracker.forUser(userId).pushTargets()) {
            if (target.channels().isEmpty()) {
                all &= target.calendars().isEmpty();
                continue;
            }
            for (String calendarId : target.calendars()) {
                boolean live = existing.stream().anyMatch(c -> c.account().providerId().equals(target.account().providerId())
                        && c.account().accountId().equals(target.account().accountId())
                        && c.calendarId().equals(calendarId) && c.expiresAt().isAfter(now));
                if (live) {
                    continue;
                }
                try {
                    ChangeChannel opened = target.channels().get().open(calendarId, address, newSecret(), now.plus(lifetime));
                    // the channel belongs to this user, whatever key the connection files its own state under
                    store.save(new ChangeChannel(opened.channelId(), TokenKey.of(userId, target.account().providerId(),
                            target.account().accountId()), calendarId, opened.resourceId(), opened.expiresAt(),
                            opened.secret()));
                } catch (CalendarException e) {
                    all = false;
                    LOG.warn("Could not open a push channel on calendar {} of {} for user {}; it is polled", calendarId,
                            target.account(), userId, e);
                }
            }
        }
        if (all) {
            covered.add(userId);
        } else {
            covered.remove(userId);
        }
        rewatch.remove(userId);
        return store.forUser(userId);
    }

    /**
     * Stops and forgets every channel of a user (for example before they disconnect an account).
     *
     * @param userId  the user, not blank
     */
    public void stop(String userId) {
        UserIds.require(userId);
        covered.remove(userId);
        for (ChangeChannel channel : store.forUser(userId)) {
            try {
                channelsOf(channel).ifPresent(c -> c.stop(channel));
            } catch (CalendarException e) {
                LOG.warn("Could not stop push channel {}; the service drops it at {}", channel.channelId(),
                        channel.expiresAt(), e);
            }
            store.delete(channel.channelId());
        }
    }

    /**
     * Checks whether every calendar the user reads has a live channel, so that polling them can be skipped.
     *
     * @param userId  the user, not null
     * @return true if the user is covered by push
     */
    public boolean covers(String userId) {
        if (!covered.contains(userId) || rewatch.contains(userId)) {
            return false;
        }
        Instant now = tracker.clock().instant();
        List<ChangeChannel> channels = store.forUser(userId);
        return !channels.isEmpty() && channels.stream().allMatch(c -> c.expiresAt().isAfter(now));
    }

    /**
     * Renews the channels that expire within {@code renewBefore} or whose service asked for it, and opens again the
     * channels of users whose channels were removed or expired. Called by the background reconciler on every tick.
     */
    public void maintain() {
        Instant now = tracker.clock().instant();
        for (ChangeChannel channel : store.all()) {
            boolean asked = renewNow.remove(channel.channelId());
            if (!channel.expiresAt().isAfter(now)) {
                store.delete(channel.channelId());
                rewatch.add(channel.account().userId());
            } else if (asked || channel.expiresAt().isBefore(now.plus(renewBefore))) {
                renew(channel, now);
            }
        }
        for (String userId : List.copyOf(rewatch)) {
            try {
                watch(userId);
            } catch (RuntimeException e) {
                LOG.warn("Could not open the push channels of user {} again; they are polled meanwhile", userId, e);
            }
        }
    }

    private void renew(ChangeChannel channel, Instant now) {
        try {
            Optional<ChangeChannels> channels = channelsOf(channel);
            if (channels.isEmpty()) {
                store.delete(channel.channelId());
                return;
            }
            ChangeChannel renewed = channels.get().renew(channel, address, now.plus(lifetime));
            store.save(renewed);
            if (!renewed.channelId().equals(channel.channelId())) {
                store.delete(channel.channelId());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew push channel {}; trying again at the next tick", channel.channelId(), e);
        }
    }

    /** Called by the handler when a service asks for a channel's renewal. */
    void renewSoon(ChangeChannel channel) {
        renewNow.add(channel.channelId());
    }

    /** Called by the handler when a service removed a channel. */
    void removed(ChangeChannel channel) {
        store.delete(channel.channelId());
        rewatch.add(channel.account().userId());
    }

    ChannelStore store() {
        return store;
    }

    private Optional<ChangeChannels> channelsOf(ChangeChannel channel) {
        AccountRef ref = AccountRef.of(channel.account().providerId(), channel.account().accountId());
        return tracker.forUser(channel.account().userId()).pushTargets().stream()
                .filter(t -> t.account().equals(ref)).findFirst().flatMap(Target::channels);
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the address and the number of users covered */
    @Override
    public String toString() {
        return "PushChannels[" + address + ", covered users=" + covered.size() + "]";
    }
}
