package dev.personaltracker.calendar.examples.plugin;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.ReadOnlyCalendarConnection;
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
import java.util.Optional;

/**
 * One rota file, as a {@link ReadOnlyCalendarConnection}: one calendar, {@value #ROTA}, whose shifts are busy time.
 * Study sessions go to a calendar of another account (the host's {@code writeTo}); the write methods come from
 * {@link ReadOnlyCalendarConnection} and refuse. Thread-safe: the file is read on each call.
 */
final class RotaConnection implements ReadOnlyCalendarConnection {

    /** The read-only calendar of shifts. */
    static final String ROTA = "rota";

    private final String account;
    private final Path file;
    private final ZoneId zone;

    RotaConnection(String account, Path file, ZoneId zone) {
        this.account = account;
        this.file = file;
        this.zone = zone;
    }

    @Override
    public String providerId() {
        return RotaCalendarProvider.ID;
    }

    @Override
    public String accountId() {
        return account;
    }

    /** The shifts, read-only: {@code writeTo} refuses this calendar. */
    @Override
    public List<CalendarInfo> calendars() {
        return List.of(new CalendarInfo(ROTA, "Work rota", true, CalendarAccess.READER, Optional.of(zone)));
    }

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
                // the message names the file and the line, never the line's text: a host may show errors, and the
                // file could be any file the person (or an attacker) pointed it at
                throw new UnexpectedResponseException("rota: line " + (n + 1) + " of " + file + " is not"
                        + " 'date,from,to,title' (such as 2026-03-09,18:00,22:00,Late shift)", e);
            }
        }
        return shifts;
    }
}
