package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The person's zone changed in Settings: sessions keep their instants, and every page shows them in the new zone. */
class ZoneChangeTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"})
    void changingTheZone_keepsTheSessions_andShowsThemInTheNewZone(String id) throws Exception {
        ZoneId to = ZoneId.of(id);
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09");
            client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all");
            Interval wide = Interval.of(TestApp.MONDAY_MORNING.toInstant().minus(Duration.ofDays(3)), Duration.ofDays(14));
            List<SessionRecord> before = app.app().user().history(wide).stream()
                    .filter(s -> s.status() == SessionStatus.SCHEDULED).toList();
            assertThat(before).isNotEmpty();

            client.zone(id);
            assertThat(app.app().settings().zone()).isEqualTo(to);

            List<SessionRecord> after = app.app().user().history(wide).stream()
                    .filter(s -> s.status() == SessionStatus.SCHEDULED).toList();
            assertThat(after).extracting(SessionRecord::interval)
                    .containsExactlyInAnyOrderElementsOf(before.stream().map(SessionRecord::interval).toList());
            StringBuilder pages = new StringBuilder();
            for (String week : List.of("2026-03-02", "2026-03-09", "2026-03-16")) {
                pages.append(client.page("/plan?week=" + week));
            }
            assertThat(pages).contains("(" + id + ")");
            for (SessionRecord s : before) {
                assertThat(pages).contains(ChangeText.DAY.format(s.interval().start().atZone(to)) + "</td>")
                        .contains(WeekView.span(s.interval(), to));
            }
            app.clock.advance(Duration.ofDays(8));
            String history = client.page("/history");
            for (SessionRecord s : before) {
                assertThat(history).contains(WeekView.span(s.interval(), to));
            }
        }
    }
}
