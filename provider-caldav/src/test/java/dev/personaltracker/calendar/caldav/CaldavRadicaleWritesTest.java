package dev.personaltracker.calendar.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Discovery, the calendar list and study-session writes against a real Radicale, through a counting proxy. */
class CaldavRadicaleWritesTest extends RadicaleTestSupport {

    static CaldavConnection connect() {
        InMemoryTokenStore tokens = InMemoryTokenStore.create();
        TokenKey key = TokenKey.of("alice", "caldav", RadicaleServer.USER);
        var credentials = CaldavCalendarProvider.saveAccount(tokens, key,
                "http://127.0.0.1:" + proxy.root().getPort(), RadicaleServer.PASSWORD);
        ProviderSettings settings = ProviderSettings.builder()
                .retryPolicy(quickRetries())
                .property(CaldavCalendarProvider.ZONE, "Europe/Berlin")
                .build();
        return (CaldavConnection) new CaldavCalendarProvider().connect(settings, credentials);
    }

    private static String newCalendar(String display) throws Exception {
        return radicale.mkcalendar("cal-" + UUID.randomUUID().toString().substring(0, 8), display);
    }

    @Test
    void discoversFromTheDomainAndListsCalendarsWithNameColorAndAccess() throws Exception {
        String path = newCalendar("Lectures");
        CaldavConnection connection = connect();

        List<CaldavCalendar> calendars = connection.caldavCalendars();
        List<CalendarInfo> infos = connection.calendars();

        CaldavCalendar lectures = calendars.stream().filter(c -> c.id().equals(path)).findFirst().orElseThrow();
        assertThat(lectures.name()).isEqualTo("Lectures");
        assertThat(lectures.color()).contains("#3366FFFF");
        assertThat(lectures.access()).isEqualTo(CalendarAccess.WRITER);
        assertThat(lectures.syncCollection()).isTrue();
        assertThat(infos).extracting(CalendarInfo::id).contains(path);
        assertThat(infos.get(0).primary()).isTrue();
        assertThat(proxy.requests()).anyMatch(r -> r.startsWith("PROPFIND /.well-known/caldav"));
    }

    @Test
    void createFindMoveDelete_roundTrip() throws Exception {
        String cal = newCalendar("Study");
        CalendarConnection connection = connect();
        SessionKey key = SessionKey.random();
        Interval at = Interval.of(Instant.parse("2026-03-30T08:00:00Z"), Duration.ofHours(1));

        StudyEvent created = connection.createSession(cal, key, at, SessionDetails.defaults());
        assertThat(created.key()).isEqualTo(key);
        assertThat(created.interval()).isEqualTo(at);
        assertThat(created.version()).isPresent();
        assertThat(connection.findSession(cal, key)).contains(created);
        assertThat(connection.findSessions(cal, Interval.of(at.start().minusSeconds(3600), Duration.ofHours(3))))
                .containsExactly(created);

        Interval later = Interval.of(Instant.parse("2026-03-30T12:00:00Z"), Duration.ofHours(1));
        StudyEvent moved = connection.moveSession(created, later);
        assertThat(moved.interval()).isEqualTo(later);
        assertThat(moved.version()).isPresent().isNotEqualTo(created.version());
        assertThat(connection.findSession(cal, key).map(StudyEvent::interval)).contains(later);

        connection.deleteSession(moved);
        assertThat(connection.findSession(cal, key)).isEmpty();
        connection.deleteSession(moved); // gone already: fine
        assertThat(radicale.count(cal)).isZero();
    }

    @Test
    void createAfterALostResponse_leavesExactlyOneEvent() throws Exception {
        String cal = newCalendar("Lossy");
        CalendarConnection connection = connect();
        SessionKey key = SessionKey.of("lost-" + UUID.randomUUID().toString().substring(0, 8));
        Interval at = Interval.of(Instant.parse("2026-04-01T09:00:00Z"), Duration.ofMinutes(90));

        proxy.dropNextResponse("PUT");
        StudyEvent first = connection.createSession(cal, key, at, SessionDetails.defaults());
        StudyEvent again = connection.createSession(cal, key, at, SessionDetails.defaults());

        assertThat(first.interval()).isEqualTo(at);
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(radicale.count(cal)).isEqualTo(1);
        // the lost first PUT was retried (412: it exists); the second create found it by its UID and wrote nothing
        assertThat(proxy.requests()).filteredOn(r -> r.startsWith("PUT ") && r.endsWith("/" + key.value() + ".ics"))
                .hasSize(2);
    }

    @Test
    void moveOfAnEventThePersonChanged_failsWithTheEventAsItIsNow() throws Exception {
        String cal = newCalendar("Changed");
        CalendarConnection connection = connect();
        SessionKey key = SessionKey.random();
        Interval at = Interval.of(Instant.parse("2026-04-02T09:00:00Z"), Duration.ofHours(1));
        StudyEvent created = connection.createSession(cal, key, at, SessionDetails.defaults());
        // the person moves it in their calendar app, which writes a TZID'd time
        radicale.put(created.eventId(), """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Other//App//EN
                BEGIN:VEVENT
                UID:%s@sessions.personaltracker.dev
                DTSTAMP:20260401T000000Z
                DTSTART;TZID=Europe/Berlin:20260402T150000
                DTEND;TZID=Europe/Berlin:20260402T160000
                SUMMARY:Study Session
                X-PERSONALTRACKER-SESSION-KEY:%s
                END:VEVENT
                END:VCALENDAR
                """.formatted(key.value(), key.value()).replace("\n", "\r\n"));

        assertThatThrownBy(() -> connection.moveSession(created, at.padded(Duration.ZERO, Duration.ofHours(1))))
                .isInstanceOf(EventChangedException.class)
                .satisfies(e -> assertThat(((EventChangedException) e).current().map(StudyEvent::interval))
                        .contains(Interval.of(Instant.parse("2026-04-02T13:00:00Z"), Duration.ofHours(1))));
        assertThatThrownBy(() -> connection.deleteSession(created)).isInstanceOf(EventChangedException.class);
        assertThat(connection.findSession(cal, key)).map(StudyEvent::interval)
                .isEqualTo(Optional.of(Interval.of(Instant.parse("2026-04-02T13:00:00Z"), Duration.ofHours(1))));
    }
}
