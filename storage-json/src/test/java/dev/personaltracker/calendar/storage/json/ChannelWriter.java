package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.TokenKey;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The child JVM of the multi-process channel test: saves the push channels {@code <prefix>-0}, {@code <prefix>-1},
 * ... of one user into the single channel file and prints {@code ack <i>} after each save returned, then
 * {@code done}.
 * <p>
 * Arguments: store directory, keyset file, user, channel id prefix, number of saves.
 */
public final class ChannelWriter {

    private ChannelWriter() {
    }

    /** The channel the children (and the parent) save for an id; the test checks it came back whole. */
    static ChangeChannel channel(String user, String channelId) {
        return new ChangeChannel(channelId, TokenKey.of(user, "google", user + "@example.com"), "calendar-" + channelId,
                "resource-" + channelId, Instant.parse("2026-04-01T08:00:00Z"), "secret-" + channelId);
    }

    public static void main(String[] args) {
        JsonChannelStore store = JsonChannelStore.open(Path.of(args[0]), StoreKeys.load(Path.of(args[1])));
        String user = args[2];
        String prefix = args[3];
        int count = Integer.parseInt(args[4]);
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; i < count; i++) {
            store.save(channel(user, prefix + "-" + i));
            System.out.println("ack " + i);
            System.out.flush();
        }
        System.out.println("done");
        System.out.flush();
    }
}
