package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.calendarEntry;
import static dev.personaltracker.calendar.google.GoogleApi.calendarList;
import static dev.personaltracker.calendar.google.GoogleApi.cancelled;
import static dev.personaltracker.calendar.google.GoogleApi.manyEvents;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Incremental sync: request counts from WireMock's journal, sync tokens through the host's store, 410. */
class GoogleSyncTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WINDOW = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2027-01-23T00:00:00Z"));
    static final String TEAM = "team@group.calendar.google.com";
    static final String TEAM_PATH = "/calendar/v3/calendars/" + TEAM + "/events";

    GoogleApi api;
    InMemorySyncStateStore syncStore;
    ProviderSettings settings;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
        syncStore = InMemorySyncStateStore.create();
        settings = api.settings().syncStateStore(syncStore).build();
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList(
                calendarEntry("ada@example.com", "ada@example.com", "owner", true),
                calendarEntry(TEAM, "Team", "owner", false)))));
        stubPrimary(30);
        // team: 10 events -> one page
        wm.stubFor(get(urlPathEqualTo(TEAM_PATH)).withQueryParam("syncToken", absent())
                .willReturn(ok(page(manyEvents("t", 0, 10), null, "team-sync-1"))));
        // nothing changed since
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-1"))
                .willReturn(ok(page(List.of(), null, "primary-sync-2"))));
        wm.stubFor(get(urlPathEqualTo(TEAM_PATH)).withQueryParam("syncToken", equalTo("team-sync-1"))
                .willReturn(ok(page(List.of(), null, "team-sync-2"))));
    }

    /** A full sync of the primary calendar: {@code count} events in pages of at most 2500, as Google fills them. */
    private void stubPrimary(int count) {
        int pages = Math.max(1, (count + GoogleConnection.MAX_RESULTS - 1) / GoogleConnection.MAX_RESULTS);
        for (int p = 0; p < pages; p++) {
            int from = p * GoogleConnection.MAX_RESULTS;
            boolean last = p == pages - 1;
            wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", absent())
                    .withQueryParam("pageToken", p == 0 ? absent() : equalTo("page-" + p))
                    .willReturn(ok(page(manyEvents("p", from, Math.min(GoogleConnection.MAX_RESULTS, count - from)),
                            last ? null : "page-" + (p + 1), last ? "primary-sync-1" : null))));
        }
    }

    private int listCalls(String path) {
        return wm.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    @Test
    void firstSync_costsOneListCallPer2500EventsPerCalendar() {
        stubPrimary(2600);
        CalendarConnection c = api.connect(settings);

        List<BusyInterval> busy = c.busy(List.of("primary", TEAM), WINDOW, BusyPolicy.defaults());

        assertThat(listCalls(EVENTS_PATH)).isEqualTo(2);   // ceil(2600 / 2500)
        assertThat(listCalls(TEAM_PATH)).isEqualTo(1);     // ceil(10 / 2500)
        assertThat(busy).hasSize(2610);
        assertThat(syncStore.load(GoogleApi.KEY, "primary")).hasValueSatisfying(s -> assertThat(s).contains("primary-sync-1"));

        wm.resetRequests();
        assertThat(c.busy(List.of("primary", TEAM), WINDOW, BusyPolicy.defaults())).isEqualTo(busy);
        assertThat(listCalls(EVENTS_PATH)).isEqualTo(1);   // unchanged re-read
        assertThat(listCalls(TEAM_PATH)).isEqualTo(1);
    }

    @Test
    void unchangedReRead_costsOneCallPerCalendar_andGivesTheSameAnswer() {
        CalendarConnection c = api.connect(settings);
        List<BusyInterval> first = c.busy(List.of("primary", TEAM), WINDOW, BusyPolicy.defaults());
        wm.resetRequests();

        List<BusyInterval> again = c.busy(List.of("primary", TEAM), WINDOW, BusyPolicy.defaults());

        assertThat(listCalls(EVENTS_PATH)).isEqualTo(1);
        assertThat(listCalls(TEAM_PATH)).isEqualTo(1);
        wm.verify(1, getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-1"))
                .withQueryParam("timeMin", absent()));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void syncState_survivesTheConnectionThroughTheHostsStore() {
        api.connect(settings).busy(List.of("primary"), WINDOW, BusyPolicy.defaults());
        wm.resetRequests();

        List<BusyInterval> busy = api.connect(settings).busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        assertThat(listCalls(EVENTS_PATH)).isEqualTo(1);
        assertThat(busy).hasSize(30);
    }

    @Test
    void afterARestart_theLastKnownBusyTime_isAsOldAsTheStoredState_andOfUnknownAgeIfAnOlderVersionWroteIt() {
        api.connect(settings).busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        CalendarConnection restarted = api.connect(settings);
        assertThat(restarted.lastKnownBusy(List.of("primary"), WINDOW, BusyPolicy.defaults())).hasValueSatisfying(last -> {
            assertThat(last.busy()).hasSize(30);
            assertThat(last.syncedAt()).contains(GoogleApi.NOW);
        });

        String written = syncStore.load(GoogleApi.KEY, "primary").orElseThrow();
        syncStore.save(GoogleApi.KEY, "primary", written.replaceFirst(",?\"at\":\"[^\"]*\"", ""));
        assertThat(api.connect(settings).lastKnownBusy(List.of("primary"), WINDOW, BusyPolicy.defaults()))
                .hasValueSatisfying(last -> {
                    assertThat(last.busy()).hasSize(30);
                    assertThat(last.syncedAt()).isEmpty();
                });
    }

    @Test
    void incrementalChanges_replaceAndRemoveCachedEvents() {
        CalendarConnection c = api.connect(settings);
        c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-1"))
                .willReturn(ok(page(List.of(
                        cancelled("p0"),
                        timed("p1", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z", ""),
                        timed("new", "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z", "")), null, "primary-sync-2"))));

        List<BusyInterval> busy = c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        assertThat(busy).hasSize(30);   // -1 deleted, +1 new
        assertThat(busy).noneMatch(b -> b.source().eventId().equals("p0"));
        assertThat(busy).filteredOn(b -> b.source().eventId().equals("p1")).extracting(BusyInterval::interval)
                .containsExactly(Interval.of(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T12:00:00Z")));
        assertThat(syncStore.load(GoogleApi.KEY, "primary")).hasValueSatisfying(s -> assertThat(s).contains("primary-sync-2"));
    }

    @Test
    void goneSyncToken_fallsBackToAFullSyncSilently() {
        CalendarConnection c = api.connect(settings);
        c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-1"))
                .willReturn(GoogleApi.json(410, GoogleApi.error(410, "global", "fullSyncRequired",
                        "Sync token is no longer valid, a full sync is required."))));
        wm.resetRequests();

        List<BusyInterval> busy = c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        assertThat(busy).hasSize(30);
        assertThat(listCalls(EVENTS_PATH)).isEqualTo(2);   // the 410, then the full sync
        assertThat(api.sleeps).isEmpty();
    }

    @Test
    void windowStartingBeforeTheCachedRange_triggersAFullSyncFromTheNewStart() {
        CalendarConnection c = api.connect(settings);
        c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());
        wm.resetRequests();

        c.busy(List.of("primary"), Interval.of(WINDOW.start().minus(Duration.ofDays(7)), WINDOW.end()), BusyPolicy.defaults());

        wm.verify(getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", absent())
                .withQueryParam("timeMin", equalTo("2026-11-15T00:00:00.000Z")));   // a day of margin
    }

    @Test
    void windowPaddedByTheStudyBuffer_afterAFirstRead_costsOneRequestPerCalendar() {
        CalendarConnection c = api.connect(settings);
        c.busy(List.of("primary", TEAM), WINDOW, BusyPolicy.defaults());
        wm.resetRequests();

        // the facade pads propose/reconcile windows by the buffer (here 45 minutes) on both sides
        c.busy(List.of("primary", TEAM), WINDOW.padded(Duration.ofMinutes(45), Duration.ofMinutes(45)),
                BusyPolicy.defaults());

        assertThat(listCalls(EVENTS_PATH)).isEqualTo(1);
        assertThat(listCalls(TEAM_PATH)).isEqualTo(1);
        wm.verify(0, getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", absent()));
        wm.verify(0, getRequestedFor(urlPathEqualTo(TEAM_PATH)).withQueryParam("syncToken", absent()));
    }

    @Test
    void theLibrarysOwnSessionsInTheDelta_doNotRewriteTheStoredSnapshot() {
        java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
        dev.personaltracker.calendar.spi.SyncStateStore counting = new dev.personaltracker.calendar.spi.SyncStateStore() {
            @Override
            public java.util.Optional<String> load(dev.personaltracker.calendar.spi.TokenKey k, String cal) {
                return syncStore.load(k, cal);
            }

            @Override
            public void save(dev.personaltracker.calendar.spi.TokenKey k, String cal, String state) {
                saves.incrementAndGet();
                syncStore.save(k, cal, state);
            }

            @Override
            public void delete(dev.personaltracker.calendar.spi.TokenKey k, String cal) {
                syncStore.delete(k, cal);
            }
        };
        CalendarConnection c = api.connect(api.settings().syncStateStore(counting).build());
        List<BusyInterval> first = c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());
        assertThat(saves).hasValue(1);
        // after approve: the delta returns the sessions the library wrote, nothing else
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-1"))
                .willReturn(ok(page(List.of(GoogleApi.session("s-1", "2026-12-01T17:00:00Z", "2026-12-01T18:00:00Z", "x1"),
                        GoogleApi.session("s-2", "2026-12-02T17:00:00Z", "2026-12-02T18:00:00Z", "x2")), null,
                        "primary-sync-2"))));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-2"))
                .willReturn(ok(page(List.of(), null, "primary-sync-2"))));

        assertThat(c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults())).isEqualTo(first);
        assertThat(c.busy(List.of("primary"), WINDOW, BusyPolicy.defaults())).isEqualTo(first);

        assertThat(saves).as("no re-encode and save for the library's own writes").hasValue(1);
        wm.verify(1, getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("primary-sync-2")));
    }

    @Test
    void storedSnapshot_keepsOnlyWhatBusyTimeAndSessionsNeed() {
        api.connect(settings).busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        String stored = syncStore.load(GoogleApi.KEY, "primary").orElseThrow();
        assertThat(stored).contains("primary-sync-1").contains("p0").doesNotContain("3391847200000000")   // etags
                .doesNotContain("dateTime").doesNotContain("eventType").doesNotContain("Europe/Berlin\"},");
        assertThat(stored.length()).as("stored characters per event").isLessThan(30 * 120);
    }

    @Test
    void unreadableStoredState_isReplacedByAFullSync() {
        syncStore.save(GoogleApi.KEY, "primary", "not json {");

        List<BusyInterval> busy = api.connect(settings).busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        assertThat(busy).hasSize(30);
        assertThat(listCalls(EVENTS_PATH)).isEqualTo(1);
    }
}
