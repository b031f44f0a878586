package dev.personaltracker.calendar.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeeklyHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    /** "SUNDAY 22:00-02:00"; "24:00" stands for LocalTime.MIDNIGHT. */
    private static WeeklyHours hours(ZoneId zone, String... ranges) {
        WeeklyHours.Builder b = WeeklyHours.builder(zone);
        for (String r : ranges) {
            String[] dayAndTimes = r.split(" ");
            String[] times = dayAndTimes[1].split("-");
            b.add(DayOfWeek.valueOf(dayAndTimes[0]), LocalTime.parse(times[0]),
                    times[1].equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(times[1]));
        }
        return b.build();
    }

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    /** "2026-03-29T01:00+01:00/2026-03-29T04:00+02:00" */
    private static Interval iv(String startSlashEnd) {
        String[] parts = startSlashEnd.split("/");
        return Interval.of(at(parts[0]), at(parts[1]));
    }

    private static Arguments row(ZoneId zone, String window, List<String> ranges, String... expected) {
        return Arguments.of(zone, window, ranges, List.of(expected));
    }

    static Stream<Arguments> dstDays() {
        String berlinSpring = "2026-03-29T00:00+01:00/2026-03-30T00:00+02:00";   // 23 hours: 02:00 CET -> 03:00 CEST
        String berlinAutumn = "2026-10-25T00:00+02:00/2026-10-26T00:00+01:00";   // 25 hours: 03:00 CEST -> 02:00 CET
        String nySpring = "2026-03-08T00:00-05:00/2026-03-09T00:00-04:00";       // 02:00 EST -> 03:00 EDT
        String nyAutumn = "2026-11-01T00:00-04:00/2026-11-02T00:00-05:00";       // 02:00 EDT -> 01:00 EST
        String lhSpring = "2026-10-04T00:00+10:30/2026-10-05T00:00+11:00";       // 23.5 hours: 02:00 -> 02:30
        String lhAutumn = "2026-04-05T00:00+11:00/2026-04-06T00:00+10:30";       // 24.5 hours: 02:00 -> 01:30
        return Stream.of(
                // Europe/Berlin, spring forward
                row(BERLIN, berlinSpring, List.of("SUNDAY 09:00-17:00"),                // a normal day range keeps its 8 hours
                        "2026-03-29T09:00+02:00/2026-03-29T17:00+02:00"),
                row(BERLIN, berlinSpring, List.of("SUNDAY 01:00-04:00"),                // across the change: 2 real hours
                        "2026-03-29T01:00+01:00/2026-03-29T04:00+02:00"),
                row(BERLIN, berlinSpring, List.of("SUNDAY 02:30-05:00"),                // start in the gap moves forward an hour
                        "2026-03-29T03:30+02:00/2026-03-29T05:00+02:00"),
                row(BERLIN, berlinSpring, List.of("SUNDAY 02:30-03:00"),                // resolved end before resolved start: nothing
                        new String[0]),
                row(BERLIN, berlinSpring, List.of("SUNDAY 00:00-24:00"),                // the whole day is 23 hours
                        berlinSpring),
                row(BERLIN, berlinSpring, List.of("SATURDAY 22:00-03:00"),              // began the day before, clipped at the window start
                        "2026-03-29T00:00+01:00/2026-03-29T03:00+02:00"),
                row(BERLIN, berlinSpring, List.of("SATURDAY 23:00-02:30"),              // from the day before, ending in the gap
                        "2026-03-29T00:00+01:00/2026-03-29T03:30+02:00"),
                row(BERLIN, berlinSpring, List.of("SUNDAY 08:00-12:00", "SUNDAY 13:00-17:00", "SUNDAY 11:00-12:30"), // several ranges, two merge
                        "2026-03-29T08:00+02:00/2026-03-29T12:30+02:00", "2026-03-29T13:00+02:00/2026-03-29T17:00+02:00"),
                row(BERLIN, berlinSpring, List.of("SUNDAY 22:00-02:00"),                // runs past the window's end: clipped
                        "2026-03-29T22:00+02:00/2026-03-30T00:00+02:00"),
                // Europe/Berlin, fall back
                row(BERLIN, berlinAutumn, List.of("SUNDAY 01:00-04:00"),                // across the change: 4 real hours
                        "2026-10-25T01:00+02:00/2026-10-25T04:00+01:00"),
                row(BERLIN, berlinAutumn, List.of("SUNDAY 02:30-03:00"),                // start in the overlap takes the earlier offset
                        "2026-10-25T02:30+02:00/2026-10-25T03:00+01:00"),
                row(BERLIN, berlinAutumn, List.of("SUNDAY 02:00-02:30"),                // both ends in the overlap: the first pass
                        "2026-10-25T02:00+02:00/2026-10-25T02:30+02:00"),
                row(BERLIN, berlinAutumn, List.of("SUNDAY 00:00-24:00"),                // the whole day is 25 hours
                        berlinAutumn),
                row(BERLIN, berlinAutumn, List.of("SATURDAY 22:00-02:30"),              // from the day before into the overlap
                        "2026-10-25T00:00+02:00/2026-10-25T02:30+02:00"),
                // America/New_York
                row(NEW_YORK, nySpring, List.of("SUNDAY 01:30-03:30"),                  // across the change: 1 real hour
                        "2026-03-08T01:30-05:00/2026-03-08T03:30-04:00"),
                row(NEW_YORK, nySpring, List.of("SUNDAY 02:15-04:00"),                  // start in the gap
                        "2026-03-08T03:15-04:00/2026-03-08T04:00-04:00"),
                row(NEW_YORK, nySpring, List.of("SATURDAY 23:00-02:30"),                // from the day before, ending in the gap
                        "2026-03-08T00:00-05:00/2026-03-08T03:30-04:00"),
                row(NEW_YORK, nyAutumn, List.of("SUNDAY 00:30-01:30"),                  // end in the overlap: earlier offset
                        "2026-11-01T00:30-04:00/2026-11-01T01:30-04:00"),
                row(NEW_YORK, nyAutumn, List.of("SUNDAY 01:30-02:00"),                  // start in the overlap: 1.5 real hours
                        "2026-11-01T01:30-04:00/2026-11-01T02:00-05:00"),
                row(NEW_YORK, nyAutumn, List.of("SATURDAY 20:00-24:00", "SUNDAY 00:00-01:00"), // MIDNIGHT end touches next day's start: merged
                        "2026-11-01T00:00-04:00/2026-11-01T01:00-04:00"),
                // Australia/Lord_Howe: a 30-minute shift
                row(LORD_HOWE, lhSpring, List.of("SUNDAY 01:00-03:00"),                 // across the change: 1.5 real hours
                        "2026-10-04T01:00+10:30/2026-10-04T03:00+11:00"),
                row(LORD_HOWE, lhSpring, List.of("SUNDAY 02:10-02:40"),                 // start moves to 02:40, the end: nothing
                        new String[0]),
                row(LORD_HOWE, lhSpring, List.of("SUNDAY 02:15-04:00"),                 // start in the gap moves 30 minutes
                        "2026-10-04T02:45+11:00/2026-10-04T04:00+11:00"),
                row(LORD_HOWE, lhSpring, List.of("SUNDAY 00:00-24:00"),                 // the whole day is 23.5 hours
                        lhSpring),
                row(LORD_HOWE, lhAutumn, List.of("SUNDAY 01:00-03:00"),                 // across the change: 2.5 real hours
                        "2026-04-05T01:00+11:00/2026-04-05T03:00+10:30"),
                row(LORD_HOWE, lhAutumn, List.of("SUNDAY 01:45-02:00"),                 // start in the overlap: earlier offset, 45 minutes
                        "2026-04-05T01:45+11:00/2026-04-05T02:00+10:30"),
                row(LORD_HOWE, lhAutumn, List.of("SATURDAY 23:00-01:45"),               // from the day before, ending in the overlap
                        "2026-04-05T00:00+11:00/2026-04-05T01:45+11:00"),
                row(LORD_HOWE, lhAutumn, List.of("SUNDAY 00:00-24:00"),                 // the whole day is 24.5 hours
                        lhAutumn));
    }

    @ParameterizedTest(name = "{0} {2} in {1}")
    @MethodSource("dstDays")
    void within_resolvesLikeZonedDateTimeOf(ZoneId zone, String window, List<String> ranges, List<String> expected) {
        IntervalSet actual = hours(zone, ranges.toArray(new String[0])).within(iv(window));
        assertThat(actual.intervals()).isEqualTo(expected.stream().map(WeeklyHoursTest::iv).toList());
    }

    @Test
    void within_wholeDaysHaveTheirRealLength() {
        WeeklyHours always = WeeklyHours.builder(BERLIN).addEveryDay(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).build();
        assertThat(always.within(iv("2026-03-29T00:00+01:00/2026-03-30T00:00+02:00")).totalDuration()).isEqualTo(Duration.ofHours(23));
        assertThat(always.within(iv("2026-10-25T00:00+02:00/2026-10-26T00:00+01:00")).totalDuration()).isEqualTo(Duration.ofHours(25));
        Interval year = iv("2026-01-01T00:00+01:00/2027-01-01T00:00+01:00");
        assertThat(always.within(year).intervals()).containsExactly(year);
    }

    @Test
    void within_workWeekOverTwoWeeks() {
        WeeklyHours work = WeeklyHours.builder(BERLIN).addWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
        IntervalSet hours = work.within(iv("2026-03-23T00:00+01:00/2026-04-06T00:00+02:00"));   // spans the spring change
        assertThat(hours.intervalCount()).isEqualTo(10);
        assertThat(hours.totalDuration()).isEqualTo(Duration.ofHours(80));
        assertThat(hours.intervals().get(5)).isEqualTo(iv("2026-03-30T09:00+02:00/2026-03-30T17:00+02:00"));
    }

    @Test
    void within_nightShiftAcrossMidnightAndTheWeekEnd() {
        WeeklyHours night = hours(BERLIN, "FRIDAY 22:00-02:00", "SUNDAY 23:00-01:00");
        IntervalSet hours = night.within(iv("2026-06-06T00:00+02:00/2026-06-09T00:00+02:00"));   // Saturday to Monday night
        assertThat(hours.intervals()).containsExactly(
                iv("2026-06-06T00:00+02:00/2026-06-06T02:00+02:00"),     // Friday's shift, clipped by the window start
                iv("2026-06-07T23:00+02:00/2026-06-08T01:00+02:00"));    // Sunday's shift into Monday
    }

    @Test
    void within_windowInsideARange() {
        WeeklyHours work = hours(NEW_YORK, "MONDAY 09:00-17:00");
        assertThat(work.within(iv("2026-03-09T12:00-04:00/2026-03-09T13:00-04:00")).intervals())
                .containsExactly(iv("2026-03-09T12:00-04:00/2026-03-09T13:00-04:00"));
        assertThat(work.within(iv("2026-03-09T17:00-04:00/2026-03-10T09:00-04:00")).isEmpty()).isTrue();
    }

    @Test
    void within_refusesWindowsBeyondTheSupportedDates() {
        WeeklyHours work = hours(BERLIN, "MONDAY 09:00-17:00");
        assertThatThrownBy(() -> work.within(Interval.of(Instant.MIN, Instant.EPOCH))).isInstanceOf(DateTimeException.class);
    }

    @Test
    void within_emptyHoursGiveTheEmptySet() {
        WeeklyHours none = WeeklyHours.builder(BERLIN).build();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.within(iv("2026-03-29T00:00+01:00/2026-04-29T00:00+02:00")).isEmpty()).isTrue();
    }

    @Test
    void within_agreesWithAWiderWindowClipped() {
        WeeklyHours h = hours(LORD_HOWE, "SATURDAY 23:00-02:15", "SUNDAY 01:45-02:00", "SUNDAY 00:00-24:00", "MONDAY 12:00-11:00");
        Interval wide = iv("2026-03-01T00:00+11:00/2026-11-01T00:00+11:00");
        IntervalSet all = h.within(wide);
        Instant start = wide.start();
        for (int i = 0; i < 240; i++) {
            Interval window = Interval.of(start.plus(Duration.ofMinutes(30L * 47 * i)), Duration.ofHours(5));
            assertThat(h.within(window)).as("window %s", window).isEqualTo(all.intersection(window));
        }
    }

    //-----------------------------------------------------------------------
    @Test
    void add_acceptsMidnightToMidnightAsTheWholeDay() {
        WeeklyHours h = WeeklyHours.builder(BERLIN).add(DayOfWeek.MONDAY, LocalTime.of(0, 0), LocalTime.MIDNIGHT).build();
        assertThat(h.ranges()).singleElement().satisfies(r -> {
            assertThat(r.endsNextDay()).isTrue();
            assertThat(r.wallClockLength()).isEqualTo(Duration.ofHours(24));
            assertThat(r).hasToString("MONDAY 00:00-24:00");
        });
    }

    @Test
    void add_rejectsEqualFromAndTo_namingTheValues() {
        WeeklyHours.Builder b = WeeklyHours.builder(BERLIN);
        assertThatThrownBy(() -> b.add(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TUESDAY").hasMessageContaining("from=09:00").hasMessageContaining("to=09:00");
    }

    @Test
    void add_rejectsNullNamingTheArgument() {
        WeeklyHours.Builder b = WeeklyHours.builder(BERLIN);
        assertThatThrownBy(() -> b.add(null, LocalTime.NOON, LocalTime.MIDNIGHT)).isInstanceOf(NullPointerException.class).hasMessage("day");
        assertThatThrownBy(() -> b.add(DayOfWeek.MONDAY, null, LocalTime.MIDNIGHT)).isInstanceOf(NullPointerException.class).hasMessage("from");
        assertThatThrownBy(() -> b.add(DayOfWeek.MONDAY, LocalTime.NOON, null)).isInstanceOf(NullPointerException.class).hasMessage("to");
        assertThatThrownBy(() -> WeeklyHours.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("zone");
        assertThatThrownBy(() -> b.addDays(null, LocalTime.NOON, LocalTime.MIDNIGHT)).isInstanceOf(NullPointerException.class).hasMessage("days");
    }

    @Test
    void ranges_areSortedPerDayAndDeduplicated() {
        WeeklyHours h = hours(BERLIN, "TUESDAY 13:00-17:00", "MONDAY 22:00-02:00", "TUESDAY 08:00-12:00", "TUESDAY 13:00-17:00",
                "TUESDAY 08:00-24:00");
        assertThat(h.ranges()).extracting(Object::toString)
                .containsExactly("MONDAY 22:00-02:00", "TUESDAY 08:00-12:00", "TUESDAY 08:00-24:00", "TUESDAY 13:00-17:00");
        assertThat(h.ranges(DayOfWeek.TUESDAY)).hasSize(3);
        assertThat(h.ranges(DayOfWeek.MONDAY)).containsExactly(new WeeklyHours.Range(DayOfWeek.MONDAY, LocalTime.of(22, 0), LocalTime.of(2, 0)));
        assertThat(h.ranges(DayOfWeek.SUNDAY)).isEmpty();
        assertThat(h.ranges(DayOfWeek.MONDAY).get(0).wallClockLength()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void addDays_addsTheRangeOnEachDay() {
        WeeklyHours h = WeeklyHours.builder(BERLIN).addDays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(10, 0), LocalTime.NOON).build();
        assertThat(h.ranges()).extracting(WeeklyHours.Range::day).containsExactly(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(WeeklyHours.builder(BERLIN).addWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build().ranges()).hasSize(5);
        assertThat(WeeklyHours.builder(BERLIN).addEveryDay(LocalTime.of(7, 0), LocalTime.of(22, 0)).build().ranges()).hasSize(7);
    }

    @Test
    void equals_bySameZoneAndRangesInAnyOrder() {
        WeeklyHours a = hours(BERLIN, "MONDAY 09:00-17:00", "FRIDAY 22:00-02:00");
        WeeklyHours b = hours(BERLIN, "FRIDAY 22:00-02:00", "MONDAY 09:00-17:00", "MONDAY 09:00-17:00");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(hours(NEW_YORK, "MONDAY 09:00-17:00", "FRIDAY 22:00-02:00"));
        assertThat(hours(BERLIN, "MONDAY 09:00-12:00", "MONDAY 12:00-17:00")).isNotEqualTo(hours(BERLIN, "MONDAY 09:00-17:00"));
        assertThat(a.zone()).isEqualTo(BERLIN);
    }

    @Test
    void toString_listsRangesAndZone() {
        assertThat(hours(BERLIN, "FRIDAY 22:00-02:00", "MONDAY 09:00-24:00"))
                .hasToString("WeeklyHours[MONDAY 09:00-24:00, FRIDAY 22:00-02:00] in Europe/Berlin");
    }

    @Test
    void builder_canGoOnAfterBuild() {
        WeeklyHours.Builder b = WeeklyHours.builder(BERLIN).add(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.NOON);
        WeeklyHours first = b.build();
        b.add(DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.NOON);
        assertThat(first.ranges()).hasSize(1);
        assertThat(b.build().ranges()).hasSize(2);
        assertThat(Arrays.asList(first.ranges(DayOfWeek.TUESDAY).toArray())).isEmpty();
    }
}
