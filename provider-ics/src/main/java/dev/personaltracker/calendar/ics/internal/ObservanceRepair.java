package dev.personaltracker.calendar.ics.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends the observances (STANDARD, DAYLIGHT) of a VTIMEZONE that ical4j must build, in the forms exporters write that
 * ical4j refuses, and with it the whole file: an onset (DTSTART, RDATE) in UTC is read as the local time it is
 * (UTC plus the observance's TZOFFSETFROM, RFC 5545 3.6.5 wants local time); an onset that is a DATE starts at
 * its rule's BYHOUR and BYMINUTE, else at midnight; {@code BYDAY=5SU} in a rule is the last Sunday (Windows'
 * convention for "last", which converters copy; RFC 5545 would skip the years with four); an RDATE value that is no
 * date is dropped; an observance without a readable DTSTART is dropped (the
 * others still define the zone).
 */
final class ObservanceRepair {

    /** One line of the mended zone and the index of the line it comes from. */
    record Line(int from, String text) {
    }

    private static final Pattern ONSET = Pattern.compile("(\\d{8})(?:T(\\d{6})(Z?))?");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})(\\d{2})?");
    private static final Pattern FIFTH = Pattern.compile("(BYDAY=)\\+?5(SU|MO|TU|WE|TH|FR|SA)(?=;|$)");
    private static final Pattern BYHOUR = Pattern.compile("[;:]BYHOUR=(\\d{1,2})(?=;|$)");
    private static final Pattern BYMINUTE = Pattern.compile("[;:]BYMINUTE=(\\d{1,2})(?=;|$)");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private ObservanceRepair() {
    }

    /**
     * @param zone  the VTIMEZONE's lines (names upper case, dates in basic form)
     * @return the lines ical4j can build, each with the index of its line in {@code zone}
     */
    static List<Line> repair(List<String> zone) {
        List<Line> out = new ArrayList<>(zone.size());
        int i = 0;
        while (i < zone.size()) {
            String line = zone.get(i);
            int end = line.equals("BEGIN:STANDARD") || line.equals("BEGIN:DAYLIGHT")
                    ? zone.subList(i, zone.size()).indexOf("END:" + line.substring(6)) : -1;
            if (end < 0) {
                out.add(new Line(i, line));
                i++;
                continue;
            }
            out.addAll(observance(zone, i, i + end));
            i += end + 1;
        }
        return out;
    }

    /** @return the mended lines {@code first..last} of one observance, none if it has no readable DTSTART */
    private static List<Line> observance(List<String> zone, int first, int last) {
        Optional<ZoneOffset> from = Optional.empty();
        for (int i = first; i <= last; i++) {
            if (zone.get(i).startsWith("TZOFFSETFROM:")) {
                from = offset(zone.get(i).substring(13).strip());
            }
        }
        // a DATE onset starts at the rule's BYHOUR and BYMINUTE (ical4j would use midnight for the years it does not
        // list, and the rule's hour for those it does), else at midnight
        String dayTime = "T000000";
        for (int i = first; i <= last; i++) {
            if (zone.get(i).startsWith("RRULE:")) {
                Matcher hour = BYHOUR.matcher(zone.get(i));
                Matcher minute = BYMINUTE.matcher(zone.get(i));
                if (hour.find()) {
                    dayTime = String.format("T%02d%02d00", Math.min(23, Integer.parseInt(hour.group(1))),
                            minute.find() ? Math.min(59, Integer.parseInt(minute.group(1))) : 0);
                }
            }
        }
        List<Line> out = new ArrayList<>(last - first + 1);
        boolean start = false;
        for (int i = first; i <= last; i++) {
            String line = zone.get(i);
            boolean isStart = line.startsWith("DTSTART:") || line.startsWith("DTSTART;");
            if (line.startsWith("RRULE:")) {
                // Windows' "fifth Sunday" is the last one; a yearly rule that skips the years with four is never meant
                out.add(new Line(i, FIFTH.matcher(line).replaceAll("$1-1$2")));
                continue;
            }
            if (!isStart && !line.startsWith("RDATE:") && !line.startsWith("RDATE;")) {
                out.add(new Line(i, line));
                continue;
            }
            int colon = valueStart(line);
            List<String> values = new ArrayList<>();
            for (String value : line.substring(colon + 1).split(",")) {
                local(value.strip(), from, dayTime).ifPresent(values::add);
            }
            if (values.isEmpty() || (start && isStart)) {
                continue;
            }
            String head = line.substring(0, colon).replaceAll(";VALUE=DATE(?=;|$)", "");
            out.add(new Line(i, head + ":" + String.join(",", isStart ? values.subList(0, 1) : values)));
            start |= isStart;
        }
        return start ? out : List.of();
    }

    /** @return the onset as a local date-time, a period as written, empty if it is neither */
    private static Optional<String> local(String value, Optional<ZoneOffset> from, String dayTime) {
        if (value.indexOf('/') > 0) {
            return Optional.of(value);
        }
        Matcher m = ONSET.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(2) == null) {
            return Optional.of(m.group(1) + dayTime);
        }
        if (m.group(3).isEmpty()) {
            return Optional.of(value);
        }
        try {
            LocalDateTime utc = LocalDateTime.parse(m.group(1) + "T" + m.group(2), LOCAL);
            return from.map(o -> utc.plusSeconds(o.getTotalSeconds()).format(LOCAL));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return a UTC offset such as {@code +0100} or {@code -053045}, empty if unreadable */
    static Optional<ZoneOffset> offset(String text) {
        Matcher m = OFFSET.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int seconds = Integer.parseInt(m.group(2)) * 3600 + Integer.parseInt(m.group(3)) * 60
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            return Optional.of(ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? -seconds : seconds));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the index of the ':' that starts a content line's value (quoted parameter values skipped) */
    private static int valueStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return line.length() - 1;
    }
}
