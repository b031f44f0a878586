package dev.personaltracker.calendar.text;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Times and durations as a person reads them: in their zone, in a language, with human durations ({@code 1 h 30 min},
 * not {@code PT1H30M}). Used by {@link dev.personaltracker.calendar.FreeTime#describe},
 * {@link dev.personaltracker.calendar.Proposals#describe} and available to hosts for their own pages.
 * <p>
 * Digits are always ASCII, whatever the locale's digits are, so the text is the same in every default locale. This
 * class is immutable and thread-safe.
 */
public final class LocalText {

    private final ZoneId zone;
    private final Locale locale;
    private final DateTimeFormatter day;
    private final DateTimeFormatter time;

    private LocalText(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.locale = locale;
        this.day = DateTimeFormatter.ofPattern("EEE d MMM", locale).withDecimalStyle(DecimalStyle.STANDARD);
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale).withDecimalStyle(DecimalStyle.STANDARD);
    }

    /**
     * Writes in a zone, in English.
     *
     * @param zone  the person's zone, not null
     * @return the text maker, not null
     */
    public static LocalText in(ZoneId zone) {
        return in(zone, Locale.ENGLISH);
    }

    /**
     * Writes in a zone, with the day and month names of a locale.
     *
     * @param zone  the person's zone, not null
     * @param locale  the language of day and month names, not null
     * @return the text maker, not null
     */
    public static LocalText in(ZoneId zone, Locale locale) {
        return new LocalText(Objects.requireNonNull(zone, "zone"), Objects.requireNonNull(locale, "locale"));
    }

    /** @return the zone, not null */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Writes a duration in hours and minutes: {@code 6 h}, {@code 1 h 30 min}, {@code 45 min}, {@code 0 min}.
     * Seconds are dropped; a negative duration gets a minus sign.
     *
     * @param duration  the duration, not null
     * @return the text, not null
     */
    public static String duration(Duration duration) {
        long minutes = Objects.requireNonNull(duration, "duration").toMinutes();
        String sign = minutes < 0 ? "-" : "";
        minutes = Math.abs(minutes);
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return sign + m + " min";
        }
        return sign + (m == 0 ? h + " h" : h + " h " + m + " min");
    }

    /**
     * Writes a local date: {@code Mon 9 Mar}.
     *
     * @param date  the date, not null
     * @return the text, not null
     */
    public String date(LocalDate date) {
        return day.format(Objects.requireNonNull(date, "date"));
    }

    /**
     * Writes an interval in local time: {@code Mon 9 Mar 17:15-18:45}; one that ends on another day names both days
     * ({@code Mon 9 Mar 22:00 - Tue 10 Mar 02:00}); an end at local midnight is written {@code 24:00}.
     *
     * @param interval  the interval, not null
     * @return the text, not null
     */
    public String interval(Interval interval) {
        Objects.requireNonNull(interval, "interval");
        ZonedDateTime from = interval.start().atZone(zone);
        ZonedDateTime to = interval.end().atZone(zone);
        LocalDate fromDay = from.toLocalDate();
        if (to.toLocalDate().equals(fromDay)) {
            return date(fromDay) + " " + time.format(from) + "-" + time.format(to);
        }
        if (to.toLocalDate().equals(fromDay.plusDays(1)) && to.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return date(fromDay) + " " + time.format(from) + "-24:00";
        }
        return date(fromDay) + " " + time.format(from) + " - " + date(to.toLocalDate()) + " " + time.format(to);
    }

    /**
     * Writes the times of a set that lie on one local day, without the date: {@code 07:00-09:00, 17:00-22:00}, or
     * {@code none}.
     *
     * @param set  the set, not null
     * @return the text, not null
     */
    public String times(IntervalSet set) {
        Objects.requireNonNull(set, "set");
        if (set.isEmpty()) {
            return "none";
        }
        StringJoiner out = new StringJoiner(", ");
        for (Interval i : set) {
            ZonedDateTime from = i.start().atZone(zone);
            ZonedDateTime to = i.end().atZone(zone);
            boolean endsAtMidnight = !to.toLocalDate().equals(from.toLocalDate())
                    && to.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
            out.add(time.format(from) + "-" + (endsAtMidnight ? "24:00" : time.format(to)));
        }
        return out.toString();
    }

    /** @return the zone and locale */
    @Override
    public String toString() {
        return "LocalText[" + zone + ", " + locale + "]";
    }
}
