package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the person set on the Settings and Connect pages, kept in {@code settings.properties} in the data folder
 * (nothing secret: times, durations, file paths and feed URLs; tokens live only in the encrypted store).
 *
 * @param zone  the person's time zone
 * @param workHours  work hours per weekday; a missing day is free
 * @param goalMinutes  the weekly study goal
 * @param minSession  the shortest session, minutes
 * @param maxSession  the longest session, minutes
 * @param maxPerDay  the most study per day, minutes
 * @param buffer  the margin around busy time, minutes
 * @param breakMinutes  the least gap between two sessions, minutes
 * @param studyFrom  study may start at
 * @param studyTo  study must end by ({@code 00:00} for midnight)
 * @param samples  true to read the bundled sample calendars
 * @param sources  the person's own .ics calendars by name
 * @param writeTo  the calendar approved sessions go to, as {@code provider|account|calendar}; empty for the local
 *                 study-session file
 */
record WebSettings(ZoneId zone, Map<DayOfWeek, Hours> workHours, int goalMinutes, int minSession, int maxSession,
        int maxPerDay, int buffer, int breakMinutes, LocalTime studyFrom, LocalTime studyTo, boolean samples,
        Map<String, Source> sources, String writeTo) {

    /** Wall-clock hours of one day. */
    record Hours(LocalTime from, LocalTime to) {

        @Override
        public String toString() {
            return from + "-" + to;
        }

        static Hours parse(String text) {
            int dash = text.indexOf('-');
            if (dash < 0) {
                throw new IllegalArgumentException("Hours must look like 09:00-17:00, but were '" + text + "'");
            }
            return new Hours(time(text.substring(0, dash), "from"), time(text.substring(dash + 1), "to"));
        }
    }

    /**
     * An .ics calendar the person added.
     *
     * @param location  a file path or an http(s)/webcal URL
     * @param owner  the person's e-mail address in that calendar (decides declined invitations), may be empty
     */
    record Source(String location, String owner) {
    }

    WebSettings {
        workHours = Map.copyOf(workHours);
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /**
     * Obtains the defaults: Mon–Fri 09:00–17:00, 5 hours a week in sessions of 60–90 minutes, at most 90 minutes a
     * day, 15 minutes buffer, 30 minutes between sessions, study between 07:00 and 22:00, the sample calendars on.
     *
     * @param zone  the zone, not null
     * @return the defaults, not null
     */
    static WebSettings defaults(ZoneId zone) {
        Map<DayOfWeek, Hours> work = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getValue() <= 5) {
                work.put(d, new Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
            }
        }
        return new WebSettings(zone, work, 300, 60, 90, 90, 15, 30, LocalTime.of(7, 0), LocalTime.of(22, 0), true,
                Map.of(), "");
    }

    /**
     * Builds the work hours.
     *
     * @return the work hours in the zone, not null
     */
    WeeklyHours weeklyWorkHours() {
        WeeklyHours.Builder b = WeeklyHours.builder(zone);
        new TreeMap<>(workHours).forEach((day, h) -> b.add(day, h.from(), h.to()));
        return b.build();
    }

    /**
     * Builds the study preferences.
     *
     * @return the preferences, not null
     * @throws IllegalArgumentException naming the bad value
     */
    StudyPreferences preferences() {
        WeeklyHours.Builder study = WeeklyHours.builder(zone);
        for (DayOfWeek d : DayOfWeek.values()) {
            study.add(d, studyFrom, studyTo);
        }
        return StudyPreferences.builder(zone)
                .weeklyGoal(Duration.ofMinutes(goalMinutes))
                .sessionLength(Duration.ofMinutes(minSession), Duration.ofMinutes(maxSession))
                .maxPerDay(Duration.ofMinutes(maxPerDay))
                .buffer(Duration.ofMinutes(buffer))
                .breakBetweenSessions(Duration.ofMinutes(breakMinutes))
                .studyHours(study.build())
                .build();
    }

    WebSettings withSamples(boolean value) {
        return new WebSettings(zone, workHours, goalMinutes, minSession, maxSession, maxPerDay, buffer, breakMinutes,
                studyFrom, studyTo, value, sources, writeTo);
    }

    WebSettings withWriteTo(String value) {
        return new WebSettings(zone, workHours, goalMinutes, minSession, maxSession, maxPerDay, buffer, breakMinutes,
                studyFrom, studyTo, samples, sources, value);
    }

    WebSettings withSource(String name, Optional<Source> source) {
        Map<String, Source> copy = new LinkedHashMap<>(sources);
        source.ifPresentOrElse(s -> copy.put(name, s), () -> copy.remove(name));
        return new WebSettings(zone, workHours, goalMinutes, minSession, maxSession, maxPerDay, buffer, breakMinutes,
                studyFrom, studyTo, samples, copy, writeTo);
    }

    /**
     * Reads the settings file, or the defaults when there is none.
     *
     * @param file  the file, not null
     * @param defaultZone  the zone when the file names none, not null
     * @return the settings, not null
     */
    static WebSettings load(Path file, ZoneId defaultZone) {
        if (!Files.isRegularFile(file)) {
            return defaults(defaultZone);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        WebSettings d = defaults(defaultZone);
        Map<DayOfWeek, Hours> work = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String v = p.getProperty("work." + day);
            if (v != null && !v.isBlank()) {
                work.put(day, Hours.parse(v));
            }
        }
        Map<String, Source> sources = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith("source.")).sorted().forEach(n -> {
            String name = n.substring("source.".length());
            sources.put(name, new Source(p.getProperty(n), p.getProperty("owner." + name, "")));
        });
        return new WebSettings(zone(p.getProperty("zone", d.zone().getId())), work,
                intOf(p, "goalMinutes", d.goalMinutes()), intOf(p, "minSession", d.minSession()),
                intOf(p, "maxSession", d.maxSession()), intOf(p, "maxPerDay", d.maxPerDay()),
                intOf(p, "buffer", d.buffer()), intOf(p, "breakMinutes", d.breakMinutes()),
                time(p.getProperty("studyFrom", d.studyFrom().toString()), "studyFrom"),
                time(p.getProperty("studyTo", d.studyTo().toString()), "studyTo"),
                Boolean.parseBoolean(p.getProperty("samples", "true")), sources, p.getProperty("writeTo", ""));
    }

    /**
     * Writes the settings file atomically.
     *
     * @param file  the file, not null
     */
    void save(Path file) {
        Properties p = new Properties();
        p.setProperty("zone", zone.getId());
        workHours.forEach((day, h) -> p.setProperty("work." + day, h.toString()));
        p.setProperty("goalMinutes", Integer.toString(goalMinutes));
        p.setProperty("minSession", Integer.toString(minSession));
        p.setProperty("maxSession", Integer.toString(maxSession));
        p.setProperty("maxPerDay", Integer.toString(maxPerDay));
        p.setProperty("buffer", Integer.toString(buffer));
        p.setProperty("breakMinutes", Integer.toString(breakMinutes));
        p.setProperty("studyFrom", studyFrom.toString());
        p.setProperty("studyTo", studyTo.toString());
        p.setProperty("samples", Boolean.toString(samples));
        p.setProperty("writeTo", writeTo);
        sources.forEach((name, s) -> {
            p.setProperty("source." + name, s.location());
            p.setProperty("owner." + name, s.owner());
        });
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "settings", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Personal Tracker web example: settings (no secrets here)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + id + "' is not a time zone: use an id such as Europe/Berlin", e);
        }
    }

    static LocalTime time(String text, String field) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a time such as 09:00, but was '" + text + "'", e);
        }
    }

    private static int intOf(Properties p, String name, int fallback) {
        String v = p.getProperty(name);
        return v == null ? fallback : Integer.parseInt(v.strip());
    }
}
