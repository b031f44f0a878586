package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade opens every connection with settings made the person's: id, zone and the tracker's clock. */
class PersonalProviderSettingsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final ScriptedProvider files = new ScriptedProvider("files");
    private final ScriptedProvider graph = new ScriptedProvider("graph");
    private final StudyTracker tracker = StudyTracker.builder().providers(ProviderRegistry.of(files, graph))
            .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create()).clock(clock).build();

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    private static StudyPreferences prefs(ZoneId zone) {
        return StudyPreferences.builder(zone).weeklyGoal(Duration.ofHours(1)).build();
    }

    @Test
    void connectionsGetThePersonsIdAndTheTrackersClockAndNoZoneUntilOneIsKnown() {
        UserTracker alice = tracker.forUser("alice");

        alice.connect("files", ProviderSettings.builder().property("account", "timetable").build());

        ProviderSettings used = files.connects.get(0).settings();
        assertThat(used.userId()).contains("alice");
        assertThat(used.clock()).isSameAs(clock);
        assertThat(used.userZone()).isEmpty();
    }

    @Test
    void aClockSetOnPurposeInTheSettingsIsKept() {
        java.time.Clock own = java.time.Clock.fixed(Instant.EPOCH, BERLIN);
        tracker.forUser("alice").connect("files", ProviderSettings.builder().property("account", "t").clock(own).build());

        assertThat(files.connects.get(0).settings().clock()).isSameAs(own);
    }

    @Test
    void connectionsGetTheZoneOfThePreferencesElseOfTheWorkHours() {
        UserTracker alice = tracker.forUser("alice");
        alice.workHours(WeeklyHours.builder(TOKYO).add(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)).build());

        alice.connect("files", ProviderSettings.builder().property("account", "t").build());

        assertThat(files.connects.get(0).settings().userZone()).contains(TOKYO);
    }

    @Test
    void aZoneChangeReopensEveryConnectionIncludingHostTokenOnesWithTheirCredentials() {
        UserTracker alice = tracker.forUser("alice");
        alice.connect("files", ProviderSettings.builder().property("account", "t").build());
        alice.connectWithAccessToken("graph", "host-token-1");
        assertThat(graph.connects.get(0).credentials().userId()).contains("alice");

        alice.preferences(prefs(BERLIN));

        assertThat(files.connects).hasSize(2);
        assertThat(files.connects.get(1).settings().userZone()).contains(BERLIN);
        assertThat(graph.connects).hasSize(2);
        assertThat(graph.connects.get(1).settings().userZone()).contains(BERLIN);
        assertThat(graph.connects.get(1).credentials()).isSameAs(graph.connects.get(0).credentials());
        assertThat(graph.connects.get(1).credentials().accessToken()).contains("host-token-1");

        alice.preferences(StudyPreferences.builder(BERLIN).weeklyGoal(Duration.ofHours(2)).build());
        assertThat(files.connects).as("same zone: nothing reopened").hasSize(2);

        alice.relocate(WeeklyHours.builder(TOKYO).add(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)).build(),
                prefs(TOKYO));
        assertThat(files.connects).hasSize(3);
        assertThat(files.connects.get(2).settings().userZone()).contains(TOKYO);
        assertThat(alice.accounts()).hasSize(2);
    }
}
