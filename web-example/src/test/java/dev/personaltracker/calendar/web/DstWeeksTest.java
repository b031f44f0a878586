package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Plan page in the weeks of a DST change (23 h and 25 h days), in zones with whole, half-hour and no DST. */
class DstWeeksTest {

    @TempDir
    Path data;

    static Stream<Arguments> weeks() {
        List<Arguments> out = new ArrayList<>();
        for (String id : List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata")) {
            ZoneId zone = ZoneId.of(id);
            Instant from = LocalDate.of(2026, 1, 1).atStartOfDay(zone).toInstant();
            ZoneOffsetTransition spring = zone.getRules().nextTransition(from);
            if (spring == null) {
                out.add(Arguments.of(id, LocalDate.of(2026, 3, 25)));
                continue;
            }
            ZoneOffsetTransition next = zone.getRules().nextTransition(spring.getInstant());
            out.add(Arguments.of(id, spring.getDateTimeBefore().toLocalDate()));
            out.add(Arguments.of(id, next.getDateTimeBefore().toLocalDate()));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("weeks")
    void theWeekOfAChange_showsEachEventAtItsLocalTime_andPlacesSessionsInTheStudyHours(String id, LocalDate changeDay)
            throws Exception {
        ZoneId zone = ZoneId.of(id);
        LocalDate monday = changeDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        List<String> events = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            events.add(PlanPageTest.event("l" + d + "@test", "Lecture" + d, day.atTime(12, 0).atZone(zone).toInstant(),
                    day.atTime(13, 0).atZone(zone).toInstant()));
        }
        Files.writeString(dir.resolve("uni.ics"), PlanPageTest.calendar(events.toArray(String[]::new)));
        try (TestApp app = TestApp.start(dir)) {
            app.clock.set(monday.minusWeeks(1).atStartOfDay(zone).toInstant());
            Browserless client = new Browserless(app);
            client.zone(id);
            client.connectIcs("uni", dir.resolve("uni.ics").toString());
            String page = client.page("/plan?week=" + monday);
            for (int d = 0; d < 7; d++) {
                assertThat(page).as("day %d", d).contains("Lecture" + d + " · 12:00–13:00");
            }
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", monday.toString());
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", monday.toString(), "action", "all");
            Interval window = Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
            List<SessionRecord> sessions = app.app().user().history(window).stream()
                    .filter(s -> s.status() == SessionStatus.SCHEDULED).toList();
            assertThat(sessions).isNotEmpty();
            String after = client.page("/plan?week=" + monday);
            for (SessionRecord s : sessions) {
                ZonedDateTime start = s.interval().start().atZone(zone);
                ZonedDateTime end = s.interval().end().atZone(zone);
                boolean weekday = start.getDayOfWeek().getValue() <= 5;
                assertThat(start.toLocalTime()).as("%s", s).isAfterOrEqualTo(LocalTime.of(weekday ? 8 : 10, 0));
                assertThat(end.toLocalDate()).isEqualTo(start.toLocalDate());
                assertThat(end.toLocalTime()).as("%s", s).isBeforeOrEqualTo(LocalTime.of(weekday ? 21 : 18, 0));
                assertThat(after).contains(WeekView.span(s.interval(), zone));
            }
        }
    }
}
