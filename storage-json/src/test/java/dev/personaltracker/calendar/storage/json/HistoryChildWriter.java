package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The child JVM of the history cache test: another process that saves one proposed session record, then prints
 * {@code done}.
 * <p>
 * Arguments: store directory, keyset file, user, session key, start instant, length in minutes.
 */
public final class HistoryChildWriter {

    private HistoryChildWriter() {
    }

    public static void main(String[] args) {
        JsonHistoryStore store = JsonHistoryStore.open(Path.of(args[0]), StoreKeys.load(Path.of(args[1])));
        Instant start = Instant.parse(args[4]);
        store.save(SessionRecord.proposed(args[2], SessionKey.of(args[3]),
                Interval.of(start, Duration.ofMinutes(Long.parseLong(args[5]))), start.minus(Duration.ofDays(1))));
        System.out.println("done");
        System.out.flush();
    }
}
