package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lays out one week for the {@code week.jte} SVG template: a column per day from 06:00 (or the even hour before the
 * week's earliest session, so a session at night is drawn too) to 24:00, with the free time,
 * the work hours, the busy events (titled; events that overlap stand side by side) and the study sessions (proposed
 * dashed, scheduled solid, completed green). Two geometries: wide for desktops, narrow for phones (all seven days on a
 * 390 px screen, without labels inside the blocks). A week with more than {@value #MAX_EVENTS} busy events is drawn
 * as merged busy stretches, so the page stays small whatever a calendar holds. Rows are local wall-clock hours: on the
 * day of a DST change, the skipped hour stays empty and the repeated hour is drawn once, so every block sits at the
 * local time the hour labels name.
 */
final class WeekView {

    static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    /** A time in the hour a DST change repeats: with the zone's short name, which tells the two apart. */
    static final DateTimeFormatter HM_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);
    /** Above this many busy events in a week, busy time is drawn merged (5-minute resolution). */
    static final int MAX_EVENTS = 300;
    private static final Duration MIN_FREE = Duration.ofMinutes(5);
    private static final int FIRST_HOUR = 6;

    /**
     * Sizes of one drawing.
     *
     * @param axis  the width of the hour axis
     * @param column  the width of a day
     * @param hourPx  the height of an hour
     * @param header  the height of the day names
     * @param labels  true to write titles inside blocks
     * @param dayFormat  how a day is named in the header
     */
    record Geometry(int axis, int column, int hourPx, int header, boolean labels, DateTimeFormatter dayFormat) {
    }

    static final Geometry WIDE = new Geometry(44, 124, 32, 26, true, DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH));
    static final Geometry NARROW = new Geometry(30, 48, 30, 26, false, DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH));

    /**
     * A text of the drawing.
     *
     * @param x  its anchor's x
     * @param y  its baseline
     * @param cls  its CSS class
     * @param anchor  start, middle or end
     * @param text  the text, plain
     */
    record Label(double x, double y, String cls, String anchor, String text) {
    }

    /**
     * A rectangle of the drawing, with its tooltip and an optional text inside.
     *
     * @param cls  its CSS class (free, work, busy, session proposed, ...)
     * @param x  left
     * @param y  top
     * @param width  width
     * @param height  height
     * @param tooltip  the tooltip, plain, may be empty
     * @param label  the text inside, if it fits
     */
    record Block(String cls, double x, double y, double width, double height, String tooltip, Optional<String> label) {

        /** @return the text's x */
        double textX() {
            return x + 4;
        }

        /** @return the text's baseline */
        double textY() {
            return y + 11;
        }
    }

    /**
     * A horizontal line.
     *
     * @param y  its height
     */
    record Line(double y) {
    }

    /**
     * The whole drawing.
     *
     * @param id  the SVG element's id
     * @param cls  its CSS classes
     * @param width  the viewBox width
     * @param height  the viewBox height
     * @param ariaLabel  what it shows, for screen readers
     * @param columns  the day columns (as blocks without text)
     * @param lines  the hour lines
     * @param right  the right end of the lines
     * @param left  the left end of the lines
     * @param labels  the day names and hours
     * @param blocks  free time, work hours, busy time and sessions, in drawing order
     */
    record Model(String id, String cls, int width, int height, String ariaLabel, List<Block> columns, List<Line> lines,
            int left, int right, List<Label> labels, List<Block> blocks) {
    }

    private final LocalDate monday;
    private final ZoneId zone;
    private final Geometry g;
    private final int firstHour;
    private final List<Block> blocks = new ArrayList<>();

    private WeekView(LocalDate monday, ZoneId zone, Geometry g, int firstHour) {
        this.monday = monday;
        this.zone = zone;
        this.g = g;
        this.firstHour = firstHour;
    }

    /** The first hour drawn: 06:00, or the even hour at or before the earliest session of the week that starts earlier. */
    private static int firstHour(LocalDate monday, ZoneId zone, List<SessionRecord> sessions) {
        int first = FIRST_HOUR;
        for (SessionRecord s : sessions) {
            var start = s.interval().start().atZone(zone);
            long day = ChronoUnit.DAYS.between(monday, start.toLocalDate());
            if (s.status() != SessionStatus.CANCELLED && day >= 0 && day < 7) {
                first = Math.min(first, start.getHour() / 2 * 2);
            }
        }
        return first;
    }

    /**
     * Lays out a week.
     *
     * @param id  the SVG element's id, not null
     * @param g  the geometry, not null
     * @param monday  the week's Monday, not null
     * @param zone  the person's zone, not null
     * @param free  the week's free time and busy time, not null
     * @param sessions  the study sessions of the week, not null
     * @param colors  the color class of each subject by goal id (see {@link Subjects#colors}); a session of another
     *                goal is drawn in the plain session colors, not null
     * @return the drawing, not null
     */
    static Model draw(String id, Geometry g, LocalDate monday, ZoneId zone, FreeTime free, List<SessionRecord> sessions,
            Map<String, String> colors) {
        int first = firstHour(monday, zone, sessions);
        int hours = 24 - first;
        WeekView v = new WeekView(monday, zone, g, first);
        int width = g.axis() + 7 * g.column();
        int height = g.header() + hours * g.hourPx();
        List<Block> columns = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            int x = g.axis() + d * g.column();
            labels.add(new Label(x + g.column() / 2.0, 17, "day", "middle", g.dayFormat().format(monday.plusDays(d))));
            columns.add(new Block("column", x, g.header(), g.column(), hours * g.hourPx(), "", Optional.empty()));
        }
        List<Line> lines = new ArrayList<>();
        for (int h = 0; h <= hours; h += 2) {
            int y = g.header() + h * g.hourPx();
            lines.add(new Line(y));
            if (h < hours) {
                labels.add(new Label(g.axis() - 4, y + 11, "axis", "end", String.format(Locale.ROOT, "%02d:00", first + h)));
            }
        }
        // free time shorter than the drawing can show (and than any session) is left out: bounded however busy it is
        free.free().forEach(i -> {
            if (i.duration().compareTo(MIN_FREE) >= 0) {
                v.block(i, "free", "", Optional.empty(), 0, 0, 1);
            }
        });
        free.workHours().forEach(i -> v.block(i, "work", "Work hours", Optional.empty(), 0, 0, 1));
        v.busy(free.busyIntervals());
        for (SessionRecord s : sessions) {
            if (s.status() == SessionStatus.CANCELLED) {
                continue;
            }
            String status = s.status().name().toLowerCase(Locale.ROOT);
            Optional<String> color = Subjects.color(colors, s.goalId());
            String label = color.map(c -> s.goalId()).orElse("Study") + " " + span(s.interval(), zone);
            v.block(s.interval(), "session " + status + color.map(c -> " goal " + c).orElse(""), label + " · " + status,
                    Optional.of(label), 10, 0, 1);
        }
        return new Model(id, "week", width, height, "Week of " + monday, columns, lines, g.axis(), width, labels,
                List.copyOf(v.blocks));
    }

    /** Busy events side by side where they overlap; merged stretches when there are too many to draw one by one. */
    private void busy(List<BusyInterval> busy) {
        if (busy.size() > MAX_EVENTS) {
            for (BusyDigest.Entry e : BusyDigest.of(busy, Duration.ofMinutes(5))) {
                block(e.interval(), "busy", e.title() + " · " + span(e.interval(), zone) + " · " + e.calendar(),
                        Optional.of(e.title()), 4, 0, 1);
            }
            return;
        }
        List<BusyInterval> sorted = new ArrayList<>(busy);
        sorted.sort(Comparator.comparing((BusyInterval b) -> b.interval().start()).thenComparing(b -> b.interval().end()));
        // clusters of events that overlap one another; within one, each event takes the first free lane
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            Instant clusterEnd = sorted.get(i).interval().end();
            List<Instant> laneEnds = new ArrayList<>();
            List<Integer> lanes = new ArrayList<>();
            while (j < sorted.size() && (j == i || sorted.get(j).interval().start().isBefore(clusterEnd))) {
                Interval iv = sorted.get(j).interval();
                int lane = 0;
                while (lane < laneEnds.size() && laneEnds.get(lane).isAfter(iv.start())) {
                    lane++;
                }
                if (lane == laneEnds.size()) {
                    laneEnds.add(iv.end());
                } else {
                    laneEnds.set(lane, iv.end());
                }
                lanes.add(lane);
                if (iv.end().isAfter(clusterEnd)) {
                    clusterEnd = iv.end();
                }
                j++;
            }
            for (int k = i; k < j; k++) {
                BusyInterval b = sorted.get(k);
                String title = b.source().title().orElse("Busy");
                block(b.interval(), "busy", title + " · " + span(b.interval(), zone) + " · " + b.source().accountId() + "/"
                        + b.source().calendarId(), Optional.of(title), 4, lanes.get(k - i), laneEnds.size());
            }
            i = j;
        }
    }

    /**
     * Gets a session's or event's time for people: {@code 10:00–11:30}, or {@code all day}; a time in the hour that a
     * DST change repeats names its zone ({@code 01:30 EDT–01:30 EST}), so an hour-long event does not read as none.
     *
     * @param i  the interval, not null
     * @param zone  the zone, not null
     * @return the text, not null
     */
    static String span(Interval i, ZoneId zone) {
        var start = i.start().atZone(zone);
        var end = i.end().atZone(zone);
        if (start.toLocalTime().equals(LocalTime.MIDNIGHT) && end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            long days = ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate());
            return days == 1 ? "all day" : "all day, " + days + " days";
        }
        return time(start) + "–" + time(end);
    }

    /** A local time; in the hour a DST change repeats, with the zone's short name (01:30 EDT, 01:30 EST). */
    private static String time(java.time.ZonedDateTime t) {
        boolean repeated = t.getZone().getRules().getValidOffsets(t.toLocalDateTime()).size() > 1;
        return repeated ? HM_ZONE.format(t) : HM.format(t);
    }

    /** Adds an interval, split by day and clipped to the visible hours, in lane {@code lane} of {@code lanes}. */
    private void block(Interval interval, String cls, String tooltip, Optional<String> label, int inset, int lane, int lanes) {
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            Instant viewStart = day.atTime(firstHour, 0).atZone(zone).toInstant();
            Instant viewEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant from = interval.start().isAfter(viewStart) ? interval.start() : viewStart;
            Instant to = interval.end().isBefore(viewEnd) ? interval.end() : viewEnd;
            if (!from.isBefore(to)) {
                continue;
            }
            // by wall-clock time, as the hour labels are: a 23 h or 25 h day keeps its blocks at their local times
            long fromMinute = wallMinute(from, day);
            double top = g.header() + (fromMinute - firstHour * 60L) * g.hourPx() / 60.0;
            double height = Math.max(2, (wallMinute(to, day) - fromMinute) * g.hourPx() / 60.0);
            int in = g.labels() ? inset : Math.min(inset, 3);
            double laneWidth = (g.column() - 2.0 * in) / lanes;
            double x = g.axis() + d * g.column() + in + lane * laneWidth;
            Optional<String> text = label.filter(l -> g.labels() && height >= 13 && laneWidth >= 40)
                    .map(l -> shorten(l, (int) Math.max(4, laneWidth / 6)));
            blocks.add(new Block(cls, round(x), round(top), round(laneWidth - (lanes > 1 ? 1 : 0)), round(height),
                    tooltip, text));
        }
    }

    /** The local minute of the day of an instant in {@code day}; 24:00 for the next day's start. */
    private long wallMinute(Instant t, LocalDate day) {
        var local = t.atZone(zone).toLocalDateTime();
        return local.toLocalDate().isAfter(day) ? 24 * 60L : local.getHour() * 60L + local.getMinute();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
