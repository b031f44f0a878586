package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.ApprovalException;
import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.Proposals;
import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.plan.DeadlineStatus;
import dev.personaltracker.calendar.plan.GoalSummary;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Plan page: a week of busy time, free time and sessions; propose, approve all or some; sessions that ended ask
 * "Did you study?". Opening it reconciles the week first, so moves show without a button. Whatever a calendar holds,
 * the page stays bounded: busy time is merged into stretches, and the "Why is it busy?" table is paged.
 */
final class PlanPage {

    /** Opening the page reads the calendars again when the last read is older than this. */
    static final Duration REFRESH_AFTER = Duration.ofMinutes(1);
    /** How long the page waits for that read before it shows the last copies (the read goes on). */
    static final Duration REFRESH_WAIT = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(PlanPage.class);
    /** Rows of the "Why is it busy?" table per page. */
    static final int BUSY_ROWS = 50;
    /** Weeks reachable from today, either way. */
    static final int MAX_WEEKS_AWAY = 520;
    private final TrackerApp app;

    /**
     * A proposal.
     *
     * @param key  its key
     * @param subject  its subject (goal id)
     * @param color  the subject's color class, empty for none
     * @param day  its day
     * @param time  its time
     * @param length  its length
     */
    record ProposalRow(String key, String subject, String color, String day, String time, String length) {
    }

    /**
     * A session in the calendar.
     *
     * @param subject  its subject (goal id)
     * @param color  the subject's color class, empty for none
     * @param day  its day
     * @param time  its time
     * @param status  its status, lower case
     * @param story  what last happened to it and why, plain words
     */
    record SessionRow(String subject, String color, String day, String time, String status, String story) {
    }

    /**
     * A row of "Why is it busy?".
     *
     * @param day  its day
     * @param time  its time
     * @param title  its events' titles
     * @param calendar  their calendars
     */
    record BusyRow(String day, String time, String title, String calendar) {
    }

    /**
     * The page.
     *
     * @param layout  the frame
     * @param week  the Monday, ISO
     * @param weekLabel  the week, for people
     * @param previous  the previous Monday, ISO
     * @param next  the next Monday, ISO
     * @param summary  free, busy, work, goal
     * @param wide  the week for desktops
     * @param narrow  the week for phones
     * @param checkIns  sessions that ended and ask "Did you study?"
     * @param proposals  the proposals
     * @param sessions  the sessions in the calendar
     * @param busy  this page of busy stretches
     * @param busyPage  its number, from 1
     * @param busyPages  how many pages there are
     * @param busyTotal  how many stretches there are
     * @param subjects  the legend of the subjects' colors, empty without subjects
     * @param standing  how each subject stands (deadline subjects: on track or not)
     */
    record View(Layout layout, String week, String weekLabel, String previous, String next, String summary,
            WeekView.Model wide, WeekView.Model narrow, CheckIns.View checkIns, List<ProposalRow> proposals,
            List<SessionRow> sessions, List<BusyRow> busy, int busyPage, int busyPages, int busyTotal,
            List<Subjects.Key> subjects, List<String> standing) {
    }

    PlanPage(TrackerApp app) {
        this.app = app;
    }

    void register(Javalin server) {
        server.get("/", ctx -> ctx.redirect("/plan", io.javalin.http.HttpStatus.SEE_OTHER))
                .get("/plan", this::show)
                .post("/plan/propose", this::propose)
                .post("/plan/approve", this::approve);
    }

    /** The Monday of the week a parameter names; this week when it is absent. */
    private LocalDate monday(String text) {
        ZoneId zone = app.settings().zone();
        LocalDate today = LocalDate.now(app.tracker().clock().withZone(zone));
        if (text == null || text.isBlank()) {
            return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        LocalDate date;
        String t = text.strip();
        try {
            // a day of the week, or the week's ISO name as History labels it (2026-W53; 2025-W01 begins in December)
            date = t.matches("\\d{4}-W\\d{2}") ? LocalDate.parse(t + "-1", DateTimeFormatter.ISO_WEEK_DATE) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new Refusal(400, "The week must be a date such as " + today + ", or a week such as "
                    + String.format(Locale.ROOT, "%d-W%02d", today.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
                    today.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)) + " (a year has 52 or 53 weeks).");
        }
        if (Math.abs(ChronoUnit.WEEKS.between(today, date)) > MAX_WEEKS_AWAY) {
            throw new Refusal(400, "That week is too far away: pick one within ten years of today.");
        }
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static int page(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refusal(400, "The page must be a whole number from 1.");
        }
    }

    private Interval window(LocalDate monday) {
        ZoneId zone = app.settings().zone();
        return Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    private void show(Context ctx) {
        LocalDate monday = monday(ctx.queryParam("week"));
        int busyPage = page(ctx.queryParam("busy"));
        ZoneId zone = app.settings().zone();
        Interval window = window(monday);
        Optional<Flash> flash = BrowserSession.takeFlash(ctx);
        List<String> problems = new ArrayList<>();
        // a meeting added to an .ics calendar since the last read moves its session now, not at the next background run
        try {
            app.refreshSourcesSoon(REFRESH_AFTER).get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("The calendars are still being read; the week shows their last copies");
        } catch (ExecutionException e) {
            LOG.warn("Reading the calendars again failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            app.reconciliation().week(monday);
        } catch (CalendarException | IllegalStateException e) {
            LOG.warn("Reconciling the week of {} failed: {}", monday, e.getMessage());
            problems.add("Checking your sessions against the calendars failed: " + e.getMessage());
        }
        FreeTime free;
        try {
            free = app.user().freeTime(window);
        } catch (CalendarException e) {
            free = FreeTime.of(window, List.of(), IntervalSet.empty());
            problems.add("Reading the calendars failed, so this week shows no busy time: " + e.getMessage());
        }
        app.sourceStatuses().forEach((name, st) -> st.problem().ifPresent(p ->
                problems.add("Calendar “" + name + "” cannot be read (" + p + "); see Connect. The week shows the others.")));
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>(flash.map(Flash::lines).orElse(List.of()));
            lines.addAll(problems);
            flash = Optional.of(new Flash(lines, true));
        }
        List<SessionRecord> sessions = app.user().history(window);
        String summary = "Free " + StudyProgress.format(free.free().totalDuration()) + " · busy "
                + StudyProgress.format(free.busy().totalDuration()) + " · work hours "
                + StudyProgress.format(free.workHours().totalDuration()) + " · goal "
                + StudyProgress.format(app.settings().preferences().weeklyGoal());
        Map<String, String> colors = Subjects.colors(app.settings());
        List<ProposalRow> proposals = sessions.stream().filter(s -> s.status() == SessionStatus.PROPOSED)
                .map(s -> new ProposalRow(s.key().value(), s.goalId(), colors.getOrDefault(s.goalId(), ""), ChangeText.DAY.format(s.interval().start().atZone(zone)),
                        WeekView.span(s.interval(), zone), StudyProgress.format(s.interval().duration())))
                .toList();
        List<SessionRow> others = sessions.stream().filter(s -> s.status() != SessionStatus.PROPOSED)
                .map(s -> new SessionRow(s.goalId(), colors.getOrDefault(s.goalId(), ""), ChangeText.DAY.format(s.interval().start().atZone(zone)),
                        WeekView.span(s.interval(), zone), s.status().name().toLowerCase(Locale.ROOT),
                        ChangeText.outcome(s).or(() -> ChangeText.last(s, zone)).orElse("")))
                .toList();
        List<BusyDigest.Entry> digest = BusyDigest.of(free.busyIntervals(), Duration.ZERO);
        int pages = Math.max(1, (digest.size() + BUSY_ROWS - 1) / BUSY_ROWS);
        if (busyPage > pages) {
            throw new Refusal(400, "There are only " + pages + " pages of busy time this week.");
        }
        List<BusyRow> busy = digest.subList((busyPage - 1) * BUSY_ROWS, Math.min(digest.size(), busyPage * BUSY_ROWS))
                .stream().map(e -> new BusyRow(ChangeText.DAY.format(e.interval().start().atZone(zone)),
                        WeekView.span(e.interval(), zone), e.title(), e.calendar())).toList();
        String csrf = WebServer.csrf(ctx);
        Templates.page(ctx, 200, "plan.jte", new View(new Layout("Plan", "/plan", flash, csrf), monday.toString(),
                "Week of " + ChangeText.DAY.format(monday) + " " + monday.getYear() + " (" + zone.getId() + ")",
                monday.minusWeeks(1).toString(), monday.plusWeeks(1).toString(), summary,
                WeekView.draw("week-view", WeekView.WIDE, monday, zone, free, sessions, colors),
                WeekView.draw("week-view-narrow", WeekView.NARROW, monday, zone, free, sessions, colors),
                CheckIns.view(ctx, app, csrf, "plan", monday.toString()), proposals, others, busy, busyPage, pages,
                digest.size(), Subjects.legend(app.settings()), colors.isEmpty() ? List.of()
                        : Subjects.standing(app).entrySet().stream().filter(e -> colors.containsKey(e.getKey()))
                                .map(e -> e.getKey() + ": " + e.getValue()).toList()));
    }

    private void propose(Context ctx) {
        LocalDate monday = monday(ctx.formParam("week"));
        String back = "/plan?week=" + monday;
        try {
            Proposals p = app.user().propose(window(monday));
            String text = p.isEmpty() ? "Nothing new to propose in this week."
                    : "Proposed " + p.sessions().size() + " sessions, " + StudyProgress.format(p.total()) + " in all.";
            if (p.goals().size() > 1 || !p.goals().get(0).goalId().equals(StudyPreferences.DEFAULT_GOAL_ID)) {
                for (GoalSummary g : p.goals()) {
                    text += "\n" + g.goalId() + ": " + g.deadline().map(DeadlineStatus::summary)
                            .orElseGet(() -> StudyProgress.format(g.placed()) + " proposed" + (g.shortfall().isZero() ? ""
                                    : ", " + StudyProgress.format(g.shortfall()) + " did not fit into the free time"));
                }
            } else if (!p.shortfall().isZero()) {
                text += "\n" + StudyProgress.format(p.shortfall()) + " of the goal did not fit into the free time.";
            }
            BrowserSession.redirect(ctx, back, Flash.ok(text));
        } catch (CalendarException | IllegalStateException e) {
            BrowserSession.redirect(ctx, back, Flash.error("Proposing failed: " + e.getMessage()));
        }
    }

    private void approve(Context ctx) {
        LocalDate monday = monday(ctx.formParam("week"));
        String back = "/plan?week=" + monday;
        boolean all = "all".equals(ctx.formParam("action"));
        Set<String> picked = new HashSet<>(ctx.formParams("key"));
        List<Proposal> chosen = app.user().history(window(monday)).stream()
                .filter(s -> s.status() == SessionStatus.PROPOSED)
                .filter(s -> all || picked.contains(s.key().value()))
                .map(s -> new Proposal(s.key(), s.interval(), s.goalId()))
                .toList();
        if (chosen.isEmpty()) {
            BrowserSession.redirect(ctx, back, Flash.error("Nothing approved: tick the sessions to approve, or use “Approve all”."));
            return;
        }
        try {
            List<SessionRecord> done = app.user().approve(chosen);
            BrowserSession.redirect(ctx, back, Flash.ok("Approved " + done.size() + " session" + (done.size() == 1 ? "" : "s")
                    + ": they are in your calendar now."));
        } catch (IllegalArgumentException e) {
            BrowserSession.redirect(ctx, back, Flash.error("Nothing approved: a proposal has already begun. Propose again "
                    + "and approve the new proposals."));
        } catch (ApprovalException e) {
            BrowserSession.redirect(ctx, back, Flash.error(e.getMessage()));
        } catch (CalendarException e) {
            BrowserSession.redirect(ctx, back, Flash.error("Approving failed: " + e.getMessage()));
        }
    }
}
