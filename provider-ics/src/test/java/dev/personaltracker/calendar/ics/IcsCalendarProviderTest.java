package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.connect;
import static dev.personaltracker.calendar.ics.IcsFixtures.fixture;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcsCalendarProviderTest {

    @Test
    void serviceLoader_findsTheProviderById() {
        assertThat(ServiceLoader.load(CalendarProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("ics")).findFirst())
                .hasValueSatisfying(p -> assertThat(p).isInstanceOf(IcsCalendarProvider.class));
    }

    @Test
    void provider_needsNoOAuth() {
        IcsCalendarProvider provider = new IcsCalendarProvider();
        assertThat(provider.id()).isEqualTo("ics");
        assertThat(provider.displayName()).isEqualTo("iCalendar");
        assertThat(provider.usesOAuth()).isFalse();
    }

    @Test
    void connect_doesNoIoAndListsOutputThenSources(@TempDir Path dir) {
        CalendarConnection c = connect("source.uni", dir.resolve("missing-yet.ics").toString(),
                "source.work", "https://example.com/feed.ics", "output", dir.resolve("out/s.ics").toString(),
                "zone", "Europe/Berlin", "owner", "Me@Example.com, other@example.com");
        assertThat(c.providerId()).isEqualTo("ics");
        assertThat(c.accountId()).isEqualTo("me@example.com");
        assertThat(c.calendars()).extracting(CalendarInfo::id, CalendarInfo::primary, CalendarInfo::access)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("study-sessions", true, CalendarAccess.OWNER),
                        org.assertj.core.groups.Tuple.tuple("uni", false, CalendarAccess.READER),
                        org.assertj.core.groups.Tuple.tuple("work", false, CalendarAccess.READER));
        assertThat(c.calendars()).allSatisfy(i -> assertThat(i.zone()).contains(ZoneId.of("Europe/Berlin")));
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }

    @Test
    void connect_rejectsBadSettingsNamingTheProperty() {
        assertThatThrownBy(() -> connect("zone", "Mars/Olympus", "output", "x.ics"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'zone'").hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> connect("source.bad name", "x.ics"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'source.bad name'");
        assertThatThrownBy(() -> connect("zone", "UTC"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("no calendar configured");
        assertThatThrownBy(() -> connect("source.a", "a.ics", "http.requestTimeout", "30 seconds"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'http.requestTimeout'");
        assertThatThrownBy(() -> connect("source.study-sessions", "a.ics", "output", "b.ics"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'study-sessions'");
        assertThatThrownBy(() -> connect("source.a", "https://"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'source.a'");
    }

    @Test
    void source_rewritesWebcalToHttpsAndHidesFeedPaths() {
        IcsSource webcal = IcsSource.parse("uni", "webcal://timetable.example.edu/feeds/student-8472-secret.ics");
        assertThat(webcal.url()).hasScheme("https").hasHost("timetable.example.edu");
        assertThat(webcal.describe()).isEqualTo("source 'uni' (feed https://timetable.example.edu/...)");
        assertThat(connect("source.uni", "webcal://timetable.example.edu/feeds/student-8472-secret.ics").toString())
                .doesNotContain("8472");
        assertThat(IcsSource.parse("x", "https://pat:hunter2@cal.example.com:8443/x.ics").describe())
                .isEqualTo("source 'x' (feed https://cal.example.com:8443/...)");
        assertThatThrownBy(() -> IcsSource.parse("x", "https://pat:hunter2@/x.ics"))
                .isInstanceOf(BadSettingsException.class).hasMessageNotContaining("hunter2");
    }

    @Test
    void busy_namesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("work.ics");
        CalendarConnection c = connect("source.work", missing.toString());
        assertThatThrownBy(() -> c.busy(List.of("work"), window("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"),
                BusyPolicy.defaults()))
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("'source.work'");
    }

    @Test
    void busy_namesTheSourceOfAnUnparsableFile(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.ics");
        Files.writeString(broken, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nthis is not a property\r\n");
        CalendarConnection c = connect("source.broken", broken.toString());
        assertThatThrownBy(() -> c.busy(List.of("broken"), window("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"),
                BusyPolicy.defaults()))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("source 'broken'").hasMessageContaining(broken.toString());
    }

    @Test
    void busy_readsFileUris() {
        CalendarConnection c = connect("source.cal", fixture("busy-policy.ics").toUri().toString(), "zone", "UTC");
        assertThat(c.busy(List.of("cal"), window("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"), BusyPolicy.defaults()))
                .isNotEmpty();
    }
}
