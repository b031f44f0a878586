package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock the facade hands in ({@code ProviderSettings.withDefaultClock}, the tracker's clock) stamps what the
 * provider writes: DTSTAMP and LAST-MODIFIED come from it, not from the system clock.
 */
class IcsClockTest {

    private static final Clock TRACKER_CLOCK = Clock.fixed(Instant.parse("2019-06-15T07:30:00Z"), ZoneOffset.UTC);
    private static final Interval AT = at("2019-06-17T10:00:00Z", "2019-06-17T11:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anIcsWrittenUnderTheTrackersClock_carriesThatClocksDtstamp() throws Exception {
        Path output = dir.resolve("sessions.ics");
        CalendarConnection connection = new IcsCalendarProvider().connect(IcsFixtures.settings("output",
                output.toString(), "zone", "UTC").build().withDefaultClock(TRACKER_CLOCK), Credentials.none());

        connection.createSession("study-sessions", SessionKey.of("k1"), AT, SessionDetails.defaults());
        assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("DTSTAMP:20190615T073000Z")
                .doesNotContain("DTSTAMP:20" + (Instant.now().toString().substring(2, 4)));

        var event = connection.findSessions("study-sessions", AT).get(0);
        connection.moveSession(event, at("2019-06-18T10:00:00Z", "2019-06-18T11:00:00Z"));
        assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("DTSTAMP:20190615T073000Z")
                .doesNotContain("DTSTAMP:20" + (Instant.now().toString().substring(2, 4)));
    }
}
