package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.util.List;

/**
 * Counts adherence, for {@link StudyProgress#adherence(String, Interval)}: completed over scheduled time, over the
 * sessions whose outcome is known (COMPLETED or SKIPPED) and that start in the range. Each completed session is
 * credited its study time but at most its planned length, so the ratio lies in [0, 1].
 */
final class AdherenceCounter {

    private AdherenceCounter() {
    }

    /**
     * Counts the adherence of the sessions among some records that start in a range.
     *
     * @param records  the user's records, in any status
     * @param range  the range
     */
    static Adherence count(List<SessionRecord> records, Interval range) {
        Duration completed = Duration.ZERO;
        Duration scheduled = Duration.ZERO;
        for (SessionRecord r : records) {
            boolean known = r.status() == SessionStatus.COMPLETED || r.status() == SessionStatus.SKIPPED;
            if (!known || !range.contains(r.interval().start())) {
                continue;
            }
            Duration planned = r.interval().duration();
            Duration done = StudyProgress.studied(r);
            scheduled = scheduled.plus(planned);
            completed = completed.plus(done.compareTo(planned) > 0 ? planned : done);
        }
        return new Adherence(completed, scheduled);
    }
}
