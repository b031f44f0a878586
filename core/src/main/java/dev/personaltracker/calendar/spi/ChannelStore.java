package dev.personaltracker.calendar.spi;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the open {@link ChangeChannel}s, so that a notification can be checked against its channel's secret and
 * routed to its user, also after a restart. The secrets are credentials: persistent implementations encrypt them.
 * <p>
 * Implementations must be thread-safe.
 */
public interface ChannelStore {

    /**
     * Saves a channel, replacing the one with the same id.
     *
     * @param channel  the channel, not null
     */
    void save(ChangeChannel channel);

    /**
     * Finds a channel by id.
     *
     * @param channelId  the id, not null
     * @return the channel, empty if none
     */
    Optional<ChangeChannel> find(String channelId);

    /**
     * Forgets a channel.
     *
     * @param channelId  the id, not null
     * @return true if there was one
     */
    boolean delete(String channelId);

    /**
     * Lists one user's channels.
     *
     * @param userId  the user, not null
     * @return the channels, not null
     */
    List<ChangeChannel> forUser(String userId);

    /**
     * Lists every channel.
     *
     * @return the channels, not null
     */
    List<ChangeChannel> all();
}
