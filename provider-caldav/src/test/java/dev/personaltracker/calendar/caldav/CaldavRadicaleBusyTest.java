package dev.personaltracker.calendar.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Busy time and incremental sync against a real Radicale: recurring events with a moved instance and an EXDATE
 * across the March DST change, declined and unanswered invitations, all-day and transparent events, the library's
 * own session; then what a second read costs (counted through the proxy), changes by another client, a refused
 * sync token and the ETag fallback.
 */
class CaldavRadicaleBusyTest extends RadicaleTestSupport {

    static final Interval WINDOW = Interval.of(Instant.parse("2026-03-16T00:00:00Z"), Instant.parse("2026-04-20T00:00:00Z"));
    static final TokenKey KEY = TokenKey.of("alice", "caldav", RadicaleServer.USER);

    final InMemorySyncStateStore syncStore = InMemorySyncStateStore.create();
    String cal;

    @BeforeEach
    void calendarWithEvents() throws Exception {
        cal = radicale.mkcalendar("busy-" + UUID.randomUUID().toString().substring(0, 8), "Life");
        radicale.put(cal + "lecture.ics", Fixtures.LECTURE);
        radicale.put(cal + "declined.ics", Fixtures.invitation("declined", "20260318T120000Z", "DECLINED"));
        radicale.put(cal + "unanswered.ics", Fixtures.invitation("unanswered", "20260319T120000Z", "NEEDS-ACTION"));
        radicale.put(cal + "allday.ics", Fixtures.ALL_DAY);
        radicale.put(cal + "free.ics", Fixtures.TRANSPARENT);
    }

    CaldavConnection connect() {
        var credentials = CaldavCalendarProvider.saveAccount(InMemoryTokenStore.create(), KEY,
                proxy.root().toString(), RadicaleServer.PASSWORD);
        ProviderSettings settings = ProviderSettings.builder()
                .retryPolicy(quickRetries())
                .syncStateStore(syncStore)
                .property(CaldavCalendarProvider.ZONE, "Europe/Berlin")
                .build();
        return (CaldavConnection) new CaldavCalendarProvider().connect(settings, credentials);
    }

    static Interval utc(String start, String end) {
        return Interval.of(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void busy_expandsRecurrencesAcrossDst_andAppliesTheSharedPolicy() throws Exception {
        CaldavConnection connection = connect();
        connection.createSession(cal, SessionKey.random(), utc("2026-03-23T15:00:00Z", "2026-03-23T16:00:00Z"),
                SessionDetails.defaults());

        List<Interval> busy = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults()).stream()
                .map(BusyInterval::interval).toList();

        assertThat(busy).containsExactly(
                utc("2026-03-17T09:00:00Z", "2026-03-17T10:00:00Z"),   // 10:00 CET
                utc("2026-03-19T12:00:00Z", "2026-03-19T13:00:00Z"),   // unanswered: blocks by default
                utc("2026-03-19T23:00:00Z", "2026-03-20T23:00:00Z"),   // all-day, the person's day
                utc("2026-03-24T09:00:00Z", "2026-03-24T10:00:00Z"),
                utc("2026-03-31T12:00:00Z", "2026-03-31T13:00:00Z"),   // moved instance, 14:00 CEST
                // 2026-04-07 is an EXDATE
                utc("2026-04-14T08:00:00Z", "2026-04-14T09:00:00Z"));  // 10:00 CEST after the change
        List<Interval> lenient = connection.busy(List.of(cal), WINDOW,
                BusyPolicy.defaults().withUnansweredBlocks(false)).stream().map(BusyInterval::interval).toList();
        assertThat(lenient).doesNotContain(utc("2026-03-19T12:00:00Z", "2026-03-19T13:00:00Z")).hasSize(5);
    }

    @Test
    void secondReadOfAnUnchangedCalendar_isOneRequest() {
        CaldavConnection connection = connect();
        List<BusyInterval> first = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());
        proxy.reset();

        List<BusyInterval> second = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());

        assertThat(second).isEqualTo(first);
        assertThat(proxy.requests()).containsExactly("REPORT " + encoded(cal));
    }

    @Test
    void anEventChangedByAnotherClient_showsUp_andADeletedOneGoes() throws Exception {
        CaldavConnection connection = connect();
        connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());

        radicale.put(cal + "allday.ics", Fixtures.ALL_DAY.replace("20260320", "20260402").replace("20260321", "20260403"));
        radicale.send("DELETE", cal + "unanswered.ics", null, null);
        radicale.put(cal + "new.ics", Fixtures.invitation("new", "20260410T080000Z", "ACCEPTED"));
        proxy.reset();
        List<Interval> busy = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults()).stream()
                .map(BusyInterval::interval).toList();

        assertThat(busy).contains(utc("2026-04-01T22:00:00Z", "2026-04-02T22:00:00Z"),
                        utc("2026-04-10T08:00:00Z", "2026-04-10T09:00:00Z"))
                .doesNotContain(utc("2026-03-19T23:00:00Z", "2026-03-20T23:00:00Z"),
                        utc("2026-03-19T12:00:00Z", "2026-03-19T13:00:00Z"));
        assertThat(proxy.requests()).hasSize(1); // the sync report carried the changed data
    }

    @Test
    void aSyncTokenTheServerRefuses_startsAFullResync() throws Exception {
        CaldavConnection connection = connect();
        List<BusyInterval> before = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());
        CollectionState state = CollectionState.decode(syncStore.load(KEY, cal).orElseThrow()).orElseThrow();
        syncStore.save(KEY, cal, state.with(Optional.of("http://radicale.org/ns/sync/not-a-token"),
                state.resources()).encode());
        radicale.put(cal + "late.ics", Fixtures.invitation("late", "20260415T080000Z", "ACCEPTED"));

        List<BusyInterval> after = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());

        assertThat(after).hasSize(before.size() + 1);
        assertThat(after).extracting(BusyInterval::interval).contains(utc("2026-04-15T08:00:00Z", "2026-04-15T09:00:00Z"));
        CollectionState resynced = CollectionState.decode(syncStore.load(KEY, cal).orElseThrow()).orElseThrow();
        assertThat(resynced.token()).isPresent().isNotEqualTo(Optional.of("http://radicale.org/ns/sync/not-a-token"));
    }

    @Test
    void withoutSyncCollection_etagsAreCompared_andAnUnchangedCalendarIsOneRequest() throws Exception {
        CaldavConnection connection = connect();
        List<BusyInterval> first = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());
        CollectionState state = CollectionState.decode(syncStore.load(KEY, cal).orElseThrow()).orElseThrow();
        syncStore.save(KEY, cal, new CollectionState(false, Optional.empty(), state.coverage(), state.resources()).encode());
        proxy.reset();

        assertThat(connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults())).isEqualTo(first);
        assertThat(proxy.requests()).containsExactly("PROPFIND " + encoded(cal));

        radicale.put(cal + "allday.ics", Fixtures.ALL_DAY.replace("20260320", "20260402").replace("20260321", "20260403"));
        proxy.reset();
        List<Interval> busy = connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults()).stream()
                .map(BusyInterval::interval).toList();

        assertThat(busy).contains(utc("2026-04-01T22:00:00Z", "2026-04-02T22:00:00Z"))
                .doesNotContain(utc("2026-03-19T23:00:00Z", "2026-03-20T23:00:00Z"));
        assertThat(proxy.requests()).containsExactly("PROPFIND " + encoded(cal), "REPORT " + encoded(cal));
    }

    @Test
    void aWindowBeyondWhatWasRead_isFetchedWithATimeRangeQuery() throws Exception {
        radicale.put(cal + "summer.ics", Fixtures.invitation("summer", "20260701T080000Z", "ACCEPTED"));
        CaldavConnection connection = connect();
        connection.busy(List.of(cal), WINDOW, BusyPolicy.defaults());
        proxy.reset();

        List<BusyInterval> summer = connection.busy(List.of(cal),
                utc("2026-06-29T00:00:00Z", "2026-07-06T00:00:00Z"), BusyPolicy.defaults());

        assertThat(summer).extracting(BusyInterval::interval).containsExactly(utc("2026-07-01T08:00:00Z", "2026-07-01T09:00:00Z"));
        assertThat(proxy.requests()).hasSize(2); // the sync report, then one calendar-query for the new range
    }

    private static String encoded(String path) {
        return path;
    }
}
