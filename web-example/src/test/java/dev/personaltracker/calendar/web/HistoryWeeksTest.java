package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** History's weekly chart across a DST change and a year end (ISO week 53; week 1 starting in December). */
class HistoryWeeksTest {

    private static final Pattern CHECKIN = Pattern.compile("id=\"checkin-([^\"]+)\"");

    @TempDir
    Path data;

    /** A week a year does not have is refused in plain words: 2025 has 52 weeks, 2026 has 53. */
    @ParameterizedTest
    @CsvSource({"2025-W53,400", "2026-W53,200", "2026-W00,400", "2026-W54,400"})
    void aWeekName_thatTheYearDoesNotHave_getsAPlainMessage(String week, int status) throws Exception {
        try (TestApp app = TestApp.start(data)) {
            var r = new Browserless(app).get("/plan?week=" + week);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
            if (status == 400) {
                assertThat(r.body()).contains("a week such as 2026-W11");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"Europe/Berlin,2026-12-28", "Europe/Berlin,2024-12-23", "Europe/Berlin,2026-03-23",
            "Europe/Berlin,2026-10-19", "America/New_York,2026-10-26", "Australia/Lord_Howe,2026-03-30",
            "Asia/Kolkata,2026-12-28"})
    void twoWeeksStudied_showAsTwoBars_labelledByTheirIsoWeek_withTheirSessionsTotals(String id, LocalDate monday)
            throws Exception {
        ZoneId zone = ZoneId.of(id);
        try (TestApp app = TestApp.start(data)) {
            app.clock.set(monday.minusDays(1).atStartOfDay(zone).toInstant());
            Browserless client = new Browserless(app);
            client.zone(id);
            for (LocalDate week : List.of(monday, monday.plusWeeks(1))) {
                client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", week.toString());
                client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", week.toString(), "action", "all");
            }
            // a day that names a week (here its Sunday) shows that week, Monday to Sunday, across the year end
            String named = client.page("/plan?week=" + monday.plusDays(6));
            assertThat(named).contains("Week of " + ChangeText.DAY.format(monday) + " " + monday.getYear());

            // and so does the week's ISO name, as the chart labels it
            String name = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            assertThat(client.page("/plan?week=" + name)).contains("Week of " + ChangeText.DAY.format(monday) + " "
                    + monday.getYear());

            app.clock.set(monday.plusWeeks(2).atTime(7, 0).atZone(zone).toInstant());
            List<String> keys = CHECKIN.matcher(client.page("/history")).results().map(m -> m.group(1)).toList();
            assertThat(keys).isNotEmpty();
            for (String key : keys) {
                client.post("/checkin", "csrf", client.csrf("/history"), "key", key, "outcome", "done", "back", "history");
            }
            Interval all = Interval.of(monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(2).atStartOfDay(zone).toInstant());
            Map<LocalDate, Duration> expected = new TreeMap<>();
            for (SessionRecord s : app.app().user().history(all)) {
                assertThat(s.status()).isEqualTo(SessionStatus.COMPLETED);
                LocalDate m = s.interval().start().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                expected.merge(m, s.interval().duration(), Duration::plus);
            }
            assertThat(expected.keySet()).containsExactly(monday, monday.plusWeeks(1));

            String history = client.page("/history");
            for (Map.Entry<LocalDate, Duration> e : expected.entrySet()) {
                LocalDate m = e.getKey();
                String label = String.format("%d-W%02d", m.get(IsoFields.WEEK_BASED_YEAR), m.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                assertThat(history).contains("<title>" + label + ": " + StudyProgress.format(e.getValue()) + " of 5h</title>")
                        .contains(">" + m.toString().substring(5) + "<");
            }
            // no week before the first studied one, none lost or doubled between them
            assertThat(Pattern.compile("<title>\\d{4}-W\\d{2}: ").matcher(history).results().count()).isEqualTo(3);
        }
    }
}
