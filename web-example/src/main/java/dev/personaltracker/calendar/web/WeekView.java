package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.Html.esc;

import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Draws one week as inline SVG: a column per day from 06:00 to 24:00, with the free time, the work hours, the busy
 * events (titled) and the study sessions (proposed dashed, scheduled solid, completed green). SVG attributes, not
 * inline styles, so that the strict Content-Security-Policy holds.
 */
final class WeekView {

    static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final int FIRST_HOUR = 6;
    private static final int HOURS = 18;
    private static final int HOUR_PX = 32;
    private static final int AXIS = 44;
    private static final int COLUMN = 124;
    private static final int HEADER = 26;

    private final LocalDate monday;
    private final ZoneId zone;
    private final StringBuilder svg = new StringBuilder();

    private WeekView(LocalDate monday, ZoneId zone) {
        this.monday = monday;
        this.zone = zone;
    }

    /**
     * Draws a week.
     *
     * @param monday  the week's Monday, not null
     * @param zone  the person's zone, not null
     * @param free  the week's free time and busy time, not null
     * @param sessions  the study sessions of the week, not null
     * @return the SVG element, not null
     */
    static String draw(LocalDate monday, ZoneId zone, FreeTime free, List<SessionRecord> sessions) {
        WeekView v = new WeekView(monday, zone);
        int width = AXIS + 7 * COLUMN;
        int height = HEADER + HOURS * HOUR_PX;
        v.svg.append("<svg id=\"week-view\" class=\"week\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"Week of ").append(monday).append("\">");
        v.grid();
        free.free().forEach(i -> v.block(i, "free", null, null));
        free.workHours().forEach(i -> v.block(i, "work", "Work hours", null));
        for (BusyInterval b : free.busyIntervals()) {
            String title = b.source().title().orElse("Busy");
            v.block(b.interval(), "busy", title, title + " · " + span(b.interval(), zone) + " · " + b.source().accountId()
                    + "/" + b.source().calendarId());
        }
        for (SessionRecord s : sessions) {
            if (s.status() == SessionStatus.CANCELLED) {
                continue;
            }
            String cls = "session " + s.status().name().toLowerCase(Locale.ROOT);
            String label = "Study " + span(s.interval(), zone);
            v.block(s.interval(), cls, label, label + " · " + s.status().name().toLowerCase(Locale.ROOT));
        }
        v.svg.append("</svg>");
        return v.svg.toString();
    }

    static String span(Interval i, ZoneId zone) {
        var start = i.start().atZone(zone);
        var end = i.end().atZone(zone);
        if (start.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) && end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate());
            return days == 1 ? "all day" : "all day, " + days + " days";
        }
        return HM.format(start) + "–" + HM.format(end);
    }

    private void grid() {
        for (int d = 0; d < 7; d++) {
            int x = AXIS + d * COLUMN;
            svg.append("<text class=\"day\" x=\"").append(x + COLUMN / 2).append("\" y=\"17\" text-anchor=\"middle\">")
                    .append(esc(DAY.format(monday.plusDays(d)))).append("</text>");
            svg.append("<rect class=\"column\" x=\"").append(x).append("\" y=\"").append(HEADER).append("\" width=\"")
                    .append(COLUMN).append("\" height=\"").append(HOURS * HOUR_PX).append("\"/>");
        }
        for (int h = 0; h <= HOURS; h += 2) {
            int y = HEADER + h * HOUR_PX;
            svg.append("<line class=\"hour\" x1=\"").append(AXIS).append("\" x2=\"").append(AXIS + 7 * COLUMN)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>");
            if (h < HOURS) {
                svg.append("<text class=\"axis\" x=\"").append(AXIS - 4).append("\" y=\"").append(y + 11)
                        .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%02d:00", FIRST_HOUR + h))
                        .append("</text>");
            }
        }
    }

    /** Draws an interval, split by day and clipped to the visible hours. */
    private void block(Interval interval, String cls, String label, String tooltip) {
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            Instant viewStart = day.atTime(FIRST_HOUR, 0).atZone(zone).toInstant();
            Instant viewEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant from = interval.start().isAfter(viewStart) ? interval.start() : viewStart;
            Instant to = interval.end().isBefore(viewEnd) ? interval.end() : viewEnd;
            if (!from.isBefore(to)) {
                continue;
            }
            double top = HEADER + Duration.between(viewStart, from).toMinutes() * HOUR_PX / 60.0;
            double height = Math.max(2, Duration.between(from, to).toMinutes() * HOUR_PX / 60.0);
            int inset = cls.startsWith("session") ? 10 : cls.equals("busy") ? 4 : 0;
            int x = AXIS + d * COLUMN + inset;
            svg.append("<g class=\"").append(cls).append("\"><rect x=\"").append(x).append("\" y=\"")
                    .append(Html.num(top)).append("\" width=\"").append(COLUMN - 2 * inset).append("\" height=\"")
                    .append(Html.num(height)).append("\" rx=\"3\"/>");
            if (tooltip != null) {
                svg.append("<title>").append(esc(tooltip)).append("</title>");
            }
            if (label != null && height >= 13 && !cls.equals("work")) {
                svg.append("<text x=\"").append(x + 4).append("\" y=\"").append(Html.num(top + 11)).append("\">")
                        .append(esc(shorten(label, 20))).append("</text>");
            }
            svg.append("</g>");
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
