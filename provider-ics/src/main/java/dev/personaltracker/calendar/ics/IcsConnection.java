package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.ics.internal.BusyRequest;
import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection over the configured .ics sources (read-only calendars, ids = source names) and the output file
 * (writable, id = {@code output.id}). Sources are read through {@link SourceReader}, which reuses a parse while the
 * source is unchanged and holds no lock while reading. Thread-safe.
 */
final class IcsConnection implements CalendarConnection {

    private final IcsSettings settings;
    private final SourceReader reader;
    private final Optional<SessionFile> output;

    IcsConnection(IcsSettings settings) {
        this.settings = settings;
        this.reader = new SourceReader(settings.limits(), settings.retryPolicy(), settings.zone());
        this.output = settings.output().map(p -> new SessionFile(p, settings.outputId(), settings.zone(), settings.clock()));
    }

    @Override
    public String providerId() {
        return IcsCalendarProvider.ID;
    }

    @Override
    public String accountId() {
        return settings.account();
    }

    @Override
    public List<CalendarInfo> calendars() {
        List<CalendarInfo> result = new ArrayList<>();
        output.ifPresent(o -> result.add(new CalendarInfo(settings.outputId(), "Study sessions", true,
                settings.readOnly() ? CalendarAccess.READER : CalendarAccess.OWNER, Optional.of(settings.zone()))));
        for (IcsSource source : settings.sources()) {
            result.add(new CalendarInfo(source.name(), source.name(), output.isEmpty() && result.isEmpty(),
                    CalendarAccess.READER, Optional.of(settings.zone())));
        }
        return List.copyOf(result);
    }

    @Override
    public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        Objects.requireNonNull(calendarIds, "calendarIds");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(policy, "policy");
        List<BusyInterval> result = new ArrayList<>();
        for (String calendarId : calendarIds) {
            result.addAll(read(calendarId).busy(new BusyRequest(window, policy, settings.owners(),
                    IcsCalendarProvider.ID, calendarId, calendarId, settings.maxInstancesPerEvent())));
        }
        result.sort(Comparator.comparing(BusyInterval::interval));
        return List.copyOf(result);
    }

    @Override
    public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(details, "details");
        return writable(calendarId).create(key, interval, details);
    }

    @Override
    public List<StudyEvent> findSessions(String calendarId, Interval window) {
        Objects.requireNonNull(window, "window");
        return sessionFile(calendarId).sessions().stream().filter(e -> e.interval().overlaps(window)).toList();
    }

    @Override
    public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
        Objects.requireNonNull(key, "key");
        return sessionFile(calendarId).find(key);
    }

    @Override
    public StudyEvent moveSession(StudyEvent event, Interval to) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
        return writable(event.calendarId()).move(event, to);
    }

    @Override
    public void deleteSession(StudyEvent event) {
        Objects.requireNonNull(event, "event");
        writable(event.calendarId()).delete(event);
    }

    @Override
    public String toString() {
        return "IcsConnection[account=" + settings.account() + ", calendars=" + settings.calendarIds() + "]";
    }

    private IcsCalendar read(String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        Optional<SessionFile> out = output.filter(o -> settings.outputId().equals(calendarId));
        if (out.isPresent()) {
            return out.get().read();
        }
        IcsSource source = settings.source(calendarId).orElseThrow(() -> unknown(calendarId));
        return reader.read(source);
    }

    private SessionFile sessionFile(String calendarId) {
        Objects.requireNonNull(calendarId, "calendarId");
        if (output.isPresent() && settings.outputId().equals(calendarId)) {
            return output.get();
        }
        if (settings.source(calendarId).isPresent()) {
            throw new BadSettingsException("ics: calendar '" + calendarId + "' is a read-only source; study sessions"
                    + " live in the output calendar" + output.map(o -> " '" + settings.outputId() + "'").orElse(
                    " (set property '" + IcsCalendarProvider.OUTPUT + "')"));
        }
        throw unknown(calendarId);
    }

    private SessionFile writable(String calendarId) {
        SessionFile file = sessionFile(calendarId);
        if (settings.readOnly()) {
            throw new BadSettingsException("ics: the connection is read-only (ProviderSettings.readOnly): "
                    + file.describe() + " is not written");
        }
        return file;
    }

    private BadSettingsException unknown(String calendarId) {
        return new BadSettingsException("ics: unknown calendar '" + calendarId + "'; the calendars are "
                + settings.calendarIds());
    }
}
