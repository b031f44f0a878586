package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.WeeklyHours;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a person studies for: a course with a weekly amount ({@link #weekly}) or an exam with a total
 * amount before a due instant ({@link #byDeadline}).
 * <p>
 * A goal may carry its own preferred hours and session lengths; where it does not, the planner uses the ones of
 * {@link StudyPreferences}. Everything else (study hours, {@code maxPerDay}, buffer, break, granularity) is shared
 * by all goals. Goals are ranked for planning: higher {@link #priority()} first; at equal priority deadline goals
 * before weekly goals, earlier due first; then the order given to {@link StudyPreferences.Builder#goals}. The
 * objective built on this rank is stated on {@link StudyPlanner}.
 * <p>
 * This class is immutable and thread-safe; the {@code with...} methods return changed copies.
 */
public final class StudyGoal {

    /** Whether a goal counts per ISO week or toward a due instant. */
    public enum Kind {
        /** {@link #amount()} per ISO week (Monday 00:00 in the preferences' zone). */
        WEEKLY,
        /** {@link #amount()} in total in {@code [window start, due)}. */
        DEADLINE
    }

    /** The longest {@link #amount()} a goal may have: one million hours (about 114 years). */
    public static final Duration MAX_AMOUNT = Duration.ofHours(1_000_000);
    /** The earliest due instant a deadline goal may have: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_DUE = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest due instant a deadline goal may have: 9999-12-31T00:00:00Z. */
    public static final Instant MAX_DUE = Instant.parse("9999-12-31T00:00:00Z");

    private final String id;
    private final Kind kind;
    private final Duration amount;
    private final Instant due;
    private final WeeklyHours preferredHours;
    private final Duration minSession;
    private final Duration maxSession;
    private final int priority;

    private StudyGoal(String id, Kind kind, Duration amount, Instant due, WeeklyHours preferredHours, Duration minSession,
            Duration maxSession, int priority) {
        this.id = id;
        this.kind = kind;
        this.amount = amount;
        this.due = due;
        this.preferredHours = preferredHours;
        this.minSession = minSession;
        this.maxSession = maxSession;
        this.priority = priority;
    }

    /**
     * Obtains a goal of {@code perWeek} study time in every ISO week.
     *
     * @param id  the goal's id, not null, not blank; sessions name their goal by it
     * @param perWeek  the time wanted per ISO week, not null, positive, at most {@link #MAX_AMOUNT}
     * @return the goal, priority 0, with the preferences' preferred hours and session lengths, not null
     * @throws IllegalArgumentException if {@code id} is blank or {@code perWeek} is not positive or above
     *     {@link #MAX_AMOUNT}; the message names the value
     */
    public static StudyGoal weekly(String id, Duration perWeek) {
        return new StudyGoal(checkId(id), Kind.WEEKLY, amount("perWeek", perWeek), null, null, null, null, 0);
    }

    /**
     * Obtains a goal of {@code total} study time before {@code due}: every one of its sessions ends at or
     * before {@code due}, and the time counted is the time of its sessions in {@code [window start, due)}.
     *
     * @param id  the goal's id, not null, not blank; sessions name their goal by it
     * @param total  the time wanted before the due instant, not null, positive, at most {@link #MAX_AMOUNT}
     * @param due  the instant by which the time must be done, not null, in {@code [MIN_DUE, MAX_DUE]} (a local date
     *     in every zone, so it can be shown and exported)
     * @return the goal, priority 0, with the preferences' preferred hours and session lengths, not null
     * @throws IllegalArgumentException if {@code id} is blank, {@code total} is not positive or above
     *     {@link #MAX_AMOUNT}, or {@code due} lies outside {@code [MIN_DUE, MAX_DUE]}; the message names the value
     */
    public static StudyGoal byDeadline(String id, Duration total, Instant due) {
        return new StudyGoal(checkId(id), Kind.DEADLINE, amount("total", total), checkDue(id, due), null, null, null, 0);
    }

    /**
     * Returns a copy of this goal with its own preferred hours (a soft wish inside the shared study hours).
     *
     * @param preferredHours  the hours, not null
     * @return the changed copy, not null
     */
    public StudyGoal withPreferredHours(WeeklyHours preferredHours) {
        return new StudyGoal(id, kind, amount, due, Objects.requireNonNull(preferredHours, "preferredHours"), minSession,
                maxSession, priority);
    }

    /**
     * Returns a copy of this goal with its own shortest and longest session. {@link StudyPreferences.Builder#build()}
     * checks them against the granularity and {@code maxPerDay}.
     *
     * @param min  the shortest session, not null, positive
     * @param max  the longest session, not null, at least {@code min}
     * @return the changed copy, not null
     * @throws IllegalArgumentException if {@code min} is not positive or exceeds {@code max}; the message names both
     */
    public StudyGoal withSessionLength(Duration min, Duration max) {
        positive("min", min);
        positive("max", max);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("sessionLength min must not exceed max, but min=" + min + " and max=" + max
                    + " for goal " + id);
        }
        return new StudyGoal(id, kind, amount, due, preferredHours, min, max, priority);
    }

    /**
     * Returns a copy of this goal with the given priority; higher is planned first.
     *
     * @param priority  the priority, any int; the default is 0
     * @return the changed copy, not null
     */
    public StudyGoal withPriority(int priority) {
        return new StudyGoal(id, kind, amount, due, preferredHours, minSession, maxSession, priority);
    }

    /** @return the goal's id, not null, not blank */
    public String id() {
        return id;
    }

    /** @return whether the goal counts per week or toward a due instant, not null */
    public Kind kind() {
        return kind;
    }

    /** @return the time per ISO week of a weekly goal, or the total of a deadline goal; positive, not null */
    public Duration amount() {
        return amount;
    }

    /** @return the due instant of a deadline goal, empty for a weekly goal */
    public Optional<Instant> due() {
        return Optional.ofNullable(due);
    }

    /** @return the goal's own preferred hours, empty to use the preferences' */
    public Optional<WeeklyHours> preferredHours() {
        return Optional.ofNullable(preferredHours);
    }

    /** @return the goal's own shortest session, empty to use the preferences' */
    public Optional<Duration> minSession() {
        return Optional.ofNullable(minSession);
    }

    /** @return the goal's own longest session, empty to use the preferences' */
    public Optional<Duration> maxSession() {
        return Optional.ofNullable(maxSession);
    }

    /** @return the priority; higher is planned first, default 0 */
    public int priority() {
        return priority;
    }

    /** @return true for a deadline goal */
    public boolean isDeadline() {
        return kind == Kind.DEADLINE;
    }

    private static String checkId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("goal id must not be blank, but was '" + id + "'");
        }
        return id;
    }

    private static Duration amount(String name, Duration d) {
        positive(name, d);
        if (d.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_AMOUNT + " (one million hours), but was " + d);
        }
        return d;
    }

    private static Instant checkDue(String id, Instant due) {
        Objects.requireNonNull(due, "due");
        if (due.isBefore(MIN_DUE) || due.isAfter(MAX_DUE)) {
            throw new IllegalArgumentException("due of goal " + id + " must lie between " + MIN_DUE + " and " + MAX_DUE
                    + ", but was " + due + "; for a goal without a due date use StudyGoal.weekly");
        }
        return due;
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d);
        }
        return d;
    }

    /**
     * Checks if the other object is a goal with the same values.
     *
     * @param obj  the other object, may be null
     * @return true if equal
     */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof StudyGoal o && id.equals(o.id) && kind == o.kind && amount.equals(o.amount)
                && Objects.equals(due, o.due) && Objects.equals(preferredHours, o.preferredHours)
                && Objects.equals(minSession, o.minSession) && Objects.equals(maxSession, o.maxSession)
                && priority == o.priority;
    }

    /** @return a hash of the values */
    @Override
    public int hashCode() {
        return Objects.hash(id, kind, amount, due, preferredHours, minSession, maxSession, priority);
    }

    /** @return the values, for logs and test messages */
    @Override
    public String toString() {
        return "StudyGoal[" + id + ", " + (kind == Kind.WEEKLY ? amount + " per week" : amount + " before " + due)
                + (priority != 0 ? ", priority " + priority : "")
                + (minSession != null ? ", session " + minSession + ".." + maxSession : "")
                + (preferredHours != null ? ", preferred " + preferredHours : "") + "]";
    }
}
