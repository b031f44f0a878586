package dev.personaltracker.calendar.ics.internal;

import static dev.personaltracker.calendar.ics.internal.IcsText.DATES_ONLY;
import static dev.personaltracker.calendar.ics.internal.IcsText.DATE_PROPERTIES;
import static dev.personaltracker.calendar.ics.internal.IcsText.EVENT_DATES;
import static dev.personaltracker.calendar.ics.internal.IcsText.EXDATE;
import static dev.personaltracker.calendar.ics.internal.IcsText.INTERNAL;
import static dev.personaltracker.calendar.ics.internal.IcsText.RDATE;
import static dev.personaltracker.calendar.ics.internal.IcsText.RRULE;
import static dev.personaltracker.calendar.ics.internal.IcsText.tzidParameter;
import static dev.personaltracker.calendar.ics.internal.IcsText.unquote;

import dev.personaltracker.calendar.ics.internal.IcsText.Normalized;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link IcsText}'s strict text line by line, following the nesting of components: one VCALENDAR for all,
 * each VTIMEZONE once (or past ical4j), the renames, and the file line of each line written.
 */
final class StrictTextWriter {

    private static final Logger LOG = LoggerFactory.getLogger(IcsText.class);

    private final String description;
    private final StringBuilder text = new StringBuilder();
    private final List<Integer> fileLines = new ArrayList<>();
    /** The VTIMEZONEs written so far for ical4j, by TZID: their lines and the calendar (1, 2, ...) of each. */
    private final Map<String, List<String>> zonesWritten = new HashMap<>();
    private final Map<String, Integer> zoneCalendars = new HashMap<>();
    /** The TZIDs of zones we resolve ourselves whose VTIMEZONE already travels as {@link IcsText#VTIMEZONE}. */
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

    StrictTextWriter(String description) {
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
            if (line.name().equals("BEGIN") && line.value().equals("VCALENDAR")) {
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
        if (line.name().equals("BEGIN")) {
            open.add(line.value());
            if (line.value().equals("VTIMEZONE") && open.size() == 2) {
                zoneLines = new ArrayList<>();
                zoneFileLines = new ArrayList<>();
                zoneTzid = null;
            }
            emit("BEGIN:" + line.value(), fileLine);
            return;
        }
        if (line.name().equals("END")) {
            String closing = open.get(open.size() - 1);
            if (!closing.equals(line.value())) {
                throw notICalendar(fileLine, "END:" + safeName(line.value()) + " closes BEGIN:" + safeName(closing));
            }
            open.remove(open.size() - 1);
            if (open.isEmpty()) {
                renameZoneReferences();
                return; // END:VCALENDAR: one is written at the end, after the components of every calendar
            }
            emit("END:" + line.value(), fileLine);
            if (open.size() == 1 && line.value().equals("VTIMEZONE")) {
                flushZone();
            }
            return;
        }
        if (line.name().startsWith(INTERNAL) && !line.name().equals(SessionEvents.SESSION_KEY)) {
            // a name this class gives a property on its way past ical4j: read, it would be that property
            // (an X-PERSONALTRACKER-RRULE would recur, and be written back as RRULE)
            LOG.warn("ics: {} line {} has a property named like one of the provider's internal names; skipped",
                    description, fileLine);
            return;
        }
        line.params().removeIf(p -> p[0].equals(IcsDocument.OWN_TZID));
        if (open.size() == 1 && calendars > 1) {
            return; // calendar properties of a second VCALENDAR (VERSION, PRODID, X-WR-CALNAME): the first's stand
        }
        if (zoneLines != null && open.size() == 2 && line.name().equals("TZID")) {
            // an identifier: spaces and quotes around it are no part of it (events name it without them)
            zoneTzid = unquote(line.value());
            line = new ContentLine(line.name(), line.params(), zoneTzid);
        }
        // a VTIMEZONE's observances are ical4j's to read (its zone model needs their RRULE and RDATE): no renames
        emit(zoneLines != null ? line.print(line.name()) : rewrite(line), fileLine);
    }

    private String rewrite(ContentLine line) {
        String name = line.name();
        if (DATE_PROPERTIES.contains(name)) {
            boolean datesOnly = DATES_ONLY.matcher(line.value()).matches();
            line.params().removeIf(p -> datesOnly && p[0].equals("TZID"));
            for (String[] p : line.params()) {
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

    /** Carries a zone's VTIMEZONE past ical4j unread, once per TZID, so that the text printed back still holds it. */
    private void keep(String tzid, List<String> lines, int fileLine) {
        if (knownZonesKept.add(tzid)) {
            emit(IcsText.keptZone(lines), fileLine);
        }
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
            keep(tzid, lines, numbers.get(0));
            return;
        }
        List<ObservanceRepair.Line> repaired = ObservanceRepair.repair(lines);
        List<String> original = lines;
        lines = repaired.stream().map(ObservanceRepair.Line::text).toList();
        if (!lines.contains("BEGIN:STANDARD") && !lines.contains("BEGIN:DAYLIGHT")) {
            // nothing ical4j could build: its times are read in the person's zone, the zone is kept for writing
            LOG.warn("ics: {} line {}: time zone '{}' has no observance that can be read; its times are read in"
                    + " the person's zone", description, numbers.get(0), tzid);
            keep(tzid, original, numbers.get(0));
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
        for (String[] p : parsed.params()) {
            String to = p[0].equals("TZID") ? calendarRenames.get(unquote(p[1])) : null;
            if (to != null) {
                p[1] = tzidParameter(to);
                changed = true;
            }
        }
        return changed ? parsed.print(parsed.name()) : line;
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
