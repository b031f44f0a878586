package dev.personaltracker.calendar.ics.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of an RRULE value, read the same way by every expansion this package does itself. */
final class RuleParts {

    private static final DateTimeFormatter LOCAL_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private RuleParts() {
    }

    /**
     * @param rule  an RRULE value
     * @return its parts, names and values upper-cased, in order (a part without '=' is ignored)
     */
    static Map<String, String> parse(String rule) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : rule.toUpperCase(Locale.ROOT).split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return parts;
    }

    /**
     * @param rule  an RRULE value as written
     * @return the rule without white space and the parts that change nothing here: extension parts
     *     ({@code X-EVOLUTION-ENDDATE}), RFC 7529's {@code RSCALE=GREGORIAN} and {@code SKIP=OMIT} (its default),
     *     empty parts and parts without a value ({@code BYDAY=}); list entries out of range ({@code BYMONTHDAY=32})
     *     are dropped unless none is left, an INTERVAL below 1 is 1, and UNTIL is in the basic form
     */
    static String clean(String rule) {
        StringBuilder out = new StringBuilder();
        for (String part : rule.split(";")) {
            String p = part.chars().anyMatch(Character::isWhitespace) ? SPACES.matcher(part).replaceAll("") : part;
            String upper = p.toUpperCase(Locale.ROOT);
            if (p.isEmpty() || p.endsWith("=") || upper.startsWith("X-") || upper.equals("RSCALE=GREGORIAN")
                    || upper.equals("SKIP=OMIT")) {
                continue;
            }
            out.append(out.length() == 0 ? "" : ";").append(inRange(p));
        }
        return out.toString();
    }

    private static final Map<String, int[]> RANGES = Map.of("BYMONTH", new int[] {1, 12, 0},
            "BYWEEKNO", new int[] {1, 53, 1}, "BYYEARDAY", new int[] {1, 366, 1}, "BYMONTHDAY", new int[] {1, 31, 1},
            "BYHOUR", new int[] {0, 23, 0}, "BYMINUTE", new int[] {0, 59, 0}, "BYSECOND", new int[] {0, 60, 0},
            "BYSETPOS", new int[] {1, 366, 1});
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern WEEKDAY = Pattern.compile("([+-]?)(\\d{0,2})(MO|TU|WE|TH|FR|SA|SU)");

    /** @return a part with its out-of-range list entries dropped (unless none is left); INTERVAL at least 1 */
    private static String inRange(String part) {
        int eq = part.indexOf('=');
        if (eq < 0) {
            return part;
        }
        String name = part.substring(0, eq).toUpperCase(Locale.ROOT);
        String value = part.substring(eq + 1);
        if (name.equals("UNTIL")) {
            return "UNTIL=" + IcsText.basicDates(value);
        }
        if (name.equals("INTERVAL")) {
            return NUMBER.matcher(value).matches() && Long.parseLong(value) < 1 ? "INTERVAL=1" : part;
        }
        int[] range = RANGES.get(name);
        if (range == null && !name.equals("BYDAY")) {
            return part;
        }
        StringBuilder kept = new StringBuilder();
        for (String item : value.split(",")) {
            if (range == null ? validWeekday(item) : validNumber(item, range)) {
                kept.append(kept.length() == 0 ? "" : ",").append(item);
            }
        }
        return kept.length() == 0 ? part : part.substring(0, eq + 1) + kept;
    }

    private static boolean validNumber(String item, int[] range) {
        if (!NUMBER.matcher(item).matches()) {
            return false;
        }
        long n = Long.parseLong(item);
        long abs = Math.abs(n);
        return abs >= range[0] && abs <= range[1] && (n >= 0 || range[2] == 1) && !(n == 0 && range[0] > 0);
    }

    private static boolean validWeekday(String item) {
        Matcher m = WEEKDAY.matcher(item.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        return m.group(2).isEmpty() ? m.group(1).isEmpty() || m.group(1).equals("+")
                : Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 53;
    }

    /**
     * @param value  a local UNTIL ({@link RuleInstances#normalizeUntil}): a date or a local date-time
     * @return the last local time the rule may produce
     */
    static LocalDateTime until(String value) {
        return value.length() == 8
                ? LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).atTime(23, 59, 59)
                : LocalDateTime.parse(value.substring(0, 15), LOCAL_BASIC);
    }

    /**
     * @param code  a two-letter weekday, such as {@code MO}
     * @return the day, null if the code is none
     */
    static DayOfWeek weekday(String code) {
        return switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            case "SU" -> DayOfWeek.SUNDAY;
            default -> null;
        };
    }

    /**
     * @param list  a BYDAY value of plain weekdays, such as {@code MO,WE}
     * @return a flag per day, Monday first
     * @throws IllegalArgumentException if an entry has an ordinal or is no weekday
     */
    static boolean[] weekdays(String list) {
        boolean[] days = new boolean[7];
        for (String d : list.split(",")) {
            DayOfWeek day = weekday(d.strip());
            if (day == null) {
                throw new IllegalArgumentException("BYDAY entry with an ordinal or no weekday");
            }
            days[day.getValue() - 1] = true;
        }
        return days;
    }
}
