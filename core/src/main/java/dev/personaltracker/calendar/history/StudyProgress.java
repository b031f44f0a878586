package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.spi.HistoryStore;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    private final RecordScope scope;
    private final StudyTotals totals;
    private final ZoneTimeline zones;
    private final Duration weeklyGoal;
    private final Clock clock;
    private final List<StudyGoal> goals;

    private StudyProgress(Builder b) {
        this(new RecordScope(b.store, b.owner, Optional.empty()), b.zones,
                b.weeklyGoal.orElseGet(() -> ProgressGoals.sumOfWeekly(b.goals)), b.clock, b.goals);
    }

    private StudyProgress(RecordScope scope, ZoneTimeline zones, Duration weeklyGoal, Clock clock,
            List<StudyGoal> goals) {
        this.scope = scope;
        this.totals = new StudyTotals(scope, zones);
        this.zones = zones;
        this.weeklyGoal = weeklyGoal;
        this.clock = clock;
        this.goals = goals;
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
        StudyGoal goal = ProgressGoals.find(goals, goalId);
        Duration perWeek = goal.isDeadline() ? Duration.ZERO : goal.amount();
        return new StudyProgress(scope.narrowedTo(goal), zones, perWeek, clock, List.of(goal));
    }

    /**
     * Reports each goal of the bound user, in the order of {@link #studyGoals()}.
     *
     * @return one progress per goal, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #goals(String)
     */
    public List<GoalProgress> goals() {
        return goals(scope.boundUser());
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
        return ProgressGoals.report(this, userId, clock.instant());
    }

    /**
     * Lists a user's sessions whose current time overlaps a range, in every status.
     *
     * @param userId  the user, not null
     * @param range  the range, not null
     * @return the records, sorted by start then key, not null
     */
    public List<SessionRecord> sessions(String userId, Interval range) {
        return scope.query(userId, Objects.requireNonNull(range, "range"));
    }

    /**
     * Gets the user these queries are bound to, as {@link dev.personaltracker.calendar.UserTracker#progress()} binds
     * them: the queries then answer for that user only.
     *
     * @return the user, empty if the queries may ask about any user of the store
     */
    public Optional<String> user() {
        return scope.owner();
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
        return sessions(scope.boundUser(), range);
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
        return dailyTotals(scope.boundUser(), from, to);
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
        return weeklyTotals(scope.boundUser(), from, to);
    }

    /**
     * Gets the bound user's study time in the current ISO week.
     *
     * @return this week's total, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #thisWeek(String)
     */
    public WeekTotal thisWeek() {
        return thisWeek(scope.boundUser());
    }

    /**
     * Gets the bound user's current and longest runs of study days.
     *
     * @return the streak, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #streak(String)
     */
    public Streak streak() {
        return streak(scope.boundUser());
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
        return adherence(scope.boundUser(), range);
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
        return moves(scope.boundUser(), range);
    }

    /**
     * Writes the bound user's short plain-text report.
     *
     * @return the report, not null
     * @throws IllegalStateException if the queries are not bound to a user
     * @see #report(String)
     */
    public String report() {
        return report(scope.boundUser());
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
        return totals.daily(userId, from, to);
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
        return totals.weekly(userId, from, to, weeklyGoal);
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
        return StreakCounter.count(scope.query(userId, all), zones, today);
    }

    /**
     * Gets the adherence of the sessions that start in a range (see the class comment for what counts).
     *
     * @param userId  the user, not null
     * @param range  the range, not null
     * @return the adherence, not null
     */
    public Adherence adherence(String userId, Interval range) {
        return AdherenceCounter.count(sessions(userId, range), range);
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
        boolean several = scope.only().isEmpty() && goals.size() > 1;
        return new ProgressReport(this, clock, several).write(userId);
    }

    /**
     * Formats a duration as hours and minutes, for example {@code 2h 30m}, {@code 5h}, {@code 45m}, {@code 0m}.
     *
     * @param duration  the duration, not null, not negative
     * @return the text, not null
     */
    public static String format(Duration duration) {
        return ProgressReport.format(duration);
    }

    @Override
    public String toString() {
        return "StudyProgress[" + scope.owner().map(u -> "user=" + u + ", ").orElse("")
                + scope.only().map(g -> "goal=" + g.id() + ", ").orElse("") + zones + ", weeklyGoal=" + weeklyGoal + "]";
    }

    private LocalDate today() {
        return zones.dateOf(clock.instant());
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
            this.goals = ProgressGoals.copyOf(value);
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
