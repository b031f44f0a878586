package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers how a person's studying goes, from the history a {@link SessionLifecycle} recorded in a {@link
 * HistoryStore}: sessions in a range, totals per day and per ISO week against the weekly goal, streaks, adherence,
 * moves and their reasons, and a short plain-text report.
 * <p>
 * <b>What counts.</b>
 * <ul>
 * <li>Only a {@link SessionStatus#COMPLETED COMPLETED} session is study. It counts for {@linkplain
 * #studied(SessionRecord) its actual minutes} when the person reported them, else for its planned length (its
 * current interval, after any moves). Proposed, scheduled, skipped and cancelled sessions count zero.</li>
 * <li>A session belongs, whole, to the person's local date of its start, in the zone the person was in at that start
 * (see {@link ZoneTimeline}); a session from 23:30 to 00:30 counts on the first day. Its ISO week is the week of
 * that date (Monday to Sunday), so a week's total is the sum of its seven days' totals.</li>
 * <li>A study day is a local date with positive study time. A streak is a run of study days with no lived date
 * between them ({@link ZoneTimeline#isLived}); the current streak is the run that ends today, or that ended on the
 * last lived date before today (today is not over yet), and is zero otherwise. Days are local dates, never 24-hour
 * spans, so DST changes do not matter.</li>
 * <li>Adherence is completed over scheduled time, over the sessions whose outcome is known (COMPLETED or SKIPPED)
 * and that start in the range: scheduled time is their planned length, completed time credits each completed
 * session its study time but at most its planned length (studying longer than planned does not make up for a skipped
 * session), so the ratio lies in [0, 1]. Cancelled sessions never took a place in the calendar's past, so they are
 * left out, as are sessions still ahead.</li>
 * </ul>
 * <p>
 * <b>Goals.</b> Each record names its study goal ({@link SessionRecord#goalId()}). The queries of a progress count
 * every goal's sessions; the weekly goal they compare against is the sum of the weekly goals' time per week
 * ({@code StudyPreferences.weeklyGoal()}). {@link #forGoal(String)} narrows every query to one goal's sessions,
 * against that goal's own time per week (zero for a deadline goal), and {@link #goals()} reports each goal: its
 * week, streak, adherence and, for a deadline goal, whether it is on track ({@link DeadlineProgress}). With several
 * goals the {@linkplain #report() report} adds one line per goal.
 * <p>
 * This class is immutable and thread-safe when its store is.
 */
public final class StudyProgress {

    /** More than the largest gap between two consecutive lived dates; farther apart means the run is broken. */
    private static final int MAX_UNLIVED_GAP = 7;

    private final HistoryStore store;
    private final ZoneTimeline zones;
    private final Duration weeklyGoal;
    private final Clock clock;
    private final Optional<String> owner;
    private final List<StudyGoal> goals;
    /** the goal every query is narrowed to, if any */
    private final Optional<StudyGoal> only;

    private StudyProgress(Builder b) {
        this(b.store, b.zones, b.weeklyGoal.orElseGet(() -> sumOfWeekly(b.goals)), b.clock, b.owner, b.goals,
                Optional.empty());
    }

    private StudyProgress(HistoryStore store, ZoneTimeline zones, Duration weeklyGoal, Clock clock,
            Optional<String> owner, List<StudyGoal> goals, Optional<StudyGoal> only) {
        this.store = store;
        this.zones = zones;
        this.weeklyGoal = weeklyGoal;
        this.clock = clock;
        this.owner = owner;
        this.goals = goals;
        this.only = only;
    }

    /**
     * Obtains a builder of progress queries over a store.
     *
     * @param store  the history, not null
     * @return a new builder, not null
     */
    public static Builder builder(HistoryStore store) {
        return new Builder(store);
    }

    /**
     * Gets the study time a session counts for: its actual time if reported, else its planned length, for a
     * COMPLETED session; zero for any other.
     *
     * @param record  the session, not null
     * @return the study time, not null, not negative
     */
    public static Duration studied(SessionRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.status() != SessionStatus.COMPLETED) {
            return Duration.ZERO;
        }
        return record.actual().orElse(record.interval().duration());
    }

    /**
     * Gets the zones the person lived in.
     *
     * @return the timeline, not null
     */
    public ZoneTimeline zones() {
        return zones;
    }

    /**
     * Gets the weekly goal.
     *
     * @return the goal, zero if none, not null
     */
    public Duration weeklyGoal() {
        return weeklyGoal;
    }

    /**
     * Gets the goals these queries know.
     *
     * @return the goals, in the order given to the builder; the one goal of a {@link #forGoal(String)} view; empty
     *     if none were given, not null
     */
    public List<StudyGoal> studyGoals() {
        return goals;
    }

    /**
     * Narrows every query to one goal's sessions: totals, streaks, adherence, moves and the report then count that
     * goal alone, and weekly totals compare against its time per week (zero for a deadline goal).
     *
     * @param goalId  the goal's id, one of {@link #studyGoals()}, not null
     * @return the narrowed queries, bound to the same user, not null
     * @throws IllegalArgumentException if no goal has that id; the message names the ids known
     */
    public StudyProgress forGoal(String goalId) {
        StudyGoal goal = goal(goalId);
        Duration perWeek = goal.isDeadline() ? Duration.ZERO : goal.amount();
        return new StudyProgress(store, zones, perWeek, clock, owner, List.of(goal), Optional.of(goal));
    }

    /**
     * Reports each goal of the bound user, in the order of {@link #studyGoals()}.
     *
     * @return one progress per goal, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #goals(String)
     */
    public List<GoalProgress> goals() {
        return goals(owner());
    }

    /**
     * Reports each goal: this week against its time per week, its streak, its adherence over its history up to now,
     * and for a deadline goal whether it is on track.
     *
     * @param userId  the user, not null
     * @return one progress per goal, in the order of {@link #studyGoals()}, not null
     */
    public List<GoalProgress> goals(String userId) {
        Objects.requireNonNull(userId, "userId");
        List<GoalProgress> out = new ArrayList<>();
        Instant now = clock.instant();
        for (StudyGoal goal : goals) {
            StudyProgress view = forGoal(goal.id());
            Optional<DeadlineProgress> deadline = goal.isDeadline()
                    ? Optional.of(DeadlineProgress.of(goal, view.query(userId, Interval.of(Instant.EPOCH,
                            goal.due().orElseThrow())), now, zones)) : Optional.empty();
            out.add(new GoalProgress(goal.id(), goal.kind(), view.thisWeek(userId), view.streak(userId),
                    view.adherence(userId, Interval.of(Instant.EPOCH, now.plusSeconds(1))), deadline));
        }
        return out;
    }

    /**
     * Lists a user's sessions whose current time overlaps a range, in every status.
     *
     * @param userId  the user, not null
     * @param range  the range, not null
     * @return the records, sorted by start then key, not null
     */
    public List<SessionRecord> sessions(String userId, Interval range) {
        return query(userId, Objects.requireNonNull(range, "range"));
    }

    /**
     * Gets the user these queries are bound to, as {@link dev.personaltracker.calendar.UserTracker#progress()} binds
     * them: the queries then answer for that user only.
     *
     * @return the user, empty if the queries may ask about any user of the store
     */
    public Optional<String> user() {
        return owner;
    }

    /**
     * Lists the bound user's sessions whose current time overlaps a range, in every status.
     *
     * @param range  the range, not null
     * @return the records, sorted by start then key, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #sessions(String, Interval)
     */
    public List<SessionRecord> sessions(Interval range) {
        return sessions(owner(), range);
    }

    /**
     * Gets the bound user's study time of each local date in a range, including dates without study.
     *
     * @param from  the first date, not null
     * @param to  the last date (inclusive), not null, not before {@code from}
     * @return one total per date, ascending, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #dailyTotals(String, LocalDate, LocalDate)
     */
    public List<DayTotal> dailyTotals(LocalDate from, LocalDate to) {
        return dailyTotals(owner(), from, to);
    }

    /**
     * Gets the bound user's study time of each ISO week that overlaps a range of dates.
     *
     * @param from  the first date, not null
     * @param to  the last date (inclusive), not null, not before {@code from}
     * @return one total per week, ascending, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #weeklyTotals(String, LocalDate, LocalDate)
     */
    public List<WeekTotal> weeklyTotals(LocalDate from, LocalDate to) {
        return weeklyTotals(owner(), from, to);
    }

    /**
     * Gets the bound user's study time in the current ISO week.
     *
     * @return this week's total, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #thisWeek(String)
     */
    public WeekTotal thisWeek() {
        return thisWeek(owner());
    }

    /**
     * Gets the bound user's current and longest runs of study days.
     *
     * @return the streak, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #streak(String)
     */
    public Streak streak() {
        return streak(owner());
    }

    /**
     * Gets the bound user's adherence in a range.
     *
     * @param range  the range, not null
     * @return the adherence, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #adherence(String, Interval)
     */
    public Adherence adherence(Interval range) {
        return adherence(owner(), range);
    }

    /**
     * Lists the bound user's moves in a range.
     *
     * @param range  the range, not null
     * @return the moves, by time, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #moves(String, Interval)
     */
    public List<SessionMove> moves(Interval range) {
        return moves(owner(), range);
    }

    /**
     * Writes the bound user's short plain-text report.
     *
     * @return the report, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #report(String)
     */
    public String report() {
        return report(owner());
    }

    /**
     * Gets the study time of each local date in a range, including dates without study.
     *
     * @param userId  the user, not null
     * @param from  the first date, not null
     * @param to  the last date (inclusive), not null, not before {@code from}
     * @return one total per date, ascending, not null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public List<DayTotal> dailyTotals(String userId, LocalDate from, LocalDate to) {
        Map<LocalDate, List<SessionRecord>> byDate = completedByDate(userId, from, to);
        List<DayTotal> totals = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            List<SessionRecord> day = byDate.getOrDefault(d, List.of());
            totals.add(new DayTotal(d, sum(day), day.size()));
        }
        return totals;
    }

    /**
     * Gets the study time of each ISO week that holds a date of a range, against the weekly goal. Each week counts
     * all its seven days, also those outside the range.
     *
     * @param userId  the user, not null
     * @param from  a date in the first week, not null
     * @param to  a date in the last week, not null, not before {@code from}
     * @return one total per week, ascending, not null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public List<WeekTotal> weeklyTotals(String userId, LocalDate from, LocalDate to) {
        LocalDate firstMonday = mondayOf(from);
        LocalDate lastSunday = mondayOf(to).plusDays(6);
        Map<LocalDate, List<SessionRecord>> byDate = completedByDate(userId, firstMonday, lastSunday);
        List<WeekTotal> weeks = new ArrayList<>();
        for (LocalDate monday = firstMonday; monday.isBefore(lastSunday); monday = monday.plusWeeks(1)) {
            Duration studied = Duration.ZERO;
            for (int i = 0; i < 7; i++) {
                studied = studied.plus(sum(byDate.getOrDefault(monday.plusDays(i), List.of())));
            }
            weeks.add(new WeekTotal(monday, studied, weeklyGoal));
        }
        return weeks;
    }

    /**
     * Gets the study time of the current ISO week (by the clock, in the person's current zone) against the goal.
     *
     * @param userId  the user, not null
     * @return this week's total, not null
     */
    public WeekTotal thisWeek(String userId) {
        LocalDate today = today();
        return weeklyTotals(userId, today, today).get(0);
    }

    /**
     * Gets the current and the longest streak of study days, over all of the user's history up to today.
     *
     * @param userId  the user, not null
     * @return the streak, not null
     */
    public Streak streak(String userId) {
        Objects.requireNonNull(userId, "userId");
        LocalDate today = today();
        Interval all = Interval.of(Instant.EPOCH, zones.latestEndOf(today));
        TreeSet<LocalDate> days = new TreeSet<>();
        for (SessionRecord r : query(userId, all)) {
            LocalDate d = zones.dateOf(r.interval().start());
            if (!studied(r).isZero() && !d.isAfter(today)) {
                days.add(d);
            }
        }
        if (days.isEmpty()) {
            return new Streak(0, 0, Optional.empty());
        }
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate d : days) {
            run = previous != null && adjacent(previous, d) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = d;
        }
        LocalDate last = days.last();
        int current = last.equals(today) || adjacent(last, today) ? run : 0;
        return new Streak(current, longest, Optional.of(last));
    }

    /**
     * Gets the adherence of the sessions that start in a range (see the class comment for what counts).
     *
     * @param userId  the user, not null
     * @param range  the range, not null
     * @return the adherence, not null
     */
    public Adherence adherence(String userId, Interval range) {
        Duration completed = Duration.ZERO;
        Duration scheduled = Duration.ZERO;
        for (SessionRecord r : sessions(userId, range)) {
            boolean known = r.status() == SessionStatus.COMPLETED || r.status() == SessionStatus.SKIPPED;
            if (!known || !range.contains(r.interval().start())) {
                continue;
            }
            Duration planned = r.interval().duration();
            Duration done = studied(r);
            scheduled = scheduled.plus(planned);
            completed = completed.plus(done.compareTo(planned) > 0 ? planned : done);
        }
        return new Adherence(completed, scheduled);
    }

    /**
     * Lists every recorded move of the user's sessions whose current time overlaps a range, and why each happened.
     *
     * @param userId  the user, not null
     * @param range  the range, not null
     * @return the moves, ordered by when they were recorded, then by session key, not null
     */
    public List<SessionMove> moves(String userId, Interval range) {
        return sessions(userId, range).stream()
                .flatMap(r -> SessionMove.of(r).stream())
                .sorted(Comparator.comparing(SessionMove::at).thenComparing(m -> m.key().value()))
                .toList();
    }

    /**
     * Writes a short plain-text progress report: this week against the goal, the streak, and this week's adherence
     * when some outcome is known. Lines end with {@code \n}. For example:
     * <pre>
     * This week (2026-W10): 2h 30m of 5h studied, 2h 30m to go.
     * Streak: 3 days (longest 5 days).
     * Adherence this week: 83% of 3h scheduled.
     * </pre>
     * With several goals the first line counts the weekly goals met, and one line per goal follows:
     * <pre>
     * This week (2026-W11): 4h studied in all; weekly goals met: 1 of 2.
     * Streak: 3 days (longest 3 days).
     * Adherence this week: 75% of 4h scheduled.
     * - algebra: 2h of 2h this week, goal met.
     * - prog: 0m of 1h this week, 1h to go.
     * - exam: 1h studied and 1h scheduled of 3h before 2026-03-12; 1h not planned yet.
     * </pre>
     *
     * @param userId  the user, not null
     * @return the report, not null
     */
    public String report(String userId) {
        WeekTotal week = thisWeek(userId);
        StringBuilder b = new StringBuilder("This week (").append(week.label()).append("): ");
        boolean several = only.isEmpty() && goals.size() > 1;
        List<GoalProgress> perGoal = several ? goals(userId) : List.of();
        if (several) {
            // the sum of the weekly goals is not one target: each goal has its own, listed below
            List<GoalProgress> weekly = perGoal.stream().filter(g -> g.deadline().isEmpty()).toList();
            b.append(format(week.studied())).append(" studied in all");
            if (!weekly.isEmpty()) {
                b.append("; weekly goals met: ").append(weekly.stream().filter(GoalProgress::onTrack).count())
                        .append(" of ").append(weekly.size());
            }
            b.append(".\n");
        } else if (week.goal().isZero()) {
            b.append(format(week.studied())).append(" studied (no weekly goal set).\n");
        } else {
            b.append(format(week.studied())).append(" of ").append(format(week.goal())).append(" studied, ")
                    .append(week.isGoalMet() ? "goal met" : format(week.remaining()) + " to go").append(".\n");
        }
        Streak streak = streak(userId);
        if (streak.longest() == 0) {
            b.append("Streak: no study days yet.\n");
        } else {
            b.append("Streak: ").append(days(streak.current())).append(" (longest ").append(days(streak.longest()))
                    .append(").\n");
        }
        Instant weekStart = zones.earliestStartOf(week.monday());
        Instant now = clock.instant();
        if (weekStart.isBefore(now)) {
            Adherence adherence = adherence(userId, Interval.of(weekStart, now));
            adherence.ratio().ifPresent(ratio -> b.append("Adherence this week: ")
                    .append(Math.round(ratio * 100)).append("% of ").append(format(adherence.scheduled()))
                    .append(" scheduled.\n"));
        }
        if (several) {
            for (GoalProgress g : perGoal) {
                b.append("- ").append(g.goalId()).append(": ");
                if (g.deadline().isPresent()) {
                    b.append(g.deadline().get().summary()).append(".\n");
                } else {
                    WeekTotal w = g.thisWeek();
                    b.append(format(w.studied())).append(" of ").append(format(w.goal())).append(" this week, ")
                            .append(w.isGoalMet() ? "goal met" : format(w.remaining()) + " to go").append(".\n");
                }
            }
        }
        return b.toString();
    }

    private StudyGoal goal(String goalId) {
        Objects.requireNonNull(goalId, "goalId");
        return goals.stream().filter(g -> g.id().equals(goalId)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("No goal '" + goalId + "' in these progress queries; the goals are "
                        + goals.stream().map(StudyGoal::id).toList() + " (set them with the builder's goals(...))"));
    }

    private static Duration sumOfWeekly(List<StudyGoal> goals) {
        return goals.stream().filter(g -> !g.isDeadline()).map(StudyGoal::amount).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Formats a duration as hours and minutes, for example {@code 2h 30m}, {@code 5h}, {@code 45m}, {@code 0m}.
     *
     * @param duration  the duration, not null, not negative
     * @return the text, not null
     */
    public static String format(Duration duration) {
        long minutes = Objects.requireNonNull(duration, "duration").toMinutes();
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + "m";
        }
        return m == 0 ? h + "h" : String.format(Locale.ROOT, "%dh %dm", h, m);
    }

    @Override
    public String toString() {
        return "StudyProgress[" + owner.map(u -> "user=" + u + ", ").orElse("")
                + only.map(g -> "goal=" + g.id() + ", ").orElse("") + zones + ", weeklyGoal=" + weeklyGoal + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Reads a user's records, refusing any user but the bound one: a progress handed out for one person must never
     * show another's history.
     */
    private List<SessionRecord> query(String userId, Interval range) {
        Objects.requireNonNull(userId, "userId");
        if (owner.isPresent() && !owner.get().equals(userId)) {
            throw new IllegalArgumentException("This progress belongs to user '" + owner.get() + "' and cannot answer "
                    + "for user '" + userId + "': ask that user's own UserTracker (tracker.forUser(id).progress())");
        }
        List<SessionRecord> all = store.query(userId, range);
        if (only.isEmpty()) {
            return all;
        }
        String goalId = only.get().id();
        return all.stream().filter(r -> r.goalId().equals(goalId)).toList();
    }

    private String owner() {
        return owner.orElseThrow(() -> new IllegalStateException("These progress queries are not bound to a user: "
                + "pass the user id, or build them with StudyProgress.builder(store).user(id)"));
    }

    private LocalDate today() {
        return zones.dateOf(clock.instant());
    }

    private static LocalDate mondayOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static Duration sum(List<SessionRecord> records) {
        return records.stream().map(StudyProgress::studied).reduce(Duration.ZERO, Duration::plus);
    }

    private static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }

    /** Checks if no lived date lies strictly between two dates, so a run of study days goes on from one to the other. */
    private boolean adjacent(LocalDate earlier, LocalDate later) {
        long gap = ChronoUnit.DAYS.between(earlier, later);
        if (gap < 1 || gap > MAX_UNLIVED_GAP) {
            return false;
        }
        for (LocalDate d = earlier.plusDays(1); d.isBefore(later); d = d.plusDays(1)) {
            if (zones.isLived(d)) {
                return false;
            }
        }
        return true;
    }

    /** The completed sessions whose start date lies in [from, to], by date. */
    private Map<LocalDate, List<SessionRecord>> completedByDate(String userId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The last date " + to + " is before the first date " + from);
        }
        Interval range = Interval.of(zones.earliestStartOf(from), zones.latestEndOf(to));
        Map<LocalDate, List<SessionRecord>> byDate = new TreeMap<>();
        for (SessionRecord r : query(userId, range)) {
            LocalDate d = zones.dateOf(r.interval().start());
            if (r.status() == SessionStatus.COMPLETED && !d.isBefore(from) && !d.isAfter(to)) {
                byDate.computeIfAbsent(d, k -> new ArrayList<>()).add(r);
            }
        }
        return byDate;
    }

    /**
     * Builds a {@link StudyProgress}. Mutable, for use by one thread.
     */
    public static final class Builder {
        private final HistoryStore store;
        private ZoneTimeline zones;
        private Optional<Duration> weeklyGoal = Optional.empty();
        private List<StudyGoal> goals = List.of();
        private Clock clock = Clock.systemUTC();
        private Optional<String> owner = Optional.empty();

        private Builder(HistoryStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets the person's zone, for all time.
         *
         * @param zone  the zone, not null
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zones = ZoneTimeline.of(Objects.requireNonNull(zone, "zone"));
            return this;
        }

        /**
         * Sets the zones the person lived in over time.
         *
         * @param timeline  the timeline, not null
         * @return this builder
         */
        public Builder zones(ZoneTimeline timeline) {
            this.zones = Objects.requireNonNull(timeline, "timeline");
            return this;
        }

        /**
         * Sets the study time wanted per ISO week; the default is the sum of the weekly goals of
         * {@link #goals(List)}, zero if there are none.
         *
         * @param goal  the goal, not null, not negative
         * @return this builder
         */
        public Builder weeklyGoal(Duration goal) {
            this.weeklyGoal = Optional.of(Objects.requireNonNull(goal, "goal"));
            return this;
        }

        /**
         * Sets the study goals, as {@code StudyPreferences.goals()} holds them, for {@link StudyProgress#forGoal}
         * and {@link StudyProgress#goals()}; the default is none.
         *
         * @param value  the goals, not null, ids unique
         * @return this builder
         * @throws IllegalArgumentException if two goals share an id
         */
        public Builder goals(List<StudyGoal> value) {
            List<StudyGoal> copy = List.copyOf(Objects.requireNonNull(value, "goals"));
            if (copy.stream().map(StudyGoal::id).distinct().count() != copy.size()) {
                throw new IllegalArgumentException("Goal ids must be unique, but were "
                        + copy.stream().map(StudyGoal::id).toList());
            }
            this.goals = copy;
            return this;
        }

        /**
         * Sets the clock that says what "today" and "this week" are; the default is the system clock.
         *
         * @param value  the clock, not null
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Binds the queries to one user: the methods without a user id answer for this user, and those with one
         * refuse any other user with {@link IllegalArgumentException}. The default is unbound (any user of the store).
         *
         * @param userId  the user, not blank
         * @return this builder
         */
        public Builder user(String userId) {
            UserIds.require(userId);
            this.owner = Optional.of(userId);
            return this;
        }

        /**
         * Builds the queries.
         *
         * @return the queries, not null
         * @throws IllegalStateException if no zone was set
         * @throws IllegalArgumentException if the weekly goal is negative
         */
        public StudyProgress build() {
            if (zones == null) {
                throw new IllegalStateException("zone is missing: call zone(ZoneId) or zones(ZoneTimeline)");
            }
            if (weeklyGoal.isPresent() && weeklyGoal.get().isNegative()) {
                throw new IllegalArgumentException("weeklyGoal must not be negative, but was " + weeklyGoal.get());
            }
            return new StudyProgress(this);
        }
    }
}
