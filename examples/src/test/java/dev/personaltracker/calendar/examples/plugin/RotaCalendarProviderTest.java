package dev.personaltracker.calendar.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotaCalendarProviderTest {

    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-09T00:00:00Z"), Duration.ofDays(7));

    @TempDir
    Path dir;

    private Path rota(String... lines) throws IOException {
        return Files.write(dir.resolve("rota.csv"), List.of(lines));
    }

    private ProviderSettings settings(Path file) {
        return ProviderSettings.builder().property("file", file.toString()).property("zone", "UTC").build();
    }

    @Test
    void isDiscoveredAtRunTimeThroughItsServicesFile() {
        ProviderRegistry registry = ProviderRegistry.discover();

        assertThat(registry.ids()).contains("rota", "ics");
        assertThat(registry.get("rota")).isInstanceOf(RotaCalendarProvider.class);
        assertThat(registry.failures()).isEmpty();
    }

    @Test
    void busy_readsShiftsAsBusyTimeWithTheirSource() throws IOException {
        Path file = rota("# date,from,to,title", "2026-03-09,18:00,22:00,Late shift", "2026-03-10,22:00,06:00,Night shift",
                "2026-04-01,08:00,12:00,Outside the window");
        CalendarConnection c = new RotaCalendarProvider().connect(settings(file), Credentials.none());

        List<BusyInterval> busy = c.busy(List.of("rota"), WEEK, BusyPolicy.defaults().withIncludeTitles(true));

        assertThat(busy).extracting(BusyInterval::interval).containsExactly(
                Interval.of(Instant.parse("2026-03-09T18:00:00Z"), Instant.parse("2026-03-09T22:00:00Z")),
                Interval.of(Instant.parse("2026-03-10T22:00:00Z"), Instant.parse("2026-03-11T06:00:00Z")));
        assertThat(busy.get(1).source().title()).contains("Night shift");
        assertThat(busy.get(1).source().eventId()).isEqualTo("rota.csv#3");
    }

    @Test
    void isReadOnly_writesAreRefusedAndFindFindsNothing() throws IOException {
        CalendarConnection c = new RotaCalendarProvider().connect(settings(rota()), Credentials.none());
        Interval at = Interval.of(Instant.parse("2026-03-09T07:00:00Z"), Duration.ofHours(1));
        SessionKey key = SessionKey.of("k1");
        StudyEvent someEvent = new StudyEvent("rota", "e1", key, at, Optional.empty());

        assertThat(c.calendars()).singleElement().satisfies(info -> assertThat(info.writable()).isFalse());
        assertThatThrownBy(() -> c.createSession("rota", key, at, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("rota account 'rota' is read-only");
        assertThatThrownBy(() -> c.moveSession(someEvent, at)).isInstanceOf(BadSettingsException.class);
        assertThatThrownBy(() -> c.deleteSession(someEvent)).isInstanceOf(BadSettingsException.class);
        assertThat(c.findSessions("rota", WEEK)).isEmpty();
        assertThat(c.findSession("rota", key)).isEmpty();
    }

    @Test
    void badSettingsAndBadLines_nameWhatIsWrong() throws IOException {
        RotaCalendarProvider provider = new RotaCalendarProvider();

        assertThatThrownBy(() -> provider.connect(ProviderSettings.defaults(), Credentials.none()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("property 'file' is missing");
        CalendarConnection c = provider.connect(settings(rota("2026-03-09,late,22:00,Oops")), Credentials.none());
        assertThatThrownBy(() -> c.busy(List.of("rota"), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("line 1")
                .message().doesNotContain("Oops").doesNotContain("late");
    }

    @Test
    void aMisspelledPropertyIsRefusedNamingTheRightOne() throws IOException {
        StudyTracker tracker = StudyTracker.builder().discoverProviders().tokenStore(InMemoryTokenStore.create())
                .historyStore(InMemoryHistoryStore.create()).build();
        ProviderSettings typo = ProviderSettings.builder().property("file", rota().toString()).property("zones", "UTC")
                .build();

        assertThatThrownBy(() -> tracker.forUser("carol").connect("rota", typo))
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("no property 'zones'").hasMessageContaining("did you mean 'zone'?");
        assertThat(tracker.forUser("carol").accounts()).isEmpty();
    }

    @Test
    void worksThroughTheFacadeLikeAnyOtherProvider() throws IOException {
        Path file = rota("2026-03-09,06:00,22:00,Double shift");
        StudyTracker tracker = StudyTracker.builder().discoverProviders().tokenStore(InMemoryTokenStore.create())
                .historyStore(InMemoryHistoryStore.create())
                .clock(Clock.fixed(Instant.parse("2026-03-08T12:00:00Z"), ZoneOffset.UTC)).build();
        UserTracker carol = tracker.forUser("carol");
        AccountRef account = carol.connect("rota", settings(file));
        assertThatThrownBy(() -> carol.writeTo(account, "rota")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("READER").hasMessageContaining("cannot be written");
        AccountRef sessions = carol.connect("ics", ProviderSettings.builder().property("account", "study")
                .property("output", dir.resolve("study.ics").toString()).property("zone", "UTC").build());
        carol.writeTo(sessions, "study-sessions").preferences(StudyPreferences.builder(ZoneOffset.UTC)
                .weeklyGoal(Duration.ofHours(2)).sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(1)).build());

        List<SessionRecord> scheduled = carol.approve(carol.propose(WEEK).sessions());
        Files.write(file, List.of("2026-03-09,06:00,22:00,Double shift",
                scheduled.get(0).interval().start().toString().substring(0, 10) + ",00:00,23:59,All-day training"));
        ReconcileReport report = carol.reconcile(WEEK);

        Interval doubleShift = Interval.of(Instant.parse("2026-03-09T06:00:00Z"), Instant.parse("2026-03-09T22:00:00Z"));
        assertThat(scheduled).hasSize(2).allSatisfy(r -> assertThat(r.interval().overlaps(doubleShift)).isFalse());
        assertThat(report.updates()).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo(scheduled.get(0).key());
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED);
            assertThat(u.change().cause().orElseThrow().eventId()).isEqualTo("rota.csv#2");
            assertThat(u.change().to().orElseThrow().overlaps(scheduled.get(0).interval())).isFalse();
        });
    }
}
