package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static dev.personaltracker.calendar.ics.IcsFixtures.calendarText;
import static dev.personaltracker.calendar.ics.IcsFixtures.intervals;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules that never end or end after billions of instances: expansion is bounded in time and memory whatever the
 * rule says, touching instances merge as they are produced, and a rule past the per-event limit warns and counts
 * as busy rather than vanishing. (The timeouts only guard against hangs; the work is far below them.)
 */
class IcsUnboundedRulesTest {

    private static final Interval WEEK = window("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z");

    private static CalendarConnection calendar(Path dir, String rule, String start, String end, String... more)
            throws Exception {
        Path file = dir.resolve("endless.ics");
        Files.writeString(file, calendarText("\r\n", "BEGIN:VEVENT", "UID:endless@example.com",
                "DTSTART;TZID=Europe/Berlin:" + start, "DTEND;TZID=Europe/Berlin:" + end, rule, "END:VEVENT"));
        String[] props = new String[6 + more.length];
        props[0] = "source.cal";
        props[1] = file.toString();
        props[2] = "zone";
        props[3] = "Europe/Berlin";
        props[4] = "owner";
        props[5] = "me@example.com";
        System.arraycopy(more, 0, props, 6, more.length);
        return IcsFixtures.connect(props);
    }

    /** Every second (or minute) since years before the window, one second (minute) long: the whole week is busy. */
    @ParameterizedTest
    @ValueSource(strings = {"RRULE:FREQ=SECONDLY", "RRULE:FREQ=SECONDLY;COUNT=2000000000",
            "RRULE:FREQ=MINUTELY;INTERVAL=1", "RRULE:FREQ=MINUTELY;COUNT=900000000"})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void continuousRulesMergeIntoOneBusyInterval(String rule, @TempDir Path dir) throws Exception {
        String end = rule.contains("SECONDLY") ? "20200101T000001" : "20200101T000100";
        List<Interval> busy = intervals(calendar(dir, rule, "20200101T000000", end), WEEK);
        assertThat(busy).containsExactly(WEEK);
    }

    /** Rules with BY parts that ical4j gives up on silently (1000 steps without a match). */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void minutelyRuleLimitedToAnHourOnWeekdaysBlocksThatHour(@TempDir Path dir) throws Exception {
        List<Interval> busy = intervals(calendar(dir, "RRULE:FREQ=MINUTELY;INTERVAL=15;BYHOUR=9;BYDAY=MO,WE",
                "20200106T090000", "20200106T091000"), WEEK);
        assertThat(busy).hasSize(8).contains(at("2026-11-02T08:00:00Z", "2026-11-02T08:10:00Z"),
                at("2026-11-02T08:45:00Z", "2026-11-02T08:55:00Z"), at("2026-11-04T08:00:00Z", "2026-11-04T08:10:00Z"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void hourlyRuleWithHugeCountKeepsItsLocalTimeAndCount(@TempDir Path dir) throws Exception {
        // 24 instances a day since 2026-11-01 00:30 CET; 25 fall before the window (Nov 2 01:00 CET); COUNT ends
        // the series after 60 instances, on Nov 3 at 11:30 CET
        List<Interval> busy = intervals(calendar(dir, "RRULE:FREQ=HOURLY;COUNT=60", "20261101T003000",
                "20261101T004500"), WEEK);
        assertThat(busy).hasSize(60 - 25).last().isEqualTo(at("2026-11-03T10:30:00Z", "2026-11-03T10:45:00Z"));
        List<Interval> endless = intervals(calendar(dir, "RRULE:FREQ=HOURLY;COUNT=1000000000", "19700101T003000",
                "19700101T004500"), WEEK);
        assertThat(endless).hasSize(7 * 24).allSatisfy(i -> assertThat(i.duration().toMinutes()).isEqualTo(15));
    }

    /** Past the per-event limit: a warning naming the event and the limit, busy to the window's end. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void ruleBeyondTheLimitWarnsAndCountsAsBusyToTheWindowsEnd(@TempDir Path dir) throws Exception {
        ListAppender<ILoggingEvent> log = IcsRealWorldTextTest.capture();
        List<Interval> busy = intervals(calendar(dir, "RRULE:FREQ=HOURLY", "20261101T003000", "20261101T004500",
                "maxInstancesPerEvent", "50"), WEEK);
        assertThat(busy).hasSize(50);
        assertThat(busy.get(49).end()).isEqualTo(WEEK.end());
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("endless@example.com")
                .contains("50"));
    }

    /** Daily-or-longer rules that expand to hours, minutes or seconds (sub-daily rules in disguise), huge COUNT. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "'RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=0,15,30,45;BYSECOND=0;COUNT=2000000000', 28",
            "'RRULE:FREQ=WEEKLY;BYMINUTE=0,30;COUNT=999999999', 2",
            "'RRULE:FREQ=MONTHLY;BYMONTHDAY=3,4;BYHOUR=9,10', 4",
            "'RRULE:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=5;BYSECOND=0,1,2;COUNT=100000000', 1"})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void longerRulesWithTimePartsAreBoundedAndExact(String rule, int expected, @TempDir Path dir) throws Exception {
        // DTSTART Monday 2020-01-06 09:00 Berlin, 10 minutes (1 second for the BYSECOND rule, whose three touching
        // instances on Nov 5 merge into one busy interval)
        String end = rule.contains("BYSECOND=0,1,2") ? "20200106T090001" : "20200106T091000";
        List<Interval> busy = intervals(calendar(dir, rule, "20200106T090000", end), WEEK);
        assertThat(busy).hasSize(expected);
    }

    /** Daily and weekly rules with enormous counts or none, started long ago, are cheap. */
    @ParameterizedTest
    @ValueSource(strings = {"RRULE:FREQ=DAILY;COUNT=2000000000", "RRULE:FREQ=DAILY", "RRULE:FREQ=WEEKLY;COUNT=99999999",
            "RRULE:FREQ=DAILY;BYHOUR=9,10,11"})
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void longRulesStartedLongAgoGiveTheirInstances(String rule, @TempDir Path dir) throws Exception {
        List<Interval> busy = intervals(calendar(dir, rule, "19000101T090000", "19000101T093000"), WEEK);
        assertThat(busy).isNotEmpty().allSatisfy(i -> assertThat(i.duration().toMinutes()).isEqualTo(30));
    }
}
