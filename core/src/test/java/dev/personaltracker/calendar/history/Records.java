package dev.personaltracker.calendar.history;

import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Builds session records directly, for query and export tests. */
final class Records {
    static final String USER = "ada";

    private Records() {
    }

    static SessionRecord record(String key, ZonedDateTime start, int plannedMinutes, SessionStatus status,
            Optional<Duration> actual) {
        Interval interval = Interval.of(start.toInstant(), Duration.ofMinutes(plannedMinutes));
        SessionChange scheduled = new SessionChange(start.toInstant().minus(Duration.ofDays(1)), ChangeKind.SCHEDULED,
                Optional.empty(), Optional.of(interval), Optional.empty(), Optional.empty());
        return new SessionRecord(USER, SessionKey.of(key), interval, status, Optional.empty(), List.of(scheduled),
                actual, Optional.empty());
    }

    static SessionRecord completed(String key, ZonedDateTime start, int plannedMinutes) {
        return record(key, start, plannedMinutes, SessionStatus.COMPLETED, Optional.empty());
    }

    static SessionRecord completedAt(String key, String localDateTime, String zone) {
        return completed(key, ZonedDateTime.of(LocalDateTime.parse(localDateTime), ZoneId.of(zone)), 60);
    }
}
