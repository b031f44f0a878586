package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.cancelled;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.session;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reconcile's session lookups answered from the sync snapshot the busy read just brought up to date: requests
 * counted in WireMock's journal; sessions the person moved or deleted are still seen.
 */
class GoogleSessionLookupTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WINDOW = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    static final List<SessionKey> KEYS = List.of(SessionKey.of("s-one"), SessionKey.of("s-two"), SessionKey.of("s-three"));
    static final Duration THIS_CYCLE = Duration.ofMinutes(1);

    CalendarConnection connection;

    @BeforeEach
    void setUp() {
        GoogleApi api = new GoogleApi(wm);
        connection = api.connect(api.settings().syncStateStore(InMemorySyncStateStore.create()).build());
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", absent()).willReturn(ok(page(List.of(
                timed("meeting", "2026-11-24T10:00:00+01:00", "2026-11-24T11:00:00+01:00", ""),
                session("s-one", "2026-11-24T14:00:00Z", "2026-11-24T15:00:00Z", "e1"),
                session("s-two", "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", "e2"),
                session("s-three", "2026-11-26T14:00:00Z", "2026-11-26T15:00:00Z", "e3")), null, "sync-1"))));
        stubDelta(List.of(), "sync-1");
        connection.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());   // the first, full sync
        wm.resetRequests();
    }

    private static void stubDelta(List<String> items, String nextSyncToken) {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("sync-1"))
                .willReturn(ok(page(items, null, nextSyncToken))));
    }

    private static int eventGets() {
        return wm.findAll(getRequestedFor(urlPathMatching(EVENTS_PATH + "/.+"))).size();
    }

    /** One cycle: the busy read (a sync) and then the lookups of the sessions, as the facade's reconcile does. */
    private Map<SessionKey, Optional<StudyEvent>> cycle() {
        connection.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());
        return connection.findSessions("primary", KEYS, THIS_CYCLE);
    }

    @Test
    void unchangedCycle_costsOneRequest_andFindsEverySession() {
        Map<SessionKey, Optional<StudyEvent>> found = cycle();

        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);   // the delta; no events.get
        assertThat(found).containsOnlyKeys(KEYS);
        assertThat(found.get(KEYS.get(1))).hasValueSatisfying(e -> {
            assertThat(e.interval()).isEqualTo(Interval.of(Instant.parse("2026-11-25T14:00:00Z"), Duration.ofHours(1)));
            assertThat(e.version()).contains("\"e2\"");
            assertThat(e.eventId()).isEqualTo(EventIds.of(KEYS.get(1)));
        });
        // the same answers events.get would give
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH + "/" + EventIds.of(KEYS.get(1)))).willReturn(ok(
                session("s-two", "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", "e2"))));
        assertThat(connection.findSession("primary", KEYS.get(1))).isEqualTo(found.get(KEYS.get(1)));
    }

    @Test
    void sessionMovedByThePerson_isSeenWithItsNewTimeAndVersion() {
        stubDelta(List.of(session("s-two", "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z", "e2-moved")), "sync-2");

        Map<SessionKey, Optional<StudyEvent>> found = cycle();

        assertThat(found.get(KEYS.get(1))).hasValueSatisfying(e -> {
            assertThat(e.interval().start()).isEqualTo(Instant.parse("2026-11-25T17:00:00Z"));
            assertThat(e.version()).contains("\"e2-moved\"");
        });
        assertThat(found.get(KEYS.get(0))).isPresent();
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void sessionDeletedByThePerson_isAskedAboutOnce_andFoundGone() {
        stubDelta(List.of(cancelled(EventIds.of(KEYS.get(2)))), "sync-2");
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH + "/" + EventIds.of(KEYS.get(2))))
                .willReturn(json(404, error(404, "global", "notFound", "Not Found"))));

        Map<SessionKey, Optional<StudyEvent>> found = cycle();

        assertThat(found.get(KEYS.get(2))).isEmpty();
        assertThat(found.get(KEYS.get(0))).isPresent();
        assertThat(eventGets()).isEqualTo(1);
        assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
    }

    @Test
    void withoutASyncThisCycle_eachSessionIsAskedAbout() {
        for (SessionKey key : KEYS) {
            wm.stubFor(get(urlPathEqualTo(EVENTS_PATH + "/" + EventIds.of(key))).willReturn(ok(
                    session(key.value(), "2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z", "moved-" + key.value()))));
        }

        // the last sync was before this "cycle" began: the snapshot may be stale
        Map<SessionKey, Optional<StudyEvent>> found = connection.findSessions("primary", KEYS, Duration.ZERO);

        assertThat(eventGets()).isEqualTo(3);
        assertThat(found.get(KEYS.get(0))).hasValueSatisfying(e ->
                assertThat(e.interval().start()).isEqualTo(Instant.parse("2026-11-27T14:00:00Z")));
    }

    @Test
    void sessionTheSnapshotNeverSaw_isAskedAbout() {
        SessionKey unseen = SessionKey.of("s-made-elsewhere");
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH + "/" + EventIds.of(unseen))).willReturn(ok(
                session(unseen.value(), "2026-11-28T14:00:00Z", "2026-11-28T15:00:00Z", "x1"))));
        connection.busy(List.of("primary"), WINDOW, BusyPolicy.defaults());

        Map<SessionKey, Optional<StudyEvent>> found = connection.findSessions("primary", List.of(unseen), THIS_CYCLE);

        assertThat(found.get(unseen)).isPresent();
        assertThat(eventGets()).isEqualTo(1);
    }
}
