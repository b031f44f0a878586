package dev.personaltracker.calendar.plan;

/**
 * What kept a week (or a deadline goal) from reaching its goal, as {@link WeekSummary#reasons()} reports it.
 * <p>
 * Each reason except {@link #NO_FREE_STUDY_HOURS}, {@link #WINDOW_EDGE} and {@link #GRANULARITY} is found
 * by asking the exact optimizer again with that one rule relaxed: the reason is reported when the relaxed
 * week would have placed more. A week that falls short only because several rules act together (for
 * example the daily cap and the break on the same evening: without either one alone nothing more fits) reports
 * those rules: with {@link #DAILY_CAP}, {@link #MIN_LENGTH} and {@link #BREAKS} all relaxed the week places more,
 * and each one is named whose keeping, with the others still relaxed, places less (all of them if none does).
 * So a week that fell short always reports a reason; a week that met its goal never reports one.
 */
public enum ShortfallReason {
    /**
     * The free study time of the week (study hours inside the window, clear of busy time with its buffer and
     * of existing sessions with the break) is less than the goal left after existing sessions.
     */
    NO_FREE_STUDY_HOURS,
    /** Without {@code maxPerDay} more would have been placed: the free time is bunched on few days. */
    DAILY_CAP,
    /** With sessions as short as one granularity step more would have been placed: free gaps are too short. */
    MIN_LENGTH,
    /** With no break between the new sessions more would have been placed. */
    BREAKS,
    /** The week lies only partly inside the planning window; the goal counts the whole week. */
    WINDOW_EDGE,
    /** Everything the granularity allows was placed; what is left is less than one granularity step. */
    GRANULARITY,
    /**
     * Without the new sessions of higher-ranked goals more would have been placed: they took the free time.
     * Only reported when the preferences hold several goals.
     */
    OTHER_GOALS,
    /** A deadline goal whose due lies at or before the window's start: nothing can be placed for it any more. */
    PAST_DUE
}
