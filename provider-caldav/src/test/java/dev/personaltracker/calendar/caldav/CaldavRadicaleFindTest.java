package dev.personaltracker.calendar.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sessions that a real Radicale holds under another resource name than {@code <key>.ics} (written by another client
 * or an older version): found by UID or by session tag, moved, deleted, and never created a second time.
 */
class CaldavRadicaleFindTest extends RadicaleTestSupport {

    private static String event(String uid, String key, String start, String end) {
        return Fixtures.crlf("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Other//Sync App//EN
                BEGIN:VEVENT
                UID:%s
                DTSTAMP:20260401T000000Z
                DTSTART:%s
                DTEND:%s
                SUMMARY:Study Session
                %s
                END:VEVENT
                END:VCALENDAR
                """.formatted(uid, start, end, key == null ? "DESCRIPTION:copied" : "X-PERSONALTRACKER-SESSION-KEY:"
                + key));
    }

    @Test
    void sessionUnderAnotherName_isFoundMovedAndDeleted_andNotCreatedAgain() throws Exception {
        String cal = radicale.mkcalendar("find-" + UUID.randomUUID().toString().substring(0, 8), "Find");
        SessionKey key = SessionKey.random();
        // another client kept our UID but dropped the session tag, and named the resource itself
        String other = cal + "8E2C-AB91-" + UUID.randomUUID() + ".ics";
        radicale.put(other, event(key.value() + "@sessions.personaltracker.dev", null, "20260406T080000Z",
                "20260406T090000Z"));
        CalendarConnection connection = connect();
        Interval at = Interval.of(Instant.parse("2026-04-06T08:00:00Z"), Duration.ofHours(1));

        StudyEvent found = connection.findSession(cal, key).orElseThrow();
        StudyEvent created = connection.createSession(cal, key, at, SessionDetails.defaults());

        assertThat(found.eventId()).isEqualTo(other);
        assertThat(found.interval()).isEqualTo(at);
        assertThat(found.version()).isPresent();
        assertThat(created).isEqualTo(found);
        assertThat(radicale.count(cal)).isEqualTo(1);

        Interval later = Interval.of(Instant.parse("2026-04-06T14:00:00Z"), Duration.ofHours(1));
        StudyEvent moved = connection.moveSession(found, later);
        assertThat(moved.eventId()).isEqualTo(other);
        assertThat(connection.findSession(cal, key).map(StudyEvent::interval)).contains(later);

        connection.deleteSession(moved);
        assertThat(connection.findSession(cal, key)).isEmpty();
        assertThat(radicale.count(cal)).isZero();
    }

    @Test
    void sessionWhoseUidAnotherClientChanged_isFoundByItsTag() throws Exception {
        String cal = radicale.mkcalendar("tag-" + UUID.randomUUID().toString().substring(0, 8), "Tag");
        SessionKey key = SessionKey.random();
        String other = cal + "copy-" + UUID.randomUUID() + ".ics";
        radicale.put(other, event(UUID.randomUUID() + "@other.example", key.value(), "20260407T080000Z",
                "20260407T093000Z"));

        StudyEvent found = connect().findSession(cal, key).orElseThrow();

        assertThat(found.eventId()).isEqualTo(other);
        assertThat(found.key()).isEqualTo(key);
        assertThat(found.interval()).isEqualTo(Interval.of(Instant.parse("2026-04-07T08:00:00Z"),
                Duration.ofMinutes(90)));
    }

    @Test
    void sessionOfAnotherKeyWhoseUidContainsThisOne_isNotTakenForIt() throws Exception {
        String cal = radicale.mkcalendar("near-" + UUID.randomUUID().toString().substring(0, 8), "Near");
        SessionKey key = SessionKey.of("s-" + UUID.randomUUID().toString().substring(0, 8));
        SessionKey longer = SessionKey.of("x" + key.value());
        radicale.put(cal + "x.ics", event(longer.value() + "@sessions.personaltracker.dev", longer.value(),
                "20260408T080000Z", "20260408T090000Z"));

        assertThat(connect().findSession(cal, key)).isEmpty();
    }

    private static CalendarConnection connect() {
        return CaldavRadicaleWritesTest.connect();
    }
}
