package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person's own .ics calendars. Each is read by a {@link SourceFetcher} (its own threads, a deadline, a size
 * limit, after the {@link SourceGuard} checks), checked to be a calendar the provider can read, and kept as a copy
 * under {@code DATA/sources/NAME.ics}; the tracker reads only these checked copies. A calendar that cannot be read
 * any more keeps its last good copy and is flagged with the reason; one never read is flagged and left out, so the
 * week still shows the other calendars.
 * <p>
 * Reading happens outside every lock; only the bookkeeping afterwards is synchronised.
 */
final class CalendarSources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarSources.class);

    /**
     * How one calendar stands.
     *
     * @param connected  true if the tracker reads its copy
     * @param problem  why the last read failed, plain words, if it did
     * @param readAt  when its copy was last read successfully, if ever
     */
    record Status(boolean connected, Optional<String> problem, Optional<Instant> readAt) {
    }

    private final StudyTracker tracker;
    private final UserTracker user;
    private final Path dir;
    private final SourceFetcher fetcher;
    private final Map<String, AccountRef> accounts = new LinkedHashMap<>();
    private final Map<String, Status> statuses = new LinkedHashMap<>();

    /**
     * Creates the set.
     *
     * @param tracker  the tracker (its provider registry and clock), not null
     * @param user  the person, not null
     * @param dataDir  the data folder, not null
     * @param deadline  the most one read may take, not null
     */
    CalendarSources(StudyTracker tracker, UserTracker user, Path dataDir, Duration deadline) {
        this.tracker = tracker;
        this.user = user;
        this.dir = dataDir.resolve("sources");
        this.fetcher = new SourceFetcher(deadline, SourceGuard.MAX_BYTES);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    /**
     * Reads a calendar and checks it, without keeping anything: the caller decides.
     *
     * @param source  the source, not null
     * @param guard  the checks, not null
     * @param zone  the person's zone, not null
     * @return the checked bytes, not null
     * @throws SourceException if it is refused or cannot be read, in plain words
     */
    byte[] read(WebSettings.Source source, SourceGuard guard, ZoneId zone) {
        return fetcher.fetch(source.location(), guard, bytes -> probe(bytes, source.location(), zone));
    }

    /**
     * Keeps a checked copy and connects it (again).
     *
     * @param name  the calendar's name, not null
     * @param bytes  the checked content, not null
     * @param source  the source, not null
     * @param zone  the person's zone, not null
     */
    synchronized void keep(String name, byte[] bytes, WebSettings.Source source, ZoneId zone) {
        Path copy = copyOf(name);
        try {
            Path tmp = Files.createTempFile(dir, name, ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + copy, e);
        }
        if (!accounts.containsKey(name)) {
            accounts.put(name, connect(name, source, zone));
        }
        statuses.put(name, new Status(true, Optional.empty(), Optional.of(tracker.clock().instant())));
    }

    /**
     * Records that reading a calendar failed: it keeps its last copy if it has one.
     *
     * @param name  the calendar's name, not null
     * @param problem  why, plain words, not null
     */
    synchronized void failed(String name, String problem) {
        Status before = statuses.get(name);
        statuses.put(name, new Status(accounts.containsKey(name), Optional.of(problem),
                before == null ? Optional.empty() : before.readAt()));
    }

    /**
     * Connects the copies kept of the given calendars (after a start or a zone change); nothing is read from the
     * sources themselves.
     *
     * @param sources  the calendars by name, not null
     * @param zone  the person's zone, not null
     */
    synchronized void connectCopies(Map<String, WebSettings.Source> sources, ZoneId zone) {
        disconnectAll();
        sources.forEach((name, source) -> {
            if (Files.isRegularFile(copyOf(name))) {
                accounts.put(name, connect(name, source, zone));
                Status before = statuses.get(name);
                statuses.put(name, before != null ? new Status(true, before.problem(), before.readAt())
                        : new Status(true, Optional.empty(), Optional.empty()));
            } else {
                statuses.putIfAbsent(name, new Status(false, Optional.of("not read yet"), Optional.empty()));
            }
        });
    }

    /**
     * Forgets a calendar: disconnects it and deletes its copy.
     *
     * @param name  the calendar's name, not null
     */
    synchronized void remove(String name) {
        AccountRef ref = accounts.remove(name);
        if (ref != null) {
            user.disconnect(ref);
        }
        statuses.remove(name);
        try {
            Files.deleteIfExists(copyOf(name));
        } catch (IOException e) {
            LOG.warn("Could not delete the copy of calendar '{}': {}", name, e.getMessage());
        }
    }

    /** @return how each calendar stands, by name */
    synchronized Map<String, Status> statuses() {
        return Map.copyOf(statuses);
    }

    /** @return the connected calendars' accounts, by name */
    synchronized Map<String, AccountRef> accounts() {
        return Map.copyOf(accounts);
    }

    private void disconnectAll() {
        accounts.values().forEach(user::disconnect);
        accounts.clear();
    }

    private AccountRef connect(String name, WebSettings.Source source, ZoneId zone) {
        return user.connect("ics", settings("ics-" + name, name, copyOf(name), source.owner(), zone));
    }

    private ProviderSettings settings(String account, String name, Path file, String owner, ZoneId zone) {
        ProviderSettings.Builder b = ProviderSettings.builder().property("account", account)
                .property("zone", zone.getId()).property("source." + name, file.toString()).clock(tracker.clock());
        if (!owner.isBlank()) {
            b.property("owner", owner);
        }
        return b.build();
    }

    private Path copyOf(String name) {
        return dir.resolve(name + ".ics");
    }

    /** Reads the bytes the way the tracker will, on a throwaway connection: only a calendar it can read passes. */
    private void probe(byte[] bytes, String location, ZoneId zone) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "check", ".ics");
            Files.write(tmp, bytes);
            try (CalendarConnection c = tracker.providers().get("ics")
                    .connect(settings("check", "check", tmp, "", zone), Credentials.none())) {
                Instant now = tracker.clock().instant();
                c.busy(c.calendars().stream().map(CalendarInfo::id).toList(),
                        Interval.of(now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(35))), BusyPolicy.defaults());
            }
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            // the parser's message quotes the content: it stays out of the page and the log
            LOG.info("'{}' is not a readable calendar ({})", location, e.getClass().getSimpleName());
            throw new SourceException("'" + location + "' is not an iCalendar file this app can read (it should "
                    + "begin with BEGIN:VCALENDAR).");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}", tmp, e);
                }
            }
        }
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
