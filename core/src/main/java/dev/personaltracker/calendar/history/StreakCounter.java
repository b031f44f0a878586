package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.SessionRecord;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Counts runs of study days, for {@link StudyProgress#streak(String)}: a study day is a local date with positive
 * study time, and a run goes on from one study day to the next when no lived date ({@link ZoneTimeline#isLived}) lies
 * between them. Days are local dates, never 24-hour spans, so DST changes do not matter.
 * <p>
 */
final class StreakCounter {

    /** More than the largest gap between two consecutive lived dates; farther apart means the run is broken. */
    private static final int MAX_UNLIVED_GAP = 7;

    private StreakCounter() {
    }

    /**
     * Counts the current and the longest run of the study days up to today among some records.
     *
     * @param records  the user's records, in any status
     * @param zones  the zones the person lived in
     * @param today  the person's date now
     */
    static Streak count(List<SessionRecord> records, ZoneTimeline zones, LocalDate today) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (SessionRecord r : records) {
            LocalDate d = zones.dateOf(r.interval().start());
            if (!StudyProgress.studied(r).isZero() && !d.isAfter(today)) {
                days.add(d);
            }
        }
        if (days.isEmpty()) {
            return new Streak(0, 0, Optional.empty());
        }
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate d : days) {
            run = previous != null && adjacent(zones, previous, d) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = d;
        }
        LocalDate last = days.last();
        int current = last.equals(today) || adjacent(zones, last, today) ? run : 0;
        return new Streak(current, longest, Optional.of(last));
    }

    /** Checks if no lived date lies strictly between two dates, so a run of study days goes on from one to the other. */
    private static boolean adjacent(ZoneTimeline zones, LocalDate earlier, LocalDate later) {
        long gap = ChronoUnit.DAYS.between(earlier, later);
        if (gap < 1 || gap > MAX_UNLIVED_GAP) {
            return false;
        }
        for (LocalDate d = earlier.plusDays(1); d.isBefore(later); d = d.plusDays(1)) {
            if (zones.isLived(d)) {
                return false;
            }
        }
        return true;
    }
}
