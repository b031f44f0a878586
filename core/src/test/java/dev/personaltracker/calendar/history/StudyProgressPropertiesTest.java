package dev.personaltracker.calendar.history;

import static dev.personaltracker.calendar.history.Records.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The laws of {@link StudyProgress}, over random histories in zones with DST, odd offsets and a skipped day. */
class StudyProgressPropertiesTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 12, 1); // the histories cross a year end and W53
    private static final int DAYS = 70;
    private static final List<String> ZONES =
            List.of("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC");

    /** One generated session: day offset, local start minute of day, planned minutes, status, actual minutes. */
    record Gen(int day, int minuteOfDay, int planned, SessionStatus status, Optional<Integer> actual) {
    }

    @Provide
    Arbitrary<List<Gen>> histories() {
        Arbitrary<Gen> gen = Combinators.combine(
                Arbitraries.integers().between(0, DAYS - 1),
                Arbitraries.integers().between(0, 24 * 60 - 1),
                Arbitraries.integers().between(15, 180),
                Arbitraries.of(SessionStatus.class),
                Arbitraries.integers().between(1, 240).optional(0.3)).as(Gen::new);
        return gen.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    private static StudyProgress load(List<Gen> gens, ZoneId zone, InMemoryHistoryStore store) {
        int i = 0;
        for (Gen g : gens) {
            ZonedDateTime start = ZonedDateTime.of(LocalDateTime.of(FIRST.plusDays(g.day()),
                    java.time.LocalTime.MIN.plusMinutes(g.minuteOfDay())), zone);
            Optional<Duration> actual = g.status() == SessionStatus.COMPLETED
                    ? g.actual().map(Duration::ofMinutes) : Optional.empty();
            store.save(Records.record("s" + i++, start, g.planned(), g.status(), actual));
        }
        Instant now = FIRST.plusDays(DAYS).atStartOfDay(zone).toInstant();
        return StudyProgress.builder(store).zone(zone).weeklyGoal(Duration.ofHours(4))
                .clock(Clock.fixed(now, zone)).build();
    }

    @Property(tries = 60)
    void weeklyTotals_equalTheSumOfTheirDays_andOfTheCompletedSessions(
            @ForAll("histories") List<Gen> gens, @ForAll("zones") String zoneName) {
        InMemoryHistoryStore store = InMemoryHistoryStore.create();
        StudyProgress p = load(gens, ZoneId.of(zoneName), store);
        LocalDate last = FIRST.plusDays(DAYS - 1);

        List<WeekTotal> weeks = p.weeklyTotals(USER, FIRST, last);
        LocalDate from = weeks.get(0).monday();
        LocalDate to = weeks.get(weeks.size() - 1).monday().plusDays(6);
        Duration byWeeks = weeks.stream().map(WeekTotal::studied).reduce(Duration.ZERO, Duration::plus);
        Duration byDays = p.dailyTotals(USER, from, to).stream().map(DayTotal::studied).reduce(Duration.ZERO, Duration::plus);
        Duration bySessions = store.query(USER, Interval.of(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                .stream().map(StudyProgress::studied).reduce(Duration.ZERO, Duration::plus);

        assertThat(byWeeks).isEqualTo(byDays).isEqualTo(bySessions);
        for (WeekTotal w : weeks) {
            assertThat(w.remaining().plus(w.studied()).compareTo(w.goal())).isGreaterThanOrEqualTo(0);
        }
    }

    @Property(tries = 60)
    void streak_isAtMostTheNumberOfStudyDays(@ForAll("histories") List<Gen> gens, @ForAll("zones") String zoneName) {
        InMemoryHistoryStore store = InMemoryHistoryStore.create();
        StudyProgress p = load(gens, ZoneId.of(zoneName), store);

        List<DayTotal> days = p.dailyTotals(USER, FIRST, FIRST.plusDays(DAYS));
        long studyDays = days.stream().filter(DayTotal::hasStudy).count();
        Streak s = p.streak(USER);

        assertThat(s.current()).isLessThanOrEqualTo(s.longest());
        assertThat((long) s.longest()).isLessThanOrEqualTo(studyDays);
        assertThat(s.longest() == 0).isEqualTo(studyDays == 0);
        // the longest run of consecutive study dates, counted the plain way (every date here is lived)
        int longest = 0;
        int run = 0;
        for (DayTotal d : days) {
            run = d.hasStudy() ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        assertThat(s.longest()).isEqualTo(longest);
    }

    @Property(tries = 60)
    void adherence_liesWithinZeroAndOne(@ForAll("histories") List<Gen> gens, @ForAll("zones") String zoneName) {
        InMemoryHistoryStore store = InMemoryHistoryStore.create();
        StudyProgress p = load(gens, ZoneId.of(zoneName), store);
        Interval all = Interval.of(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));

        Adherence a = p.adherence(USER, all);

        Set<SessionStatus> decided = new HashSet<>(List.of(SessionStatus.COMPLETED, SessionStatus.SKIPPED));
        List<SessionRecord> known = new ArrayList<>(store.query(USER, all));
        known.removeIf(r -> !decided.contains(r.status()));
        assertThat(a.ratio().isPresent()).isEqualTo(!known.isEmpty());
        a.ratio().ifPresent(r -> assertThat(r).isBetween(0.0, 1.0));
        assertThat(a.completed()).isLessThanOrEqualTo(a.scheduled());
    }
}
