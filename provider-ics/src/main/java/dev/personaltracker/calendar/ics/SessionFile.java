package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.ics.internal.SessionEvents;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import net.fortuna.ical4j.model.component.VEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local .ics file study sessions are written to.
 * <p>
 * Each session is a VEVENT in the format of {@link SessionEvents} (shared with the CalDAV provider).
 * <p>
 * Writers hold a lock per file (one {@link ReentrantLock} per path in this JVM, plus an OS lock on a
 * {@code .lock} file beside it against other processes), read the file afresh, change it and replace it
 * atomically (a temp file in the same directory, fsync, atomic move), so readers never see half a file and no
 * concurrent write is lost. Thread-safe.
 */
final class SessionFile {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFile.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final String calendarId;
    private final ZoneId personZone;
    private final Clock clock;

    SessionFile(Path path, String calendarId, ZoneId personZone, Clock clock) {
        this.path = path.toAbsolutePath().normalize();
        this.calendarId = calendarId;
        this.personZone = personZone;
        this.clock = clock;
    }

    /** @return a description for messages */
    String describe() {
        return "output calendar '" + calendarId + "' (file " + path + ")";
    }

    /** @return the file parsed; an empty calendar while the file does not exist */
    IcsCalendar read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return IcsCalendar.empty(personZone, describe());
        } catch (IOException e) {
            throw new UnexpectedResponseException("ics: " + describe() + " cannot be read: " + e, e);
        }
        return IcsCalendar.parse(text, personZone, describe());
    }

    /** @return the sessions in the file, sorted by start */
    List<StudyEvent> sessions() {
        return read().sessions(calendarId);
    }

    Optional<StudyEvent> find(SessionKey key) {
        return sessions().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    StudyEvent create(SessionKey key, Interval interval, SessionDetails details) {
        return update(doc -> {
            Optional<StudyEvent> existing = doc.sessions(calendarId).stream().filter(e -> e.key().equals(key))
                    .findFirst();
            if (existing.isPresent()) {
                LOG.debug("ics: session {} already in {}; not creating it again", key, describe());
                return new Change<>(existing.get(), false);
            }
            VEvent event = SessionEvents.newEvent(key, interval, details, clock.instant());
            doc.model().add(event);
            return new Change<>(SessionEvents.studyEvent(doc, event, calendarId).orElseThrow(), true);
        });
    }

    StudyEvent move(StudyEvent expected, Interval to) {
        return update(doc -> {
            Optional<VEvent> found = component(doc, expected.key());
            if (found.isEmpty()) {
                throw new EventChangedException("ics: study session '" + expected.key() + "' was deleted from "
                        + describe() + " since it was read; it was not moved", null);
            }
            VEvent event = found.get();
            StudyEvent current = SessionEvents.studyEvent(doc, event, calendarId).orElseThrow(() -> new EventChangedException(
                    "ics: study session '" + expected.key() + "' in " + describe() + " no longer has readable times;"
                            + " it was not moved", null));
            boolean unchanged = expected.version().isPresent()
                    ? expected.version().equals(current.version())
                    : expected.interval().equals(current.interval());
            if (!unchanged) {
                throw new EventChangedException("ics: study session '" + expected.key() + "' in " + describe()
                        + " was changed since it was read (now " + current.interval() + ", version "
                        + current.version().orElse("?") + "); read it again before moving it", current);
            }
            SessionEvents.move(event, to, clock.instant());
            return new Change<>(SessionEvents.studyEvent(doc, event, calendarId).orElseThrow(), true);
        });
    }

    void delete(StudyEvent event) {
        update(doc -> {
            Optional<VEvent> found = component(doc, event.key());
            found.ifPresent(e -> doc.model().remove(e));
            return new Change<>(Boolean.TRUE, found.isPresent());
        });
    }

    private static Optional<VEvent> component(IcsCalendar doc, SessionKey key) {
        return SessionEvents.sessionComponents(doc).stream()
                .filter(e -> SessionEvents.sessionKey(e).filter(key::equals).isPresent()).findFirst();
    }

    /** A change's result, and whether the file must be written. */
    private record Change<R>(R result, boolean write) {
    }

    private <R> R update(Function<IcsCalendar, Change<R>> change) {
        ReentrantLock lock = LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(path.getParent());
            Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                IcsCalendar doc = read();
                Change<R> result = change.apply(doc);
                if (result.write()) {
                    write(SessionEvents.print(doc.model()));
                }
                return result.result();
            }
        } catch (AccessDeniedException e) {
            throw new BadSettingsException("ics: " + describe() + " may not be written (" + e.getMessage()
                    + "): point property '" + IcsCalendarProvider.OUTPUT + "' to a writable file", e);
        } catch (IOException e) {
            throw new ProviderUnavailableException("ics: cannot write " + describe() + " (" + e
                    + "); the file was left as it was, try again", e);
        } finally {
            lock.unlock();
        }
    }

    private void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path dir = path.getParent();
        Path tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true); // make the rename durable; not possible on every OS, hence best effort
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("ics: cannot fsync directory {}: {}", dir, e.toString());
        }
    }
}
