package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schema 1 plaintext of a history record: JSON with ISO-8601 instants and durations, absent parts left out.
 * The user and the session key are not in the plaintext: they are the record's id, bound by its associated data.
 * <p>
 * {@code goal} (the record's {@link SessionRecord#goalId()}) was added with several goals. It is additive: a record
 * written before it has no {@code goal} field and reads as the default goal {@value SessionRecord#DEFAULT_GOAL_ID}
 * (the single goal of those versions), and is written with the field the next time it is saved; the file schema
 * stays 1. An older reader ignores the field (unknown fields are tolerated), so it reads every session as the
 * default goal.
 */
final class SessionCodec {

    record IntervalJson(String start, String end) {
    }

    record EventJson(String providerId, String accountId, String calendarId, String eventId) {
    }

    record CauseJson(String providerId, String accountId, String calendarId, String eventId, String title) {
    }

    record ChangeJson(String at, String kind, IntervalJson from, IntervalJson to, CauseJson cause, String reason) {
    }

    record SessionJson(IntervalJson interval, String status, EventJson event, List<ChangeJson> changes, String actual, String note,
            String goal) {
    }

    private SessionCodec() {
    }

    static byte[] encode(SessionRecord record) {
        SessionJson json = new SessionJson(interval(record.interval()), record.status().name(),
                record.event().map(e -> new EventJson(e.providerId(), e.accountId(), e.calendarId(), e.eventId())).orElse(null),
                record.changes().stream().map(SessionCodec::change).toList(),
                record.actual().map(Duration::toString).orElse(null), record.note().orElse(null), record.goalId());
        try {
            return TokenCodec.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a session record as JSON: " + e.getClass().getSimpleName(), e);
        }
    }

    static SessionRecord decode(String userId, SessionKey key, byte[] plaintext) throws IOException {
        SessionJson json = TokenCodec.read(plaintext, SessionJson.class);
        try {
            return new SessionRecord(userId, key, interval(json.interval()), SessionStatus.valueOf(json.status()),
                    Optional.ofNullable(json.event()).map(e -> new EventRef(e.providerId(), e.accountId(), e.calendarId(), e.eventId())),
                    json.changes() == null ? List.of() : json.changes().stream().map(SessionCodec::change).toList(),
                    Optional.ofNullable(json.actual()).map(Duration::parse), Optional.ofNullable(json.note()),
                    json.goal() == null ? SessionRecord.DEFAULT_GOAL_ID : json.goal());
        } catch (RuntimeException e) {
            throw new IOException("session record has a missing or malformed field (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ChangeJson change(SessionChange c) {
        return new ChangeJson(c.at().toString(), c.kind().name(), c.from().map(SessionCodec::interval).orElse(null),
                c.to().map(SessionCodec::interval).orElse(null),
                c.cause().map(s -> new CauseJson(s.providerId(), s.accountId(), s.calendarId(), s.eventId(), s.title().orElse(null))).orElse(null),
                c.reason().orElse(null));
    }

    private static SessionChange change(ChangeJson c) {
        return new SessionChange(Instant.parse(c.at()), ChangeKind.valueOf(c.kind()),
                Optional.ofNullable(c.from()).map(SessionCodec::interval), Optional.ofNullable(c.to()).map(SessionCodec::interval),
                Optional.ofNullable(c.cause()).map(s -> new BusySource(s.providerId(), s.accountId(), s.calendarId(), s.eventId(),
                        Optional.ofNullable(s.title()))),
                Optional.ofNullable(c.reason()));
    }

    private static IntervalJson interval(Interval i) {
        return new IntervalJson(i.start().toString(), i.end().toString());
    }

    private static Interval interval(IntervalJson i) {
        return Interval.of(Instant.parse(i.start()), Instant.parse(i.end()));
    }
}
