package dev.personaltracker.calendar.ics.internal;

import static dev.personaltracker.calendar.ics.internal.IcsText.DATE_PROPERTIES;
import static dev.personaltracker.calendar.ics.internal.IcsText.basicDates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** One content line split into its name, parameters and value. */
record ContentLine(String name, List<String[]> params, String value) {

    /** Parameters whose values RFC 5545 defines as case-insensitive tokens. */
    private static final Set<String> TOKEN_PARAMETERS = Set.of("VALUE", "PARTSTAT", "ROLE", "CUTYPE", "RSVP", "RANGE",
            "RELATED", "FBTYPE", "RELTYPE", "ENCODING");
    private static final Set<String> TOKEN_VALUES = Set.of("BEGIN", "END", "RRULE", "EXRULE", "STATUS", "TRANSP", "CLASS",
            "X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-CDO-INTENDEDSTATUS");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]+");

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

    String print(String printedName) {
        StringBuilder b = new StringBuilder(printedName.length() + value.length() + 16).append(printedName);
        for (String[] p : params) {
            b.append(';').append(p[0]).append('=').append(p[1]);
        }
        return b.append(':').append(value).toString();
    }
}
