package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.personaltracker.calendar.outlook.GraphJson.busy;
import static dev.personaltracker.calendar.outlook.GraphJson.event;
import static dev.personaltracker.calendar.outlook.GraphJson.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutlookConnectionTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final String CAL = "AAMkAGI2TGuLAAA"; // real ids end in "=", which Kiota percent-encodes in the path
    private static final String CAL_PATH = "/v1.0/me/calendars/" + CAL;
    private static final String VIEW = CAL_PATH + "/calendarView";
    private static final String DELTA = VIEW + "/delta";
    /** The SDK asks for {@code delta()} (the function call form); Graph's own links say {@code delta}. */
    private static final String DELTA_RX = VIEW + "/delta(\\(\\))?";
    private static final String EVENTS = CAL_PATH + "/events";
    private static final Interval WEEK = Interval.of(Instant.parse("2024-03-04T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z"));
    private static final SessionKey KEY = SessionKey.of("sess-1");

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    private OutlookConnection connect(String sync) {
        return connect(FIX.settings().property("sync", sync));
    }

    private OutlookConnection connect(ProviderSettings.Builder settings) {
        return provider.connect(settings.property("account", GraphFixture.USER).build(), Credentials.accessToken("graph-token"));
    }

    private static Interval iv(String start, String end) {
        return Interval.of(Instant.parse(start + "Z"), Instant.parse(end + "Z"));
    }

    // ---- reading busy time -------------------------------------------------------------------------------------

    /** Two pages of a week: every classification case of the busy policy, as Graph sends it. */
    private static void stubWeek(String path, String firstPageQuery, String nextPath, String nextLink, String deltaLink) {
        // a delta round is started for whole days plus a day either side of the window asked for
        boolean delta = deltaLink != null;
        stubWeek(path, firstPageQuery, nextPath, nextLink, deltaLink,
                delta ? "2024-03-03T00:00:00Z" : "2024-03-04T00:00:00Z", delta ? "2024-03-12T00:00:00Z" : "2024-03-11T00:00:00Z");
    }

    private static void stubWeek(String path, String firstPageQuery, String nextPath, String nextLink, String deltaLink,
                                 String start, String end) {
        String page1 = page(nextLink, null,
                busy("busy-1", "2024-03-04T09:00:00", "2024-03-04T09:30:00"),
                event("free-1", "2024-03-04T12:00:00", "2024-03-04T13:00:00", "free", "accepted", ""),
                event("oof-1", "2024-03-05T13:00:00", "2024-03-05T17:00:00", "oof", "organizer", ""),
                event("declined-1", "2024-03-05T10:00:00", "2024-03-05T11:00:00", "busy", "declined", ""),
                event("declined-2", "2024-03-09T10:00:00", "2024-03-09T11:00:00", "busy", "Declined", ""),
                event("elsewhere-1", "2024-03-09T08:00:00", "2024-03-09T17:00:00", "WorkingElsewhere", "organizer", ""));
        String page2 = page(nextLink == null ? null : null, deltaLink,
                event("occ-1", "2024-03-06T08:00:00", "2024-03-06T08:30:00", "busy", "accepted",
                        ",\"type\":\"occurrence\",\"seriesMasterId\":\"master-1\"").replace("\"type\":\"singleInstance\",", ""),
                event("occ-2", "2024-03-07T08:00:00", "2024-03-07T08:30:00", "busy", "accepted",
                        ",\"type\":\"occurrence\",\"seriesMasterId\":\"master-1\"").replace("\"type\":\"singleInstance\",", ""),
                event("exc-1", "2024-03-08T09:00:00", "2024-03-08T09:30:00", "busy", "accepted",
                        ",\"type\":\"exception\",\"seriesMasterId\":\"master-1\"").replace("\"type\":\"singleInstance\",", ""),
                event("cancelled-1", "2024-03-06T15:00:00", "2024-03-06T16:00:00", "busy", "accepted", "")
                        .replace("\"isCancelled\":false", "\"isCancelled\":true"),
                event("allday-1", "2024-03-07T00:00:00", "2024-03-08T00:00:00", "busy", "organizer", "")
                        .replace("\"isAllDay\":false", "\"isAllDay\":true")
                        .replace("Pacific Standard Time", "W. Europe Standard Time"),
                event("allday-free", "2024-03-10T00:00:00", "2024-03-11T00:00:00", "free", "organizer", "")
                        .replace("\"isAllDay\":false", "\"isAllDay\":true"),
                event("tentative-1", "2024-03-08T14:00:00", "2024-03-08T15:00:00", "tentative", "tentativelyAccepted", ""),
                event("own-1", "2024-03-08T16:00:00", "2024-03-08T17:00:00", "busy", "organizer",
                        ",\"singleValueExtendedProperties\":[{\"id\":\"" + GraphEvents.TAG_ID + "\",\"value\":\"sess-1\"}]"),
                // delta answers carry no $expand: our sessions are known by their transactionId there
                event("own-2", "2024-03-09T16:00:00", "2024-03-09T17:00:00", "busy", "organizer",
                        ",\"transactionId\":\"personaltracker-sess-2\""));
        FIX.server.stubFor(get(urlPathMatching(path)).withQueryParam("startDateTime", equalTo(start))
                .withQueryParam("endDateTime", equalTo(end))
                .willReturn(okJson(page1)));
        FIX.server.stubFor(get(urlPathMatching(nextPath)).withQueryParam(firstPageQuery, equalTo("p2"))
                .willReturn(okJson(page2)));
    }

    private static final List<Interval> WEEK_BUSY = List.of(
            iv("2024-03-04T09:00:00", "2024-03-04T09:30:00"),   // busy
            iv("2024-03-05T13:00:00", "2024-03-05T17:00:00"),   // oof
            iv("2024-03-06T08:00:00", "2024-03-06T08:30:00"),   // occurrence
            iv("2024-03-06T23:00:00", "2024-03-07T23:00:00"),   // all-day busy, Berlin's day
            iv("2024-03-07T08:00:00", "2024-03-07T08:30:00"),   // occurrence
            iv("2024-03-08T09:00:00", "2024-03-08T09:30:00"),   // moved occurrence (exception)
            iv("2024-03-08T14:00:00", "2024-03-08T15:00:00"));  // tentative blocks by default

    @Test
    void busy_fullRead_followsAbsoluteNextLinksAndAppliesThePolicy() {
        stubWeek(VIEW, "$skip", VIEW, VIEW + "?$skip=p2", null);

        List<BusyInterval> busy = connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        assertThat(busy).extracting(BusyInterval::interval).containsExactlyElementsOf(WEEK_BUSY);
        assertThat(busy).allSatisfy(b -> {
            assertThat(b.source().calendarId()).isEqualTo(CAL);
            assertThat(b.source().providerId()).isEqualTo("outlook");
            assertThat(b.source().title()).isEmpty();
        });
        FIX.server.verify(2, getRequestedFor(urlPathEqualTo(VIEW)));
        FIX.server.verify(getRequestedFor(urlPathEqualTo(VIEW)).withQueryParam("$top", equalTo("500"))
                .withQueryParam("$select", containing("showAs"))
                .withQueryParam("$select", containing("responseStatus"))
                .withQueryParam("$expand", containing(GraphEvents.TAG_ID))
                .withHeader("Prefer", equalTo("outlook.timezone=\"UTC\""))
                .withHeader("Authorization", equalTo("Bearer graph-token")));
    }

    @Test
    void busy_nextLinkToAnotherHostGetsNoToken() {
        // Same server, other host name: the SDK's allowed-hosts check must keep the token for the Graph host.
        String foreign = "http://127.0.0.1:" + FIX.server.port() + VIEW + "?$skip=p2";
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).withQueryParam("$skip", absent())
                .willReturn(okJson(page(null, null).replace("]}", "],\"@odata.nextLink\":\"" + foreign + "\"}"))));
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).withQueryParam("$skip", equalTo("p2"))
                .willReturn(okJson(page(null, null, busy("busy-1", "2024-03-04T09:00:00", "2024-03-04T09:30:00")))));

        assertThat(connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults())).hasSize(1);
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo(VIEW)).withHeader("Authorization", equalTo("Bearer graph-token")));
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo(VIEW)).withQueryParam("$skip", equalTo("p2"))
                .withoutHeader("Authorization"));
    }

    @Test
    void busy_tentativeFollowsThePolicyAndTitlesOnlyWhenAsked() {
        stubWeek(VIEW, "$skip", VIEW, VIEW + "?$skip=p2", null);

        List<BusyInterval> busy = connect("full").busy(List.of(CAL), WEEK,
                BusyPolicy.defaults().withTentativeBlocks(false).withIncludeTitles(true));

        assertThat(busy).extracting(BusyInterval::interval)
                .doesNotContain(iv("2024-03-08T14:00:00", "2024-03-08T15:00:00")).hasSize(WEEK_BUSY.size() - 1);
        assertThat(busy.get(0).source().title()).contains("Event busy-1");
    }

    @Test
    void busy_allDayEventAlreadyConvertedToUtcIsReadAsTimed() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(okJson(page(null, null,
                event("allday-utc", "2024-03-09T23:00:00", "2024-03-10T23:00:00", "busy", "organizer", "")
                        .replace("\"isAllDay\":false", "\"isAllDay\":true")))));

        assertThat(connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults())).extracting(BusyInterval::interval)
                .containsExactly(iv("2024-03-09T23:00:00", "2024-03-10T23:00:00"));
    }

    @Test
    void busy_clipsToTheWindow() {
        stubWeek(VIEW, "$skip", VIEW, VIEW + "?$skip=p2", null);
        Interval part = Interval.of(Instant.parse("2024-03-04T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z"));

        assertThat(connect("full").busy(List.of(CAL), part, BusyPolicy.defaults()))
                .allSatisfy(b -> assertThat(part.encloses(b.interval())).isTrue());
    }

    @Test
    void busy_delta_firstReadFetchesEveryPageThenAnUnchangedReadIsOneRequest() {
        stubWeek(DELTA_RX, "$skiptoken", DELTA_RX, DELTA + "?$skiptoken=p2", DELTA + "?$deltatoken=d1");
        FIX.server.stubFor(get(urlPathMatching(DELTA_RX)).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(okJson(page(null, DELTA + "?$deltatoken=d1"))));
        var sync = InMemorySyncStateStore.create();
        OutlookConnection connection = connect(FIX.settings().syncStateStore(sync));

        List<BusyInterval> first = connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());
        int afterFirst = FIX.server.findAll(getRequestedFor(urlPathMatching(DELTA_RX))).size();
        List<BusyInterval> second = connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        assertThat(first).extracting(BusyInterval::interval).containsExactlyElementsOf(WEEK_BUSY);
        assertThat(second).isEqualTo(first);
        assertThat(afterFirst).isEqualTo(2);
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(DELTA_RX)))).hasSize(3);
        FIX.server.verify(getRequestedFor(urlPathMatching(DELTA_RX)).withQueryParam("startDateTime", equalTo("2024-03-03T00:00:00Z"))
                .withHeader("Prefer", equalTo("odata.maxpagesize=500")));
        assertThat(sync.load(dev.personaltracker.calendar.spi.TokenKey.of("host-token", "outlook", GraphFixture.USER),
                DeltaState.linkKey(CAL))).hasValueSatisfying(s -> assertThat(s).contains("$deltatoken=d1"));
    }

    @Test
    void busy_delta_appliesChangesAndRemovals() {
        stubWeek(DELTA_RX, "$skiptoken", DELTA_RX, DELTA + "?$skiptoken=p2", DELTA + "?$deltatoken=d1");
        FIX.server.stubFor(get(urlPathMatching(DELTA_RX)).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(okJson(page(null, DELTA + "?$deltatoken=d2",
                        GraphJson.removed("busy-1"),
                        busy("new-1", "2024-03-04T15:00:00", "2024-03-04T16:00:00"),
                        event("oof-1", "2024-03-05T13:00:00", "2024-03-05T17:00:00", "free", "organizer", "")))));
        OutlookConnection connection = connect("delta");
        connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        List<BusyInterval> after = connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        assertThat(after).extracting(BusyInterval::interval)
                .contains(iv("2024-03-04T15:00:00", "2024-03-04T16:00:00"))
                .doesNotContain(iv("2024-03-04T09:00:00", "2024-03-04T09:30:00"))
                .doesNotContain(iv("2024-03-05T13:00:00", "2024-03-05T17:00:00"))
                .hasSize(WEEK_BUSY.size() - 1);
    }

    @Test
    void busy_delta_expiredLinkStartsAFullResync() {
        stubWeek(DELTA_RX, "$skiptoken", DELTA_RX, DELTA + "?$skiptoken=p2", DELTA + "?$deltatoken=d1");
        FIX.server.stubFor(get(urlPathMatching(DELTA_RX)).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(aResponse().withStatus(410).withHeader("Content-Type", "application/json")
                        .withBody(GraphJson.error("syncStateNotFound", "The sync state generation is not found."))));
        OutlookConnection connection = connect("delta");
        connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        List<BusyInterval> again = connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        assertThat(again).extracting(BusyInterval::interval).containsExactlyElementsOf(WEEK_BUSY);
        // first round (2 pages) + refused link + new round (2 pages)
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(DELTA_RX)))).hasSize(5);
    }

    @Test
    void busy_delta_aWiderWindowStartsANewRound() {
        stubWeek(DELTA_RX, "$skiptoken", DELTA_RX, DELTA + "?$skiptoken=p2", DELTA + "?$deltatoken=d1");
        FIX.server.stubFor(get(urlPathMatching(DELTA_RX)).withQueryParam("startDateTime", equalTo("2024-02-29T00:00:00Z"))
                .willReturn(okJson(page(null, DELTA + "?$deltatoken=wide"))));
        OutlookConnection connection = connect("delta");
        connection.busy(List.of(CAL), WEEK, BusyPolicy.defaults());

        List<BusyInterval> wider = connection.busy(List.of(CAL),
                Interval.of(Instant.parse("2024-03-01T00:00:00Z"), WEEK.end()), BusyPolicy.defaults());

        assertThat(wider).isEmpty();
        FIX.server.verify(getRequestedFor(urlPathMatching(DELTA_RX)).withQueryParam("startDateTime", equalTo("2024-02-29T00:00:00Z")));
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    @Test
    void faults_429WithRetryAfterIsRetriedByTheSdk() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0").withHeader("Content-Type", "application/json")
                        .withBody(GraphJson.error("TooManyRequests", "Please retry again later.")))
                .willSetStateTo("ok"));
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(okJson(page(null, null, busy("busy-1", "2024-03-04T09:00:00", "2024-03-04T09:30:00")))));

        assertThat(connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults())).hasSize(1);
        FIX.server.verify(2, getRequestedFor(urlPathEqualTo(VIEW)));
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo(VIEW)).withHeader("Retry-Attempt", equalTo("1")));
    }

    @Test
    void faults_persistent429IsRateLimitedAfterThePolicysAttempts() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                .withHeader("Content-Type", "application/json")
                .withBody(GraphJson.error("TooManyRequests", "Please retry again later."))));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).contains(Duration.ZERO))
                .hasMessageContaining(CAL).hasMessageContaining("calendarView").hasMessageContaining("429");
        FIX.server.verify(3, getRequestedFor(urlPathEqualTo(VIEW)));
    }

    @Test
    void faults_aRetryAfterLongerThanTheLargestDelayIsNotWaitedFor() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo(VIEW)));
    }

    @Test
    void faults_persistent504IsProviderUnavailableAfterThePolicysAttempts() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(aResponse().withStatus(504).withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isExactlyInstanceOf(ProviderUnavailableException.class).hasMessageContaining("504").hasMessageContaining(CAL);
        FIX.server.verify(3, getRequestedFor(urlPathEqualTo(VIEW)));
    }

    @Test
    void faults_persistent503IsProviderUnavailable() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isExactlyInstanceOf(ProviderUnavailableException.class).hasMessageContaining("503");
        // 3 attempts of the SDK's retry handler; OkHttp itself repeats a 503 carrying "Retry-After: 0" once more.
        FIX.server.verify(6, getRequestedFor(urlPathEqualTo(VIEW)));
    }

    @Test
    void faults_connectionResetIsProviderUnavailable() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isExactlyInstanceOf(ProviderUnavailableException.class).hasMessageContaining(CAL);
        // reads are idempotent: the policy's 3 attempts
        FIX.server.verify(3, getRequestedFor(urlPathEqualTo(VIEW)));
    }

    @Test
    void faults_aConnectionResetOnceIsRetried() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).inScenario("reset").whenScenarioStateIs("ok")
                .willReturn(okJson(page(null, null, busy("busy-1", "2024-03-04T09:00:00", "2024-03-04T09:30:00")))));

        assertThat(connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults())).hasSize(1);
        FIX.server.verify(2, getRequestedFor(urlPathEqualTo(VIEW)));
    }

    @Test
    void faults_malformedBodyIsAnUnexpectedResponseNamingCalendarAndRequest() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(okJson("{\"value\":[{\"id\":\"x\",")));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining(CAL).hasMessageContaining("calendarView");
    }

    @Test
    void faults_eventWithoutStartIsAnUnexpectedResponse() {
        FIX.server.stubFor(get(urlPathEqualTo(VIEW)).willReturn(okJson(
                "{\"value\":[{\"id\":\"broken-1\",\"showAs\":\"busy\",\"end\":{\"dateTime\":\"2024-03-04T10:00:00\",\"timeZone\":\"UTC\"}}]}")));

        assertThatThrownBy(() -> connect("full").busy(List.of(CAL), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("broken-1").hasMessageContaining(CAL);
    }

    // ---- own sessions ------------------------------------------------------------------------------------------

    private static String sessionJson(String id, String start, String end, String etag) {
        return "{\"@odata.etag\":\"" + etag.replace("\"", "\\\"") + "\",\"id\":\"" + id + "\",\"subject\":\"Study Session\","
                + "\"isAllDay\":false,\"transactionId\":\"personaltracker-sess-1\","
                + "\"start\":{\"dateTime\":\"" + start + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + end + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"singleValueExtendedProperties\":[{\"id\":\"" + GraphEvents.TAG_ID + "\",\"value\":\"sess-1\"}]}";
    }

    private static final Interval SLOT = iv("2024-03-05T18:00:00", "2024-03-05T19:00:00");

    @Test
    void createSession_sendsTransactionIdAndTagAndSurvivesADroppedResponse() {
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":[]}")));
        FIX.server.stubFor(post(urlPathEqualTo(EVENTS)).inScenario("drop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("created"));
        FIX.server.stubFor(post(urlPathEqualTo(EVENTS)).inScenario("drop").whenScenarioStateIs("created")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(sessionJson("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\""))));

        StudyEvent created = connect("full").createSession(CAL, KEY, SLOT, SessionDetails.defaults());

        assertThat(created).isEqualTo(new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\"")));
        List<LoggedRequest> posts = FIX.server.findAll(postRequestedFor(urlPathEqualTo(EVENTS)));
        assertThat(posts).hasSizeGreaterThanOrEqualTo(2);
        FIX.server.verify(posts.size(), postRequestedFor(urlPathEqualTo(EVENTS))
                .withRequestBody(matchingJsonPath("$.transactionId", equalTo("personaltracker-sess-1")))
                .withRequestBody(matchingJsonPath("$.singleValueExtendedProperties[0].id", equalTo(GraphEvents.TAG_ID)))
                .withRequestBody(matchingJsonPath("$.singleValueExtendedProperties[0].value", equalTo("sess-1")))
                .withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2024-03-05T18:00:00")))
                .withRequestBody(matchingJsonPath("$.start.timeZone", equalTo("UTC")))
                .withRequestBody(matchingJsonPath("$.subject", equalTo("Study Session"))));
    }

    @Test
    void createSession_returnsTheExistingEventWithoutPosting() {
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).withQueryParam("$filter", containing("ep/value eq 'sess-1'"))
                .willReturn(okJson("{\"value\":[" + sessionJson("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\"") + "]}")));

        StudyEvent found = connect("full").createSession(CAL, KEY, SLOT, SessionDetails.defaults());

        assertThat(found.eventId()).isEqualTo("ev-1");
        FIX.server.verify(0, postRequestedFor(anyUrl()));
        FIX.server.verify(getRequestedFor(urlPathEqualTo(EVENTS))
                .withQueryParam("$filter", equalTo("singleValueExtendedProperties/Any(ep: ep/id eq '" + GraphEvents.TAG_ID
                        + "' and ep/value eq 'sess-1')"))
                .withQueryParam("$expand", equalTo("singleValueExtendedProperties($filter=id eq '" + GraphEvents.TAG_ID + "')")));
    }

    @Test
    void createSession_readOnlyRefusesWithoutRequests() {
        assertThatThrownBy(() -> connect(FIX.settings().readOnly(true)).createSession(CAL, KEY, SLOT, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("read-only");
        FIX.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void findSessions_returnsTaggedEventsInTheWindowOnly() {
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":["
                + sessionJson("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\"") + ","
                + sessionJson("ev-2", "2024-04-05T18:00:00", "2024-04-05T19:00:00", "W/\"e2\"") + "]}")));

        assertThat(connect("full").findSessions(CAL, WEEK)).extracting(StudyEvent::eventId).containsExactly("ev-1");
    }

    @Test
    void moveSession_sendsIfMatchWithTheEtag() {
        StudyEvent event = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));
        Interval to = iv("2024-03-06T18:00:00", "2024-03-06T19:00:00");
        FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).withHeader("If-Match", equalTo("W/\"e1\""))
                .willReturn(okJson(sessionJson("ev-1", "2024-03-06T18:00:00", "2024-03-06T19:00:00", "W/\"e2\""))));

        StudyEvent moved = connect("full").moveSession(event, to);

        assertThat(moved.interval()).isEqualTo(to);
        assertThat(moved.version()).contains("W/\"e2\"");
        FIX.server.verify(patchRequestedFor(urlPathEqualTo(EVENTS + "/ev-1"))
                .withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2024-03-06T18:00:00"))));
    }

    @Test
    void moveSession_412WithTheTimeUnchangedRetriesWithTheFreshEtag() {
        StudyEvent event = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));
        FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).withHeader("If-Match", equalTo("W/\"e1\""))
                .willReturn(aResponse().withStatus(412).withHeader("Content-Type", "application/json")
                        .withBody(GraphJson.error("ErrorIrresolvableConflict", "The change key passed in the request does not match the current change key for the item."))));
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS + "/ev-1"))
                .willReturn(okJson(sessionJson("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e9\""))));
        FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).withHeader("If-Match", equalTo("W/\"e9\""))
                .willReturn(okJson(sessionJson("ev-1", "2024-03-06T18:00:00", "2024-03-06T19:00:00", "W/\"e10\""))));

        StudyEvent moved = connect("full").moveSession(event, iv("2024-03-06T18:00:00", "2024-03-06T19:00:00"));

        assertThat(moved.version()).contains("W/\"e10\"");
        FIX.server.verify(2, patchRequestedFor(urlPathEqualTo(EVENTS + "/ev-1")));
    }

    @Test
    void moveSession_aSessionThePersonMovedIsReportedNotOverwritten() {
        StudyEvent event = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));
        FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).willReturn(aResponse().withStatus(412)));
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS + "/ev-1"))
                .willReturn(okJson(sessionJson("ev-1", "2024-03-05T20:00:00", "2024-03-05T21:00:00", "W/\"e9\""))));

        assertThatThrownBy(() -> connect("full").moveSession(event, iv("2024-03-06T18:00:00", "2024-03-06T19:00:00")))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current()).hasValueSatisfying(
                        c -> assertThat(c.interval()).isEqualTo(iv("2024-03-05T20:00:00", "2024-03-05T21:00:00"))));
        FIX.server.verify(1, patchRequestedFor(urlPathEqualTo(EVENTS + "/ev-1")));
    }

    @Test
    void moveSession_aDeletedSessionIsReportedAsGone() {
        StudyEvent event = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));
        FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(GraphJson.error("ErrorItemNotFound", "The specified object was not found in the store."))));

        assertThatThrownBy(() -> connect("full").moveSession(event, iv("2024-03-06T18:00:00", "2024-03-06T19:00:00")))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current()).isEmpty());
    }

    @Test
    void deleteSession_deletesAndTreats404AsDone() {
        StudyEvent event = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));
        FIX.server.stubFor(delete(urlPathEqualTo(EVENTS + "/ev-1")).inScenario("del").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(204)).willSetStateTo("gone"));
        FIX.server.stubFor(delete(urlPathEqualTo(EVENTS + "/ev-1")).inScenario("del").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(GraphJson.error("ErrorItemNotFound", "The specified object was not found in the store."))));
        OutlookConnection connection = connect("full");

        connection.deleteSession(event);
        connection.deleteSession(event);

        FIX.server.verify(2, deleteRequestedFor(urlPathEqualTo(EVENTS + "/ev-1")));
    }

    // ---- getSchedule and working hours -------------------------------------------------------------------------

    @Test
    void schedules_chunksTo20AddressesAndUnder62DaysAndClassifiesItems() {
        List<String> people = IntStream.rangeClosed(1, 25).mapToObj(i -> "p" + i + "@contoso.com").toList();
        FIX.server.stubFor(post(urlPathEqualTo("/v1.0/me/calendar/getSchedule")).willReturn(okJson("""
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
                 "value":[
                  {"scheduleId":"P1@contoso.com","availabilityView":"000220000",
                   "scheduleItems":[
                    {"isPrivate":false,"status":"busy","subject":"Let's go for lunch","location":"Harry's Bar",
                     "start":{"dateTime":"2024-03-04T12:00:00.0000000","timeZone":"UTC"},
                     "end":{"dateTime":"2024-03-04T13:00:00.0000000","timeZone":"UTC"}},
                    {"status":"Tentative","start":{"dateTime":"2024-03-04T14:00:00.0000000","timeZone":"UTC"},
                     "end":{"dateTime":"2024-03-04T15:00:00.0000000","timeZone":"UTC"}},
                    {"status":"free","start":{"dateTime":"2024-03-04T16:00:00.0000000","timeZone":"UTC"},
                     "end":{"dateTime":"2024-03-04T17:00:00.0000000","timeZone":"UTC"}},
                    {"status":"Oof","start":{"dateTime":"2024-03-05T00:00:00.0000000","timeZone":"UTC"},
                     "end":{"dateTime":"2024-03-06T00:00:00.0000000","timeZone":"UTC"}}],
                   "workingHours":{"daysOfWeek":["monday"],"startTime":"08:00:00.0000000","endTime":"17:00:00.0000000",
                                   "timeZone":{"name":"Pacific Standard Time"}}},
                  {"scheduleId":"p2@contoso.com","availabilityView":"",
                   "error":{"message":"Your request can't be completed. The user doesn't exist.","responseCode":"ErrorMailRecipientNotFound"}}
                 ]}""")));
        Interval seventyDays = Interval.of(WEEK.start(), WEEK.start().plus(Duration.ofDays(70)));

        List<FreeBusySchedule> schedules = connect("full").schedules(people, seventyDays,
                BusyPolicy.defaults().withTentativeBlocks(false));

        assertThat(schedules).hasSize(25);
        assertThat(schedules.get(0).address()).isEqualTo("p1@contoso.com");
        assertThat(schedules.get(0).busy().intervals()).containsExactly(
                iv("2024-03-04T12:00:00", "2024-03-04T13:00:00"), iv("2024-03-05T00:00:00", "2024-03-06T00:00:00"));
        assertThat(schedules.get(1).error()).hasValueSatisfying(m -> assertThat(m).contains("doesn't exist"));
        assertThat(schedules.get(2).busy().isEmpty()).isTrue();
        List<LoggedRequest> requests = FIX.server.findAll(postRequestedFor(urlPathEqualTo("/v1.0/me/calendar/getSchedule")));
        assertThat(requests).hasSize(4); // 2 address chunks x 2 time chunks
        for (LoggedRequest r : requests) {
            String body = r.getBodyAsString();
            assertThat(body.split("@contoso.com", -1).length - 1).isLessThanOrEqualTo(20);
            assertThat(r.getHeader("Prefer")).isEqualTo("outlook.timezone=\"UTC\"");
        }
        FIX.server.verify(postRequestedFor(urlPathEqualTo("/v1.0/me/calendar/getSchedule"))
                .withRequestBody(matchingJsonPath("$.StartTime.dateTime", equalTo("2024-05-04T00:00:00")))
                .withRequestBody(matchingJsonPath("$.EndTime.dateTime", equalTo("2024-05-13T00:00:00"))));
    }

    @Test
    void workingHours_mapsTheWindowsZoneToIana() {
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/mailboxSettings")).willReturn(okJson("""
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Me/mailboxSettings",
                 "archiveFolder":"AAMkAGI2TGuLAAA=","timeZone":"Pacific Standard Time",
                 "workingHours":{"daysOfWeek":["monday","tuesday","wednesday","thursday","friday"],
                   "startTime":"08:00:00.0000000","endTime":"17:00:00.0000000",
                   "timeZone":{"name":"Pacific Standard Time"}}}""")));

        WeeklyHours hours = connect("full").workingHours().orElseThrow();

        ZoneId la = ZoneId.of("America/Los_Angeles");
        WeeklyHours.Builder expected = WeeklyHours.builder(la);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            expected.add(d, LocalTime.of(8, 0), LocalTime.of(17, 0));
        }
        assertThat(hours.zone()).isEqualTo(la);
        assertThat(hours.within(WEEK)).isEqualTo(expected.build().within(WEEK));
    }

    @Test
    void workingHours_customTimeZoneUsesItsBias() {
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/mailboxSettings")).willReturn(okJson("""
                {"timeZone":"Customized Time Zone",
                 "workingHours":{"daysOfWeek":["Saturday"],"startTime":"10:00:00.0000000","endTime":"14:00:00.0000000",
                   "timeZone":{"@odata.type":"#microsoft.graph.customTimeZone","bias":-60,"name":"Customized Time Zone",
                     "standardOffset":{"time":"03:00:00.0000000","dayOccurrence":5,"dayOfWeek":"sunday","month":10,"year":0},
                     "daylightOffset":{"daylightBias":-60,"time":"02:00:00.0000000","dayOccurrence":5,"dayOfWeek":"sunday","month":3,"year":0}}}}""")));

        WeeklyHours hours = connect("full").workingHours().orElseThrow();

        assertThat(hours.zone()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(hours.within(WEEK).intervals()).containsExactly(iv("2024-03-09T09:00:00", "2024-03-09T13:00:00"));
    }

    @Test
    void accountId_ofAHostTokenIsReadFromMeOnce() {
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me")).willReturn(okJson(
                "{\"mail\":\"AdeleV@contoso.com\",\"userPrincipalName\":\"AdeleV@contoso.com\"}")));
        OutlookConnection connection = provider.connect(FIX.settings().build(), Credentials.accessToken("graph-token"));

        assertThat(connection.accountId()).isEqualTo("AdeleV@contoso.com");
        assertThat(connection.accountId()).isEqualTo("AdeleV@contoso.com");
        FIX.server.verify(1, getRequestedFor(urlPathEqualTo("/v1.0/me")).withQueryParam("$select", equalTo("mail,userPrincipalName")));
    }
}
