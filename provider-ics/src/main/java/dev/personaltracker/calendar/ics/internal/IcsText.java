package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(IcsText.class);
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
    private static final Set<String> DATE_PROPERTIES = Set.of("DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID", "DUE");
    /** Parameters whose values RFC 5545 defines as case-insensitive tokens. */
    private static final Set<String> TOKEN_PARAMETERS = Set.of("VALUE", "PARTSTAT", "ROLE", "CUTYPE", "RSVP", "RANGE",
            "RELATED", "FBTYPE", "RELTYPE", "ENCODING");
    private static final Set<String> TOKEN_VALUES = Set.of("BEGIN", "END", "RRULE", "EXRULE", "STATUS", "TRANSP", "CLASS",
            "X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-CDO-INTENDEDSTATUS");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]+");
    /**
     * The date properties of a VEVENT that travel past ical4j under internal names: ical4j would parse each of them
     * (twice, with its own zone registry) only for {@link IcsDocument} to read its text, which was half of the parse
     * time of a timetable. Read them with {@link IcsDocument#property}.
     */
    private static final Map<String, String> EVENT_DATES = Map.of("DTSTART", "X-PERSONALTRACKER-DTSTART",
            "DTEND", "X-PERSONALTRACKER-DTEND", "RECURRENCE-ID", "X-PERSONALTRACKER-RECURRENCE-ID",
            "DTSTAMP", "X-PERSONALTRACKER-DTSTAMP", "CREATED", "X-PERSONALTRACKER-CREATED",
            "LAST-MODIFIED", "X-PERSONALTRACKER-LAST-MODIFIED");
    /** The internal names of renamed properties and their iCalendar names. */
    static final List<String[]> RENAMED = List.copyOf(List.of(renamed()));
    /** A date or date-time in ISO 8601's basic or extended form, T and Z in any case, seconds optional. */
    private static final Pattern ANY_DATE = Pattern.compile(
            "(?<![0-9A-Za-z])(\\d{4})-?(\\d{2})-?(\\d{2})(?:[Tt](\\d{2}):?(\\d{2})(?::?(\\d{2}))?)?([Zz]?)(?![0-9])");
    private static final Pattern DATES_ONLY = Pattern.compile("\\s*\\d{8}\\s*(,\\s*\\d{8}\\s*)*");

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
                            kept.append(VTIMEZONE).append(':').append(Base64.getEncoder().encodeToString(String.join(
                                    "\r\n", List.of(all).subList(begin, end + 1)).getBytes(StandardCharsets.UTF_8)));
                            kept.append("\r\n");
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
        Writer out = new Writer(description);
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
    private static String tzidParameter(String raw) {
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

    /** One content line split into its name, parameters and value. */
    private record ContentLine(String name, List<String[]> params, String value) {

        /** @return the line, or null if it is not a content line ({@code name *(;param) : value}) */
        static ContentLine parse(String line) {
            int i = 0;
            int n = line.length();
            while (i < n && line.charAt(i) != ';' && line.charAt(i) != ':') {
                i++;
            }
            if (i == n) {
                return null;
            }
            String name = line.substring(0, i).strip();
            if (!NAME.matcher(name).matches()) {
                return null;
            }
            name = name.toUpperCase(Locale.ROOT);
            List<String[]> params = new ArrayList<>(2);
            while (i < n && line.charAt(i) == ';') {
                int start = ++i;
                while (i < n && line.charAt(i) != '=' && line.charAt(i) != ';' && line.charAt(i) != ':') {
                    i++;
                }
                String pname = line.substring(start, i).strip().toUpperCase(Locale.ROOT);
                StringBuilder pvalue = new StringBuilder();
                if (i < n && line.charAt(i) == '=') {
                    i++;
                    boolean quoted = false;
                    while (i < n && (quoted || (line.charAt(i) != ';' && line.charAt(i) != ':'))) {
                        char c = line.charAt(i);
                        if (c == '"') {
                            quoted = !quoted;
                        }
                        pvalue.append(c);
                        i++;
                    }
                }
                if (!pname.isEmpty()) {
                    String v = pvalue.toString();
                    params.add(new String[] {pname, TOKEN_PARAMETERS.contains(pname) ? v.toUpperCase(Locale.ROOT) : v});
                }
            }
            if (i >= n || line.charAt(i) != ':') {
                return null;
            }
            String value = line.substring(i + 1);
            if (TOKEN_VALUES.contains(name)) {
                value = value.strip().toUpperCase(Locale.ROOT);
            }
            if (DATE_PROPERTIES.contains(name) || name.equals("FREEBUSY")) {
                value = basicDates(value);
            }
            if (name.equals("RRULE")) {
                // extension parts such as Evolution's X-EVOLUTION-ENDDATE would make ical4j drop the whole rule
                value = RuleParts.clean(value);
            }
            return new ContentLine(name, params, value);
        }

        String param(String pname) {
            for (String[] p : params) {
                if (p[0].equals(pname)) {
                    return p[1];
                }
            }
            return null;
        }

        String print(String printedName) {
            StringBuilder b = new StringBuilder(printedName.length() + value.length() + 16).append(printedName);
            for (String[] p : params) {
                b.append(';').append(p[0]).append('=').append(p[1]);
            }
            return b.append(':').append(value).toString();
        }
    }

    /** Writes the strict text, following the nesting of components. */
    private static final class Writer {
        private final String description;
        private final StringBuilder text = new StringBuilder();
        private final List<Integer> fileLines = new ArrayList<>();
        /** The VTIMEZONEs written so far for ical4j, by TZID: their lines and the calendar (1, 2, ...) of each. */
        private final Map<String, List<String>> zonesWritten = new HashMap<>();
        private final Map<String, Integer> zoneCalendars = new HashMap<>();
        /** The TZIDs of zones we resolve ourselves whose VTIMEZONE already travels as {@link #VTIMEZONE}. */
        private final Set<String> knownZonesKept = new HashSet<>();
        /** This VCALENDAR's own names for TZIDs an earlier VCALENDAR defined with other rules. */
        private final Map<String, String> calendarRenames = new HashMap<>();
        /** Where this VCALENDAR's text starts in {@link #text}. */
        private int calendarStart;
        /** Names of the open components, VCALENDAR first. */
        private final List<String> open = new ArrayList<>();
        private int calendars;
        private int skipped;
        private int outside;
        /** A VTIMEZONE being read: kept until its TZID is known. */
        private List<String> zoneLines;
        private List<Integer> zoneFileLines;
        private String zoneTzid;

        Writer(String description) {
            this.description = description;
        }

        void line(String raw, int fileLine) {
            ContentLine line = ContentLine.parse(raw);
            if (line == null) {
                if (calendars == 0) {
                    throw notICalendar(fileLine, "it does not start with BEGIN:VCALENDAR");
                }
                skipped++;
                LOG.warn("ics: {} line {} is not an iCalendar content line; skipped", description, fileLine);
                return;
            }
            if (open.isEmpty()) {
                if (line.name.equals("BEGIN") && line.value.equals("VCALENDAR")) {
                    open.add("VCALENDAR");
                    if (calendars++ == 0) {
                        emit("BEGIN:VCALENDAR", fileLine);
                    }
                    calendarStart = text.length();
                    calendarRenames.clear();
                } else if (calendars == 0) {
                    throw notICalendar(fileLine, "it does not start with BEGIN:VCALENDAR");
                } else {
                    outside++;
                }
                return;
            }
            if (line.name.equals("BEGIN")) {
                open.add(line.value);
                if (line.value.equals("VTIMEZONE") && open.size() == 2) {
                    zoneLines = new ArrayList<>();
                    zoneFileLines = new ArrayList<>();
                    zoneTzid = null;
                }
                emit("BEGIN:" + line.value, fileLine);
                return;
            }
            if (line.name.equals("END")) {
                String closing = open.get(open.size() - 1);
                if (!closing.equals(line.value)) {
                    throw notICalendar(fileLine, "END:" + safeName(line.value) + " closes BEGIN:" + safeName(closing));
                }
                open.remove(open.size() - 1);
                if (open.isEmpty()) {
                    renameZoneReferences();
                    return; // END:VCALENDAR: one is written at the end, after the components of every calendar
                }
                emit("END:" + line.value, fileLine);
                if (open.size() == 1 && line.value.equals("VTIMEZONE")) {
                    flushZone();
                }
                return;
            }
            if (line.name.startsWith(INTERNAL) && !line.name.equals(SessionEvents.SESSION_KEY)) {
                // a name this class gives a property on its way past ical4j: read, it would be that property
                // (an X-PERSONALTRACKER-RRULE would recur, and be written back as RRULE)
                LOG.warn("ics: {} line {} has a property named like one of the provider's internal names; skipped",
                        description, fileLine);
                return;
            }
            line.params.removeIf(p -> p[0].equals(IcsDocument.OWN_TZID));
            if (open.size() == 1 && calendars > 1) {
                return; // calendar properties of a second VCALENDAR (VERSION, PRODID, X-WR-CALNAME): the first's stand
            }
            if (zoneLines != null && open.size() == 2 && line.name.equals("TZID")) {
                // an identifier: spaces and quotes around it are no part of it (events name it without them)
                zoneTzid = unquote(line.value);
                line = new ContentLine(line.name, line.params, zoneTzid);
            }
            // a VTIMEZONE's observances are ical4j's to read (its zone model needs their RRULE and RDATE): no renames
            emit(zoneLines != null ? line.print(line.name) : rewrite(line), fileLine);
        }

        private String rewrite(ContentLine line) {
            String name = line.name;
            if (DATE_PROPERTIES.contains(name)) {
                boolean datesOnly = DATES_ONLY.matcher(line.value).matches();
                line.params.removeIf(p -> datesOnly && p[0].equals("TZID"));
                for (String[] p : line.params) {
                    if (p[0].equals("TZID") && ZoneResolver.wellKnown(p[1]).isPresent()) {
                        p[0] = IcsDocument.OWN_TZID;
                    } else if (p[0].equals("TZID")) {
                        p[1] = tzidParameter(p[1]);
                    }
                }
                if (name.equals("RDATE")) {
                    return line.print(RDATE);
                }
                if (name.equals("EXDATE")) {
                    return line.print(EXDATE);
                }
            }
            if (name.equals("FREEBUSY")) {
                return line.print(FreeBusyPeriods.FREEBUSY);
            }
            if (name.equals("RRULE")) {
                return line.print(RRULE);
            }
            if (open.size() == 2 && open.get(1).equals("VEVENT") && EVENT_DATES.containsKey(name)) {
                return line.print(EVENT_DATES.get(name));
            }
            return line.print(name);
        }

        private void emit(String line, int fileLine) {
            if (zoneLines != null) {
                zoneLines.add(line);
                zoneFileLines.add(fileLine);
                return;
            }
            text.append(line).append("\r\n");
            fileLines.add(fileLine);
        }

        private void flushZone() {
            List<String> lines = zoneLines;
            List<Integer> numbers = zoneFileLines;
            String tzid = zoneTzid;
            zoneLines = null;
            zoneFileLines = null;
            if (tzid == null) {
                return;
            }
            Optional<ZoneId> known = ZoneResolver.wellKnown(tzid);
            if (known.isPresent() && !ZoneResolver.contradicts(known.get(), lines)) {
                // resolved without ical4j, but kept for the text printed back: other apps need it (Outlook's names)
                if (knownZonesKept.add(tzid)) {
                    emit(VTIMEZONE + ":" + Base64.getEncoder().encodeToString(
                            String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8)), numbers.get(0));
                }
                return;
            }
            List<ObservanceRepair.Line> repaired = ObservanceRepair.repair(lines);
            List<String> original = lines;
            lines = repaired.stream().map(ObservanceRepair.Line::text).toList();
            if (!lines.contains("BEGIN:STANDARD") && !lines.contains("BEGIN:DAYLIGHT")) {
                // nothing ical4j could build: its times are read in the person's zone, the zone is kept for writing
                LOG.warn("ics: {} line {}: time zone '{}' has no observance that can be read; its times are read in"
                        + " the person's zone", description, numbers.get(0), tzid);
                if (knownZonesKept.add(tzid)) {
                    emit(VTIMEZONE + ":" + Base64.getEncoder().encodeToString(
                            String.join("\r\n", original).getBytes(StandardCharsets.UTF_8)), numbers.get(0));
                }
                return;
            }
            List<String> previous = zonesWritten.get(tzid);
            if (previous != null && (previous.equals(lines) || zoneCalendars.get(tzid) == calendars)) {
                return; // a second calendar's copy of a zone already written (or a repeat within one calendar)
            }
            String name = tzid;
            if (previous != null) {
                // RFC 5545 3.4: each VCALENDAR names its own zones; this one's "Customized Time Zone" is another zone
                for (int n = calendars; zonesWritten.containsKey(name); n++) {
                    name = tzid + " (" + n + ")";
                }
                calendarRenames.put(tzid, name);
                LOG.debug("ics: {} defines time zone '{}' again with other rules; read as '{}' in its VCALENDAR",
                        description, tzid, name);
            }
            zonesWritten.put(name, lines);
            zoneCalendars.put(name, calendars);
            for (ObservanceRepair.Line line : repaired) {
                String t = line.text();
                emit(name.equals(tzid) || !(t.startsWith("TZID:") || t.startsWith("TZID;")) ? t : "TZID:" + name,
                        numbers.get(line.from()));
            }
        }

        /** Gives this VCALENDAR's TZID parameters the names {@link #flushZone} gave its own zones. */
        private void renameZoneReferences() {
            if (calendarRenames.isEmpty()) {
                return;
            }
            String[] lines = text.substring(calendarStart).split("\r\n", -1);
            StringBuilder renamed = new StringBuilder(text.length() - calendarStart + 64);
            for (int i = 0; i < lines.length - 1; i++) {
                renamed.append(renameTzidParameters(lines[i])).append("\r\n");
            }
            text.setLength(calendarStart);
            text.append(renamed);
        }

        private String renameTzidParameters(String line) {
            if (!line.contains(";TZID=") || line.startsWith("TZID")) {
                return line;
            }
            ContentLine parsed = ContentLine.parse(line);
            if (parsed == null) {
                return line;
            }
            boolean changed = false;
            for (String[] p : parsed.params) {
                String to = p[0].equals("TZID") ? calendarRenames.get(unquote(p[1])) : null;
                if (to != null) {
                    p[1] = tzidParameter(to);
                    changed = true;
                }
            }
            return changed ? parsed.print(parsed.name) : line;
        }

        Normalized finish(int lastLine) {
            if (calendars == 0) {
                throw notICalendar(Math.max(1, lastLine), "it holds no BEGIN:VCALENDAR");
            }
            if (!open.isEmpty()) {
                throw notICalendar(lastLine, "it ends inside " + safeName(open.get(open.size() - 1))
                        + " (cut off?)");
            }
            if (skipped > 0 || outside > 0) {
                LOG.warn("ics: {} had {} malformed line(s) and {} line(s) outside VCALENDAR; they were skipped",
                        description, skipped, outside);
            }
            if (calendars > 1) {
                LOG.debug("ics: {} holds {} VCALENDAR objects; all are read", description, calendars);
            }
            text.append("END:VCALENDAR\r\n");
            fileLines.add(lastLine);
            int[] lines = new int[fileLines.size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = fileLines.get(i);
            }
            return new Normalized(text.toString(), lines);
        }

        private UnexpectedResponseException notICalendar(int fileLine, String why) {
            return new UnexpectedResponseException("ics: " + description + " is not a valid iCalendar file (line "
                    + fileLine + "): " + why + "; check that the source is an .ics file or feed");
        }

        /** A component name for a message: only when it looks like one, so that no content is ever quoted. */
        private static String safeName(String name) {
            return name.matches("(?:V[A-Z]{1,20}|STANDARD|DAYLIGHT|X-[A-Z0-9-]{1,30})") ? name : "a component";
        }
    }
}
