package dev.personaltracker.calendar.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a deadline goal ({@code StudyGoal.byDeadline}) stands in the history, as {@link StudyProgress#goals()} counts
 * it: what was studied and what is scheduled before its due, against its total. The planner's
 * {@link dev.personaltracker.calendar.plan.DeadlineStatus} says the same of a plan; this says it of what happened.
 * <p>
 * <em>Counted</em>: the goal's sessions that end at or before the due. A COMPLETED one counts its
 * {@linkplain StudyProgress#studied study time}; a SCHEDULED one (still ahead, or past and not yet settled) counts
 * its planned length. <em>On track</em> means: before the due, nothing is missing ({@code studied + scheduled >=
 * total}: the rest of the total has its place in the calendar); once the due has passed, {@code studied >= total}.
 *
 * @param due  the goal's due instant, not null
 * @param total  the goal's total, not null
 * @param studied  the study time of its completed sessions before the due, not null
 * @param scheduled  the planned length of its scheduled sessions before the due, not null
 * @param missing  {@code total - studied - scheduled} (after the due: {@code total - studied}), never negative,
 *     not null
 * @param onTrack  whether nothing is missing
 * @param summary  the status in one English sentence, such as
 *     {@code "6h studied and 12h scheduled of 20h before 2026-12-18; 2h not planned yet"}, not null
 */
public record DeadlineProgress(Instant due, Duration total, Duration studied, Duration scheduled, Duration missing,
        boolean onTrack, String summary) {

    /**
     * Validates the components.
     *
     * @param due  the goal's due instant, not null
     * @param total  the goal's total, not null
     * @param studied  the study time of its completed sessions before the due, not null
     * @param scheduled  the planned length of its scheduled sessions before the due, not null
     * @param missing  what is neither studied nor scheduled, never negative, not null
     * @param onTrack  whether nothing is missing
     * @param summary  the status in one English sentence, not null
     */
    public DeadlineProgress {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(studied, "studied");
        Objects.requireNonNull(scheduled, "scheduled");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(summary, "summary");
        if (missing.isNegative()) {
            throw new IllegalArgumentException("missing must not be negative, but was " + missing);
        }
    }
}
