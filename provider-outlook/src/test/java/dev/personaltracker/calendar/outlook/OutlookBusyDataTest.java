package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.personaltracker.calendar.outlook.GraphJson.event;
import static dev.personaltracker.calendar.outlook.GraphJson.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Busy time as the person sees it in Outlook, for event shapes the other tests do not use: every {@code showAs} with
 * the answers that change it, times in a Windows zone although UTC was preferred, and recurring series in
 * {@code calendarView/delta}, whose occurrences carry only {@code id}, {@code type}, {@code seriesMasterId},
 * {@code start} and {@code end} (microsoft-graph-docs #7632): whether they block is the series master's to say.
 */
class OutlookBusyDataTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final String CAL = "AAMkCALdata";
    private static final String CAL_PATH = "/v1.0/me/calendars/" + CAL;
    private static final String VIEW = CAL_PATH + "/calendarView";
    private static final String DELTA_RX = VIEW + "/delta(\\(\\))?";
    private static final Interval WEEK = Interval.of(Instant.parse("2024-03-04T00:00:00Z"),
            Instant.parse("2024-03-11T00:00:00Z"));

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    private OutlookConnection connect(String sync) {
        return provider.connect(FIX.settings().property("sync", sync).property("account", GraphFixture.USER).build(),
                Credentials.accessToken("graph-token"));
    }

    private void stub(String sync, String body) {
        FIX.server.stubFor(get(urlPathMatching(sync.equals("delta") ? DELTA_RX : VIEW)).willReturn(okJson(body)));
    }

    private static Map<String, Interval> byEvent(List<BusyInterval> busy) {
        return busy.stream().collect(Collectors.toMap(b -> b.source().eventId(), BusyInterval::interval));
    }

    private static Interval at(String start, String end) {
        return Interval.of(Instant.parse(start), Instant.parse(end));
    }

    private static String shapes() {
        return page(null, CAL_PATH + "/calendarView/delta?$deltatoken=d1",
                event("unknown", "2024-03-04T09:00:00", "2024-03-04T10:00:00", "unknown", "none", ""),
                event("tentative-shown", "2024-03-04T11:00:00", "2024-03-04T12:00:00", "tentative", "accepted", ""),
                event("tentative-answer", "2024-03-04T13:00:00", "2024-03-04T14:00:00", "tentative",
                        "tentativelyAccepted", ""),
                event("unanswered", "2024-03-04T15:00:00", "2024-03-04T16:00:00", "tentative", "notResponded", ""),
                event("declined-busy", "2024-03-05T09:00:00", "2024-03-05T10:00:00", "busy", "declined", ""),
                event("cancelled-busy", "2024-03-05T11:00:00", "2024-03-05T12:00:00", "busy", "organizer", "")
                        .replace("\"isCancelled\":false", "\"isCancelled\":true"),
                event("oof-declined-not", "2024-03-05T13:00:00", "2024-03-05T14:00:00", "oof", "accepted", ""),
                event("elsewhere", "2024-03-05T15:00:00", "2024-03-05T16:00:00", "workingElsewhere", "organizer", ""),
                event("free", "2024-03-05T17:00:00", "2024-03-05T18:00:00", "free", "accepted", ""),
                // Graph did not convert this one: 09:00 in Pacific time is 17:00 UTC
                event("windows-zone", "2024-03-06T09:00:00", "2024-03-06T10:00:00", "busy", "organizer", "")
                        .replace("\"timeZone\":\"UTC\"", "\"timeZone\":\"Pacific Standard Time\""),
                event("zero", "2024-03-06T12:00:00", "2024-03-06T12:00:00", "busy", "organizer", ""));
    }

    @ParameterizedTest(name = "{0} read")
    @ValueSource(strings = {"delta", "full"})
    void showAsAndAnswers_blockAsOutlookShowsThem(String sync) {
        stub(sync, shapes());

        Map<String, Interval> busy = byEvent(connect(sync).busy(List.of(CAL), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsOnlyKeys("unknown", "tentative-shown", "tentative-answer", "unanswered",
                "oof-declined-not", "windows-zone");
        assertThat(busy.get("windows-zone")).isEqualTo(at("2024-03-06T17:00:00Z", "2024-03-06T18:00:00Z"));
    }

    @ParameterizedTest(name = "{0} read")
    @ValueSource(strings = {"delta", "full"})
    void tentativeAndUnanswered_followThePolicy(String sync) {
        stub(sync, shapes());

        Map<String, Interval> busy = byEvent(connect(sync).busy(List.of(CAL), WEEK,
                BusyPolicy.defaults().withTentativeBlocks(false).withUnansweredBlocks(false)));

        assertThat(busy).containsOnlyKeys("unknown", "oof-declined-not", "windows-zone");
    }

    private static String master(String id, String start, String end, String showAs, String response) {
        return event(id, start, end, showAs, response, ",\"recurrence\":{\"pattern\":{\"type\":\"daily\",\"interval\":1},"
                + "\"range\":{\"type\":\"noEnd\",\"startDate\":\"" + start.substring(0, 10) + "\"}}")
                .replace("\"type\":\"singleInstance\"", "\"type\":\"seriesMaster\"");
    }

    /** An occurrence as calendarView/delta sends it: no showAs, no answer, no isCancelled, no subject. */
    private static String bare(String id, String masterId, String start, String end) {
        return "{\"@odata.type\":\"#microsoft.graph.event\",\"@odata.etag\":\"W/\\\"" + id + "\\\"\","
                + "\"seriesMasterId\":\"" + masterId + "\",\"type\":\"occurrence\",\"id\":\"" + id + "\","
                + "\"start\":{\"dateTime\":\"" + start + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + end + ".0000000\",\"timeZone\":\"UTC\"}}";
    }

    @Test
    void deltaOccurrences_blockOnlyIfTheirSeriesDoes() {
        stub("delta", page(null, CAL_PATH + "/calendarView/delta?$deltatoken=d1",
                master("lunch", "2024-03-04T12:00:00", "2024-03-04T13:00:00", "free", "organizer"),
                bare("lunch-1", "lunch", "2024-03-04T12:00:00", "2024-03-04T13:00:00"),
                bare("lunch-2", "lunch", "2024-03-05T12:00:00", "2024-03-05T13:00:00"),
                master("sync", "2024-03-04T09:00:00", "2024-03-04T09:30:00", "busy", "declined"),
                bare("sync-1", "sync", "2024-03-04T09:00:00", "2024-03-04T09:30:00"),
                master("standup", "2024-03-04T08:00:00", "2024-03-04T08:15:00", "busy", "accepted"),
                bare("standup-1", "standup", "2024-03-04T08:00:00", "2024-03-04T08:15:00"),
                bare("standup-2", "standup", "2024-03-05T08:00:00", "2024-03-05T08:15:00"),
                // a series that began before the window: its master is not in the answer
                bare("yoga-1", "yoga", "2024-03-06T18:00:00", "2024-03-06T19:00:00")));
        FIX.server.stubFor(get(urlPathEqualTo(CAL_PATH + "/events/yoga")).willReturn(okJson(
                master("yoga", "2024-01-03T18:00:00", "2024-01-03T19:00:00", "free", "organizer"))));

        Map<String, Interval> busy = byEvent(connect("delta").busy(List.of(CAL), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsOnlyKeys("standup-1", "standup-2");
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo(CAL_PATH + "/events/yoga")));
    }

    @Test
    void deltaOccurrencesOfAnAllDaySeries_blockThePersonsLocalDays() {
        stub("delta", page(null, CAL_PATH + "/calendarView/delta?$deltatoken=d1",
                master("gym", "2024-03-04T00:00:00", "2024-03-05T00:00:00", "busy", "organizer")
                        .replace("\"isAllDay\":false", "\"isAllDay\":true"),
                bare("gym-1", "gym", "2024-03-07T00:00:00", "2024-03-08T00:00:00")));
        java.time.ZoneId la = java.time.ZoneId.of("America/Los_Angeles");
        OutlookConnection connection = provider.connect(FIX.settings().property("sync", "delta")
                .property("account", GraphFixture.USER).build().forUser("ada", la), Credentials.accessToken("graph-token"));

        Map<String, Interval> busy = byEvent(connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsOnlyKeys("gym-1");
        assertThat(busy.get("gym-1")).isEqualTo(at("2024-03-07T08:00:00Z", "2024-03-08T08:00:00Z"));
    }

    /**
     * Deleting one occurrence changes its series: the next round sends the series again without it, and no
     * {@code @removed} for it. Deleting a whole series removes its master.
     */
    @Test
    void nextDeltaRound_dropsOccurrencesItsSeriesNoLongerHas() {
        String first = CAL_PATH + "/calendarView/delta?$deltatoken=d1";
        FIX.server.stubFor(get(urlPathMatching(DELTA_RX)).withQueryParam("startDateTime", matching(".+"))
                .willReturn(okJson(page(null, first,
                        master("standup", "2024-03-04T08:00:00", "2024-03-04T08:15:00", "busy", "accepted"),
                        bare("standup-1", "standup", "2024-03-04T08:00:00", "2024-03-04T08:15:00"),
                        bare("standup-2", "standup", "2024-03-05T08:00:00", "2024-03-05T08:15:00"),
                        bare("standup-3", "standup", "2024-03-06T08:00:00", "2024-03-06T08:15:00"),
                        master("weekly", "2024-03-04T14:00:00", "2024-03-04T15:00:00", "busy", "organizer"),
                        bare("weekly-1", "weekly", "2024-03-04T14:00:00", "2024-03-04T15:00:00"),
                        master("retro", "2024-03-08T14:00:00", "2024-03-08T15:00:00", "busy", "organizer"),
                        bare("retro-1", "retro", "2024-03-08T14:00:00", "2024-03-08T15:00:00")))));
        FIX.server.stubFor(get(urlPathMatching(DELTA_RX)).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(okJson(page(null, CAL_PATH + "/calendarView/delta?$deltatoken=d2",
                        master("standup", "2024-03-04T08:00:00", "2024-03-04T08:15:00", "busy", "accepted"),
                        bare("standup-1", "standup", "2024-03-04T08:00:00", "2024-03-04T08:15:00"),
                        bare("standup-3", "standup", "2024-03-06T08:00:00", "2024-03-06T08:15:00"),
                        GraphJson.removed("weekly"),
                        // a master without instances says nothing about them: they stay
                        master("retro", "2024-03-08T14:00:00", "2024-03-08T15:00:00", "busy", "organizer")))));
        OutlookConnection connection = connect("delta");
        assertThat(byEvent(connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults()))).containsOnlyKeys(
                "standup-1", "standup-2", "standup-3", "weekly-1", "retro-1");

        Map<String, Interval> busy = byEvent(connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsOnlyKeys("standup-1", "standup-3", "retro-1");
    }

    @Test
    void storedDeltaState_keepsEachOccurrencesSeries_andReadsLinesWrittenWithoutIt() {
        var facts = dev.personaltracker.calendar.spi.EventFacts.busy();
        Interval one = at("2024-03-04T08:00:00Z", "2024-03-04T08:15:00Z");
        DeltaState state = DeltaState.fresh(WEEK, "https://graph.microsoft.com/v1.0/d?$deltatoken=x", Map.of(
                "occ", new DeltaState.Cached(one, facts, java.util.Optional.empty(), java.util.Optional.of("master")),
                "single", new DeltaState.Cached(one, facts, java.util.Optional.of("Title"), java.util.Optional.empty())));
        String snapshot = state.encodeSnapshot();
        String link = state.encodeLink(Instant.parse("2024-03-04T00:00:00Z"));

        DeltaState read = DeltaState.decode(java.util.Optional.of(snapshot), java.util.Optional.of(link)).orElseThrow();
        // as the previous version wrote it: event lines of eight columns, without the series
        String withoutSeries = snapshot.lines().map(l -> l.split("\t", -1).length == 9 ? l.substring(0, l.lastIndexOf('\t')) : l)
                .collect(Collectors.joining("\n", "", "\n"));
        DeltaState older = DeltaState.decode(java.util.Optional.of(withoutSeries), java.util.Optional.of(link)).orElseThrow();

        assertThat(read.events()).isEqualTo(state.events());
        assertThat(older.events().get("occ").series()).isEmpty();
        assertThat(older.events().get("single").title()).hasValue("Title");
    }

    @Test
    void deltaOccurrences_whoseSeriesIsGone_doNotBlock() {
        stub("delta", page(null, CAL_PATH + "/calendarView/delta?$deltatoken=d1",
                bare("gone-1", "gone", "2024-03-06T18:00:00", "2024-03-06T19:00:00")));
        FIX.server.stubFor(get(urlPathEqualTo(CAL_PATH + "/events/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphJson.error("ErrorItemNotFound", "The specified object was not found in the store."))));

        assertThat(connect("delta").busy(List.of(CAL), WEEK, BusyPolicy.defaults())).isEmpty();
    }
}
