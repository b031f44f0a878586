package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.history.GoalProgress;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.WeekTotal;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The person's subjects as the pages show them: each subject's color in the week view (by its place in the list),
 * the legend, and how each stands according to the library's progress (a deadline subject: on track or not, in the
 * library's words).
 */
final class Subjects {

    private static final Logger LOG = LoggerFactory.getLogger(Subjects.class);

    /**
     * A subject in the legend.
     *
     * @param name  its name
     * @param color  its color class, {@code goal-0} ...
     */
    record Key(String name, String color) {
    }

    private Subjects() {
    }

    /**
     * Gets the color class of each subject.
     *
     * @param settings  the settings, not null
     * @return the color class by subject name (goal id); empty without subjects, not null
     */
    static Map<String, String> colors(WebSettings settings) {
        Map<String, String> out = new LinkedHashMap<>();
        List<WebSettings.Subject> subjects = settings.plan().subjects();
        for (int i = 0; i < subjects.size(); i++) {
            out.put(subjects.get(i).name(), SubjectForm.color(i));
        }
        return out;
    }

    /**
     * Gets the legend of the week view.
     *
     * @param settings  the settings, not null
     * @return one key per subject, in order; empty without subjects, not null
     */
    static List<Key> legend(WebSettings settings) {
        List<Key> out = new ArrayList<>();
        colors(settings).forEach((name, color) -> out.add(new Key(name, color)));
        return out;
    }

    /**
     * Says how each goal stands: a deadline goal in the library's sentence ("… on track …"), a weekly goal with this
     * week's study against its time per week.
     *
     * @param app  the app, not null
     * @return the text by goal id, not null; empty if the progress cannot be read
     */
    static Map<String, String> standing(TrackerApp app) {
        Map<String, String> out = new LinkedHashMap<>();
        List<GoalProgress> goals = progress(app);
        Map<String, Duration> scheduled = goals.isEmpty() ? Map.of()
                : scheduledThisWeek(app, goals.get(0).thisWeek().monday());
        for (GoalProgress g : goals) {
            out.put(g.goalId(), g.deadline().map(d -> (d.onTrack() ? "On track: " : "Behind: ") + d.summary())
                    .orElseGet(() -> weekly(g.thisWeek(), scheduled.getOrDefault(g.goalId(), Duration.ZERO))));
        }
        return out;
    }

    /** @return "This week 1h studied and 1h scheduled of 2h: on plan." and the like */
    private static String weekly(WeekTotal week, Duration scheduled) {
        String text = "This week " + StudyProgress.format(week.studied()) + " studied"
                + (scheduled.isZero() ? "" : " and " + StudyProgress.format(scheduled) + " scheduled")
                + " of " + StudyProgress.format(week.goal());
        if (week.isGoalMet()) {
            return text + ": met.";
        }
        return text + (week.studied().plus(scheduled).compareTo(week.goal()) >= 0 ? ": on plan." : ".");
    }

    /** @return the time of the sessions still scheduled in the ISO week from {@code monday}, by goal id */
    private static Map<String, Duration> scheduledThisWeek(TrackerApp app, LocalDate monday) {
        ZoneId zone = app.settings().zone();
        Interval week = Interval.of(monday.atStartOfDay(zone).toInstant(),
                monday.plusWeeks(1).atStartOfDay(zone).toInstant());
        Map<String, Duration> out = new LinkedHashMap<>();
        try {
            for (SessionRecord r : app.user().history(week)) {
                if (r.status() == SessionStatus.SCHEDULED) {
                    out.merge(r.goalId(), r.interval().duration(), Duration::plus);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read this week's scheduled sessions: {}", e.getMessage());
        }
        return out;
    }

    /**
     * Gets the library's progress per goal.
     *
     * @param app  the app, not null
     * @return one entry per goal, empty if it cannot be read (logged), not null
     */
    static List<GoalProgress> progress(TrackerApp app) {
        try {
            return app.user().progress().goals();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the progress per subject: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Gets a goal's color class.
     *
     * @param colors  the colors by goal id, from {@link #colors}, not null
     * @param goalId  the goal id, not null
     * @return the class, empty for a goal that is no subject (any more), not null
     */
    static Optional<String> color(Map<String, String> colors, String goalId) {
        return Optional.ofNullable(colors.get(goalId));
    }
}
