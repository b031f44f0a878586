package dev.personaltracker.calendar.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Settings page: work hours per weekday, the days and times to study (and the time of day liked best), the
 * weekly goal and session lengths, automatic credit, the time zone. A form that does not fit comes back with what was
 * typed and a plain message at each field.
 */
final class SettingsPage {

    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));
    private final TrackerApp app;

    /**
     * One weekday's row.
     *
     * @param key  the day in field names, e.g. {@code monday}
     * @param name  the day's name
     * @param works  true if work hours are set
     * @param from  work starts, as typed
     * @param to  work ends, as typed
     * @param studies  true if study may be planned that day
     * @param studyFrom  study may start, as typed
     * @param studyTo  study must end, as typed
     * @param error  what is wrong in this row, if anything
     */
    record Day(String key, String name, boolean works, String from, String to, boolean studies, String studyFrom,
            String studyTo, Optional<String> error) {
    }

    /**
     * A number field.
     *
     * @param name  its form name and id
     * @param label  its label
     * @param value  the value as typed
     * @param error  what is wrong, if anything
     */
    record Number(String name, String label, String value, Optional<String> error) {
    }

    /**
     * The page.
     *
     * @param layout  the frame
     * @param days  the weekdays
     * @param numbers  the number fields
     * @param preferredFrom  the best time's start, as typed (empty for none)
     * @param preferredTo  the best time's end, as typed
     * @param preferredError  what is wrong with it, if anything
     * @param autoCredit  true for automatic credit
     * @param zone  the zone, as chosen
     * @param zones  every zone id
     * @param subjects  the person's subjects, each as its own form
     * @param add  the form that adds a subject
     * @param priorities  the priorities offered, value and label
     */
    record View(Layout layout, List<Day> days, List<Number> numbers, String preferredFrom, String preferredTo,
            Optional<String> preferredError, boolean autoCredit, String zone, List<String> zones,
            List<SubjectForm> subjects, SubjectForm add, List<List<String>> priorities) {
    }

    /** The planner's step (the library's default granularity): sessions are whole multiples of it. */
    private static final int STEP = 15;
    private static final Logger LOG = LoggerFactory.getLogger(SettingsPage.class);
    private static final String[][] NUMBERS = {{"goal", "Weekly goal (minutes)"}, {"min", "Shortest session (minutes)"},
        {"max", "Longest session (minutes)"}, {"perday", "Most per day (minutes)"},
        {"buffer", "Buffer around busy time (minutes)"}, {"break", "Break between sessions (minutes)"}};

    SettingsPage(TrackerApp app) {
        this.app = app;
    }

    void register(Javalin server) {
        server.get("/settings", this::show).post("/settings", this::save).post("/settings/subjects", this::subject);
    }

    private void show(Context ctx) {
        Map<String, String> values = currentValues(app.settings());
        render(ctx, 200, values::get, Map.of(), BrowserSession.takeFlash(ctx), Optional.empty());
    }

    /** The form's values as the settings have them. */
    private static Map<String, String> currentValues(WebSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String d = key(day);
            WebSettings.Hours w = s.workHours().get(day);
            WebSettings.Hours st = s.plan().studyHours().get(day);
            if (w != null) {
                values.put("works-" + d, "on");
            }
            values.put("from-" + d, (w != null ? w.from() : LocalTime.of(9, 0)).toString());
            values.put("to-" + d, end(w != null ? w.to() : LocalTime.of(17, 0)));
            if (st != null) {
                values.put("studies-" + d, "on");
            }
            values.put("study-from-" + d, (st != null ? st.from() : LocalTime.of(10, 0)).toString());
            values.put("study-to-" + d, end(st != null ? st.to() : LocalTime.of(18, 0)));
        }
        WebSettings.Plan p = s.plan();
        values.put("goal", Integer.toString(p.goalMinutes()));
        values.put("min", Integer.toString(p.minSession()));
        values.put("max", Integer.toString(p.maxSession()));
        values.put("perday", Integer.toString(p.maxPerDay()));
        values.put("buffer", Integer.toString(p.buffer()));
        values.put("break", Integer.toString(p.breakMinutes()));
        values.put("preferred-from", p.preferred().map(h -> h.from().toString()).orElse(""));
        values.put("preferred-to", p.preferred().map(h -> end(h.to())).orElse(""));
        if (s.autoCredit()) {
            values.put("auto-credit", "on");
        }
        values.put("zone", s.zone().getId());
        return values;
    }

    private void render(Context ctx, int status, Function<String, String> value, Map<String, String> errors,
            Optional<Flash> flash, Optional<SubjectForm> failed) {
        List<Day> days = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String d = key(day);
            days.add(new Day(d, day.getDisplayName(TextStyle.FULL, Locale.ENGLISH), value.apply("works-" + d) != null,
                    or(value.apply("from-" + d)), or(value.apply("to-" + d)), value.apply("studies-" + d) != null,
                    or(value.apply("study-from-" + d)), or(value.apply("study-to-" + d)), Optional.ofNullable(errors.get(d))));
        }
        List<Number> numbers = new ArrayList<>();
        for (String[] n : NUMBERS) {
            numbers.add(new Number(n[0], n[1], or(value.apply(n[0])), Optional.ofNullable(errors.get(n[0]))));
        }
        Layout layout = new Layout("Settings", "/settings", flash, WebServer.csrf(ctx));
        List<WebSettings.Subject> subjects = app.settings().plan().subjects();
        Map<String, String> standing = Subjects.standing(app);
        List<SubjectForm> forms = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectForm f = SubjectForm.of(subjects.get(i), i, standing.getOrDefault(subjects.get(i).name(), ""));
            String original = f.original();
            forms.add(failed.filter(x -> x.original().equals(original)).map(x -> x.shown(f.color(), f.status())).orElse(f));
        }
        SubjectForm add = failed.filter(SubjectForm::adding).orElse(SubjectForm.blank());
        Templates.page(ctx, status, "settings.jte", new View(layout, days, numbers,
                or(value.apply("preferred-from")), or(value.apply("preferred-to")),
                Optional.ofNullable(errors.get("preferred")), value.apply("auto-credit") != null,
                or(value.apply("zone")), ZONES, forms, add, SubjectForm.PRIORITIES));
    }

    private static String or(String v) {
        return v == null ? "" : v;
    }

    private static String key(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private void save(Context ctx) {
        Map<String, String> errors = new LinkedHashMap<>();
        Function<String, String> typed = ctx::formParam;
        Map<DayOfWeek, WebSettings.Hours> work = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, WebSettings.Hours> study = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            String d = key(day);
            String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            List<String> problems = new ArrayList<>();
            if (typed.apply("works-" + d) != null) {
                hours(typed, "from-" + d, "to-" + d, name + "'s work", problems, true).ifPresent(h -> work.put(day, h));
            }
            if (typed.apply("studies-" + d) != null) {
                hours(typed, "study-from-" + d, "study-to-" + d, name + "'s study time", problems, false)
                        .ifPresent(h -> study.put(day, h));
            }
            if (!problems.isEmpty()) {
                errors.put(d, String.join(" ", problems));
            }
        }
        int[] n = new int[NUMBERS.length];
        for (int i = 0; i < NUMBERS.length; i++) {
            n[i] = minutes(typed.apply(NUMBERS[i][0]), NUMBERS[i][1], NUMBERS[i][0], errors);
        }
        if (!errors.containsKey("min") && !errors.containsKey("max") && n[1] > n[2]) {
            errors.put("min", "The shortest session (" + n[1] + " min) is longer than the longest (" + n[2]
                    + " min): make it " + n[2] + " min or less.");
        }
        if (!errors.containsKey("min") && n[1] == 0) {
            errors.put("min", "A session needs some length: at least 5 minutes.");
        }
        // the planner cuts sessions in STEP-minute steps: the shortest real session is the minimum rounded up
        int shortest = (n[1] + STEP - 1) / STEP * STEP;
        if (!errors.containsKey("min") && !errors.containsKey("max") && shortest > n[2]) {
            errors.put("min", "Sessions are planned in steps of " + STEP + " minutes, and none lies between " + n[1]
                    + " and " + n[2] + " min: make the longest " + shortest + " min or more, or the shortest "
                    + n[2] / STEP * STEP + " min or less.");
        }
        if (!errors.containsKey("min") && !errors.containsKey("perday") && n[3] < shortest) {
            errors.put("perday", "At most " + n[3] + " min a day leaves no room for even one session: the shortest "
                    + "session is " + shortest + " min" + (shortest == n[1] ? "" : " (sessions come in " + STEP
                    + "-minute steps)") + ". Make it " + shortest + " min or more.");
        }
        if (!errors.containsKey("goal") && n[0] == 0 && app.settings().plan().subjects().isEmpty()) {
            errors.put("goal", "Weekly goal: at least 1 minute (or add a subject above).");
        }
        if (study.isEmpty() && errors.keySet().stream().noneMatch(k -> k.endsWith("day"))) {
            errors.put("monday", "Tick at least one day to study on.");
        }
        Optional<WebSettings.Hours> preferred = Optional.empty();
        String pf = or(typed.apply("preferred-from")).strip();
        String pt = or(typed.apply("preferred-to")).strip();
        if (!pf.isEmpty() || !pt.isEmpty()) {
            List<String> problems = new ArrayList<>();
            preferred = hours(typed, "preferred-from", "preferred-to", "The best time", problems, false);
            if (!problems.isEmpty()) {
                errors.put("preferred", String.join(" ", problems) + " Or leave both empty for no preference.");
            }
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(or(typed.apply("zone")).strip());
        } catch (DateTimeException e) {
            errors.put("zone", "Pick a time zone from the list.");
        }
        if (!errors.isEmpty()) {
            render(ctx, 400, typed, errors, Optional.of(Flash.error("Not saved: " + (errors.size() == 1
                    ? "one field needs a look" : errors.size() + " fields need a look") + " (marked below). "
                    + "What you typed is still there.")), Optional.empty());
            return;
        }
        WebSettings old = app.settings();
        WebSettings.Plan plan = new WebSettings.Plan(n[0], n[1], n[2], n[3], n[4], n[5], study, preferred,
                old.plan().subjects());
        try {
            app.updateSettings(old.withZoneWorkAndPlan(zone, work, plan, typed.apply("auto-credit") != null));
        } catch (IllegalArgumentException e) {
            LOG.info("Settings refused by the planner: {}", e.getMessage());
            render(ctx, 400, typed, errors, Optional.of(Flash.error("Not saved: the planner cannot use these "
                    + "session lengths and hours together. Try a longer longest session or more minutes a day. "
                    + "What you typed is still there.")), Optional.empty());
            return;
        }
        BrowserSession.redirect(ctx, "/settings", Flash.ok("Settings saved."));
    }

    /** Adds, changes or removes a subject; a form that does not fit comes back as typed, with the other settings. */
    private void subject(Context ctx) {
        SubjectForm form = SubjectForm.typed(ctx::formParam);
        List<WebSettings.Subject> all = app.settings().plan().subjects();
        if ("remove".equals(ctx.formParam("action"))) {
            boolean there = all.stream().anyMatch(s -> s.name().equals(form.original()));
            if (there) {
                app.updateSubjects(SubjectForm.change(all, form.original(), Optional.empty()));
            }
            BrowserSession.redirect(ctx, "/settings#subjects", there ? Flash.ok("Removed the subject “" + form.original()
                    + "”. Its sessions stay in your calendar and history.") : Flash.error("There is no subject named “"
                    + form.original() + "” any more."));
            return;
        }
        List<WebSettings.Subject> others = all.stream().filter(s -> !s.name().equals(form.original())).toList();
        LocalDate today = LocalDate.now(app.tracker().clock().withZone(app.settings().zone()));
        SubjectForm.Result result = form.check(others, today);
        Optional<String> problem = Optional.empty();
        if (result.subject().isPresent()) {
            try {
                app.updateSubjects(SubjectForm.change(all, form.original(), result.subject()));
                String name = result.subject().get().name();
                BrowserSession.redirect(ctx, "/settings#subjects", Flash.ok((form.adding() ? "Added" : "Saved")
                        + " the subject “" + name + "”. Propose sessions on the Plan page to plan it."));
                return;
            } catch (IllegalArgumentException e) {
                problem = Optional.of(e.getMessage());
            }
        }
        SubjectForm failed = problem.map(p -> result.form().withErrors(Map.of("hours", "This subject does not fit "
                + "the other settings (" + p + ")."))).orElse(result.form());
        WebSettings s = app.settings();
        Map<String, String> values = currentValues(s);
        render(ctx, 400, values::get, Map.of(), Optional.of(Flash.error("The subject was not saved: "
                + "see the marked fields. What you typed is still there.")), Optional.of(failed));
    }

    private static Optional<WebSettings.Hours> hours(Function<String, String> typed, String fromField, String toField,
            String what, List<String> problems, boolean overnight) {
        Optional<LocalTime> from = time(typed.apply(fromField), what + " start", problems, false);
        Optional<LocalTime> to = time(typed.apply(toField), what + " end", problems, true);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (from.get().equals(to.get())) {
            problems.add(what + " starts and ends at " + from.get() + ": give it some length.");
            return Optional.empty();
        }
        if (!overnight && to.get().isBefore(from.get()) && !to.get().equals(LocalTime.MIDNIGHT)) {
            problems.add(what + " ends (" + to.get() + ") before it starts (" + from.get() + ").");
            return Optional.empty();
        }
        return Optional.of(new WebSettings.Hours(from.get(), to.get()));
    }

    /** An end as the form shows it: the midnight that ends the day is 24:00 (a 00:00 end reads as the day's start). */
    private static String end(LocalTime to) {
        return to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString();
    }

    /** A time as HH:MM; an end may be 24:00, the midnight that ends the day (as 00:00 does). */
    private static Optional<LocalTime> time(String text, String what, List<String> problems, boolean end) {
        String t = or(text).strip();
        if (t.isEmpty()) {
            problems.add(what + " is empty: write it as HH:MM, such as 09:00.");
            return Optional.empty();
        }
        if (t.equals("24:00")) {
            if (end) {
                return Optional.of(LocalTime.MIDNIGHT);
            }
            problems.add(what + " “24:00” is the end of the day: to start at midnight, write 00:00.");
            return Optional.empty();
        }
        try {
            if (!t.matches("\\d{1,2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:MM", t, 0);
            }
            return Optional.of(LocalTime.parse(t.length() == 4 ? "0" + t : t));
        } catch (DateTimeParseException e) {
            problems.add(what + " “" + t + "” is not a time: write it as HH:MM, such as 09:00.");
            return Optional.empty();
        }
    }

    private static int minutes(String text, String label, String field, Map<String, String> errors) {
        String v = or(text).strip();
        String what = label.replace(" (minutes)", "");
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 7 * 24 * 60) {
                errors.put(field, what + ": " + n + " is out of range; use 0 to 10080 minutes.");
            }
            return n;
        } catch (NumberFormatException e) {
            errors.put(field, what + ": “" + v + "” is not a whole number of minutes.");
            return 0;
        }
    }
}
