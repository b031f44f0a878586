package dev.personaltracker.calendar.examples;

import static dev.personaltracker.calendar.examples.TextTable.hm;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.Proposals;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.SessionUpdate;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.history.GoalProgress;
import dev.personaltracker.calendar.history.Streak;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.WeekTotal;
import dev.personaltracker.calendar.plan.GoalSummary;
import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.storage.json.JsonHistoryStore;
import dev.personaltracker.calendar.storage.json.JsonTokenStore;
import dev.personaltracker.calendar.storage.json.StoreKeys;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The offline quick start: plans a week of study around a work calendar and a university timetable, both shipped as
 * sample iCalendar files, with no account and no network.
 * <p>
 * Alice has two courses and an exam: Linear algebra (3 hours a week), Programming (2 hours a week, in 1-hour
 * sessions) and a Statistics exam (4 hours before it, spread over the weeks up to its date). It prints the free time
 * per day and the proposed sessions with their goals, approves them into
 * {@code ./tracker-data/study-sessions.ics}, adds a new meeting on top of one session, reconciles and prints what
 * moved and why, lets the week pass, and ends with a progress report per goal. The output is deterministic: the sample
 * data has fixed dates and the clock is fixed (Sunday evening before the week).
 * <p>
 * Run it from the repository root:
 * <pre>
 * mvn -B -q -pl examples -am package -DskipTests -Dquickstart
 * </pre>
 * Options (pass them with {@code -Dexec.args="..."}): {@code --week 2026-03-09} plans the ISO week of that date
 * (the recurring events repeat every week; the one-off samples are in the default week), {@code --data DIR} writes
 * somewhere other than {@code ./tracker-data}.
 */
public final class QuickStart {

    /** The week the sample data is made for. */
    static final LocalDate DEFAULT_WEEK = LocalDate.of(2026, 3, 9);
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final String USER = "alice";
    private static final String NEW_MEETING = "Client call (booked by a colleague)";
    /** The goals: two courses with a weekly time and an exam with a total before its date. */
    static final String LINEAR_ALGEBRA = "Linear algebra";
    static final String PROGRAMMING = "Programming";
    static final String STATISTICS = "Statistics exam";
    private static final String SAMPLES = "/dev/personaltracker/calendar/examples/samples/";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE dd MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private QuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args  {@code --week YYYY-MM-DD}, {@code --data DIR}, both optional
     */
    public static void main(String[] args) {
        try {
            run(Options.parse(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: QuickStart [--week YYYY-MM-DD] [--data DIR]");
            System.exit(2);
        }
    }

    /** What to run: the week (its Monday) and the data folder. */
    record Options(LocalDate monday, Path dataDir) {

        static Options parse(String... args) {
            LocalDate week = DEFAULT_WEEK;
            Path data = Path.of("tracker-data");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--week" -> week = parseDate(value);
                    case "--data" -> data = Path.of(Objects.requireNonNull(value, "--data needs a folder"));
                    default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
                }
                i++;
            }
            return new Options(week.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), data);
        }

        private static LocalDate parseDate(String value) {
            try {
                return LocalDate.parse(Objects.requireNonNull(value, "--week needs a date"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--week needs a date such as 2026-03-09, but was '" + value + "'", e);
            }
        }
    }

    /**
     * Runs the whole story, printing to {@code out}.
     *
     * @param options  the week and the data folder
     * @param out  where to print
     */
    static void run(Options options, PrintStream out) {
        Path data = options.dataDir().toAbsolutePath().normalize();
        Path samples = data.resolve("samples");
        Path output = data.resolve("study-sessions.ics");
        Path stores = data.resolve("stores");
        Path keyset = data.resolve("keys").resolve("store-keyset.json");
        prepare(samples, output, stores);
        // History and tokens are kept encrypted (Tink AES256-GCM) under the data folder; the key is made on first use.
        var keys = StoreKeys.loadOrCreate(keyset);

        LocalDate monday = options.monday();
        Interval week = Interval.of(monday.atStartOfDay(ZONE).toInstant(), monday.plusWeeks(1).atStartOfDay(ZONE).toInstant());
        SteppedClock clock = new SteppedClock(monday.minusDays(1).atTime(20, 0).atZone(ZONE).toInstant());

        // 1. The host builds one tracker; discovery finds the "ics" provider on the class path.
        StudyTracker tracker = StudyTracker.builder()
                .discoverProviders()
                .tokenStore(JsonTokenStore.open(stores, keys))
                .historyStore(JsonHistoryStore.open(stores, keys))
                .clock(clock)
                .busyPolicy(BusyPolicy.defaults().withIncludeTitles(true))
                .build();

        // 2. Alice connects two calendars: her work calendar and her university timetable (plus the study file).
        UserTracker alice = tracker.forUser(USER);
        AccountRef work = alice.connect("ics", ProviderSettings.builder()
                .property("account", "work")
                .property("source.work", samples.resolve("work.ics").toString())
                .property("owner", "alice@example.com")
                .property("zone", ZONE.getId())
                .clock(clock)
                .build());
        AccountRef personal = alice.connect("ics", ProviderSettings.builder()
                .property("account", "personal")
                .property("source.timetable", samples.resolve("timetable.ics").toString())
                .property("output", output.toString())
                .property("zone", ZONE.getId())
                .clock(clock)
                .build());
        // the exam is on the Thursday of the following week, at 09:00
        Instant exam = monday.plusDays(10).atTime(9, 0).atZone(ZONE).toInstant();
        StudyPreferences prefs = StudyPreferences.builder(ZONE)
                .goals(StudyGoal.weekly(LINEAR_ALGEBRA, Duration.ofHours(3)),
                        StudyGoal.weekly(PROGRAMMING, Duration.ofHours(2))
                                .withSessionLength(Duration.ofMinutes(60), Duration.ofMinutes(60)),
                        StudyGoal.byDeadline(STATISTICS, Duration.ofHours(4), exam))
                .sessionLength(Duration.ofMinutes(60), Duration.ofMinutes(90))
                .maxPerDay(Duration.ofHours(2))
                .buffer(Duration.ofMinutes(15))
                .breakBetweenSessions(Duration.ofMinutes(30))
                .preferredHours(evenings())
                .build();
        alice.workHours(mondayToFriday(LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .preferences(prefs)
                .writeTo(personal, "study-sessions");

        out.println("Personal Tracker quick start: one week of study for " + USER + " (" + ZONE + ")");
        out.println("Calendars: " + work + " (work.ics), " + personal + " (timetable.ics, writes study-sessions.ics)");
        out.println("Goals: " + LINEAR_ALGEBRA + " 3h a week; " + PROGRAMMING + " 2h a week in 1h sessions; "
                + STATISTICS + " 4h before " + stamp(exam));
        out.println("Work hours Mon-Fri 09:00-17:00, sessions of "
                + hm(prefs.minSession()) + " to " + hm(prefs.maxSession()) + ", at most " + hm(prefs.maxPerDay()) + " a day,");
        out.println("preferably weekday evenings 17:30-21:30, Saturday 13:00-18:00, Sunday 09:00-12:00");
        out.println("Now: " + stamp(clock.instant()));

        // 3. Free time per day.
        FreeTime free = alice.freeTime(week);
        printFreeTime(out, free, prefs.studyHours().within(week));

        // 4. Proposals.
        Proposals proposals = alice.propose(week);
        printProposals(out, proposals);

        // 5. Approve: the sessions are written to study-sessions.ics.
        List<SessionRecord> scheduled = alice.approve(proposals.sessions());
        out.println();
        out.println("Approved " + scheduled.size() + " sessions: written to " + output);

        // 6. A colleague books a meeting on top of the first session; reconcile moves the session.
        SessionRecord victim = scheduled.get(0);
        addMeeting(samples.resolve("work.ics"), victim.interval(), NEW_MEETING, clock.instant());
        out.println();
        out.println("New in work.ics: '" + NEW_MEETING + "' " + span(victim.interval()) + ", on top of a study session");
        ReconcileReport report = alice.reconcile(week);
        printReconcile(out, report);

        // 7. The week passes: reconcile settles the sessions whose events still stand as completed.
        clock.set(monday.plusWeeks(1).atTime(7, 0).atZone(ZONE).toInstant());
        ReconcileReport settled = alice.reconcile(week);
        out.println();
        out.println("A week later (" + stamp(clock.instant()) + "): reconcile settled "
                + settled.updates(ChangeKind.COMPLETED).size() + " sessions as completed, "
                + settled.updates(ChangeKind.SKIPPED).size() + " as skipped");
        printProgress(out, alice.progress(), monday);
        tracker.close();

        out.println();
        out.println("Where the data went:");
        out.println("  " + output + "  (the study sessions, an iCalendar file any calendar app can import)");
        out.println("  " + samples + "  (copies of the sample calendars; work.ics now has the new meeting)");
        out.println("  " + stores + "  (the study history, encrypted: tracker-calendar-storage-json)");
        out.println("  " + keyset + "  (the key that opens it, readable by you only)");
    }

    private static void prepare(Path samples, Path output, Path stores) {
        try {
            Files.createDirectories(samples);
            Files.deleteIfExists(output);
            deleteTree(stores); // each run tells the same story from a fresh history
            for (String name : List.of("work.ics", "timetable.ics")) {
                try (InputStream in = QuickStart.class.getResourceAsStream(SAMPLES + name)) {
                    if (in == null) {
                        throw new IllegalStateException("sample " + name + " is missing from the class path");
                    }
                    Files.copy(in, samples.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + samples, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Adds an event to an .ics file, as a colleague's invitation would. */
    static void addMeeting(Path ics, Interval when, String title, Instant stamp) {
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneId.of("UTC"));
        String event = String.join("\r\n",
                "BEGIN:VEVENT",
                "UID:client-dinner-" + utc.format(when.start()) + "@work.example",
                "DTSTAMP:" + utc.format(stamp),
                "DTSTART:" + utc.format(when.start()),
                "DTEND:" + utc.format(when.end()),
                "SUMMARY:" + title,
                "END:VEVENT",
                "END:VCALENDAR", "");
        try {
            String text = Files.readString(ics, StandardCharsets.UTF_8);
            Files.writeString(ics, text.replace("END:VCALENDAR\r\n", event), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add a meeting to " + ics, e);
        }
    }

    /** Alice prefers to study after work on weekdays and in the morning at weekends. */
    private static WeeklyHours evenings() {
        WeeklyHours.Builder b = WeeklyHours.builder(ZONE);
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            b.add(d, LocalTime.of(17, 30), LocalTime.of(21, 30));
        }
        b.add(DayOfWeek.SATURDAY, LocalTime.of(13, 0), LocalTime.of(18, 0));
        b.add(DayOfWeek.SUNDAY, LocalTime.of(9, 0), LocalTime.of(12, 0));
        return b.build();
    }

    private static WeeklyHours mondayToFriday(LocalTime from, LocalTime to) {
        WeeklyHours.Builder b = WeeklyHours.builder(ZONE);
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            b.add(d, from, to);
        }
        return b.build();
    }

    private static void printFreeTime(PrintStream out, FreeTime free, IntervalSet studyHours) {
        out.println();
        out.println("Free time per day, inside study hours 07:00-22:00 (busy: both calendars; work hours count as busy)");
        TextTable table = TextTable.of("Day", "Free", "Free slots", "Busy because");
        Map<LocalDate, IntervalSet> byDay = free.freeByDay(ZONE);
        for (Map.Entry<LocalDate, IntervalSet> day : byDay.entrySet()) {
            IntervalSet slots = day.getValue().intersection(studyHours);
            Interval dayInterval = Interval.of(day.getKey().atStartOfDay(ZONE).toInstant(),
                    day.getKey().plusDays(1).atStartOfDay(ZONE).toInstant());
            String busy = free.busyDuring(dayInterval).stream().map(QuickStart::title).distinct()
                    .collect(Collectors.joining(", "));
            table.row(DAY.format(day.getKey()), hm(slots.totalDuration()),
                    slots.isEmpty() ? "-" : slots.intervals().stream().map(QuickStart::times).collect(Collectors.joining(", ")),
                    busy.isEmpty() ? "-" : busy);
        }
        out.print(table.render());
    }

    private static void printProposals(PrintStream out, Proposals proposals) {
        out.println();
        out.println("Proposed study sessions (" + hm(proposals.total()) + ")");
        TextTable table = TextTable.of("#", "Day", "Time", "Length", "Goal", "Key");
        int n = 1;
        for (Proposal p : proposals.sessions()) {
            table.row(n++, DAY.format(p.interval().start().atZone(ZONE)), times(p.interval()),
                    hm(p.interval().duration()), p.goalId(), p.key().value().substring(0, 12) + "...");
        }
        out.print(table.render());
        for (GoalSummary g : proposals.goals()) {
            String status = g.deadline().map(d -> d.summary())
                    .orElse(g.goalMet() ? "goal met" : "short by " + hm(g.shortfall()));
            out.println("  " + g.goalId() + ": placed " + hm(g.placed()) + "; " + status);
        }
    }

    private static void printReconcile(PrintStream out, ReconcileReport report) {
        out.println("Reconcile:");
        if (report.isQuiet()) {
            out.println("  nothing to change");
        }
        for (SessionUpdate u : report.updates()) {
            String what = switch (u.kind()) {
                case MOVED -> "moved " + u.change().from().map(QuickStart::span).orElse("?") + " -> "
                        + u.change().to().map(QuickStart::span).orElse("?");
                case CANCELLED -> "dropped " + u.change().from().map(QuickStart::span).orElse("");
                default -> u.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            };
            out.println("  " + what);
            u.change().cause().ifPresent(c -> out.println("    why: '" + c.title().orElse(c.eventId()) + "' in calendar '"
                    + c.calendarId() + "' of account " + c.providerId() + ":" + c.accountId() + " overlaps it"));
            if (u.change().cause().isEmpty()) {
                u.change().reason().ifPresent(r -> out.println("    why: " + r));
            }
        }
        out.println("  " + report.unchanged().size() + " other sessions stay where they are");
    }

    private static void printProgress(PrintStream out, StudyProgress progress, LocalDate monday) {
        // the progress of alice.progress() is bound to her: its queries need no user id
        WeekTotal week = progress.weeklyTotals(monday, monday.plusDays(6)).get(0);
        Streak streak = progress.streak();
        out.println();
        out.println("Progress");
        out.println("  Week " + week.label() + ": studied " + hm(week.studied()) + " in all (the weekly goals add up to "
                + hm(week.goal()) + ")");
        out.println("  Streak: " + streak.current() + " days (longest " + streak.longest() + ")");
        long completed = progress.sessions(Interval.of(monday.atStartOfDay(ZONE).toInstant(), Duration.ofDays(7)))
                .stream().filter(r -> r.status() == SessionStatus.COMPLETED).count();
        out.println("  Sessions completed: " + completed);
        out.println("Per goal");
        for (GoalProgress g : progress.goals()) {
            StudyProgress one = progress.forGoal(g.goalId());
            WeekTotal w = one.weeklyTotals(monday, monday).get(0);
            String standing = g.deadline().map(d -> d.summary())
                    .orElse("studied " + hm(w.studied()) + " of " + hm(w.goal())
                            + (w.isGoalMet() ? " (goal met)" : " (" + hm(w.remaining()) + " to go)"));
            out.println("  " + g.goalId() + ": " + standing + "; longest streak " + days(g.streak().longest())
                    + g.adherence().ratio().stream().mapToObj(r -> ", adherence " + Math.round(r * 100) + "%")
                            .findFirst().orElse(""));
        }
    }

    private static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }

    private static String title(BusyInterval b) {
        BusySource s = b.source();
        return s.title().orElse(s.eventId());
    }

    private static String times(Interval i) {
        ZonedDateTime end = i.end().atZone(ZONE);
        String endText = end.toLocalTime().equals(LocalTime.MIDNIGHT) ? "24:00" : TIME.format(end);
        return TIME.format(i.start().atZone(ZONE)) + "-" + endText;
    }

    private static String span(Interval i) {
        return DAY.format(i.start().atZone(ZONE)) + " " + times(i);
    }

    private static String stamp(Instant instant) {
        return DAY.format(instant.atZone(ZONE)) + " " + TIME.format(instant.atZone(ZONE));
    }

    /** A clock that stands still until the quick start moves it, so every run prints the same. */
    static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
