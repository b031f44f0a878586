package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the iCalendar text people really have into the strict form ical4j reads, in one pass over the lines:
 * <ul>
 * <li>line ends CRLF, LF or CR, mixed; a line starting with a space or a tab continues the previous one
 *     (RFC 5545 3.1), whatever the line ends;</li>
 * <li>blank lines are skipped, anywhere;</li>
 * <li>component, property and parameter names are upper-cased, and so are the values that RFC 5545 defines as
 *     case-insensitive (BEGIN/END, RRULE, VALUE, PARTSTAT and the other enumerated parameters); an RRULE
 *     loses the parts that change nothing ({@link RuleParts#clean}: X- parts, RSCALE=GREGORIAN);</li>
 * <li>several VCALENDAR objects become one: the components of all, the calendar properties of the first;</li>
 * <li>the TZID of a date-only value is dropped (a day has no zone), zones we resolve ourselves are renamed
 *     {@value IcsDocument#OWN_TZID} and their VTIMEZONEs travel past ical4j as {@value #VTIMEZONE} (see
 *     {@link ZoneResolver}); a TZID loses the spaces and quotes around it; a VCALENDAR that defines a TZID an
 *     earlier one defined with other rules gets its own name for it ({@code "Customized Time Zone (2)"}: each
 *     VCALENDAR names its own zones); a VTIMEZONE's observances in forms ical4j refuses are mended
 *     ({@link ObservanceRepair}); RDATE and EXDATE are
 *     renamed so that ical4j keeps their text for {@link EventExpander} (ical4j cannot read every form), and so
 *     are RRULE (ical4j would drop a rule it cannot read without a word) and FREEBUSY (see
 *     {@link FreeBusyPeriods}), and a VEVENT's DTSTART, DTEND, RECURRENCE-ID, DTSTAMP, CREATED and LAST-MODIFIED
 *     (see {@link #eventName}); a VTIMEZONE's lines keep their names. {@link PrintedText#restoreNames} gives them
 *     their names back in text printed from the model.</li>
 * </ul>
 * It remembers the file's line number of each line it writes, so that errors name the line of the file.
 * Messages never quote the file's content.
 */
final class IcsText {

    /** The prefix of every internal name; only {@link SessionEvents#SESSION_KEY} is ever written. */
    static final String INTERNAL = "X-PERSONALTRACKER-";
    static final String RDATE = "X-PERSONALTRACKER-RDATE";
    /**
     * RRULE travels past ical4j too: ical4j would parse every rule once more only for {@link EventExpander} to read
     * its text, and drops a rule it cannot read without a word (the expander warns about it instead).
     */
    static final String RRULE = "X-PERSONALTRACKER-RRULE";
    static final String EXDATE = "X-PERSONALTRACKER-EXDATE";
    /**
     * A VTIMEZONE of a zone we resolve ourselves travels past ical4j (which would build the zone, slowly) as this
     * calendar property, its lines in Base64; {@link PrintedText#restoreNames} writes it back as the VTIMEZONE it was, so that a
     * file written back keeps the definitions other apps need (an Outlook zone name means nothing without it).
     */
    static final String VTIMEZONE = "X-PERSONALTRACKER-VTIMEZONE";
    static final Set<String> DATE_PROPERTIES = Set.of("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID", "DUE");
    /**
     * The date properties of a VEVENT that travel past ical4j under internal names: ical4j would parse each of them
     * (twice, with its own zone registry) only for {@link IcsDocument} to read its text, which was half of the parse
     * time of a timetable. Read them with {@link IcsDocument#property}.
     */
    static final Map<String, String> EVENT_DATES = Map.of("DTSTART", "X-PERSONALTRACKER-DTSTART",
            "DTEND", "X-PERSONALTRACKER-DTEND", "RECURRENCE-ID", "X-PERSONALTRACKER-RECURRENCE-ID",
            "DTSTAMP", "X-PERSONALTRACKER-DTSTAMP", "CREATED", "X-PERSONALTRACKER-CREATED",
            "LAST-MODIFIED", "X-PERSONALTRACKER-LAST-MODIFIED");
    /** The internal names of renamed properties and their iCalendar names. */
    static final List<String[]> RENAMED = List.copyOf(List.of(renamed()));
    /** A date or date-time in ISO 8601's basic or extended form, T and Z in any case, seconds optional. */
    private static final Pattern ANY_DATE = Pattern.compile(
            "(?<![0-9A-Za-z])(\\d{4})-?(\\d{2})-?(\\d{2})(?:[Tt](\\d{2}):?(\\d{2})(?::?(\\d{2}))?)?([Zz]?)(?![0-9])");
    static final Pattern DATES_ONLY = Pattern.compile("\\s*\\d{8}\\s*(,\\s*\\d{8}\\s*)*");

    /**
     * @param lines  the lines of a VTIMEZONE, BEGIN to END
     * @return the line that carries them past ical4j unread, as {@link #VTIMEZONE} (read back by {@link PrintedText})
     */
    static String keptZone(List<String> lines) {
        return VTIMEZONE + ":" + Base64.getEncoder().encodeToString(String.join("\r\n", lines)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The strict text and, for each of its lines, the line of the original file it starts on.
     *
     * @param text  the text for ical4j, CRLF line ends
     * @param lines  {@code lines[i]} is the 1-based file line of the text's line {@code i + 1}
     */
    record Normalized(String text, int[] lines) {
        /** @return the file line of a 1-based line of {@link #text}, or the last line if out of range */
        int fileLine(int textLine) {
            if (lines.length == 0) {
                return 1;
            }
            return lines[Math.max(0, Math.min(lines.length, textLine) - 1)];
        }

        /**
         * @param textLine  a 1-based line of {@link #text} that ical4j could not read
         * @return the text with the top-level VTIMEZONE holding that line (or ending just before it) kept from ical4j
         *     as {@link #VTIMEZONE}, empty if no VTIMEZONE holds it
         */
        Optional<Normalized> withoutZoneAt(int textLine) {
            String[] all = text.split("\r\n", -1);
            for (int at = Math.min(textLine, all.length) - 1; at >= Math.max(0, textLine - 2); at--) {
                int begin = at;
                while (begin >= 0 && !all[begin].equals("BEGIN:VTIMEZONE")
                        && !(begin < at && all[begin].equals("END:VTIMEZONE")) && !all[begin].startsWith("BEGIN:V")) {
                    begin--;
                }
                int end = at;
                while (end < all.length && !all[end].equals("END:VTIMEZONE") && !all[end].startsWith("BEGIN:V")) {
                    end++;
                }
                if (begin >= 0 && all[begin].equals("BEGIN:VTIMEZONE") && end < all.length
                        && all[end].equals("END:VTIMEZONE")) {
                    // the zone travels on past ical4j unread, so that a file written back still holds it
                    StringBuilder kept = new StringBuilder(text.length());
                    int[] keptLines = new int[lines.length - (end - begin)];
                    int k = 0;
                    for (int i = 0; i < all.length - 1; i++) {
                        if (i == begin) {
                            kept.append(keptZone(Arrays.asList(all).subList(begin, end + 1))).append("\r\n");
                            keptLines[k++] = lines[i];
                        } else if (i < begin || i > end) {
                            kept.append(all[i]).append("\r\n");
                            keptLines[k++] = lines[i];
                        }
                    }
                    return Optional.of(new Normalized(kept.toString(), keptLines));
                }
            }
            return Optional.empty();
        }
    }

    private IcsText() {
    }

    private static String[][] renamed() {
        List<String[]> all = new ArrayList<>(List.of(new String[] {RRULE, "RRULE"}, new String[] {RDATE, "RDATE"},
                new String[] {EXDATE, "EXDATE"}, new String[] {FreeBusyPeriods.FREEBUSY, "FREEBUSY"}));
        EVENT_DATES.forEach((name, internal) -> all.add(new String[] {internal, name}));
        return all.toArray(String[][]::new);
    }

    /**
     * @param name  a property name
     * @return the name it has in a VEVENT of a parsed model: an internal one for the dates this class renames,
     *     else the name itself
     */
    static String eventName(String name) {
        return EVENT_DATES.getOrDefault(name, name);
    }

    /**
     * @param value  a date property's value: dates, date-times or periods, comma-separated
     * @return the value with every date in RFC 5545's basic form ({@code 2026-11-03T10:00Z} becomes
     *     {@code 20261103T100000Z}), which ical4j needs (it drops a property it cannot read)
     */
    static String basicDates(String value) {
        if (value.indexOf('-') < 0 && value.indexOf(':') < 0 && value.chars().noneMatch(Character::isLowerCase)) {
            return value; // the usual case: nothing to do
        }
        return ANY_DATE.matcher(value).replaceAll(m -> m.group(1) + m.group(2) + m.group(3)
                + (m.group(4) == null ? "" : "T" + m.group(4) + m.group(5) + (m.group(6) == null ? "00" : m.group(6)))
                + m.group(7).toUpperCase(Locale.ROOT));
    }

    /**
     * @param raw  the file's text
     * @param description  the source, for messages
     * @return the strict text
     * @throws UnexpectedResponseException naming the source and line if the text is not an iCalendar object
     */
    static Normalized normalize(String raw, String description) {
        StrictTextWriter out = new StrictTextWriter(description);
        int length = raw.length();
        int pos = raw.startsWith("\uFEFF") ? 1 : 0;
        int lineNo = 0;
        StringBuilder logical = null;
        int logicalLine = 0;
        while (pos < length) {
            int end = pos;
            while (end < length && raw.charAt(end) != '\n' && raw.charAt(end) != '\r') {
                end++;
            }
            lineNo++;
            boolean continuation = end > pos && (raw.charAt(pos) == ' ' || raw.charAt(pos) == '\t');
            if (continuation && logical != null) {
                logical.append(raw, pos + 1, end);
            } else if (!isBlank(raw, pos, end)) {
                if (logical != null) {
                    out.line(logical.toString(), logicalLine);
                }
                logical = new StringBuilder(raw.length() - pos < 256 ? raw.length() - pos : 256).append(raw, pos, end);
                logicalLine = lineNo;
            }
            pos = end;
            if (pos < length && raw.charAt(pos) == '\r') {
                pos++;
            }
            if (pos < length && raw.charAt(pos) == '\n') {
                pos++;
            }
        }
        if (logical != null) {
            out.line(logical.toString(), logicalLine);
        }
        return out.finish(lineNo);
    }

    /** @return a TZID without the spaces and quotes around it */
    static String unquote(String tzid) {
        String t = tzid.strip();
        if (t.length() > 1 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /**
     * @param raw  a TZID parameter value as written
     * @return the value as written if it is the bare or quoted TZID, else the TZID, quoted if it must be
     *     ({@code TZID= "Customized Time Zone" } names the file's "Customized Time Zone")
     */
    static String tzidParameter(String raw) {
        String tzid = unquote(raw);
        if (raw.equals(tzid) || raw.equals("\"" + tzid + "\"")) {
            return raw;
        }
        return tzid.indexOf(':') >= 0 || tzid.indexOf(';') >= 0 || tzid.indexOf(',') >= 0 ? "\"" + tzid + "\"" : tzid;
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

}
