package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.Html.esc;
import static dev.personaltracker.calendar.web.WeekView.span;

import dev.personaltracker.calendar.history.Streak;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.history.WeekTotal;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The History page: weekly totals against the goal as a bar chart, the streak, the sessions with their status. */
final class HistoryPage {

    private static final int WEEKS_BACK = 7;
    private final TrackerApp app;

    HistoryPage(TrackerApp app) {
        this.app = app;
    }

    void register(WebServer server) {
        server.route("GET", "/history", this::show).route("POST", "/history/mark", this::mark);
    }

    private void show(Request r) throws IOException {
        ZoneId zone = app.settings().zone();
        String user = app.user().userId();
        StudyProgress progress = app.user().progress();
        Instant now = app.tracker().clock().instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<WeekTotal> weeks = progress.weeklyTotals(user, today.minusWeeks(WEEKS_BACK), today);
        Streak streak = progress.streak(user);
        WeekTotal thisWeek = progress.thisWeek(user);

        StringBuilder b = new StringBuilder();
        b.append("<section class=\"cards\"><div class=\"card\" id=\"this-week\"><h3>This week</h3><p class=\"big\">")
                .append(StudyProgress.format(thisWeek.studied())).append(" of ").append(StudyProgress.format(thisWeek.goal()))
                .append("</p><p>").append(thisWeek.isGoalMet() ? "Goal met." : StudyProgress.format(thisWeek.remaining())
                        + " to go.").append("</p></div>")
                .append("<div class=\"card\" id=\"streak\"><h3>Streak</h3><p class=\"big\">").append(days(streak.current()))
                .append("</p><p>Longest: ").append(days(streak.longest())).append("</p></div></section>");
        b.append("<section><h2>Weekly totals against the goal</h2>").append(WeeklyChart.draw(weeks)).append("</section>");
        b.append("<section><h2>Progress report</h2><pre id=\"report\">").append(esc(progress.report(user)))
                .append("</pre></section>");

        Interval range = Interval.of(today.minusWeeks(WEEKS_BACK).atStartOfDay(zone).toInstant(),
                today.plusWeeks(5).atStartOfDay(zone).toInstant());
        List<SessionRecord> sessions = app.user().history(range).stream()
                .filter(s -> s.status() != SessionStatus.PROPOSED).toList();
        String csrf = r.session().csrfToken();
        b.append("<section><h2>Sessions</h2>");
        if (sessions.isEmpty()) {
            b.append("<p id=\"no-history\">No sessions yet: propose and approve some on the Plan page.</p>");
        } else {
            b.append("<table id=\"history\"><thead><tr><th>Day</th><th>Time</th><th>Status</th><th>Studied</th>"
                    + "<th>Last change</th><th></th></tr></thead><tbody>");
            for (SessionRecord s : sessions) {
                b.append("<tr><td>").append(esc(PlanPage.DAY_TIME.format(s.interval().start().atZone(zone))))
                        .append("</td><td>").append(esc(span(s.interval(), zone))).append("</td><td class=\"status\">")
                        .append(s.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                        .append(StudyProgress.format(StudyProgress.studied(s))).append("</td><td>")
                        .append(esc(lastChange(s))).append("</td><td>");
                boolean ended = !s.interval().end().isAfter(now);
                if (ended && s.status() != SessionStatus.CANCELLED) {
                    String key = s.key().value();
                    if (s.status() != SessionStatus.COMPLETED) {
                        b.append(Html.postButton("/history/mark", csrf, new String[][] {{"key", key}, {"as", "completed"}},
                                "Mark studied", "done-" + key));
                    }
                    if (s.status() != SessionStatus.SKIPPED) {
                        b.append(Html.postButton("/history/mark", csrf, new String[][] {{"key", key}, {"as", "skipped"}},
                                "Mark skipped", "skip-" + key));
                    }
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>");
        r.html(200, Html.page("History", "/history", r.session().takeFlash(), b.toString()));
    }

    private static String days(int n) {
        return n + (n == 1 ? " day" : " days");
    }

    private static String lastChange(SessionRecord s) {
        if (s.changes().isEmpty()) {
            return "";
        }
        SessionChange c = s.changes().get(s.changes().size() - 1);
        return c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + c.reason().map(x -> ": " + x).orElse("");
    }

    private void mark(Request r) throws IOException {
        Optional<String> key = r.form("key");
        String as = r.formOr("as", "");
        try {
            SessionKey k = SessionKey.of(key.orElse(""));
            if (as.equals("completed")) {
                app.user().markCompleted(k, Optional.empty(), Optional.empty());
            } else if (as.equals("skipped")) {
                app.user().markSkipped(k, Optional.empty());
            } else {
                throw new IllegalArgumentException("Mark a session as completed or skipped, not '" + as + "'");
            }
            r.redirect("/history", Html.Flash.ok("Marked the session " + as + "."));
        } catch (IllegalArgumentException | IllegalStateException e) {
            r.redirect("/history", Html.Flash.error(e.getMessage()));
        }
    }
}
