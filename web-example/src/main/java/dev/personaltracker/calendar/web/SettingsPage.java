package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.Html.esc;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The Settings page: work hours per weekday, study preferences, time zone. */
final class SettingsPage {

    private static final String TIME_PATTERN = "([01][0-9]|2[0-3]):[0-5][0-9]";
    private final TrackerApp app;

    SettingsPage(TrackerApp app) {
        this.app = app;
    }

    void register(WebServer server) {
        server.route("GET", "/settings", this::show).route("POST", "/settings", this::save);
    }

    private void show(Request r) throws IOException {
        WebSettings s = app.settings();
        StringBuilder b = new StringBuilder("<form method=\"post\" action=\"/settings\" id=\"settings\">")
                .append(Html.csrfField(r.session().csrfToken()));
        b.append("<section><h2>Work hours</h2><p class=\"hint\">Work hours count as busy: no study is planned in them. "
                + "An end before the start runs past midnight.</p><table id=\"work-hours\"><thead><tr><th>Day</th>"
                + "<th>Works</th><th>From</th><th>To</th></tr></thead><tbody>");
        for (DayOfWeek day : DayOfWeek.values()) {
            WebSettings.Hours h = s.workHours().get(day);
            String d = day.name().toLowerCase(Locale.ROOT);
            b.append("<tr><td>").append(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append("</td>")
                    .append("<td><input type=\"checkbox\" name=\"works-").append(d).append("\" id=\"works-").append(d)
                    .append('"').append(h != null ? " checked" : "").append("></td>");
            b.append("<td>").append(timeInput("from-" + d, h != null ? h.from() : LocalTime.of(9, 0))).append("</td><td>")
                    .append(timeInput("to-" + d, h != null ? h.to() : LocalTime.of(17, 0))).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
        b.append("<section><h2>Study preferences</h2><div class=\"grid\">")
                .append(number("goal", "Weekly goal (minutes)", s.goalMinutes()))
                .append(number("min", "Shortest session (minutes)", s.minSession()))
                .append(number("max", "Longest session (minutes)", s.maxSession()))
                .append(number("perday", "Most per day (minutes)", s.maxPerDay()))
                .append(number("buffer", "Buffer around busy time (minutes)", s.buffer()))
                .append(number("break", "Break between sessions (minutes)", s.breakMinutes()))
                .append("<label>Study from ").append(timeInput("study-from", s.studyFrom())).append("</label>")
                .append("<label>Study until ").append(timeInput("study-to", s.studyTo())).append("</label>")
                .append("</div></section>");
        b.append("<section><h2>Time zone</h2><label>Zone <select name=\"zone\" id=\"zone\">");
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            b.append("<option").append(id.equals(s.zone().getId()) ? " selected" : "").append('>').append(esc(id))
                    .append("</option>");
        }
        b.append("</select></label></section><p><button type=\"submit\" id=\"save-settings\">Save settings</button></p></form>");
        r.html(200, Html.page("Settings", "/settings", r.session().takeFlash(), b.toString()));
    }

    private static String timeInput(String name, LocalTime value) {
        return "<input name=\"" + name + "\" id=\"" + name + "\" value=\"" + value + "\" size=\"5\" inputmode=\"numeric\" "
                + "pattern=\"" + TIME_PATTERN + "\" title=\"HH:MM, 24-hour\">";
    }

    private static String number(String name, String label, int value) {
        return "<label>" + esc(label) + " <input type=\"number\" min=\"0\" max=\"10080\" name=\"" + name + "\" id=\""
                + name + "\" value=\"" + value + "\"></label>";
    }

    private void save(Request r) throws IOException {
        try {
            WebSettings old = app.settings();
            Map<DayOfWeek, WebSettings.Hours> work = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                String d = day.name().toLowerCase(Locale.ROOT);
                if (r.hasForm("works-" + d)) {
                    work.put(day, new WebSettings.Hours(time(r, "from-" + d), time(r, "to-" + d)));
                }
            }
            WebSettings next = new WebSettings(WebSettings.zone(r.formOr("zone", old.zone().getId())), work,
                    minutes(r, "goal"), minutes(r, "min"), minutes(r, "max"), minutes(r, "perday"), minutes(r, "buffer"),
                    minutes(r, "break"), time(r, "study-from"), time(r, "study-to"), old.samples(), old.sources(),
                    old.writeTo());
            app.updateSettings(next);
            r.redirect("/settings", Html.Flash.ok("Settings saved."));
        } catch (IllegalArgumentException e) {
            r.redirect("/settings", Html.Flash.error("Not saved: " + e.getMessage()));
        }
    }

    private static LocalTime time(Request r, String field) {
        return WebSettings.time(r.form(field).orElseThrow(() -> new IllegalArgumentException(field + " is missing")), field);
    }

    private static int minutes(Request r, String field) {
        String v = r.form(field).orElseThrow(() -> new IllegalArgumentException(field + " is missing"));
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0 || n > 7 * 24 * 60) {
                throw new IllegalArgumentException(field + " must be 0 to 10080 minutes, but was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number of minutes, but was '" + v + "'", e);
        }
    }
}
