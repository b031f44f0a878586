package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.Html.esc;
import static dev.personaltracker.calendar.web.WeekView.span;

import dev.personaltracker.calendar.ApprovalException;
import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.Proposals;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.SessionUpdate;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The Plan page: a week of busy time, free time and sessions; propose, approve all or some, reconcile. */
final class PlanPage {

    static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private final TrackerApp app;

    PlanPage(TrackerApp app) {
        this.app = app;
    }

    void register(WebServer server) {
        server.route("GET", "/", r -> r.redirect("/plan"))
                .route("GET", "/plan", this::show)
                .route("POST", "/plan/propose", this::propose)
                .route("POST", "/plan/approve", this::approve)
                .route("POST", "/plan/reconcile", this::reconcile);
    }

    private LocalDate monday(String text) {
        ZoneId zone = app.settings().zone();
        LocalDate date;
        try {
            date = text == null ? LocalDate.now(app.tracker().clock().withZone(zone)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            date = LocalDate.now(app.tracker().clock().withZone(zone));
        }
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private Interval window(LocalDate monday) {
        ZoneId zone = app.settings().zone();
        return Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    private void show(Request r) throws IOException {
        ZoneId zone = app.settings().zone();
        LocalDate monday = monday(r.query("week").orElse(null));
        Interval window = window(monday);
        Html.Flash flash = r.session().takeFlash();
        FreeTime free;
        try {
            free = app.user().freeTime(window);
        } catch (CalendarException e) {
            free = FreeTime.of(window, List.of(), IntervalSet.empty());
            flash = Html.Flash.error("Reading the calendars failed: " + e.getMessage());
        }
        List<SessionRecord> sessions = app.user().history(window);
        String csrf = r.session().csrfToken();
        String week = monday.toString();
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"weeknav\"><a id=\"prev-week\" href=\"/plan?week=").append(monday.minusWeeks(1))
                .append("\">← Previous week</a> <strong id=\"week-label\">Week of ").append(esc(DAY_TIME.format(monday)))
                .append(' ').append(monday.getYear()).append(" (").append(esc(zone.getId())).append(")</strong> ")
                .append("<a id=\"this-week\" href=\"/plan\">This week</a> <a id=\"next-week\" href=\"/plan?week=")
                .append(monday.plusWeeks(1)).append("\">Next week →</a></p>");
        b.append("<p class=\"actions\">")
                .append(Html.postButton("/plan/propose", csrf, new String[][] {{"week", week}}, "Propose sessions", "propose"))
                .append(' ')
                .append(Html.postButton("/plan/reconcile", csrf, new String[][] {{"week", week}}, "Reconcile now", "reconcile"))
                .append("</p>");
        b.append("<p class=\"summary\" id=\"summary\">Free ").append(StudyProgress.format(free.free().totalDuration()))
                .append(" · busy ").append(StudyProgress.format(free.busy().totalDuration()))
                .append(" · work hours ").append(StudyProgress.format(free.workHours().totalDuration()))
                .append(" · goal ").append(StudyProgress.format(app.settings().preferences().weeklyGoal())).append("</p>");
        b.append("<div class=\"scroll\">").append(WeekView.draw(monday, zone, free, sessions)).append("</div>");
        b.append("<p class=\"legend\"><span class=\"key free\">free</span><span class=\"key work\">work hours</span>"
                + "<span class=\"key busy\">busy</span><span class=\"key proposed\">proposed</span>"
                + "<span class=\"key scheduled\">scheduled</span><span class=\"key completed\">completed</span></p>");

        List<SessionRecord> proposed = sessions.stream().filter(s -> s.status() == SessionStatus.PROPOSED).toList();
        b.append("<section><h2>Proposed sessions</h2>");
        if (proposed.isEmpty()) {
            b.append("<p id=\"no-proposals\">No proposals for this week. Press “Propose sessions”.</p>");
        } else {
            b.append("<form method=\"post\" action=\"/plan/approve\" id=\"approve-form\">").append(Html.csrfField(csrf))
                    .append("<input type=\"hidden\" name=\"week\" value=\"").append(week).append("\">")
                    .append("<table id=\"proposals\"><thead><tr><th></th><th>Day</th><th>Time</th><th>Length</th></tr>"
                            + "</thead><tbody>");
            for (SessionRecord s : proposed) {
                b.append("<tr><td><input type=\"checkbox\" name=\"key\" value=\"").append(esc(s.key().value()))
                        .append("\" id=\"pick-").append(esc(s.key().value())).append("\"></td><td>")
                        .append(esc(DAY_TIME.format(s.interval().start().atZone(zone)))).append("</td><td>")
                        .append(esc(span(s.interval(), zone))).append("</td><td>")
                        .append(StudyProgress.format(s.interval().duration())).append("</td></tr>");
            }
            b.append("</tbody></table><p><button type=\"submit\" name=\"action\" value=\"selected\" id=\"approve-selected\">"
                    + "Approve selected</button> <button type=\"submit\" name=\"action\" value=\"all\" id=\"approve-all\">"
                    + "Approve all</button></p></form>");
        }
        b.append("</section>");

        List<SessionRecord> others = sessions.stream().filter(s -> s.status() != SessionStatus.PROPOSED).toList();
        b.append("<section><h2>Sessions in your calendar</h2>");
        if (others.isEmpty()) {
            b.append("<p id=\"no-sessions\">None yet this week.</p>");
        } else {
            b.append("<table id=\"sessions\"><thead><tr><th>Day</th><th>Time</th><th>Status</th></tr></thead><tbody>");
            for (SessionRecord s : others) {
                b.append("<tr><td>").append(esc(DAY_TIME.format(s.interval().start().atZone(zone)))).append("</td><td>")
                        .append(esc(span(s.interval(), zone))).append("</td><td class=\"status\">")
                        .append(s.status().name().toLowerCase(Locale.ROOT)).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("</section>");

        b.append("<section><h2>Why is it busy?</h2><table id=\"busy\"><thead><tr><th>Day</th><th>Time</th><th>Event</th>"
                + "<th>Calendar</th></tr></thead><tbody>");
        for (BusyInterval bi : free.busyIntervals()) {
            b.append("<tr><td>").append(esc(DAY_TIME.format(bi.interval().start().atZone(zone)))).append("</td><td>")
                    .append(esc(span(bi.interval(), zone))).append("</td><td>")
                    .append(esc(bi.source().title().orElse("(busy)"))).append("</td><td>")
                    .append(esc(bi.source().accountId() + " / " + bi.source().calendarId())).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
        r.html(200, Html.page("Plan", "/plan", flash, b.toString()));
    }

    private void propose(Request r) throws IOException {
        LocalDate monday = monday(r.form("week").orElse(null));
        String back = "/plan?week=" + monday;
        try {
            Proposals p = app.user().propose(window(monday));
            String text = p.isEmpty() ? "Nothing new to propose in this week."
                    : "Proposed " + p.sessions().size() + " sessions, " + StudyProgress.format(p.total()) + " in all.";
            if (!p.shortfall().isZero()) {
                text += "\n" + StudyProgress.format(p.shortfall()) + " of the goal did not fit into the free time.";
            }
            r.redirect(back, Html.Flash.ok(text));
        } catch (CalendarException | IllegalStateException e) {
            r.redirect(back, Html.Flash.error("Proposing failed: " + e.getMessage()));
        }
    }

    private void approve(Request r) throws IOException {
        LocalDate monday = monday(r.form("week").orElse(null));
        String back = "/plan?week=" + monday;
        boolean all = r.form("action").map("all"::equals).orElse(false);
        Set<String> picked = new HashSet<>(r.formAll("key"));
        List<Proposal> chosen = app.user().history(window(monday)).stream()
                .filter(s -> s.status() == SessionStatus.PROPOSED)
                .filter(s -> all || picked.contains(s.key().value()))
                .map(s -> new Proposal(s.key(), s.interval()))
                .toList();
        if (chosen.isEmpty()) {
            r.redirect(back, Html.Flash.error("Nothing approved: tick the sessions to approve, or use “Approve all”."));
            return;
        }
        try {
            List<SessionRecord> done = app.user().approve(chosen);
            r.redirect(back, Html.Flash.ok("Approved " + done.size() + " session" + (done.size() == 1 ? "" : "s")
                    + ": they are in your calendar now."));
        } catch (ApprovalException e) {
            r.redirect(back, Html.Flash.error(e.getMessage()));
        } catch (CalendarException e) {
            r.redirect(back, Html.Flash.error("Approving failed: " + e.getMessage()));
        }
    }

    private void reconcile(Request r) throws IOException {
        LocalDate monday = monday(r.form("week").orElse(null));
        String back = "/plan?week=" + monday;
        ZoneId zone = app.settings().zone();
        try {
            ReconcileReport report = app.user().reconcile(window(monday));
            StringBuilder text = new StringBuilder(report.isQuiet() ? "Reconciled: nothing changed." : "Reconciled:");
            for (SessionUpdate u : report.updates()) {
                SessionChange c = u.change();
                text.append('\n').append(u.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                c.from().ifPresent(f -> text.append(' ').append(DAY_TIME.format(f.start().atZone(zone))).append(' ')
                        .append(span(f, zone)));
                c.to().filter(t -> c.from().isPresent()).ifPresent(t -> text.append(" → ")
                        .append(DAY_TIME.format(t.start().atZone(zone))).append(' ').append(span(t, zone)));
                c.reason().ifPresent(reason -> text.append(": ").append(reason));
            }
            if (!report.conflicts().isEmpty()) {
                text.append('\n').append(report.conflicts().size())
                        .append(" session(s) you moved yourself now overlap busy time: left for you to decide.");
            }
            r.redirect(back, Html.Flash.ok(text.toString()));
        } catch (CalendarException | IllegalStateException e) {
            r.redirect(back, Html.Flash.error("Reconciling failed: " + e.getMessage()));
        }
    }
}
