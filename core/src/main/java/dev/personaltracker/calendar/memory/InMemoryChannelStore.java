package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChannelStore;
import dev.personaltracker.calendar.spi.UserIds;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ChannelStore} in memory: channels are forgotten when the JVM exits (the services drop them at their
 * expiry). Thread-safe.
 */
public final class InMemoryChannelStore implements ChannelStore {

    private final ConcurrentMap<String, ChangeChannel> channels = new ConcurrentHashMap<>();

    private InMemoryChannelStore() {
    }

    /** @return a new, empty store */
    public static InMemoryChannelStore create() {
        return new InMemoryChannelStore();
    }

    @Override
    public void save(ChangeChannel channel) {
        Objects.requireNonNull(channel, "channel");
        channels.put(channel.channelId(), channel);
    }

    @Override
    public Optional<ChangeChannel> find(String channelId) {
        return Optional.ofNullable(channels.get(Objects.requireNonNull(channelId, "channelId")));
    }

    @Override
    public boolean delete(String channelId) {
        return channels.remove(Objects.requireNonNull(channelId, "channelId")) != null;
    }

    @Override
    public List<ChangeChannel> forUser(String userId) {
        UserIds.require(userId);
        return channels.values().stream().filter(c -> c.account().userId().equals(userId))
                .sorted(Comparator.comparing(ChangeChannel::channelId)).toList();
    }

    @Override
    public List<ChangeChannel> all() {
        return channels.values().stream().sorted(Comparator.comparing(ChangeChannel::channelId)).toList();
    }

    @Override
    public String toString() {
        return "InMemoryChannelStore[" + channels.size() + " channels]";
    }
}
