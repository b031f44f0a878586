package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The child JVM of the multi-process profile test: appends the lines {@code <prefix>-0}, {@code <prefix>-1}, ... to
 * one user's profile document by read, change, compare-and-set save, retrying on {@link StoreConflictException}, and
 * prints {@code ack <i>} after each save returned, then {@code done}.
 * <p>
 * Arguments: store directory, keyset file, user, line prefix, number of appends.
 */
public final class ProfileAppender {

    private ProfileAppender() {
    }

    public static void main(String[] args) {
        JsonProfileStore store = JsonProfileStore.open(Path.of(args[0]), StoreKeys.load(Path.of(args[1])));
        String user = args[2];
        String prefix = args[3];
        int count = Integer.parseInt(args[4]);
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; i < count; i++) {
            append(store, user, prefix + "-" + i);
            System.out.println("ack " + i);
            System.out.flush();
        }
        System.out.println("done");
        System.out.flush();
    }

    /** Appends one line, re-reading and retrying until no other writer came in between. */
    static void append(JsonProfileStore store, String user, String line) {
        while (true) {
            Optional<StoredProfile> current = store.load(user);
            try {
                store.save(user, current.map(StoredProfile::document).orElse("") + line + "\n",
                        current.map(StoredProfile::version).orElse(0L));
                return;
            } catch (StoreConflictException lost) {
                // another process saved first: read its version and apply the append to it
            }
        }
    }
}
