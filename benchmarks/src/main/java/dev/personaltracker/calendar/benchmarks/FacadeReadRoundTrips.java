package dev.personaltracker.calendar.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Load test of the facade's reads in round trips: a person with 3 accounts (2 Google, 1 Outlook) of 4 calendars each,
 * through {@code StudyTracker} and the real Google API client and Microsoft Graph SDK against WireMock fakes that
 * answer every request after a fixed delay (the simulated RTT). Measures, in RTTs (wall time / RTT), the first
 * {@code freeTime} of a week, a re-read where nothing changed, and a {@code propose} of the same week; and the requests
 * each sent.
 * <p>
 * Two configurations in one run: {@code sequential} reads one account at a time ({@code readConcurrency(1, 1)}, the
 * way the facade read before accounts were read at once), {@code parallel} uses the defaults.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.personaltracker.calendar.benchmarks.FacadeReadRoundTrips [rttMillis] [runs]
 * </pre>
 */
public final class FacadeReadRoundTrips {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));
    private static final List<String> GOOGLE_CALENDARS = List.of("primary", "c2@group.calendar.google.com",
            "c3@group.calendar.google.com", "c4@group.calendar.google.com");
    private static final List<String> OUTLOOK_CALENDARS = List.of("AAMkCAL1", "AAMkCAL2", "AAMkCAL3", "AAMkCAL4");

    private FacadeReadRoundTrips() {
    }

    /** One run's figures: wall milliseconds and requests of each step. */
    record Run(long firstMs, int firstRequests, long rereadMs, int rereadRequests, long proposeMs, int proposeRequests) {
    }

    /**
     * Runs both configurations.
     *
     * @param args  the RTT in milliseconds (default 100) and the runs per configuration (default 5)
     */
    public static void main(String[] args) {
        int rtt = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true)
                .containerThreads(64).jettyAcceptors(2));
        server.start();
        try {
            stub(server, rtt);
            System.out.printf(Locale.ROOT, "RTT %d ms, %d runs each; median RTTs (requests)%n", rtt, runs);
            System.out.println("| configuration | first read | re-read, nothing changed | propose |");
            System.out.println("| --- | ---: | ---: | ---: |");
            for (boolean parallel : new boolean[] {false, true}) {
                List<Run> results = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    results.add(once(server, parallel));
                }
                System.out.printf(Locale.ROOT, "| %s | %.2f (%d) | %.2f (%d) | %.2f (%d) |%n",
                        parallel ? "parallel (default)" : "sequential (one account at a time)",
                        median(results, Run::firstMs) / rtt, results.get(0).firstRequests(),
                        median(results, Run::rereadMs) / rtt, results.get(0).rereadRequests(),
                        median(results, Run::proposeMs) / rtt, results.get(0).proposeRequests());
            }
        } finally {
            server.stop();
        }
    }

    private static double median(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        long[] v = runs.stream().mapToLong(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static Run once(WireMockServer server, boolean parallel) {
        StudyTracker.Builder b = StudyTracker.builder().discoverProviders().tokenStore(InMemoryTokenStore.create())
                .historyStore(InMemoryHistoryStore.create()).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .readDeadline(Duration.ofSeconds(30))
                .settings("google", ProviderSettings.builder().clientId("bench")
                        .apiBaseUrl(URI.create(server.baseUrl() + "/")).readDeadline(Duration.ofSeconds(20)).build())
                .settings("outlook", ProviderSettings.builder().clientId("11111111-2222-3333-4444-555555555555")
                        .apiBaseUrl(URI.create(server.baseUrl() + "/v1.0")).property("account", "ada@contoso.com")
                        .readDeadline(Duration.ofSeconds(20)).build());
        if (!parallel) {
            b.readConcurrency(1, 1);
        }
        try (StudyTracker tracker = b.build()) {
            UserTracker ada = tracker.forUser("ada");
            ada.preferences(StudyPreferences.builder(ZoneOffset.UTC).weeklyGoal(Duration.ofHours(5))
                    .sessionLength(Duration.ofMinutes(30), Duration.ofMinutes(90)).buffer(Duration.ofMinutes(15))
                    .build());
            for (String account : List.of("ada@gmail.com", "ada.work@gmail.com")) {
                // the fake names the account after the token (calendarList.get("primary"), asked once on connect)
                AccountRef ref = ada.connectWithAccessToken("google", "token-" + account);
                ada.readCalendars(ref, GOOGLE_CALENDARS);
            }
            AccountRef outlook = ada.connectWithAccessToken("outlook", "bench-graph-token");
            ada.readCalendars(outlook, OUTLOOK_CALENDARS);

            long[] first = timed(server, () -> ada.freeTime(WEEK));
            long[] reread = timed(server, () -> ada.freeTime(WEEK));
            long[] propose = timed(server, () -> ada.propose(WEEK));
            return new Run(first[0], (int) first[1], reread[0], (int) reread[1], propose[0], (int) propose[1]);
        }
    }

    private static long[] timed(WireMockServer server, Supplier<?> call) {
        server.resetRequests();
        long start = System.nanoTime();
        call.get();
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new long[] {ms, server.getAllServeEvents().size()};
    }

    private static void stub(WireMockServer server, int rtt) {
        List<String> entries = new ArrayList<>();
        for (String id : GOOGLE_CALENDARS) {
            entries.add("{\"id\": \"" + id + "\", \"summary\": \"" + id + "\", \"accessRole\": \"owner\""
                    + (id.equals("primary") ? ", \"primary\": true" : "") + "}");
        }
        server.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(okJson(
                "{\"kind\": \"calendar#calendarList\", \"items\": [" + String.join(",", entries) + "]}")
                .withFixedDelay(rtt)));
        for (String account : List.of("ada@gmail.com", "ada.work@gmail.com")) {
            server.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList/primary"))
                    .withHeader("Authorization", equalTo("Bearer token-" + account))
                    .willReturn(okJson("{\"id\": \"" + account + "\"}").withFixedDelay(rtt)));
        }
        server.stubFor(get(urlPathMatching("/calendar/v3/calendars/[^/]+/events")).willReturn(okJson("""
                {"timeZone": "UTC", "nextSyncToken": "sync-1", "items": [
                  {"id": "m1", "etag": "\\"1\\"", "status": "confirmed", "summary": "Meeting",
                   "start": {"dateTime": "2026-03-02T10:00:00Z"}, "end": {"dateTime": "2026-03-02T11:00:00Z"},
                   "eventType": "default"}]}""").withFixedDelay(rtt)));
        server.stubFor(get(urlPathMatching("/v1.0/me/calendars/[^/]+/calendarView/delta(\\(\\))?")).willReturn(okJson("""
                {"value": [{"@odata.etag": "W/\\"e1\\"", "id": "o1", "subject": "Review", "isAllDay": false,
                  "isCancelled": false, "showAs": "busy", "type": "singleInstance",
                  "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
                  "start": {"dateTime": "2026-03-03T14:00:00.0000000", "timeZone": "UTC"},
                  "end": {"dateTime": "2026-03-03T16:00:00.0000000", "timeZone": "UTC"}}],
                 "@odata.deltaLink": "{{request.baseUrl}}{{request.path}}?$deltatoken=d1"}""").withFixedDelay(rtt)));
        server.stubFor(get(urlPathMatching("/v1.0/me(/mailboxSettings.*)?")).willReturn(okJson("""
                {"userPrincipalName": "ada@contoso.com", "mail": "ada@contoso.com", "timeZone": "UTC"}""")
                .withFixedDelay(rtt)));
    }
}
