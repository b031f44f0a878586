package dev.personaltracker.calendar.ics.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rules of nearly every timetable, expanded directly: {@code FREQ=DAILY} or {@code FREQ=WEEKLY} with only
 * INTERVAL, COUNT, UNTIL, WKST and (weekly) BYDAY of plain weekdays. ical4j's general expansion costs about as much
 * as parsing the whole file; this walk costs a few operations per instance and jumps straight to the window when
 * the rule has no COUNT. Any other rule returns null from {@link #of} and goes to ical4j.
 */
final class SimpleWeeklyRule {

    private SimpleWeeklyRule() {
    }

    /**
     * @param rule  the RRULE value, UNTIL in local time ({@link RuleInstances#normalizeUntil})
     * @param seed  DTSTART, local
     * @param from  the earliest start of interest
     * @param to  the latest start of interest
     * @param max  the most instances returned
     * @return the instances from {@code from} to {@code to}, ascending; null if the rule is not of this simple kind
     */
    static Iterator<LocalDateTime> of(String rule, LocalDateTime seed, LocalDateTime from, LocalDateTime to, int max) {
        boolean weekly = false;
        boolean daily = false;
        int interval = 1;
        long count = -1;
        LocalDateTime until = null;
        boolean[] days = null;
        DayOfWeek weekStart = DayOfWeek.MONDAY;
        for (Map.Entry<String, String> part : RuleParts.parse(rule).entrySet()) {
            String value = part.getValue();
            try {
                switch (part.getKey()) {
                    case "FREQ" -> {
                        weekly = value.equals("WEEKLY");
                        daily = value.equals("DAILY");
                    }
                    case "INTERVAL" -> interval = Integer.parseInt(value);
                    case "COUNT" -> count = Long.parseLong(value);
                    case "UNTIL" -> until = RuleParts.until(value);
                    case "WKST" -> weekStart = RuleParts.weekday(value);
                    case "BYDAY" -> days = RuleParts.weekdays(value);
                    default -> {
                        return null;
                    }
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        if ((!weekly && !daily) || (daily && days != null) || interval < 1 || weekStart == null) {
            return null;
        }
        List<LocalDateTime> out = new ArrayList<>();
        if (daily || days == null) {
            long stepDays = daily ? interval : 7L * interval;
            long k = 0;
            if (count < 0) {
                k = Math.max(0, Math.floorDiv(ChronoUnit.DAYS.between(seed, from), stepDays) - 1);
            }
            for (; out.size() < max; k++) {
                if (count >= 0 && k >= count) {
                    break;
                }
                LocalDateTime t = seed.plusDays(k * stepDays);
                if (t.isAfter(to) || (until != null && t.isAfter(until))) {
                    break;
                }
                if (!t.isBefore(from)) {
                    out.add(t);
                }
            }
            return out.iterator();
        }
        // weekly with BYDAY: weeks counted from the week (by WKST) that holds DTSTART
        LocalDate firstWeek = seed.toLocalDate().with(TemporalAdjusters.previousOrSame(weekStart));
        long week = 0;
        long emitted = 0;
        if (count < 0) {
            long weeksToWindow = ChronoUnit.WEEKS.between(firstWeek, from.toLocalDate());
            week = Math.max(0, (weeksToWindow / interval - 1) * interval);
        }
        for (; out.size() < max; week += interval) {
            LocalDate monday = firstWeek.plusWeeks(week);
            if (monday.atStartOfDay().isAfter(to)) {
                break;
            }
            int firstDay = weekStart.getValue() - 1; // the week's first day, 0 = Monday
            for (int d = 0; d < 7; d++) {
                if (!days[(firstDay + d) % 7]) {
                    continue;
                }
                LocalDate day = monday.plusDays(d);
                LocalDateTime t = day.atTime(seed.toLocalTime());
                if (t.isBefore(seed)) {
                    continue;
                }
                if ((count >= 0 && emitted >= count) || (until != null && t.isAfter(until)) || t.isAfter(to)) {
                    return out.iterator();
                }
                emitted++;
                if (!t.isBefore(from) && out.size() < max) {
                    out.add(t);
                }
            }
        }
        return out.iterator();
    }
}
