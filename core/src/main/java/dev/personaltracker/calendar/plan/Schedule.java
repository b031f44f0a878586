package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sessions already scheduled, each with its goal: the input of {@link StudyPlanner#propose(Interval,
 * dev.personaltracker.calendar.time.IntervalSet, Schedule)} and {@link StudyPlanner#reconcile(Interval,
 * dev.personaltracker.calendar.time.IntervalSet, Schedule)}. A type of its own so that the older
 * {@code List<Interval>} forms keep their erasure.
 * <p>
 * This class is immutable and thread-safe. Sessions are kept sorted (by interval, then goal id); equality is by
 * content.
 */
public final class Schedule {

    private static final Schedule EMPTY = new Schedule(List.of());

    private final List<ScheduledSession> sessions;

    private Schedule(List<ScheduledSession> sessions) {
        this.sessions = sessions;
    }

    /**
     * Obtains the empty schedule.
     *
     * @return the schedule without sessions, not null
     */
    public static Schedule empty() {
        return EMPTY;
    }

    /**
     * Obtains a schedule of the given sessions, in any order.
     *
     * @param sessions  the sessions, not null, no null element
     * @return the schedule, not null
     * @throws NullPointerException if the list or an element is null; the message names the index
     */
    public static Schedule of(List<ScheduledSession> sessions) {
        Objects.requireNonNull(sessions, "sessions");
        List<ScheduledSession> copy = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            copy.add(Objects.requireNonNull(sessions.get(i), "sessions[" + i + "]"));
        }
        copy.sort(null);
        return new Schedule(List.copyOf(copy));
    }

    /**
     * Obtains a schedule whose sessions all count toward one goal.
     *
     * @param goalId  the goal, not null
     * @param intervals  the sessions' intervals, not null, no null element
     * @return the schedule, not null
     * @throws NullPointerException if an argument or an element is null; the message names the index
     */
    public static Schedule of(String goalId, List<Interval> intervals) {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(intervals, "intervals");
        List<ScheduledSession> out = new ArrayList<>(intervals.size());
        for (int i = 0; i < intervals.size(); i++) {
            out.add(ScheduledSession.of(goalId, Objects.requireNonNull(intervals.get(i), "intervals[" + i + "]")));
        }
        return of(out);
    }

    /** @return the sessions, sorted by interval then goal id, unmodifiable, not null */
    public List<ScheduledSession> sessions() {
        return sessions;
    }

    /** @return the sessions' intervals in the same order, not null */
    public List<Interval> intervals() {
        return sessions.stream().map(ScheduledSession::interval).toList();
    }

    /** @return true if there are no sessions */
    public boolean isEmpty() {
        return sessions.isEmpty();
    }

    /**
     * Checks if the other object is a schedule with the same sessions.
     *
     * @param obj  the other object, may be null
     * @return true if equal
     */
    @Override
    public boolean equals(Object obj) {
        return obj instanceof Schedule o && sessions.equals(o.sessions);
    }

    /** @return a hash of the sessions */
    @Override
    public int hashCode() {
        return sessions.hashCode();
    }

    /** @return the sessions, for logs and test messages */
    @Override
    public String toString() {
        return "Schedule" + sessions;
    }
}
