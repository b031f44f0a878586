package dev.personaltracker.calendar.plan;

import dev.personaltracker.calendar.time.WeeklyHours;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person wants from their study plan: their goals (how much per week, or how much before a due date),
 * how long each session, when.
 * <p>
 * Obtain one from {@link #builder(ZoneId)}. Every setting has a default:
 * <table>
 * <caption>Defaults</caption>
 * <tr><th>setting</th><th>default</th></tr>
 * <tr><td>{@code goals}</td><td>one weekly goal {@value #DEFAULT_GOAL_ID} of 5 hours per ISO week</td></tr>
 * <tr><td>{@code sessionLength}</td><td>30 minutes to 2 hours</td></tr>
 * <tr><td>{@code maxPerDay}</td><td>3 hours per local day</td></tr>
 * <tr><td>{@code buffer}</td><td>10 minutes</td></tr>
 * <tr><td>{@code breakBetweenSessions}</td><td>15 minutes</td></tr>
 * <tr><td>{@code studyHours}</td><td>every day 07:00-22:00 in the zone</td></tr>
 * <tr><td>{@code preferredHours}</td><td>none</td></tr>
 * <tr><td>{@code granularity}</td><td>15 minutes</td></tr>
 * </table>
 * <p>
 * The session lengths the planner uses are the multiples of {@code granularity} inside
 * {@code [min, max]}; {@code weeklyGoal} and {@code maxPerDay} need not be multiples of it.
 * <p>
 * Goals: {@link Builder#weeklyGoal(Duration) weeklyGoal(d)} is exactly {@code goals(StudyGoal.weekly("study", d))};
 * whichever of the two is called last wins. A goal's own preferred hours and session lengths replace the ones set
 * here for that goal; study hours, {@code maxPerDay}, buffer, break and granularity are shared by all goals.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class StudyPreferences {

    /** The id of the goal that {@link Builder#weeklyGoal(Duration)} creates, and of the single-goal forms. */
    public static final String DEFAULT_GOAL_ID = "study";

    private static final Duration DAY = Duration.ofDays(1);

    private final ZoneId zone;
    private final List<StudyGoal> goals;
    private final Duration minSession;
    private final Duration maxSession;
    private final Duration maxPerDay;
    private final Duration buffer;
    private final Duration breakBetweenSessions;
    private final WeeklyHours studyHours;
    private final WeeklyHours preferredHours;
    private final Duration granularity;

    private StudyPreferences(Builder b, List<StudyGoal> goals) {
        this.zone = b.zone;
        this.goals = List.copyOf(goals);
        this.minSession = b.minSession;
        this.maxSession = b.maxSession;
        this.maxPerDay = b.maxPerDay;
        this.buffer = b.buffer;
        this.breakBetweenSessions = b.breakBetweenSessions;
        this.studyHours = b.studyHours;
        this.preferredHours = b.preferredHours;
        this.granularity = b.granularity;
    }

    /**
     * Starts building preferences whose days and ISO weeks are read in the given zone.
     *
     * @param zone  the zone of the person's local days and weeks, not null
     * @return a new builder holding the documented defaults, not null
     */
    public static Builder builder(ZoneId zone) {
        return new Builder(Objects.requireNonNull(zone, "zone"));
    }

    /** @return the zone in which local days, ISO weeks and the grid are read, not null */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Gets the weekly study time: with one weekly goal (as {@link Builder#weeklyGoal(Duration)} sets) its time per
     * week; otherwise the sum of the weekly goals' time per week, zero if there are none.
     *
     * @return the study time wanted per ISO week, not null
     */
    public Duration weeklyGoal() {
        Duration sum = Duration.ZERO;
        for (StudyGoal g : goals) {
            sum = g.kind() == StudyGoal.Kind.WEEKLY ? sum.plus(g.amount()) : sum;
        }
        return sum;
    }

    /** @return the goals in the order given, at least one, unmodifiable, not null */
    public List<StudyGoal> goals() {
        return goals;
    }

    /**
     * Finds a goal by id.
     *
     * @param id  the goal's id, not null
     * @return the goal, empty if there is none with that id
     */
    public java.util.Optional<StudyGoal> goal(String id) {
        Objects.requireNonNull(id, "id");
        return goals.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** @return the shortest session, positive, not null */
    public Duration minSession() {
        return minSession;
    }

    /** @return the longest session, at least {@link #minSession()}, not null */
    public Duration maxSession() {
        return maxSession;
    }

    /** @return the most study per local day, existing sessions included, not null */
    public Duration maxPerDay() {
        return maxPerDay;
    }

    /** @return the least free margin between a session and any busy interval, not negative, not null */
    public Duration buffer() {
        return buffer;
    }

    /** @return the least gap between two sessions, not negative, not null */
    public Duration breakBetweenSessions() {
        return breakBetweenSessions;
    }

    /** @return the hours in which study may happen at all, not null */
    public WeeklyHours studyHours() {
        return studyHours;
    }

    /** @return the hours preferred for study, empty if there are none */
    public Optional<WeeklyHours> preferredHours() {
        return Optional.ofNullable(preferredHours);
    }

    /** @return the step of session starts and lengths, a whole number of minutes dividing a day, not null */
    public Duration granularity() {
        return granularity;
    }

    @Override
    public String toString() {
        return "StudyPreferences[zone=" + zone + ", goals=" + goals + ", session=" + minSession + ".." + maxSession
                + ", maxPerDay=" + maxPerDay + ", buffer=" + buffer + ", break=" + breakBetweenSessions
                + ", studyHours=" + studyHours + ", preferredHours=" + preferredHours + ", granularity=" + granularity + "]";
    }

    /**
     * A mutable, single-thread builder of {@link StudyPreferences}.
     * Setters refuse {@code null} at once; {@link #build()} checks the values together.
     */
    public static final class Builder {
        private final ZoneId zone;
        /** null while {@link #weeklyGoal} decides the goals */
        private List<StudyGoal> goals;
        private Duration weeklyGoal = Duration.ofHours(5);
        private Duration minSession = Duration.ofMinutes(30);
        private Duration maxSession = Duration.ofHours(2);
        private Duration maxPerDay = Duration.ofHours(3);
        private Duration buffer = Duration.ofMinutes(10);
        private Duration breakBetweenSessions = Duration.ofMinutes(15);
        private WeeklyHours studyHours;
        private WeeklyHours preferredHours;
        private Duration granularity = Duration.ofMinutes(15);

        private Builder(ZoneId zone) {
            this.zone = zone;
            this.studyHours = WeeklyHours.builder(zone).addEveryDay(LocalTime.of(7, 0), LocalTime.of(22, 0)).build();
        }

        /**
         * Sets the study time wanted per ISO week (Monday 00:00 to Monday 00:00 in the zone).
         *
         * @param weeklyGoal  the goal, not null, positive
         * @return this builder
         */
        public Builder weeklyGoal(Duration weeklyGoal) {
            this.weeklyGoal = Objects.requireNonNull(weeklyGoal, "weeklyGoal");
            this.goals = null;
            return this;
        }

        /**
         * Sets the goals, replacing any set before (also the one of {@link #weeklyGoal(Duration)}).
         *
         * @param goals  the goals, not null, no null element, at least one, ids unique
         * @return this builder
         */
        public Builder goals(StudyGoal... goals) {
            Objects.requireNonNull(goals, "goals");
            return goals(List.of(goals));
        }

        /**
         * Sets the goals, replacing any set before (also the one of {@link #weeklyGoal(Duration)}).
         *
         * @param goals  the goals, not null, no null element, at least one, ids unique
         * @return this builder
         */
        public Builder goals(List<StudyGoal> goals) {
            Objects.requireNonNull(goals, "goals");
            List<StudyGoal> copy = new ArrayList<>();
            for (int i = 0; i < goals.size(); i++) {
                copy.add(Objects.requireNonNull(goals.get(i), "goals[" + i + "]"));
            }
            this.goals = copy;
            return this;
        }

        /**
         * Sets the shortest and the longest session.
         *
         * @param min  the shortest session, not null, positive
         * @param max  the longest session, not null, at least {@code min}
         * @return this builder
         */
        public Builder sessionLength(Duration min, Duration max) {
            this.minSession = Objects.requireNonNull(min, "min");
            this.maxSession = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Sets the most study per local calendar day in the zone; existing sessions count.
         *
         * @param maxPerDay  the daily cap, not null, at least the shortest session
         * @return this builder
         */
        public Builder maxPerDay(Duration maxPerDay) {
            this.maxPerDay = Objects.requireNonNull(maxPerDay, "maxPerDay");
            return this;
        }

        /**
         * Sets the free margin kept between a session and any busy interval.
         *
         * @param buffer  the margin, not null, not negative
         * @return this builder
         */
        public Builder buffer(Duration buffer) {
            this.buffer = Objects.requireNonNull(buffer, "buffer");
            return this;
        }

        /**
         * Sets the least gap between two sessions, new or existing.
         *
         * @param breakBetweenSessions  the gap, not null, not negative
         * @return this builder
         */
        public Builder breakBetweenSessions(Duration breakBetweenSessions) {
            this.breakBetweenSessions = Objects.requireNonNull(breakBetweenSessions, "breakBetweenSessions");
            return this;
        }

        /**
         * Sets when study may happen at all. The hours may be in another zone than the preferences.
         *
         * @param studyHours  the hours, not null, not empty
         * @return this builder
         */
        public Builder studyHours(WeeklyHours studyHours) {
            this.studyHours = Objects.requireNonNull(studyHours, "studyHours");
            return this;
        }

        /**
         * Sets the hours preferred for study, a soft wish inside the study hours.
         *
         * @param preferredHours  the hours, not null
         * @return this builder
         */
        public Builder preferredHours(WeeklyHours preferredHours) {
            this.preferredHours = Objects.requireNonNull(preferredHours, "preferredHours");
            return this;
        }

        /**
         * Sets the step of session starts and lengths, counted from local midnight in the zone.
         *
         * @param granularity  the step, not null, a whole number of minutes that divides 24 hours
         * @return this builder
         */
        public Builder granularity(Duration granularity) {
            this.granularity = Objects.requireNonNull(granularity, "granularity");
            return this;
        }

        /**
         * Builds the preferences, checking the values together.
         *
         * @return the immutable preferences, not null
         * @throws IllegalArgumentException naming the value, if a duration that must be positive is
         *     zero or negative, {@code buffer} or {@code breakBetweenSessions} is negative, the minimum
         *     session is longer than the maximum, {@code granularity} is not a whole number of minutes
         *     dividing 24 hours, no multiple of {@code granularity} lies between the minimum and the maximum
         *     session, {@code maxPerDay} is below the shortest session (the minimum rounded up to a multiple of
         *     {@code granularity}), or {@code studyHours} holds no hours; or if there is no goal, two goals share
         *     an id, or a goal's own session lengths break the rules above
         */
        public StudyPreferences build() {
            if (goals == null) {
                positive("weeklyGoal", weeklyGoal);
            }
            positive("sessionLength min", minSession);
            positive("sessionLength max", maxSession);
            positive("maxPerDay", maxPerDay);
            positive("granularity", granularity);
            notNegative("buffer", buffer);
            notNegative("breakBetweenSessions", breakBetweenSessions);
            if (minSession.compareTo(maxSession) > 0) {
                throw new IllegalArgumentException("sessionLength min must not exceed max, but min=" + minSession
                        + " and max=" + maxSession);
            }
            if (granularity.toSeconds() % 60 != 0 || granularity.getNano() != 0
                    || DAY.toMinutes() % granularity.toMinutes() != 0) {
                throw new IllegalArgumentException("granularity must be a whole number of minutes that divides 24 hours"
                        + " (such as PT5M, PT15M, PT30M, PT1H), but was " + granularity);
            }
            checkLengths("", minSession, maxSession);
            List<StudyGoal> chosen = goals != null ? goals : List.of(StudyGoal.weekly(DEFAULT_GOAL_ID, weeklyGoal));
            for (StudyGoal g : chosen) {
                if (g.minSession().isPresent()) {
                    checkLengths(" of goal " + g.id(), g.minSession().get(), g.maxSession().orElseThrow());
                }
            }
            if (studyHours.isEmpty()) {
                throw new IllegalArgumentException("studyHours must hold some hours, but " + studyHours + " is empty");
            }
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("goals must hold at least one goal, but was empty");
            }
            java.util.Set<String> ids = new HashSet<>();
            for (StudyGoal g : chosen) {
                if (!ids.add(g.id())) {
                    throw new IllegalArgumentException("goal ids must be unique, but '" + g.id() + "' appears twice");
                }
            }
            return new StudyPreferences(this, chosen);
        }

        private void checkLengths(String of, Duration min, Duration max) {
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("sessionLength min must not exceed max, but min=" + min
                        + " and max=" + max + of);
            }
            long step = granularity.toMinutes();
            long lo = ceilDiv(minutesCeil(min), step);
            long hi = max.toMinutes() / step;
            if (lo > hi) {
                throw new IllegalArgumentException("sessionLength must admit a multiple of granularity " + granularity
                        + ", but min=" + min + " and max=" + max + of + " hold none");
            }
            // the shortest session that can exist is the minimum rounded up to the grid
            Duration shortest = Duration.ofMinutes(lo * step);
            if (maxPerDay.compareTo(shortest) < 0) {
                throw new IllegalArgumentException("maxPerDay must be at least the shortest session " + shortest
                        + " (sessionLength min " + min + of + " on a " + granularity + " grid), but was " + maxPerDay);
            }
        }

        private static long minutesCeil(Duration d) {
            long m = d.toMinutes();
            return Duration.ofMinutes(m).equals(d) ? m : m + 1;
        }

        private static long ceilDiv(long a, long b) {
            return -Math.floorDiv(-a, b);
        }

        private static void positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
        }

        private static void notNegative(String name, Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, but was " + d);
            }
        }
    }
}
