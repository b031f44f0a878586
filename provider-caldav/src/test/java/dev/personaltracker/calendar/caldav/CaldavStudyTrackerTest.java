package dev.personaltracker.calendar.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.Proposal;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The facade end to end on a real Radicale: a stored CalDAV account, propose, approve, a new meeting, reconcile. */
class CaldavStudyTrackerTest extends RadicaleTestSupport {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Monday 2026-03-23 to Monday 2026-03-30, Berlin. */
    static final Interval WEEK = Interval.of(Instant.parse("2026-03-22T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));

    static String meeting(String uid, Interval when) {
        return Fixtures.crlf("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Example//EN
                BEGIN:VEVENT
                UID:%s
                DTSTAMP:20260301T000000Z
                DTSTART:%s
                DTEND:%s
                SUMMARY:Meeting
                END:VEVENT
                END:VCALENDAR
                """.formatted(uid, UTC.format(when.start()), UTC.format(when.end())));
    }

    @Test
    void storedAccount_proposeApproveReconcile() throws Exception {
        String cal = radicale.mkcalendar("study-" + UUID.randomUUID().toString().substring(0, 8), "Study");
        Interval gym = Interval.of(Instant.parse("2026-03-24T17:00:00Z"), Duration.ofHours(2));
        radicale.put(cal + "gym.ics", meeting("gym", gym));
        InMemoryTokenStore tokens = InMemoryTokenStore.create();
        StudyTracker tracker = StudyTracker.builder().discoverProviders().tokenStore(tokens)
                .historyStore(InMemoryHistoryStore.create())
                .clock(Clock.fixed(Instant.parse("2026-03-20T12:00:00Z"), ZONE))
                .settings("caldav", ProviderSettings.builder().retryPolicy(quickRetries())
                        .property(CaldavCalendarProvider.ZONE, ZONE.getId()).build())
                .build();
        CaldavCalendarProvider.saveAccount(tokens, TokenKey.of("bob", "caldav", RadicaleServer.USER),
                proxy.root().toString(), RadicaleServer.PASSWORD);
        UserTracker bob = tracker.forUser("bob");

        List<AccountRef> connected = bob.connectStoredAccounts();
        AccountRef ref = connected.get(0);
        WeeklyHours.Builder work = WeeklyHours.builder(ZONE);
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).forEach(d -> work.add(d, LocalTime.of(8, 0), LocalTime.of(18, 0)));
        bob.readCalendars(ref, List.of(cal)).writeTo(ref, cal).workHours(work.build())
                .preferences(StudyPreferences.builder(ZONE).weeklyGoal(Duration.ofHours(3))
                        .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).maxPerDay(Duration.ofHours(1))
                        .buffer(Duration.ofMinutes(15)).breakBetweenSessions(Duration.ofMinutes(30)).build());

        List<Proposal> proposals = bob.propose(WEEK).sessions();
        assertThat(proposals).hasSize(3).noneMatch(p -> p.interval().overlaps(gym));
        List<SessionRecord> scheduled = bob.approve(proposals);
        assertThat(radicale.count(cal)).isEqualTo(4); // the gym and three sessions

        SessionRecord victim = scheduled.get(0);
        radicale.put(cal + "late.ics", meeting("late-call", victim.interval()));
        ReconcileReport report = bob.reconcile(WEEK);

        assertThat(report.updates()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED);
            assertThat(u.change().to().orElseThrow().overlaps(victim.interval())).isFalse();
        });
        assertThat(radicale.count(cal)).isEqualTo(5); // nothing duplicated: gym, late call, three sessions
    }
}
