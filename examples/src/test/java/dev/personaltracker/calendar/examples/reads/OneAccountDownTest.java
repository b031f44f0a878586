package dev.personaltracker.calendar.examples.reads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.personaltracker.calendar.AccountRead;
import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.FreeTime;
import dev.personaltracker.calendar.PartialReadException;
import dev.personaltracker.calendar.PartialReadPolicy;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One of a person's accounts is down (503 forever, or hanging) while the other answers: through the facade and the
 * real Google and Microsoft Graph clients against WireMock. The call ends within the read deadline with a typed
 * error per account, plans on the healthy account and the failed one's last synced snapshot when there is one, and
 * never plans over unknown time without saying so.
 */
class OneAccountDownTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));
    private static final Interval GOOGLE_MEETING = Interval.of(Instant.parse("2026-03-02T10:00:00Z"), Duration.ofHours(1));
    private static final Interval OUTLOOK_MEETING = Interval.of(Instant.parse("2026-03-03T14:00:00Z"), Duration.ofHours(2));
    private static final String GOOGLE_EVENTS = "/calendar/v3/calendars/primary/events";
    private static final String OUTLOOK_CALENDAR = "AAMkCAL1";
    private static final String OUTLOOK_DELTA = "/v1.0/me/calendars/" + OUTLOOK_CALENDAR + "/calendarView/delta";
    private static final Duration LONG = Duration.ofSeconds(30);

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private StudyTracker tracker;
    private AccountRef google;
    private AccountRef outlook;

    @BeforeEach
    void setUp() {
        server.start();
    }

    @AfterEach
    void tearDown() {
        if (tracker != null) {
            tracker.close();
        }
        server.stop();
    }

    private UserTracker alice(PartialReadPolicy policy) {
        // deadlines with room: a first read loads both SDKs, on a machine other builds load too
        return alice(policy, Duration.ofSeconds(4), Duration.ofSeconds(6));
    }

    /**
     * @param providerDeadline  each provider's read deadline
     * @param trackerDeadline  the facade's read deadline
     */
    private UserTracker alice(PartialReadPolicy policy, Duration providerDeadline, Duration trackerDeadline) {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), providerDeadline);
        tracker = StudyTracker.builder().discoverProviders().tokenStore(InMemoryTokenStore.create())
                .historyStore(InMemoryHistoryStore.create()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .readDeadline(trackerDeadline).partialReads(policy)
                .settings("google", ProviderSettings.builder().clientId("google-client")
                        .apiBaseUrl(URI.create(server.baseUrl() + "/")).property("accountId", "ada@gmail.com")
                        .readDeadline(providerDeadline).retryPolicy(quick).build())
                .settings("outlook", ProviderSettings.builder().clientId("11111111-2222-3333-4444-555555555555")
                        .apiBaseUrl(URI.create(server.baseUrl() + "/v1.0")).property("account", "ada@contoso.com")
                        .readDeadline(providerDeadline).retryPolicy(quick).build())
                .build();
        UserTracker alice = tracker.forUser("alice");
        alice.preferences(StudyPreferences.builder(ZoneOffset.UTC).weeklyGoal(Duration.ofHours(2)).build());
        google = alice.connectWithAccessToken("google", "ya29.google-host-token");
        outlook = alice.connectWithAccessToken("outlook", "graph-host-token");
        alice.readCalendars(google, List.of("primary")).readCalendars(outlook, List.of(OUTLOOK_CALENDAR));
        return alice;
    }

    private void googleHealthy() {
        server.stubFor(get(urlPathMatching(GOOGLE_EVENTS)).willReturn(okJson("""
                {"timeZone": "UTC", "nextSyncToken": "sync-1", "items": [
                  {"id": "m1", "etag": "\\"1\\"", "status": "confirmed", "summary": "Meeting",
                   "start": {"dateTime": "2026-03-02T10:00:00Z"}, "end": {"dateTime": "2026-03-02T11:00:00Z"},
                   "eventType": "default"}]}""")));
    }

    private void outlookHealthy() {
        server.stubFor(get(urlPathMatching(OUTLOOK_DELTA + "(\\(\\))?")).willReturn(okJson("""
                {"value": [{"@odata.etag": "W/\\"e1\\"", "id": "o1", "subject": "Review", "isAllDay": false,
                  "isCancelled": false, "showAs": "busy", "type": "singleInstance",
                  "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
                  "start": {"dateTime": "2026-03-03T14:00:00.0000000", "timeZone": "UTC"},
                  "end": {"dateTime": "2026-03-03T16:00:00.0000000", "timeZone": "UTC"}}],
                 "@odata.deltaLink": "%s%s?$deltatoken=d1"}""".formatted(server.baseUrl(), OUTLOOK_DELTA))));
    }

    private void outlookAnswers503Forever() {
        server.stubFor(any(urlPathMatching("/v1.0/.*")).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Service Unavailable\"}}")));
    }

    private void googleHangs() {
        server.stubFor(any(urlPathMatching("/calendar/.*")).atPriority(1).willReturn(okJson("{}")
                .withFixedDelay(60_000)));
    }

    @Test
    void outlookAnswering503ForeverIsRefusedByDefaultNamingItWhileGoogleWasReadFresh() {
        googleHealthy();
        outlookAnswers503Forever();
        UserTracker alice = alice(PartialReadPolicy.defaults());

        PartialReadException e = assertTimeoutPreemptively(LONG, () -> {
            try {
                alice.freeTime(WEEK);
            } catch (PartialReadException refused) {
                return refused;
            }
            throw new AssertionError("expected a PartialReadException");
        });

        assertThat(e.failedAccounts()).singleElement().satisfies(read -> {
            assertThat(read.account()).isEqualTo(outlook);
            assertThat(read.snapshot()).isEqualTo(AccountRead.Snapshot.NONE);
            assertThat(read.failure().orElseThrow().type()).isEqualTo("ProviderUnavailableException");
        });
        assertThat(e.report().accounts()).filteredOn(r -> r.account().equals(google))
                .singleElement().extracting(AccountRead::source).isEqualTo(AccountRead.Source.FRESH);
        assertThat(e.getMessage()).contains(outlook.toString());
    }

    @Test
    void aHangingGoogleEndsWithinTheDeadlineAndIsPlannedOverOnlyAsTheHostAllowsAndSaid() {
        outlookHealthy();
        googleHangs();
        UserTracker alice = alice(PartialReadPolicy.planOverUnknown(Duration.ofHours(1)));

        FreeTime free = assertTimeoutPreemptively(LONG, () -> alice.freeTime(WEEK));

        assertThat(free.busy().intervals()).containsExactly(OUTLOOK_MEETING);
        assertThat(free.reads().unknown()).singleElement().satisfies(read -> {
            assertThat(read.account()).isEqualTo(google);
            assertThat(read.failure().orElseThrow().type()).isEqualTo("ProviderUnavailableException");
        });
        assertThat(free.reads().describe()).contains(google + ": busy state UNKNOWN", "planned over as free");
    }

    @Test
    void whenBothServicesGoDownAfterASyncTheLastSyncedSnapshotsArePlannedOnAndReported() {
        googleHealthy();
        outlookHealthy();
        UserTracker alice = alice(PartialReadPolicy.defaults());
        FreeTime first = alice.freeTime(WEEK);
        assertThat(first.busy().intervals()).containsExactly(GOOGLE_MEETING, OUTLOOK_MEETING);
        assertThat(first.reads().complete()).isTrue();

        outlookAnswers503Forever();
        server.stubFor(any(urlPathMatching("/calendar/.*")).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));
        FreeTime later = assertTimeoutPreemptively(LONG, () -> alice.freeTime(WEEK));

        assertThat(later.busy().intervals()).containsExactly(GOOGLE_MEETING, OUTLOOK_MEETING);
        assertThat(later.reads().accounts()).allSatisfy(read -> {
            assertThat(read.source()).isEqualTo(AccountRead.Source.SNAPSHOT);
            assertThat(read.snapshotAge()).contains(Duration.ZERO);
            assertThat(read.failure()).isPresent();
        });
    }
}
