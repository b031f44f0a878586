package dev.personaltracker.calendar.history;

import static dev.personaltracker.calendar.history.Records.USER;
import static dev.personaltracker.calendar.history.Records.completed;
import static dev.personaltracker.calendar.history.Records.completedAt;
import static dev.personaltracker.calendar.history.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StudyProgressTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final InMemoryHistoryStore store = InMemoryHistoryStore.create();

    private StudyProgress progress(ZoneTimeline zones, String now) {
        return StudyProgress.builder(store).zones(zones).weeklyGoal(Duration.ofHours(5))
                .clock(Clock.fixed(Instant.parse(now), zones.zoneAt(Instant.parse(now)))).build();
    }

    private StudyProgress progress(ZoneId zone, String now) {
        return progress(ZoneTimeline.of(zone), now);
    }

    private void save(SessionRecord... records) {
        for (SessionRecord r : records) {
            store.save(r);
        }
    }

    private static ZonedDateTime at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone);
    }

    // --- what counts ----------------------------------------------------------------------------------------------

    @Test
    void studied_countsActualMinutesWhenReported_elsePlanned_andOnlyCompleted() {
        ZonedDateTime t = at("2026-03-02T18:00", BERLIN);
        assertThat(StudyProgress.studied(completed("a", t, 60))).isEqualTo(Duration.ofMinutes(60));
        assertThat(StudyProgress.studied(record("b", t, 60, SessionStatus.COMPLETED, Optional.of(Duration.ofMinutes(40)))))
                .isEqualTo(Duration.ofMinutes(40));
        for (SessionStatus other : List.of(SessionStatus.PROPOSED, SessionStatus.SCHEDULED, SessionStatus.SKIPPED,
                SessionStatus.CANCELLED)) {
            assertThat(StudyProgress.studied(record("c", t, 60, other, Optional.empty()))).as(other.name()).isZero();
        }
    }

    @Test
    void dailyTotals_includeEveryDate_andCountCompletedSessionsOnTheirStartDate() {
        save(completed("a", at("2026-03-02T18:00", BERLIN), 60),
                record("b", at("2026-03-02T20:00", BERLIN), 45, SessionStatus.COMPLETED, Optional.of(Duration.ofMinutes(30))),
                record("c", at("2026-03-03T18:00", BERLIN), 60, SessionStatus.SKIPPED, Optional.empty()),
                completed("d", at("2026-03-04T23:30", BERLIN), 60)); // runs past midnight, counts on the 4th

        List<DayTotal> days = progress(BERLIN, "2026-03-06T12:00:00Z")
                .dailyTotals(USER, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 5));

        assertThat(days).extracting(DayTotal::date).containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3),
                LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 5));
        assertThat(days).extracting(DayTotal::studied).containsExactly(Duration.ofMinutes(90), Duration.ZERO,
                Duration.ofMinutes(60), Duration.ZERO);
        assertThat(days).extracting(DayTotal::sessions).containsExactly(2, 0, 1, 0);
    }

    @Test
    void dailyTotals_rejectReversedRange() {
        StudyProgress p = progress(BERLIN, "2026-03-06T12:00:00Z");
        assertThatThrownBy(() -> p.dailyTotals(USER, LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-03-04").hasMessageContaining("2026-03-05");
    }

    @Test
    void dailyTotals_useTheLocalDateNotTheUtcDate() {
        // 20:30 in New York in summer is 00:30Z the next day
        save(completed("a", at("2026-07-01T20:30", NEW_YORK), 60));
        List<DayTotal> days = progress(NEW_YORK, "2026-07-05T12:00:00Z")
                .dailyTotals(USER, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 2));
        assertThat(days).extracting(DayTotal::studied).containsExactly(Duration.ofHours(1), Duration.ZERO);
    }

    @Test
    void weeklyTotals_sumMondayToSunday_againstTheGoal() {
        save(completed("a", at("2026-03-02T00:15", BERLIN), 120), // Monday, just after midnight
                completed("b", at("2026-03-08T23:00", BERLIN), 60), // Sunday night
                completed("c", at("2026-03-09T08:00", BERLIN), 180)); // next Monday

        List<WeekTotal> weeks = progress(BERLIN, "2026-03-10T12:00:00Z")
                .weeklyTotals(USER, LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 9));

        assertThat(weeks).extracting(WeekTotal::label).containsExactly("2026-W10", "2026-W11");
        assertThat(weeks.get(0).studied()).isEqualTo(Duration.ofHours(3));
        assertThat(weeks.get(0).remaining()).isEqualTo(Duration.ofHours(2));
        assertThat(weeks.get(0).isGoalMet()).isFalse();
        assertThat(weeks.get(1).studied()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void weeklyTotals_acrossYearEnd_useTheIsoWeekBasedYear() {
        // 2026 has 53 ISO weeks: 2026-W53 runs from Monday 2026-12-28 to Sunday 2027-01-03
        save(completed("a", at("2026-12-31T10:00", BERLIN), 180),
                completed("b", at("2027-01-02T10:00", BERLIN), 180),
                completed("c", at("2027-01-04T10:00", BERLIN), 60));

        List<WeekTotal> weeks = progress(BERLIN, "2027-01-05T12:00:00Z")
                .weeklyTotals(USER, LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4));

        assertThat(weeks).extracting(WeekTotal::label).containsExactly("2026-W53", "2027-W01");
        assertThat(weeks.get(0).studied()).isEqualTo(Duration.ofHours(6));
        assertThat(weeks.get(0).isGoalMet()).isTrue();
        assertThat(weeks.get(0).remaining()).isZero();
        assertThat(weeks.get(1).studied()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void thisWeek_followsTheClockInThePersonsZone() {
        save(completed("a", at("2026-03-08T22:00", BERLIN), 60));
        // Sunday 23:30 in Berlin is already Sunday 22:30Z: still week 10 for the person
        WeekTotal week = progress(BERLIN, "2026-03-08T22:30:00Z").thisWeek(USER);
        assertThat(week.label()).isEqualTo("2026-W10");
        assertThat(week.studied()).isEqualTo(Duration.ofHours(1));
    }

    // --- streaks --------------------------------------------------------------------------------------------------

    @Test
    void streak_countsConsecutiveStudyDays_currentIncludesToday() {
        save(completedAt("a", "2026-03-01T10:00", "Europe/Berlin"),
                completedAt("b", "2026-03-02T10:00", "Europe/Berlin"),
                completedAt("c", "2026-03-05T10:00", "Europe/Berlin"),
                completedAt("d", "2026-03-06T10:00", "Europe/Berlin"),
                completedAt("e", "2026-03-07T10:00", "Europe/Berlin"));

        Streak s = progress(BERLIN, "2026-03-07T18:00:00Z").streak(USER);

        assertThat(s.current()).isEqualTo(3);
        assertThat(s.longest()).isEqualTo(3);
        assertThat(s.lastStudyDay()).contains(LocalDate.of(2026, 3, 7));
    }

    @Test
    void streak_staysAliveUntilTodayEnds_thenBreaks() {
        save(completedAt("a", "2026-03-05T10:00", "Europe/Berlin"),
                completedAt("b", "2026-03-06T10:00", "Europe/Berlin"));

        // the 7th, no study yet: yesterday's run still counts
        assertThat(progress(BERLIN, "2026-03-07T22:59:00Z").streak(USER).current()).isEqualTo(2);
        // the 8th in Berlin: the 7th passed without study
        Streak broken = progress(BERLIN, "2026-03-07T23:00:00Z").streak(USER);
        assertThat(broken.current()).isZero();
        assertThat(broken.longest()).isEqualTo(2);
    }

    @Test
    void streak_ignoresSkippedAndFutureSessions() {
        save(completedAt("a", "2026-03-05T10:00", "Europe/Berlin"),
                record("b", at("2026-03-06T10:00", BERLIN), 60, SessionStatus.SKIPPED, Optional.empty()),
                completedAt("c", "2026-03-09T10:00", "Europe/Berlin")); // marked completed early, but after today
        Streak s = progress(BERLIN, "2026-03-06T18:00:00Z").streak(USER);
        assertThat(s.current()).isEqualTo(1);
        assertThat(s.lastStudyDay()).contains(LocalDate.of(2026, 3, 5));
    }

    @Test
    void streak_withNoStudy_isZero() {
        Streak s = progress(BERLIN, "2026-03-06T18:00:00Z").streak(USER);
        assertThat(s).isEqualTo(new Streak(0, 0, Optional.empty()));
    }

    @Test
    void streak_acrossBerlinDstChanges_countsLocalDays() {
        // spring forward on Sunday 2026-03-29 (a 23-hour day), fall back on Sunday 2026-10-25 (a 25-hour day);
        // late and early sessions so that 24-hour arithmetic from any one offset would land on the wrong day
        save(completedAt("a", "2026-03-28T23:30", "Europe/Berlin"),
                completedAt("b", "2026-03-29T00:15", "Europe/Berlin"), // 23:15Z on the 28th
                completedAt("c", "2026-03-30T23:45", "Europe/Berlin"),
                completedAt("d", "2026-10-24T23:30", "Europe/Berlin"),
                completedAt("e", "2026-10-25T23:30", "Europe/Berlin"),
                completedAt("f", "2026-10-26T00:00", "Europe/Berlin"));

        assertThat(progress(BERLIN, "2026-03-30T21:00:00Z").streak(USER).current()).isEqualTo(3);
        Streak autumn = progress(BERLIN, "2026-10-26T12:00:00Z").streak(USER);
        assertThat(autumn.current()).isEqualTo(3);
        assertThat(autumn.longest()).isEqualTo(3);
    }

    @Test
    void streak_acrossNewYorkDstChanges_countsLocalDaysNotUtcDays() {
        // 21:00 EST on 2026-11-01 (the 25-hour day) is 02:00Z on 2026-11-02: by UTC dates the two sessions would
        // share a day; by the person's dates they are two days in a row
        save(completedAt("a", "2026-11-01T21:00", "America/New_York"),
                completedAt("b", "2026-11-02T09:00", "America/New_York"),
                completedAt("c", "2026-03-07T22:30", "America/New_York"),
                completedAt("d", "2026-03-08T03:00", "America/New_York"), // just after the spring-forward gap
                completedAt("e", "2026-03-09T20:00", "America/New_York"));

        Streak s = progress(NEW_YORK, "2026-11-02T18:00:00Z").streak(USER);
        assertThat(s.current()).isEqualTo(2);
        assertThat(s.longest()).isEqualTo(3);
    }

    @Test
    void streak_acrossYearEnd_continues() {
        save(completedAt("a", "2026-12-30T19:00", "Europe/Berlin"),
                completedAt("b", "2026-12-31T23:00", "Europe/Berlin"),
                completedAt("c", "2027-01-01T00:30", "Europe/Berlin"),
                completedAt("d", "2027-01-02T19:00", "Europe/Berlin"));

        Streak s = progress(BERLIN, "2027-01-02T20:00:00Z").streak(USER);
        assertThat(s.current()).isEqualTo(4);
        assertThat(s.longest()).isEqualTo(4);
    }

    @Test
    void streak_acrossAMoveWest_countsEachSessionInTheZoneOfItsTime() {
        // Monday 20:00 in Berlin, then the person moves to New York on Tuesday and studies at 20:00 there,
        // which is 02:00 Wednesday in Berlin
        Instant move = Instant.parse("2026-05-05T12:00:00Z");
        ZoneTimeline moved = ZoneTimeline.of(BERLIN).withChange(move, NEW_YORK);
        save(completedAt("a", "2026-05-04T20:00", "Europe/Berlin"),
                completedAt("b", "2026-05-05T20:00", "America/New_York"));

        Streak s = progress(moved, "2026-05-06T01:00:00Z").streak(USER);
        assertThat(s.current()).isEqualTo(2);
        assertThat(s.lastStudyDay()).contains(LocalDate.of(2026, 5, 5));
        // without the zone change the second session falls on Wednesday in Berlin: no streak
        assertThat(progress(BERLIN, "2026-05-06T01:00:00Z").streak(USER).longest()).isEqualTo(1);
        assertThat(progress(moved, "2026-05-06T01:00:00Z").dailyTotals(USER, LocalDate.of(2026, 5, 5),
                LocalDate.of(2026, 5, 5)).get(0).sessions()).isEqualTo(1);
    }

    @Test
    void streak_notBrokenByADateThePersonNeverLived() {
        // Pacific/Apia skipped 2011-12-30
        ZoneId apia = ZoneId.of("Pacific/Apia");
        save(completedAt("a", "2011-12-29T10:00", "Pacific/Apia"),
                completedAt("b", "2011-12-31T10:00", "Pacific/Apia"));

        Streak s = progress(apia, "2011-12-30T22:00:00Z").streak(USER);
        assertThat(s.current()).isEqualTo(2);
        assertThat(s.longest()).isEqualTo(2);
    }

    // --- adherence ------------------------------------------------------------------------------------------------

    @Test
    void adherence_isCompletedOverScheduled_creditingAtMostThePlannedLength() {
        save(completed("a", at("2026-03-02T10:00", BERLIN), 60),
                record("b", at("2026-03-03T10:00", BERLIN), 60, SessionStatus.SKIPPED, Optional.empty()),
                record("c", at("2026-03-04T10:00", BERLIN), 60, SessionStatus.COMPLETED, Optional.of(Duration.ofMinutes(90))),
                record("d", at("2026-03-05T10:00", BERLIN), 60, SessionStatus.COMPLETED, Optional.of(Duration.ofMinutes(30))),
                record("e", at("2026-03-05T12:00", BERLIN), 60, SessionStatus.CANCELLED, Optional.empty()),
                record("f", at("2026-03-06T12:00", BERLIN), 60, SessionStatus.SCHEDULED, Optional.empty()));

        Adherence a = progress(BERLIN, "2026-03-06T12:00:00Z")
                .adherence(USER, Interval.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z")));

        assertThat(a.scheduled()).isEqualTo(Duration.ofMinutes(240));
        assertThat(a.completed()).isEqualTo(Duration.ofMinutes(150));
        assertThat(a.ratio().orElseThrow()).isCloseTo(150.0 / 240, within(1e-9));
    }

    @Test
    void adherence_withNothingDecided_hasNoRatio() {
        save(record("f", at("2026-03-06T12:00", BERLIN), 60, SessionStatus.SCHEDULED, Optional.empty()));
        Adherence a = progress(BERLIN, "2026-03-06T12:00:00Z")
                .adherence(USER, Interval.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z")));
        assertThat(a.ratio()).isEmpty();
        assertThat(a.scheduled()).isZero();
    }

    @Test
    void adherence_countsOnlySessionsStartingInTheRange() {
        save(completed("a", at("2026-03-01T23:30", BERLIN), 60)); // overlaps the range but starts before it
        Adherence a = progress(BERLIN, "2026-03-06T12:00:00Z")
                .adherence(USER, Interval.of(at("2026-03-02T00:00", BERLIN).toInstant(), Duration.ofDays(7)));
        assertThat(a.scheduled()).isZero();
    }

    // --- moves and sessions ---------------------------------------------------------------------------------------

    @Test
    void moves_listEveryMoveWithItsReason_inRecordedOrder() {
        Instant t0 = Instant.parse("2026-03-01T08:00:00Z");
        SessionLifecycle lifecycle = SessionLifecycle.create(store, Clock.fixed(t0, BERLIN));
        Interval i10 = Interval.of(Instant.parse("2026-03-02T10:00:00Z"), Duration.ofHours(1));
        Interval i14 = Interval.of(Instant.parse("2026-03-02T14:00:00Z"), Duration.ofHours(1));
        Interval i18 = Interval.of(Instant.parse("2026-03-02T18:00:00Z"), Duration.ofHours(1));
        BusySource meeting = new BusySource("ics", "me", "work", "m-1", Optional.empty());
        SessionKey key = SessionKey.of("k-1");
        lifecycle.scheduled(USER, key, new EventRef("ics", "me", "study", "e-1"), i10);
        lifecycle.movedByPerson(USER, key, i10, i14);
        lifecycle.movedByLibrary(USER, key, i14, i18, meeting);

        List<SessionMove> moves = progress(BERLIN, "2026-03-01T09:00:00Z").moves(USER, i18);

        assertThat(moves).extracting(SessionMove::kind).containsExactly(ChangeKind.MOVED_BY_PERSON, ChangeKind.MOVED);
        assertThat(moves.get(0).byPerson()).isTrue();
        assertThat(moves.get(0).reason()).isEqualTo(SessionLifecycle.MOVED_BY_PERSON_REASON);
        assertThat(moves.get(1).from()).isEqualTo(i14);
        assertThat(moves.get(1).to()).isEqualTo(i18);
        assertThat(moves.get(1).cause()).contains(meeting);
        assertThat(moves.get(1).reason()).isEqualTo(SessionLifecycle.BUSY_REASON);
    }

    @Test
    void sessions_returnEveryStatusOverlappingTheRange() {
        save(completed("a", at("2026-03-02T10:00", BERLIN), 60),
                record("b", at("2026-03-02T12:00", BERLIN), 60, SessionStatus.CANCELLED, Optional.empty()),
                completed("c", at("2026-03-09T10:00", BERLIN), 60));
        List<SessionRecord> found = progress(BERLIN, "2026-03-06T12:00:00Z")
                .sessions(USER, Interval.of(at("2026-03-02T00:00", BERLIN).toInstant(), Duration.ofDays(7)));
        assertThat(found).extracting(r -> r.key().value()).containsExactly("a", "b");
    }

    // --- report ---------------------------------------------------------------------------------------------------

    @Test
    void report_showsWeekAgainstGoal_streak_andAdherence() {
        save(completed("a", at("2026-03-02T18:00", BERLIN), 90),
                completed("b", at("2026-03-03T18:00", BERLIN), 60),
                record("c", at("2026-03-04T18:00", BERLIN), 60, SessionStatus.SKIPPED, Optional.empty()),
                completed("d", at("2026-03-05T18:00", BERLIN), 60));

        String report = progress(BERLIN, "2026-03-05T20:00:00Z").report(USER);

        assertThat(report).isEqualTo("This week (2026-W10): 3h 30m of 5h studied, 1h 30m to go.\n"
                + "Streak: 1 day (longest 2 days).\n"
                + "Adherence this week: 78% of 4h 30m scheduled.\n");
    }

    @Test
    void report_whenTheGoalIsMet_saysSo() {
        save(completed("a", at("2026-03-02T08:00", BERLIN), 180),
                record("b", at("2026-03-03T08:00", BERLIN), 60, SessionStatus.COMPLETED, Optional.of(Duration.ofMinutes(150))));

        String report = progress(BERLIN, "2026-03-03T20:00:00Z").report(USER);

        assertThat(report).isEqualTo("This week (2026-W10): 5h 30m of 5h studied, goal met.\n"
                + "Streak: 2 days (longest 2 days).\n"
                + "Adherence this week: 100% of 4h scheduled.\n");
    }

    @Test
    void report_forANewcomer_saysSoWithoutAdherence() {
        String report = StudyProgress.builder(store).zone(BERLIN)
                .clock(Clock.fixed(Instant.parse("2026-03-05T20:00:00Z"), BERLIN)).build().report(USER);
        assertThat(report).isEqualTo("This week (2026-W10): 0m studied (no weekly goal set).\n"
                + "Streak: no study days yet.\n");
    }

    @Test
    void format_printsHoursAndMinutes() {
        assertThat(StudyProgress.format(Duration.ZERO)).isEqualTo("0m");
        assertThat(StudyProgress.format(Duration.ofMinutes(45))).isEqualTo("45m");
        assertThat(StudyProgress.format(Duration.ofHours(5))).isEqualTo("5h");
        assertThat(StudyProgress.format(Duration.ofMinutes(150))).isEqualTo("2h 30m");
    }

    @Test
    void builder_namesTheMissingZone_andTheBadGoal() {
        assertThatThrownBy(() -> StudyProgress.builder(store).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("zone");
        assertThatThrownBy(() -> StudyProgress.builder(store).zone(BERLIN).weeklyGoal(Duration.ofHours(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weeklyGoal").hasMessageContaining("PT-1H");
    }
}
