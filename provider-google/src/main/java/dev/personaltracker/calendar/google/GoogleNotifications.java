package dev.personaltracker.calendar.google;

import dev.personaltracker.calendar.spi.ChangeNotice;
import dev.personaltracker.calendar.spi.NotificationDecoder;
import dev.personaltracker.calendar.spi.NotificationRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Google Calendar push notifications: a request with an {@code X-Goog-Channel-ID} header. The channel token
 * ({@code X-Goog-Channel-Token}) is the secret to check; {@code X-Goog-Resource-State} {@code sync} is the message
 * Google sends when a channel opens, {@code exists} and {@code not_exists} say the calendar changed. The body is
 * empty.
 */
final class GoogleNotifications implements NotificationDecoder {

    @Override
    public Optional<Decoded> decode(NotificationRequest request) {
        Optional<String> channel = request.header("X-Goog-Channel-ID");
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        String state = request.header("X-Goog-Resource-State").orElse("").toLowerCase(Locale.ROOT);
        ChangeNotice.Kind kind = state.equals("sync") ? ChangeNotice.Kind.SYNC : ChangeNotice.Kind.CHANGED;
        return Optional.of(Decoded.notices(List.of(
                new ChangeNotice(channel.get(), request.header("X-Goog-Channel-Token").orElse(""), kind))));
    }
}
