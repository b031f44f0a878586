package dev.personaltracker.calendar.examples.restart;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonProfileStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

/**
 * The host code of the restart test, identical in both JVMs: the same tracker configuration (providers discovered,
 * every store on storage-json under one directory, a fixed clock), and the questions asked of a person. Its
 * {@link #main} is the host after the restart: it builds the tracker and asks, without setting anything up.
 */
public final class RestartHost {

    private RestartHost() {
    }

    /** Builds the host's tracker over the stores in {@code data}. */
    static StudyTracker tracker(Path data, Instant now) {
        KeysetHandle keys = StoreKeys.loadOrCreate(data.resolve("keys").resolve("store-keyset.json"));
        Path stores = data.resolve("stores");
        return StudyTracker.builder()
                .discoverProviders()
                .tokenStore(JsonTokenStore.open(stores, keys))
                .historyStore(JsonHistoryStore.open(stores, keys))
                .profileStore(JsonProfileStore.open(stores, keys))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    /**
     * Asks a person's tracker what a host asks every day, as text: the accounts, the free time, the proposals and the
     * progress report.
     */
    static String answers(UserTracker user, Interval week) {
        FreeTime free = user.freeTime(week);
        String proposals = user.propose(week).sessions().stream().map(Proposal::interval).map(Interval::toString)
                .collect(Collectors.joining(" "));
        return "accounts " + user.accounts() + "\n"
                + "work hours " + user.workHours().map(Object::toString).orElse("none") + "\n"
                + "preferences " + user.preferences().map(Object::toString).orElse("none") + "\n"
                + "free " + free.free() + "\n"
                + "proposals " + proposals + "\n"
                + user.progress().report(user.userId());
    }

    /**
     * The host after a restart, in a new JVM: prints the answers of one person.
     *
     * @param args  the data directory, the user id, the clock's instant, the week's start and end
     */
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Interval week = Interval.of(Instant.parse(args[3]), Instant.parse(args[4]));
        try (StudyTracker tracker = tracker(data, Instant.parse(args[2]))) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(answers(tracker.forUser(args[1]), week));
            out.flush();
        }
    }
}
