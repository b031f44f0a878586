package dev.personaltracker.calendar.ics.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The way back from {@link IcsText}: text ical4j printed from a model parsed from {@link IcsText}'s text, with the
 * iCalendar names of what {@link IcsText} renamed (and the VTIMEZONEs it carried past ical4j) given back, folded as
 * RFC 5545 3.1 asks.
 */
final class PrintedText {

    private PrintedText() {
    }

    /**
     * @param printed  iCalendar text ical4j printed from a model {@link IcsText}'s text was parsed into
     * @return the text with the iCalendar names of the properties and parameters {@link IcsText} renamed
     */
    static String restoreNames(String printed) {
        String[] lines = printed.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n", -1);
        StringBuilder out = new StringBuilder(printed.length() + printed.length() / 64);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break;
            }
            if (line.startsWith(IcsText.INTERNAL)) {
                if (line.startsWith(IcsText.VTIMEZONE + ":")) {
                    for (String zoneLine : zoneLines(line.substring(IcsText.VTIMEZONE.length() + 1))) {
                        fold(zoneLine, out);
                    }
                    continue;
                }
                for (String[] names : IcsText.RENAMED) {
                    if (line.startsWith(names[0] + ":") || line.startsWith(names[0] + ";")) {
                        // ical4j escapes an extension property's value as TEXT: a rule's ';' and a list's ','
                        line = names[1] + line.substring(names[0].length()).replace("\\;", ";").replace("\\,", ",");
                        break;
                    }
                }
            }
            fold(line.replace(";" + IcsDocument.OWN_TZID + "=", ";TZID="), out);
        }
        return out.toString();
    }

    /** @return the lines of a VTIMEZONE kept as {@link IcsText#VTIMEZONE}, none if the value is not such (not ours) */
    private static List<String> zoneLines(String base64) {
        try {
            String zone = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
            return zone.startsWith("BEGIN:VTIMEZONE\r\n") ? List.of(zone.split("\r\n")) : List.of();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * Appends a content line folded as RFC 5545 3.1 asks: at most 75 octets of UTF-8 per line, continuation lines
     * starting with a space; never inside a character (a multi-byte one or a surrogate pair).
     */
    private static void fold(String line, StringBuilder out) {
        int octets = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.append(c);
            octets += size;
        }
        out.append("\r\n");
    }

}
