package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.personaltracker.calendar.outlook.GraphJson.busy;
import static dev.personaltracker.calendar.outlook.GraphJson.event;
import static dev.personaltracker.calendar.outlook.GraphJson.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Incremental sync and reading several calendars (issue 13, issue 14 items 4 and 5): padded windows stay incremental,
 * next links keep the page-size preference, sync state is kept per person and account, own writes do not rewrite the
 * snapshot, calendars are read at once but each calendar's requests in order, all-day events block the person's day.
 */
class OutlookSyncTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final Interval WEEK = Interval.of(Instant.parse("2024-03-04T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z"));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    private static String delta(String calendarId) {
        return "/v1.0/me/calendars/" + calendarId + "/calendarView/delta";
    }

    private static String deltaRx(String calendarId) {
        return delta(calendarId) + "(\\(\\))?";
    }

    /** A calendar whose first delta round is one page of {@code events} ending in link {@code d1}; d1 then finds no change. */
    private static void stubCalendar(String calendarId, String... events) {
        FIX.server.stubFor(get(urlPathMatching(deltaRx(calendarId))).withQueryParam("$deltatoken", absent())
                .willReturn(okJson(page(null, delta(calendarId) + "?$deltatoken=d1", events))));
        FIX.server.stubFor(get(urlPathMatching(deltaRx(calendarId))).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(okJson(page(null, delta(calendarId) + "?$deltatoken=d1"))));
    }

    private OutlookConnection connect(ProviderSettings.Builder settings) {
        return provider.connect(settings.property("account", GraphFixture.USER).build(), Credentials.accessToken("graph-token"));
    }

    @Test
    void paddedWindowsOfAProposalAreReadWithOneRequestPerCalendar() {
        List<String> calendars = List.of("AAMkCAL1", "AAMkCAL2", "AAMkCAL3");
        calendars.forEach(c -> stubCalendar(c, busy("busy-" + c, "2024-03-05T09:00:00", "2024-03-05T10:00:00")));
        OutlookConnection connection = connect(FIX.settings());
        connection.busy(calendars, WEEK, BusyPolicy.defaults());

        // propose pads the window by the buffer on both sides; a later freeTime reads the week itself again
        for (Duration buffer : List.of(Duration.ofMinutes(15), Duration.ofHours(2))) {
            Interval padded = Interval.of(WEEK.start().minus(buffer), WEEK.end().plus(buffer));
            assertThat(connection.busy(calendars, padded, BusyPolicy.defaults())).hasSize(3);
        }

        // one full round per calendar, then one request per calendar per read
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(".*/delta(\\(\\))?"))
                .withQueryParam("$deltatoken", absent()))).hasSize(calendars.size());
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(".*/delta(\\(\\))?"))
                .withQueryParam("$deltatoken", equalTo("d1")))).hasSize(2 * calendars.size());
    }

    @Test
    void afterARestart_theLastKnownBusyTime_isAsOldAsTheStoredState_andOfUnknownAgeIfAnOlderVersionWroteIt() {
        String cal = "AAMkCAL1";
        stubCalendar(cal, busy("busy-1", "2024-03-05T09:00:00", "2024-03-05T10:00:00"));
        InMemorySyncStateStore inner = InMemorySyncStateStore.create();
        List<TokenKey> keys = new ArrayList<>();
        SyncStateStore store = new SyncStateStore() {
            @Override
            public Optional<String> load(TokenKey account, String calendarId) {
                return inner.load(account, calendarId);
            }

            @Override
            public void save(TokenKey account, String calendarId, String state) {
                keys.add(account);
                inner.save(account, calendarId, state);
            }

            @Override
            public void delete(TokenKey account, String calendarId) {
                inner.delete(account, calendarId);
            }
        };
        Instant before = Instant.now();
        connect(FIX.settings().syncStateStore(store)).busy(List.of(cal), WEEK, BusyPolicy.defaults());
        Instant after = Instant.now();

        OutlookConnection restarted = connect(FIX.settings().syncStateStore(store));
        assertThat(restarted.lastKnownBusy(List.of(cal), WEEK, BusyPolicy.defaults())).hasValueSatisfying(last -> {
            assertThat(last.busy()).hasSize(1);
            assertThat(last.syncedAt()).hasValueSatisfying(at -> assertThat(at).isBetween(before, after));
        });

        // the link record as the previous library version wrote it: the same state, no time
        TokenKey key = keys.get(0);
        String link = inner.load(key, DeltaState.linkKey(cal)).orElseThrow();
        String[] lines = link.split("\n", 4);
        inner.save(key, DeltaState.linkKey(cal), "outlook-delta-link/2\n" + lines[1] + "\n" + lines[3]);
        assertThat(connect(FIX.settings().syncStateStore(store)).lastKnownBusy(List.of(cal), WEEK, BusyPolicy.defaults()))
                .hasValueSatisfying(last -> {
                    assertThat(last.busy()).hasSize(1);
                    assertThat(last.syncedAt()).isEmpty();
                });
    }

    @Test
    void nextLinksKeepThePageSizeAndTimeZonePreferences() {
        String cal = "AAMkCAL1";
        FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$skiptoken", absent())
                .willReturn(okJson(page(delta(cal) + "?$skiptoken=p2", null,
                        busy("busy-1", "2024-03-05T09:00:00", "2024-03-05T10:00:00")))));
        FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$skiptoken", equalTo("p2"))
                .willReturn(okJson(page(null, delta(cal) + "?$deltatoken=d1",
                        busy("busy-2", "2024-03-06T09:00:00", "2024-03-06T10:00:00")))));

        assertThat(connect(FIX.settings().property("pageSize", "50")).busy(List.of(cal), WEEK, BusyPolicy.defaults()))
                .hasSize(2);

        List<LoggedRequest> next = FIX.server.findAll(getRequestedFor(urlPathMatching(deltaRx(cal)))
                .withQueryParam("$skiptoken", equalTo("p2")));
        assertThat(next).singleElement().satisfies(r -> assertThat(r.getHeaders().getHeader("Prefer").values())
                .contains("odata.maxpagesize=50", "outlook.timezone=\"UTC\""));
    }

    @Test
    void twoPeopleSharingOneStoreNeverSendEachOthersDeltaLinks() {
        // Both people's hosts name the account the same (a shared team mailbox, or a host that sets the property for
        // every user): only the person keeps their sync state apart.
        String cal = "AAMkTEAM";
        for (String who : List.of("alice", "bob")) {
            FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", absent())
                    .withHeader("Authorization", equalTo("Bearer token-" + who))
                    .willReturn(okJson(page(null, delta(cal) + "?$deltatoken=" + who,
                            busy("busy-" + who, "2024-03-05T09:00:00", "2024-03-05T10:00:00")))));
            FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", equalTo(who))
                    .withHeader("Authorization", equalTo("Bearer token-" + who))
                    .willReturn(okJson(page(null, delta(cal) + "?$deltatoken=" + who))));
        }
        SyncStateStore shared = InMemorySyncStateStore.create();
        ProviderSettings settings = FIX.settings().property("account", "team@contoso.com").syncStateStore(shared).build();
        OutlookConnection alice = provider.connect(settings.forUser("alice", BERLIN), Credentials.accessToken("token-alice"));
        OutlookConnection bob = provider.connect(settings.forUser("bob", BERLIN), Credentials.accessToken("token-bob"));

        List<BusyInterval> a1 = alice.busy(List.of(cal), WEEK, BusyPolicy.defaults());
        List<BusyInterval> b1 = bob.busy(List.of(cal), WEEK, BusyPolicy.defaults());
        List<BusyInterval> a2 = alice.busy(List.of(cal), WEEK, BusyPolicy.defaults());
        List<BusyInterval> b2 = bob.busy(List.of(cal), WEEK, BusyPolicy.defaults());

        assertThat(a1).isEqualTo(a2).singleElement().satisfies(b -> assertThat(b.source().eventId()).isEqualTo("busy-alice"));
        assertThat(b1).isEqualTo(b2).singleElement().satisfies(b -> assertThat(b.source().eventId()).isEqualTo("busy-bob"));
        for (String who : List.of("alice", "bob")) {
            String other = who.equals("alice") ? "bob" : "alice";
            assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(deltaRx(cal)))
                    .withHeader("Authorization", equalTo("Bearer token-" + who))))
                    .hasSize(2).noneSatisfy(r -> assertThat(r.getUrl()).contains("$deltatoken=" + other));
        }
    }

    /** Counts what a connection writes to its store, per record. */
    private static final class CountingStore implements SyncStateStore {
        final SyncStateStore inner = InMemorySyncStateStore.create();
        final ConcurrentHashMap<String, AtomicInteger> saves = new ConcurrentHashMap<>();

        @Override
        public Optional<String> load(TokenKey account, String calendarId) {
            return inner.load(account, calendarId);
        }

        @Override
        public void save(TokenKey account, String calendarId, String state) {
            saves.computeIfAbsent(calendarId, c -> new AtomicInteger()).incrementAndGet();
            inner.save(account, calendarId, state);
        }

        @Override
        public void delete(TokenKey account, String calendarId) {
            inner.delete(account, calendarId);
        }

        int saves(String calendarId) {
            return saves.getOrDefault(calendarId, new AtomicInteger()).get();
        }
    }

    @Test
    void anUnchangedReadWritesNothingAndTheLibrarysOwnSessionsDoNotRewriteTheSnapshot() {
        String cal = "AAMkCAL1";
        FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", absent())
                .willReturn(okJson(page(null, delta(cal) + "?$deltatoken=d1",
                        busy("busy-1", "2024-03-05T09:00:00", "2024-03-05T10:00:00")))));
        FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(okJson(page(null, delta(cal) + "?$deltatoken=d1"))));
        // after approve: the delta reports the session the library wrote itself, with a new link
        FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", equalTo("d2"))
                .willReturn(okJson(page(null, delta(cal) + "?$deltatoken=d3",
                        event("own-1", "2024-03-06T18:00:00", "2024-03-06T19:00:00", "busy", "organizer",
                                ",\"transactionId\":\"personaltracker-sess-1\"")))));
        CountingStore store = new CountingStore();
        OutlookConnection connection = connect(FIX.settings().syncStateStore(store));
        connection.busy(List.of(cal), WEEK, BusyPolicy.defaults());
        int afterFirst = store.saves.values().stream().mapToInt(AtomicInteger::get).sum();
        String snapshot = store.load(key(), cal).orElseThrow();

        connection.busy(List.of(cal), WEEK, BusyPolicy.defaults());
        assertThat(store.saves.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(afterFirst);

        // the stored link now says d2 (as if Graph had moved on), and the next round brings only the own session
        String linkRecord = store.saves.keySet().stream().filter(k -> !k.equals(cal)).findFirst().orElseThrow();
        store.inner.save(key(), linkRecord, store.load(key(), linkRecord).orElseThrow()
                .replace("$deltatoken=d1", "$deltatoken=d2")); // only the token: the record also holds a random generation
        int snapshotSaves = store.saves(cal);
        List<BusyInterval> afterOwn = connection.busy(List.of(cal), WEEK, BusyPolicy.defaults());

        assertThat(afterOwn).extracting(b -> b.source().eventId()).containsExactly("busy-1");
        assertThat(store.saves(cal)).isEqualTo(snapshotSaves);
        assertThat(store.load(key(), cal)).contains(snapshot);
        assertThat(store.load(key(), linkRecord)).hasValueSatisfying(l -> assertThat(l).contains("$deltatoken=d3"));
        assertThat(snapshot).doesNotContain("own-1");
    }

    @Test
    void aLinkThatDoesNotBelongToTheStoredSnapshotIsNotUsed() {
        String cal = "AAMkCAL1";
        stubCalendar(cal, busy("busy-1", "2024-03-05T09:00:00", "2024-03-05T10:00:00"));
        CountingStore store = new CountingStore();
        OutlookConnection connection = connect(FIX.settings().syncStateStore(store));
        connection.busy(List.of(cal), WEEK, BusyPolicy.defaults());
        // as if the process died between writing a new snapshot and its link: the link is of another generation
        String linkRecord = store.saves.keySet().stream().filter(k -> !k.equals(cal)).findFirst().orElseThrow();
        String link = store.load(key(), linkRecord).orElseThrow();
        String[] parts = link.split("\n", 3);
        store.inner.save(key(), linkRecord, parts[0] + "\n" + "another-generation\n" + parts[2]);

        assertThat(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())).hasSize(1);

        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", absent())))
                .hasSize(2);
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", equalTo("d1"))))
                .isEmpty();
    }

    private static TokenKey key() {
        return TokenKey.of("host-token", "outlook", GraphFixture.USER);
    }

    @Test
    void calendarsAreReadAtOnceButNeverMoreThanTheConcurrencyAtATime() {
        int delayMs = 600;
        List<String> calendars = IntStream.rangeClosed(1, 4).mapToObj(i -> "AAMkCAL" + i).toList();
        calendars.forEach(c -> FIX.server.stubFor(get(urlPathMatching(deltaRx(c)))
                .willReturn(okJson(page(null, delta(c) + "?$deltatoken=d1")).withFixedDelay(delayMs))));
        FIX.rendezvous.expect(2);

        connect(FIX.settings().property("concurrency", "2")).busy(calendars, WEEK, BusyPolicy.defaults());

        // two at once: the server held the first request until a second one had arrived
        assertThat(FIX.rendezvous.met()).isTrue();
        // never three at once: the third request waits for one of the first two answers (which take delayMs)
        List<Instant> received = FIX.server.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().toInstant())
                .sorted(Comparator.naturalOrder()).toList();
        assertThat(received).hasSize(4);
        assertThat(Duration.between(received.get(0), received.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(delayMs - 50));
        assertThat(Duration.between(received.get(1), received.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(delayMs - 50));
    }

    @Test
    void twoReadsOfOneCalendarDoNotOverlap() throws Exception {
        int delayMs = 500;
        String cal = "AAMkCAL1";
        FIX.server.stubFor(get(urlPathMatching(deltaRx(cal))).willReturn(okJson(page(null, delta(cal) + "?$deltatoken=d1"))
                .withFixedDelay(delayMs)));
        OutlookConnection connection = connect(FIX.settings());

        List<CompletableFuture<List<BusyInterval>>> reads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())));
        }
        for (CompletableFuture<List<BusyInterval>> r : reads) {
            r.get();
        }

        List<Instant> received = FIX.server.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().toInstant())
                .sorted(Comparator.naturalOrder()).toList();
        assertThat(received).hasSize(2);
        assertThat(Duration.between(received.get(0), received.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(delayMs - 50));
        // the second read continued from the first one's link
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(deltaRx(cal))).withQueryParam("$deltatoken", equalTo("d1"))))
                .hasSize(1);
    }

    private static String allDay(String id, String date, String nextDate, String originalZone) {
        return event(id, date + "T00:00:00", nextDate + "T00:00:00", "busy", "organizer", "")
                .replace("\"isAllDay\":false", "\"isAllDay\":true")
                .replace("\"originalStartTimeZone\":\"Pacific Standard Time\"", "\"originalStartTimeZone\":\"" + originalZone + "\"");
    }

    @Test
    void allDayEventsBlockThePersonsLocalDay() {
        String cal = "AAMkCAL1";
        stubCalendar(cal, allDay("utc-day", "2024-03-05", "2024-03-06", "UTC"),
                allDay("la-day", "2024-03-07", "2024-03-08", "Pacific Standard Time"),
                allDay("no-zone", "2024-03-08", "2024-03-09", ""));
        OutlookConnection connection = provider.connect(FIX.settings().property("account", GraphFixture.USER).build()
                .forUser("alice", BERLIN), Credentials.accessToken("graph-token"));

        List<BusyInterval> busy = connection.busy(List.of(cal), WEEK, BusyPolicy.defaults());

        assertThat(busy).extracting(BusyInterval::interval).containsExactly(
                berlinDay("2024-03-05"), berlinDay("2024-03-07"), berlinDay("2024-03-08"));
    }

    @Test
    void withoutThePersonsZoneTheZonePropertyStillServesAndUtcIsNoZoneOfTheEvent() {
        String cal = "AAMkCAL1";
        stubCalendar(cal, allDay("utc-day", "2024-03-05", "2024-03-06", "UTC"),
                allDay("berlin-day", "2024-03-07", "2024-03-08", "W. Europe Standard Time"));

        List<BusyInterval> busy = connect(FIX.settings().property("zone", "Tokyo Standard Time"))
                .busy(List.of(cal), WEEK, BusyPolicy.defaults());

        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(busy).extracting(BusyInterval::interval).containsExactly(
                Interval.of(java.time.LocalDate.parse("2024-03-05").atStartOfDay(tokyo).toInstant(),
                        java.time.LocalDate.parse("2024-03-06").atStartOfDay(tokyo).toInstant()),
                berlinDay("2024-03-07"));
    }

    private static Interval berlinDay(String date) {
        java.time.LocalDate d = java.time.LocalDate.parse(date);
        return Interval.of(d.atStartOfDay(BERLIN).toInstant(), d.plusDays(1).atStartOfDay(BERLIN).toInstant());
    }
}
