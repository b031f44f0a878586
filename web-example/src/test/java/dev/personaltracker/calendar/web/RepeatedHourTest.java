package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An event in the hour that the autumn change repeats is told apart from one that takes no time. */
class RepeatedHourTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Lord_Howe"})
    void anEventOverTheRepeatedHour_showsWhichOfTheTwoTimesItMeans(String id) throws Exception {
        ZoneId zone = ZoneId.of(id);
        // the autumn change of 2026: the transition that turns the clocks back
        ZoneOffsetTransition back = zone.getRules().nextTransition(LocalDate.of(2026, 1, 1).atStartOfDay(zone).toInstant());
        while (!back.isOverlap()) {
            back = zone.getRules().nextTransition(back.getInstant());
        }
        Duration repeated = back.getDuration().negated();
        // starts in the first run of the repeated time and ends at the same clock time in the second
        Instant start = back.getInstant().minus(repeated.dividedBy(2));
        Instant end = start.plus(repeated);
        LocalDate monday = back.getDateTimeBefore().toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("night.ics"), PlanPageTest.calendar(PlanPageTest.event("n@test", "Night shift", start, end)));
        try (TestApp app = TestApp.start(dir)) {
            app.clock.set(monday.minusDays(1).atStartOfDay(zone).toInstant());
            Browserless client = new Browserless(app);
            client.zone(id);
            client.connectIcs("night", dir.resolve("night.ics").toString());
            String page = client.page("/plan?week=" + monday);

            DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
            DateTimeFormatter named = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);
            String same = hm.format(start.atZone(zone)) + "–" + hm.format(end.atZone(zone));
            String told = named.format(start.atZone(zone)) + "–" + named.format(end.atZone(zone));
            assertThat(hm.format(start.atZone(zone))).isEqualTo(hm.format(end.atZone(zone)));
            assertThat(page).contains("Night shift").doesNotContain(same).contains(told);
        }
    }
}
