package dev.personaltracker.calendar.examples.plugin;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rota file, as a {@link CalendarConnection}: calendar {@value #ROTA} (the shifts, read-only) and calendar
 * {@value #STUDY} (the study sessions, kept in memory). Thread-safe: the file is read on each call and the sessions
 * live in a concurrent map.
 */
final class RotaConnection implements CalendarConnection {

    /** The read-only calendar of shifts. */
    static final String ROTA = "rota";
    /** The writable calendar of study sessions. */
    static final String STUDY = "study";

    private final String account;
    private final Path file;
    private final ZoneId zone;
    private final Map<String, StudyEvent> sessions;

    RotaConnection(String account, Path file, ZoneId zone, Map<String, StudyEvent> sessions) {
        this.account = account;
        this.file = file;
        this.zone = zone;
        this.sessions = sessions;
    }

    @Override
    public String providerId() {
        return RotaCalendarProvider.ID;
    }

    @Override
    public String accountId() {
        return account;
    }

    /** The shifts first (primary), then the study calendar. */
    @Override
    public List<CalendarInfo> calendars() {
        return List.of(new CalendarInfo(ROTA, "Work rota", true, CalendarAccess.READER, Optional.of(zone)),
                new CalendarInfo(STUDY, "Study sessions", false, CalendarAccess.OWNER, Optional.of(zone)));
    }

    /**
     * Every shift is a plain busy event; the shared {@link BusyPolicy} still decides, so a host's policy applies here
     * as to every other provider. Shifts are clipped to the window; study sessions are never busy time.
     */
    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        List<BusyInterval> out = new ArrayList<>();
        if (!calendarIds.contains(ROTA)) {
            return out;
        }
        EventFacts facts = EventFacts.busy();
        if (!policy.blocks(facts)) {
            return out;
        }
        for (Shift shift : readShifts()) {
            Optional<Interval> inside = shift.interval().intersection(window);
            if (inside.isPresent()) {
                out.add(new BusyInterval(inside.get(), new BusySource(RotaCalendarProvider.ID, account, ROTA, shift.id(),
                        policy.includeTitles() ? Optional.of(shift.title()) : Optional.empty()), facts));
            }
        }
        out.sort(Comparator.comparing(BusyInterval::interval));
        return out;
    }

    /** Idempotent by key: the event id is derived from the key, and an existing event is returned as it is. */
    @Override
    public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        requireStudy(calendarId);
        return sessions.computeIfAbsent(key.value(),
                k -> new StudyEvent(STUDY, "study-" + k, key, interval, Optional.of("1")));
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        requireStudy(calendarId);
        return sessions.values().stream().filter(e -> e.interval().overlaps(window))
                .sorted(Comparator.comparing(StudyEvent::interval)).toList();
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        requireStudy(calendarId);
        return Optional.ofNullable(sessions.get(key.value()));
    }

    /** A conditional update: only the version the caller read may be moved; anything else is someone else's change. */
    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        requireStudy(event.calendarId());
        StudyEvent[] moved = new StudyEvent[1];
        StudyEvent now = sessions.computeIfPresent(event.key().value(), (k, current) -> {
            if (!current.version().equals(event.version())) {
                return current;
            }
            int next = Integer.parseInt(current.version().orElse("0")) + 1;
            moved[0] = new StudyEvent(STUDY, current.eventId(), current.key(), to, Optional.of(Integer.toString(next)));
            return moved[0];
        });
        if (moved[0] == null) {
            throw new EventChangedException("rota: study session " + event.eventId() + " was changed or deleted since it"
                    + " was read; read it again", now);
        }
        return moved[0];
    }

    /** Deleting an event that is already gone succeeds. */
    @Override
    public void deleteSession(StudyEvent event) {
        requireStudy(event.calendarId());
        sessions.remove(event.key().value());
    }

    private static void requireStudy(String calendarId) {
        if (!STUDY.equals(calendarId)) {
            throw new BadSettingsException("rota: calendar '" + calendarId + "' is read-only or unknown; study sessions"
                    + " go to calendar '" + STUDY + "'");
        }
    }

    /** One line of the rota. */
    private record Shift(String id, Interval interval, String title) {
    }

    private List<Shift> readShifts() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadSettingsException("rota: cannot read the rota file " + file + ": " + e.getMessage(), e);
        }
        List<Shift> shifts = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", 4);
            try {
                LocalDate day = LocalDate.parse(cells[0].strip());
                LocalTime from = LocalTime.parse(cells[1].strip());
                LocalTime to = LocalTime.parse(cells[2].strip());
                ZonedDateTime start = day.atTime(from).atZone(zone);
                ZonedDateTime end = (to.isAfter(from) ? day : day.plusDays(1)).atTime(to).atZone(zone);
                String title = cells.length > 3 ? cells[3].strip() : "Shift";
                shifts.add(new Shift(file.getFileName() + "#" + (n + 1), Interval.of(start.toInstant(), end.toInstant()), title));
            } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                throw new UnexpectedResponseException("rota: line " + (n + 1) + " of " + file + " is not"
                        + " 'date,from,to,title' (such as 2026-03-09,18:00,22:00,Late shift): '" + line + "'", e);
            }
        }
        return shifts;
    }
}
