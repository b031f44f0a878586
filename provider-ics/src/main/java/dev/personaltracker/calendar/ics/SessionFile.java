package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.StringWriter;
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
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Transp;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local .ics file study sessions are written to.
 * <p>
 * Each session is a VEVENT with UID {@code <key>@sessions.personaltracker.dev} and the tag
 * {@value #SESSION_KEY}, written in UTC (never floating, so other apps cannot shift it). Its version is
 * {@code <SEQUENCE>-<hash of UID, times, SUMMARY, DESCRIPTION, STATUS>}: an edit made elsewhere changes it even
 * when the editor did not raise SEQUENCE.
 * <p>
 * Writers hold a lock per file (one {@link ReentrantLock} per path in this JVM, plus an OS lock on a
 * {@code .lock} file beside it against other processes), read the file afresh, change it and replace it
 * atomically (a temp file in the same directory, fsync, atomic move), so readers never see half a file and no
 * concurrent write is lost. Thread-safe.
 */
final class SessionFile {

    /** The property that marks the library's own events. */
    static final String SESSION_KEY = "X-PERSONALTRACKER-SESSION-KEY";
    static final String UID_SUFFIX = "@sessions.personaltracker.dev";
    private static final String PRODID = "-//Personal Tracker//Calendar Integration//EN";
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
    IcsDocument read() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return IcsDocument.empty(personZone);
        } catch (IOException e) {
            throw new UnexpectedResponseException("ics: " + describe() + " cannot be read: " + e, e);
        }
        return IcsDocument.parse(text, personZone, describe());
    }

    /** @return the sessions in the file, sorted by start */
    List<StudyEvent> sessions() {
        return sessions(read());
    }

    Optional<StudyEvent> find(SessionKey key) {
        return sessions().stream().filter(e -> e.key().equals(key)).findFirst();
    }

    StudyEvent create(SessionKey key, Interval interval, SessionDetails details) {
        return update(doc -> {
            Optional<StudyEvent> existing = sessions(doc).stream().filter(e -> e.key().equals(key)).findFirst();
            if (existing.isPresent()) {
                LOG.debug("ics: session {} already in {}; not creating it again", key, describe());
                return new Change<>(existing.get(), false);
            }
            Instant now = clock.instant();
            VEvent event = new VEvent(false);
            event.add(new Uid(key.value() + UID_SUFFIX));
            event.add(new DtStamp(now));
            event.add(new Created(now));
            event.add(new LastModified(now));
            event.add(new DtStart<>(interval.start()));
            event.add(new DtEnd<>(interval.end()));
            event.add(new Summary(details.title()));
            details.description().ifPresent(d -> event.add(new Description(d)));
            event.add(new Transp("OPAQUE"));
            event.add(new Sequence(0));
            event.add(new XProperty(SESSION_KEY, key.value()));
            doc.calendar().add(event);
            return new Change<>(toStudyEvent(doc, event).orElseThrow(), true);
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
            StudyEvent current = toStudyEvent(doc, event).orElseThrow(() -> new EventChangedException(
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
            int sequence = IcsDocument.text(event, Property.SEQUENCE).map(SessionFile::parseInt).orElse(0);
            Instant now = clock.instant();
            event.replace(new DtStart<>(to.start()));
            event.replace(new DtEnd<>(to.end()));
            event.replace(new Sequence(sequence + 1));
            event.replace(new DtStamp(now));
            event.replace(new LastModified(now));
            return new Change<>(toStudyEvent(doc, event).orElseThrow(), true);
        });
    }

    void delete(StudyEvent event) {
        update(doc -> {
            Optional<VEvent> found = component(doc, event.key());
            found.ifPresent(e -> doc.calendar().remove(e));
            return new Change<>(Boolean.TRUE, found.isPresent());
        });
    }

    /** @return true if a VEVENT is one of the library's sessions */
    static boolean isSession(Component event) {
        return sessionKey(event).isPresent();
    }

    private List<StudyEvent> sessions(IcsDocument doc) {
        List<StudyEvent> result = new ArrayList<>();
        for (VEvent event : doc.events()) {
            toStudyEvent(doc, event).ifPresent(result::add);
        }
        result.sort(Comparator.comparing(StudyEvent::interval));
        return result;
    }

    private Optional<VEvent> component(IcsDocument doc, SessionKey key) {
        return doc.events().stream().filter(e -> sessionKey(e).filter(key::equals).isPresent()).findFirst();
    }

    private Optional<StudyEvent> toStudyEvent(IcsDocument doc, VEvent event) {
        Optional<SessionKey> key = sessionKey(event);
        Optional<IcsTime> start = doc.time(event, Property.DTSTART);
        Optional<IcsTime> end = doc.time(event, Property.DTEND);
        if (key.isEmpty() || start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        Instant from = start.get().instant(personZone);
        Instant to = end.get().instant(personZone);
        if (!from.isBefore(to)) {
            LOG.warn("ics: study session '{}' in {} ends before it starts; ignored", key.get(), describe());
            return Optional.empty();
        }
        String uid = IcsDocument.text(event, Property.UID).orElse(key.get().value() + UID_SUFFIX);
        return Optional.of(new StudyEvent(calendarId, uid, key.get(), Interval.of(from, to),
                Optional.of(version(event, uid, from, to))));
    }

    private static String version(VEvent event, String uid, Instant from, Instant to) {
        String sequence = IcsDocument.text(event, Property.SEQUENCE).orElse("0");
        String content = String.join("\n", uid, from.toString(), to.toString(),
                IcsDocument.text(event, Property.SUMMARY).orElse(""),
                IcsDocument.text(event, Property.DESCRIPTION).orElse(""),
                IcsDocument.text(event, Property.STATUS).orElse(""), sequence);
        return sequence + "-" + Hashes.sha256Hex(content, 8);
    }

    /** The key from the tag, or from a UID of our form when another app dropped the X- property on re-export. */
    private static Optional<SessionKey> sessionKey(Component event) {
        Optional<String> text = IcsDocument.text(event, SESSION_KEY)
                .or(() -> IcsDocument.text(event, Property.UID)
                        .filter(u -> u.endsWith(UID_SUFFIX))
                        .map(u -> u.substring(0, u.length() - UID_SUFFIX.length())));
        try {
            return text.map(SessionKey::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A change's result, and whether the file must be written. */
    private record Change<R>(R result, boolean write) {
    }

    private <R> R update(Function<IcsDocument, Change<R>> change) {
        ReentrantLock lock = LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(path.getParent());
            Path lockFile = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                IcsDocument doc = read();
                Change<R> result = change.apply(doc);
                if (result.write()) {
                    write(doc.calendar());
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

    private void write(Calendar calendar) throws IOException {
        if (calendar.getProperty(Property.PRODID).isEmpty()) {
            calendar.add(new ProdId(PRODID));
        }
        if (calendar.getProperty(Property.VERSION).isEmpty()) {
            calendar.add(ImmutableVersion.VERSION_2_0);
        }
        StringWriter text = new StringWriter();
        new CalendarOutputter(false).output(calendar, text);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
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
