package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.history.Streak;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.WeekTotal;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The History page: this week against the goal, the streak, weekly totals as a bar chart from the first week the
 * person used the tracker (at most the last {@value #MAX_WEEKS} weeks), the sessions with what happened to them, and
 * "Did you study?" for sessions that ended.
 */
final class HistoryPage {

    /** The most weeks in the chart. */
    static final int MAX_WEEKS = 12;
    private static final Duration LOOK_BACK = Duration.ofDays(2 * 366);
    private final TrackerApp app;

    /**
     * A session.
     *
     * @param day  its day
     * @param time  its time
     * @param status  its status, lower case
     * @param studied  the time it counts
     * @param story  what happened, plain words
     * @param subject  its subject (goal id)
     * @param color  the subject's color class, empty for none
     */
    record Row(String day, String time, String status, String studied, String story, String subject, String color) {
    }

    /**
     * How one subject goes.
     *
     * @param subject  its name (goal id)
     * @param color  its color class, empty if it is no subject any more
     * @param thisWeek  this week's study, against the weekly hours for a weekly subject
     * @param streak  its current streak
     * @param adherence  completed of scheduled time, as a percentage, or "–"
     * @param standing  on track or not, in the library's words (deadline subjects); the weekly goal met or not
     */
    record GoalRow(String subject, String color, String thisWeek, String streak, String adherence, String standing) {
    }

    /**
     * The page.
     *
     * @param layout  the frame
     * @param studied  this week's studied time
     * @param goal  the goal
     * @param goalText  "Goal met." or what is left
     * @param streak  the current streak
     * @param longest  the longest streak
     * @param chart  the weekly totals, if any week was used
     * @param report  the library's report
     * @param checkIns  sessions that ask "Did you study?"
     * @param rows  the sessions, newest first
     * @param goals  how each subject goes; empty without subjects
     */
    record View(Layout layout, String studied, String goal, String goalText, String streak, String longest,
            Optional<WeeklyChart.Model> chart, String report, CheckIns.View checkIns, List<Row> rows,
            List<GoalRow> goals) {
    }

    HistoryPage(TrackerApp app) {
        this.app = app;
    }

    void register(Javalin server) {
        server.get("/history", this::show);
    }

    private void show(Context ctx) {
        ZoneId zone = app.settings().zone();
        String user = app.user().userId();
        StudyProgress progress = app.user().progress();
        Instant now = app.tracker().clock().instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Streak streak = progress.streak(user);
        WeekTotal thisWeek = progress.thisWeek(user);
        List<SessionRecord> sessions = app.user().history(Interval.of(now.minus(LOOK_BACK), now.plus(Duration.ofDays(35))))
                .stream().filter(s -> s.status() != SessionStatus.PROPOSED).toList();
        Optional<WeeklyChart.Model> chart = sessions.stream().map(s -> s.interval().start()).min(Instant::compareTo)
                .map(first -> {
                    LocalDate firstMonday = LocalDate.ofInstant(first, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                    LocalDate earliest = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(MAX_WEEKS - 1);
                    LocalDate from = firstMonday.isBefore(earliest) ? earliest : firstMonday;
                    return WeeklyChart.draw(progress.weeklyTotals(user, from.isAfter(today) ? today : from, today));
                });
        java.util.Map<String, String> colors = Subjects.colors(app.settings());
        List<SessionRecord> newestFirst = new java.util.ArrayList<>(sessions);
        java.util.Collections.reverse(newestFirst);
        List<Row> rows = newestFirst.stream().map(s -> new Row(
                ChangeText.DAY.format(s.interval().start().atZone(zone)), WeekView.span(s.interval(), zone),
                s.status().name().toLowerCase(Locale.ROOT), StudyProgress.format(StudyProgress.studied(s)),
                ChangeText.outcome(s).or(() -> ChangeText.last(s, zone)).orElse(""), s.goalId(),
                colors.getOrDefault(s.goalId(), ""))).toList();
        String csrf = WebServer.csrf(ctx);
        Templates.page(ctx, 200, "history.jte", new View(new Layout("History", "/history", BrowserSession.takeFlash(ctx), csrf),
                StudyProgress.format(thisWeek.studied()), StudyProgress.format(thisWeek.goal()),
                thisWeek.isGoalMet() ? "Goal met." : StudyProgress.format(thisWeek.remaining()) + " to go.",
                days(streak.current()), days(streak.longest()), chart, progress.report(user),
                CheckIns.view(ctx, app, csrf, "history", ""), rows, goals()));
    }

    /** The subjects' rows, from the library's progress per goal; none without subjects. */
    private List<GoalRow> goals() {
        java.util.Map<String, String> colors = Subjects.colors(app.settings());
        if (colors.isEmpty()) {
            return List.of();
        }
        return Subjects.progress(app).stream().map(g -> new GoalRow(g.goalId(), colors.getOrDefault(g.goalId(), ""),
                StudyProgress.format(g.thisWeek().studied()) + (g.deadline().isPresent() ? ""
                        : " of " + StudyProgress.format(g.thisWeek().goal())),
                days(g.streak().current()),
                g.adherence().ratio().stream().mapToObj(r -> Math.round(r * 100) + " %").findFirst().orElse("–"),
                g.deadline().map(d -> (d.onTrack() ? "On track: " : "Behind: ") + d.summary())
                        .orElse(g.thisWeek().isGoalMet() ? "Met this week." : StudyProgress.format(g.thisWeek().remaining())
                                + " to go this week."))).toList();
    }

    private static String days(int n) {
        return n + (n == 1 ? " day" : " days");
    }
}
