package dev.personaltracker.calendar.spi;

import java.net.URI;
import java.time.Instant;

/**
 * Push channels of one connection ({@link CalendarConnection#changeChannels()}): asks the calendar service to call
 * the host's endpoint when a calendar changes, keeps the channel alive, and closes it. Failures are the connection's
 * typed {@link CalendarException}s.
 */
public interface ChangeChannels {

    /**
     * Opens a channel on one calendar.
     *
     * @param calendarId  the calendar to watch, not null
     * @param address  the host's public HTTPS endpoint that receives notifications, not null
     * @param secret  the token every notification must carry back, not blank; never logged
     * @param expiry  when the channel should expire (the service may choose earlier), not null
     * @return the channel as opened, not null
     */
    ChangeChannel open(String calendarId, URI address, String secret, Instant expiry);

    /**
     * Keeps a channel alive until a later expiry. Services that cannot extend a channel open a new one and stop the
     * old one; the returned channel then has a new id.
     *
     * @param channel  the channel, not null
     * @param address  the host's endpoint, not null
     * @param expiry  the new expiry wanted, not null
     * @return the channel as renewed, not null
     */
    ChangeChannel renew(ChangeChannel channel, URI address, Instant expiry);

    /**
     * Stops a channel. Stopping a channel the service no longer knows succeeds.
     *
     * @param channel  the channel, not null
     */
    void stop(ChangeChannel channel);
}
