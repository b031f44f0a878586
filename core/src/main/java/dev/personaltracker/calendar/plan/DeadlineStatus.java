package dev.personaltracker.calendar.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a deadline goal is on track after a {@link StudyPlanner#propose propose}, as data and as a sentence for a
 * person, such as "12 h of 20 h planned before Fri 18 Dec; 3 h short: week 51 has no free study time left".
 * <p>
 * <em>On track</em> means: if the due lies inside the window, nothing is missing; if it lies after the window's
 * end, the time done so far (existing plus placed) is at least the even pace, {@code total} times the part of
 * {@code [window start, due)} that lies inside the window (elapsed time), rounded down to the second.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param due  the goal's due instant, not null
 * @param total  the goal's total, not null
 * @param planned  existing plus placed time in {@code [window start, due)}, not null
 * @param missing  {@code total - planned}, never negative, not null
 * @param pace  the time the even pace asks for by the window's end (the total if the due lies inside the window),
 *     not null
 * @param onTrack  whether {@code planned >= pace}
 * @param summary  the status in one English sentence, naming the weeks that fell short and why, not null
 */
public record DeadlineStatus(Instant due, Duration total, Duration planned, Duration missing, Duration pace,
        boolean onTrack, String summary) {

    /**
     * Creates the status.
     *
     * @param due  the goal's due instant, not null
     * @param total  the goal's total, not null
     * @param planned  existing plus placed time in {@code [window start, due)}, not null
     * @param missing  {@code total - planned}, never negative, not null
     * @param pace  the time the even pace asks for by the window's end (the total if the due lies inside the window), not null
     * @param onTrack  whether {@code planned >= pace}
     * @param summary  the status in one English sentence, naming the weeks that fell short and why, not null
     * @throws NullPointerException if a component is null
     */
    public DeadlineStatus {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(planned, "planned");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(summary, "summary");
    }
}
