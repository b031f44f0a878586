package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.plan.StudyGoal;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the person set on the Settings and Connect pages. The zone, work hours and study preferences live in the
 * library's profile (the encrypted {@code JsonProfileStore} under {@code DATA/profiles}, which also keeps the connected
 * accounts); what only this app knows (the samples switch, the person's own calendars' addresses, where sessions go,
 * automatic credit, where calendars may be read from) is in {@code settings.properties} (nothing secret).
 *
 * @param zone  the person's time zone
 * @param workHours  work hours per weekday; a missing day is free
 * @param plan  the study preferences as the form has them
 * @param samples  true to read the bundled sample calendars
 * @param sources  the person's own .ics calendars by name
 * @param writeTo  the calendar approved sessions go to, as {@code provider|account|calendar}; empty for the local
 *                 study-session file
 * @param autoCredit  true to count a past session whose event still stands as studied without asking; false to ask
 *                    "Did you study?"
 * @param folders  the folders local calendar files may be read from
 * @param allowLocalNetwork  true to allow feeds on this machine or the local network
 */
record WebSettings(ZoneId zone, Map<DayOfWeek, Hours> workHours, Plan plan, boolean samples,
        Map<String, Source> sources, String writeTo, boolean autoCredit, List<Path> folders, boolean allowLocalNetwork) {

    /** Wall-clock hours of one day; an end before the start runs past midnight. */
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
     * The study preferences, in minutes and wall-clock hours.
     *
     * @param goalMinutes  the weekly study goal
     * @param minSession  the shortest session
     * @param maxSession  the longest session
     * @param maxPerDay  the most study per day
     * @param buffer  the margin around busy time
     * @param breakMinutes  the least gap between two sessions
     * @param studyHours  when study may be planned, per day; a missing day has no study
     * @param preferred  the time of day the person likes best on study days (planned there first), if any
     * @param subjects  the person's subjects (the library's goals), in the order given; empty for the one weekly goal
     *                  {@code goalMinutes}
     */
    record Plan(int goalMinutes, int minSession, int maxSession, int maxPerDay, int buffer, int breakMinutes,
            Map<DayOfWeek, Hours> studyHours, Optional<Hours> preferred, List<Subject> subjects) {

        Plan {
            studyHours = studyHours.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(studyHours));
            preferred = java.util.Objects.requireNonNull(preferred, "preferred");
            subjects = List.copyOf(subjects);
        }

        /**
         * Returns these preferences with other subjects.
         *
         * @param value  the subjects, not null
         * @return the changed copy, not null
         */
        Plan withSubjects(List<Subject> value) {
            int goal = value.isEmpty() && goalMinutes == 0 ? DEFAULT_GOAL_MINUTES : goalMinutes;
            return new Plan(goal, minSession, maxSession, maxPerDay, buffer, breakMinutes, studyHours, preferred, value);
        }
    }

    /**
     * A subject: one of the library's study goals, named by the person. The name is the goal's id (it is in the
     * sessions' event titles, "Study Session: Linear algebra").
     *
     * @param name  the subject's name, the goal id
     * @param minutes  the minutes per ISO week, or in all before the due date
     * @param due  the date by which a deadline subject's time must be done (its sessions end before this day
     *             begins); empty for a weekly subject
     * @param priority  higher is planned first; 0 is normal
     */
    record Subject(String name, int minutes, Optional<LocalDate> due, int priority) {

        Subject {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(due, "due");
        }

        /**
         * Converts to the library's goal.
         *
         * @param zone  the zone the due date is in, not null
         * @return the goal, not null
         */
        StudyGoal goal(ZoneId zone) {
            Duration amount = Duration.ofMinutes(minutes);
            StudyGoal g = due.map(d -> StudyGoal.byDeadline(name, amount, d.atStartOfDay(zone).toInstant()))
                    .orElseGet(() -> StudyGoal.weekly(name, amount));
            return priority == 0 ? g : g.withPriority(priority);
        }

        /**
         * Converts from the library's goal.
         *
         * @param g  the goal, not null
         * @param zone  the zone to read its due date in, not null
         * @return the subject, not null
         */
        static Subject of(StudyGoal g, ZoneId zone) {
            return new Subject(g.id(), (int) g.amount().toMinutes(), g.due().map(d -> LocalDate.ofInstant(d, zone)),
                    g.priority());
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

    /** The weekly goal without subjects, by default. */
    static final int DEFAULT_GOAL_MINUTES = 300;

    WebSettings {
        workHours = Map.copyOf(workHours);
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        folders = List.copyOf(folders);
    }

    /**
     * Obtains the defaults a student would accept: work Mon–Fri 09:00–17:00; 5 hours of study a week in sessions of
     * 45–90 minutes, at most 2 hours a day, 15 minutes buffer, 15 minutes between sessions; study on weekdays
     * 08:00–21:00 and at weekends 10:00–18:00 (no early weekend mornings), best 17:00–20:00; the sample calendars on;
     * "Did you study?" instead of automatic credit; local calendar files from the data folder and
     * {@code ~/calendars}.
     *
     * @param zone  the zone, not null
     * @param dataDir  the data folder, not null
     * @return the defaults, not null
     */
    static WebSettings defaults(ZoneId zone, Path dataDir) {
        Map<DayOfWeek, Hours> work = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, Hours> study = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            boolean weekday = d.getValue() <= 5;
            if (weekday) {
                work.put(d, new Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
            }
            study.put(d, weekday ? new Hours(LocalTime.of(8, 0), LocalTime.of(21, 0))
                    : new Hours(LocalTime.of(10, 0), LocalTime.of(18, 0)));
        }
        Plan plan = new Plan(DEFAULT_GOAL_MINUTES, 45, 90, 120, 15, 15, study,
                Optional.of(new Hours(LocalTime.of(17, 0), LocalTime.of(20, 0))), List.of());
        return new WebSettings(zone, work, plan, true, Map.of(), "", false, defaultFolders(dataDir), false);
    }

    /**
     * The folders local calendar files may come from unless the person chose others: the data folder and the home
     * folder's {@code calendars}.
     *
     * @param dataDir  the data folder, not null
     * @return the folders, absolute and normalised, not null
     */
    static List<Path> defaultFolders(Path dataDir) {
        return List.of(dataDir.toAbsolutePath().normalize(),
                Path.of(System.getProperty("user.home"), "calendars").toAbsolutePath().normalize());
    }

    /** @return the work hours in the zone, not null */
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
        new TreeMap<>(plan.studyHours()).forEach((day, h) -> study.add(day, h.from(), h.to()));
        StudyPreferences.Builder b = StudyPreferences.builder(zone);
        if (plan.subjects().isEmpty()) {
            b.weeklyGoal(Duration.ofMinutes(plan.goalMinutes()));
        } else {
            b.goals(plan.subjects().stream().map(s -> s.goal(zone)).toList());
        }
        b
                .sessionLength(Duration.ofMinutes(plan.minSession()), Duration.ofMinutes(plan.maxSession()))
                .maxPerDay(Duration.ofMinutes(plan.maxPerDay()))
                .buffer(Duration.ofMinutes(plan.buffer()))
                .breakBetweenSessions(Duration.ofMinutes(plan.breakMinutes()))
                .studyHours(study.build());
        plan.preferred().ifPresent(p -> {
            WeeklyHours.Builder preferred = WeeklyHours.builder(zone);
            plan.studyHours().keySet().stream().sorted().forEach(day -> preferred.add(day, p.from(), p.to()));
            b.preferredHours(preferred.build());
        });
        return b.build();
    }

    /** @return the source checks these settings ask for, not null */
    SourceGuard sourceGuard() {
        // as named (a path is checked by name first) and real (the file's real path is checked next)
        List<Path> both = new ArrayList<>();
        for (Path f : folders) {
            Path named = f.toAbsolutePath().normalize();
            both.add(named);
            try {
                Path real = f.toRealPath();
                if (!real.equals(named)) {
                    both.add(real);
                }
            } catch (IOException e) {
                // not there (yet): nothing in it can be read
            }
        }
        return new SourceGuard(both, allowLocalNetwork);
    }

    WebSettings withZoneWorkAndPlan(ZoneId z, Map<DayOfWeek, Hours> work, Plan p, boolean credit) {
        return new WebSettings(z, work, p, samples, sources, writeTo, credit, folders, allowLocalNetwork);
    }

    WebSettings withSamples(boolean value) {
        return new WebSettings(zone, workHours, plan, value, sources, writeTo, autoCredit, folders, allowLocalNetwork);
    }

    WebSettings withWriteTo(String value) {
        return new WebSettings(zone, workHours, plan, samples, sources, value, autoCredit, folders, allowLocalNetwork);
    }

    WebSettings withSourceRules(List<Path> value, boolean localNetwork) {
        return new WebSettings(zone, workHours, plan, samples, sources, writeTo, autoCredit, value, localNetwork);
    }

    WebSettings withSource(String name, Optional<Source> source) {
        Map<String, Source> copy = new LinkedHashMap<>(sources);
        source.ifPresentOrElse(s -> copy.put(name, s), () -> copy.remove(name));
        return new WebSettings(zone, workHours, plan, samples, copy, writeTo, autoCredit, folders, allowLocalNetwork);
    }

    /**
     * Puts the settings together: the zone, work hours and study preferences from the person's profile in the library
     * (which keeps them across restarts), the rest (which only this app knows) from the app's file; defaults for what
     * neither has.
     *
     * @param file  the app's file, not null
     * @param defaultZone  the zone when nothing names one, not null
     * @param dataDir  the data folder (for the default folders), not null
     * @param work  the work hours the library restored, if any, not null
     * @param prefs  the study preferences the library restored, if any, not null
     * @return the settings, not null
     */
    static WebSettings load(Path file, ZoneId defaultZone, Path dataDir, Optional<WeeklyHours> work,
            Optional<StudyPreferences> prefs) {
        WebSettings d = defaults(prefs.map(StudyPreferences::zone).or(() -> work.map(WeeklyHours::zone))
                .orElse(defaultZone), dataDir);
        Map<DayOfWeek, Hours> workHours = work.map(WebSettings::hoursByDay).orElse(d.workHours());
        Plan plan = prefs.map(p -> new Plan((int) p.weeklyGoal().toMinutes(), (int) p.minSession().toMinutes(),
                (int) p.maxSession().toMinutes(), (int) p.maxPerDay().toMinutes(), (int) p.buffer().toMinutes(),
                (int) p.breakBetweenSessions().toMinutes(), hoursByDay(p.studyHours()),
                p.preferredHours().flatMap(h -> h.ranges().stream().findFirst()).map(r -> new Hours(r.from(), r.to())),
                subjects(p)))
                .orElse(d.plan());
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        Map<String, Source> sources = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(n -> n.startsWith("source.")).sorted().forEach(n -> {
            String name = n.substring("source.".length());
            sources.put(name, new Source(p.getProperty(n), p.getProperty("owner." + name, "")));
        });
        String folders = p.getProperty("folders");
        List<Path> folderList = folders == null ? d.folders()
                : Arrays.stream(folders.split("\n")).map(String::strip).filter(x -> !x.isEmpty()).map(Path::of).toList();
        return new WebSettings(d.zone(), workHours, plan, Boolean.parseBoolean(p.getProperty("samples", "true")),
                sources, p.getProperty("writeTo", ""), Boolean.parseBoolean(p.getProperty("autoCredit", "false")),
                folderList, Boolean.parseBoolean(p.getProperty("allowLocalNetwork", "false")));
    }

    /** The subjects of restored preferences: none when they hold only the one default weekly goal. */
    private static List<Subject> subjects(StudyPreferences p) {
        List<StudyGoal> goals = p.goals();
        if (goals.size() == 1 && goals.get(0).id().equals(StudyPreferences.DEFAULT_GOAL_ID) && !goals.get(0).isDeadline()) {
            return List.of();
        }
        return goals.stream().map(g -> Subject.of(g, p.zone())).toList();
    }

    private static Map<DayOfWeek, Hours> hoursByDay(WeeklyHours hours) {
        Map<DayOfWeek, Hours> out = new EnumMap<>(DayOfWeek.class);
        for (WeeklyHours.Range r : hours.ranges()) {
            out.putIfAbsent(r.day(), new Hours(r.from(), r.to()));
        }
        return out;
    }

    /**
     * Writes what only this app knows (the library's profile keeps the rest) atomically: the samples switch, the
     * person's own calendars, where sessions go, automatic credit, where calendars may be read from.
     *
     * @param file  the file, not null
     */
    void save(Path file) {
        Properties p = new Properties();
        p.setProperty("samples", Boolean.toString(samples));
        p.setProperty("writeTo", writeTo);
        p.setProperty("autoCredit", Boolean.toString(autoCredit));
        p.setProperty("folders", String.join("\n", folders.stream().map(Path::toString).toList()));
        p.setProperty("allowLocalNetwork", Boolean.toString(allowLocalNetwork));
        sources.forEach((name, s) -> {
            p.setProperty("source." + name, s.location());
            p.setProperty("owner." + name, s.owner());
        });
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "settings", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Personal Tracker web example: what only the app keeps (no secrets here); "
                        + "work hours and study preferences are in the encrypted profile store");
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
            throw new IllegalArgumentException("'" + id + "' is not a time zone: pick one from the list, such as "
                    + "Europe/Berlin", e);
        }
    }

    static LocalTime time(String text, String field) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a time such as 09:00, but was '" + text + "'", e);
        }
    }

}
