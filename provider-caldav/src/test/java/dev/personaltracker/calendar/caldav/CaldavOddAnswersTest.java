package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.CALENDAR;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.multistatus;
import static dev.personaltracker.calendar.caldav.DavStubs.privilege;
import static dev.personaltracker.calendar.caldav.DavStubs.response;
import static dev.personaltracker.calendar.caldav.DavStubs.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers real servers give that Radicale does not: a create stored under another name (201 + Location), writes
 * answered without an ETag, refused sync tokens of every shape, truncated and oddly spelled multistatus answers,
 * query answers without calendar-data, and a Digest-only challenge.
 */
class CaldavOddAnswersTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval AT = Interval.of(Instant.parse("2026-05-04T08:00:00Z"), Duration.ofHours(1));
    static final Interval WEEK = Interval.of(Instant.parse("2026-05-04T00:00:00Z"),
            Instant.parse("2026-05-11T00:00:00Z"));
    static final String BY_UID = "<c:prop-filter name=\"UID\">";

    final InMemoryTokenStore tokens = InMemoryTokenStore.create();

    @BeforeEach
    void discovery() {
        DavStubs.discovery(wm);
    }

    CalendarConnection connect() {
        return new CaldavCalendarProvider().connect(settings(wm, fast(2)),
                DavStubs.stored(tokens, wm.baseUrl() + "/dav/"));
    }

    static String session(String key, String start, String end) {
        return CaldavDavFaultsTest.session(key, start, end);
    }

    /** A calendar that offers sync-collection and may only be read (busy-time reads). */
    static void syncingCalendar() {
        wm.stubFor(request("PROPFIND", urlEqualTo(CALENDAR)).willReturn(multistatus(response(CALENDAR,
                "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:sync-token>t0</d:sync-token>"
                        + "<d:current-user-privilege-set>" + privilege("read") + "</d:current-user-privilege-set>"))));
    }

    static List<String> intervals(List<BusyInterval> busy) {
        return busy.stream().map(b -> b.interval().toString()).toList();
    }

    // --- findSession and create when the server names the resource itself ---------------------------------------

    @Test
    void createAnswered201WithLocation_isFoundThereAndNotCreatedTwice() {
        DavStubs.calendar(wm, privilege("all"));
        String stored = CALENDAR + "server-7f3a.ics";
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing(BY_UID))
                .inScenario("loc").whenScenarioStateIs(Scenario.STARTED).willReturn(multistatus("")));
        wm.stubFor(request("PUT", urlEqualTo(CALENDAR + "k1.ics")).withHeader("If-None-Match", equalTo("*"))
                .inScenario("loc").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("stored")
                .willReturn(aResponse().withStatus(201).withHeader("Location", wm.baseUrl() + stored)));
        wm.stubFor(request("GET", urlEqualTo(stored)).willReturn(aResponse().withHeader("ETag", "\"s1\"")
                .withBody(session("k1", "20260504T080000Z", "20260504T090000Z"))));
        wm.stubFor(request("GET", urlEqualTo(CALENDAR + "k1.ics")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing(BY_UID))
                .withRequestBody(containing("k1@sessions.personaltracker.dev"))
                .inScenario("loc").whenScenarioStateIs("stored")
                .willReturn(multistatus(response(stored, "<d:getetag>\"s1\"</d:getetag><c:calendar-data>"
                        + session("k1", "20260504T080000Z", "20260504T090000Z") + "</c:calendar-data>"))));
        CalendarConnection connection = connect();

        StudyEvent created = connection.createSession(CALENDAR, SessionKey.of("k1"), AT, SessionDetails.defaults());
        Optional<StudyEvent> found = connection.findSession(CALENDAR, SessionKey.of("k1"));
        StudyEvent again = connection.createSession(CALENDAR, SessionKey.of("k1"), AT, SessionDetails.defaults());

        assertThat(created.eventId()).isEqualTo(stored);
        assertThat(created.version()).contains("\"s1\"");
        assertThat(found).contains(created);
        assertThat(again).isEqualTo(created);
        wm.verify(1, requestedFor("PUT", anyUrl()));
    }

    @Test
    void createStoredUnderAnotherNameWithoutLocation_isFoundByItsUid() {
        DavStubs.calendar(wm, privilege("all"));
        String stored = CALENDAR + "0001.ics";
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing(BY_UID))
                .inScenario("n").whenScenarioStateIs(Scenario.STARTED).willReturn(multistatus("")));
        wm.stubFor(request("PUT", urlEqualTo(CALENDAR + "k8.ics")).inScenario("n").willSetStateTo("stored")
                .willReturn(aResponse().withStatus(204)));
        wm.stubFor(request("GET", urlEqualTo(CALENDAR + "k8.ics")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing(BY_UID))
                .inScenario("n").whenScenarioStateIs("stored")
                .willReturn(multistatus(response(stored, "<d:getetag>\"n1\"</d:getetag><c:calendar-data>"
                        + session("k8", "20260504T080000Z", "20260504T090000Z") + "</c:calendar-data>"))));

        StudyEvent created = connect().createSession(CALENDAR, SessionKey.of("k8"), AT, SessionDetails.defaults());

        assertThat(created.eventId()).isEqualTo(stored);
        assertThat(created.version()).contains("\"n1\"");
    }

    @Test
    void conflictingUidWithoutAnHref_findsTheExistingEventByQuery() {
        DavStubs.calendar(wm, privilege("all"));
        String other = CALENDAR + "other.ics";
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing(BY_UID))
                .inScenario("c").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(multistatus("")));
        wm.stubFor(request("PUT", urlEqualTo(CALENDAR + "k2.ics")).willReturn(aResponse().withStatus(409)
                .withBody("<d:error xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><c:no-uid-conflict/>"
                        + "</d:error>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing(BY_UID))
                .inScenario("c").whenScenarioStateIs("second")
                .willReturn(multistatus(response(other, "<d:getetag>\"o1\"</d:getetag><c:calendar-data>"
                        + session("k2", "20260504T080000Z", "20260504T090000Z") + "</c:calendar-data>"))));

        StudyEvent event = connect().createSession(CALENDAR, SessionKey.of("k2"), AT, SessionDetails.defaults());

        assertThat(event.eventId()).isEqualTo(other);
        assertThat(event.version()).contains("\"o1\"");
    }

    @Test
    void serverRefusingPropertyFilters_createsByNameAsBefore() {
        DavStubs.calendar(wm, privilege("all"));
        String path = CALENDAR + "k6.ics";
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("prop-filter"))
                .willReturn(aResponse().withStatus(403).withBody("<d:error xmlns:d=\"DAV:\" xmlns:c=\""
                        + "urn:ietf:params:xml:ns:caldav\"><c:supported-filter><c:prop-filter name=\"UID\"/>"
                        + "</c:supported-filter></d:error>")));
        wm.stubFor(request("PUT", urlEqualTo(path)).willReturn(aResponse().withStatus(201).withHeader("ETag", "\"6\"")));
        wm.stubFor(request("GET", urlEqualTo(path)).willReturn(aResponse().withStatus(404)));
        CalendarConnection connection = connect();

        StudyEvent created = connection.createSession(CALENDAR, SessionKey.of("k6"), AT, SessionDetails.defaults());

        assertThat(created.eventId()).isEqualTo(path);
        assertThat(connection.findSession(CALENDAR, SessionKey.of("k7"))).isEmpty();
    }

    // --- writes answered without an ETag ------------------------------------------------------------------------

    @Test
    void createAndMoveWithoutETagsInTheAnswers_conditionEveryWriteOnTheETagReadAgain() {
        DavStubs.calendar(wm, privilege("all"));
        String path = CALENDAR + "k3.ics";
        Interval to = Interval.of(Instant.parse("2026-05-04T10:00:00Z"), Duration.ofHours(1));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).willReturn(multistatus("")));
        wm.stubFor(request("PUT", urlEqualTo(path)).withHeader("If-None-Match", equalTo("*"))
                .willReturn(aResponse().withStatus(201)));
        wm.stubFor(request("GET", urlEqualTo(path)).inScenario("e").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withBody(session("k3", "20260504T080000Z", "20260504T090000Z"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(path)).inScenario("e").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(multistatus(response(path, "<d:getetag>\"e1\"</d:getetag>"))));
        wm.stubFor(request("PUT", urlEqualTo(path)).withHeader("If-Match", equalTo("\"e1\""))
                .inScenario("e").willSetStateTo("moved").willReturn(aResponse().withStatus(204)
                        .withHeader("ETag", "W/\"weak\"")));
        wm.stubFor(request("GET", urlEqualTo(path)).inScenario("e").whenScenarioStateIs("moved")
                .willReturn(aResponse().withBody(session("k3", "20260504T100000Z", "20260504T110000Z"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(path)).inScenario("e").whenScenarioStateIs("moved")
                .willReturn(multistatus(response(path, "<d:getetag>\"e2\"</d:getetag>"))));
        wm.stubFor(request("DELETE", urlEqualTo(path)).withHeader("If-Match", equalTo("\"e2\""))
                .willReturn(aResponse().withStatus(204)));
        CalendarConnection connection = connect();

        StudyEvent created = connection.createSession(CALENDAR, SessionKey.of("k3"), AT, SessionDetails.defaults());
        StudyEvent moved = connection.moveSession(created, to);
        connection.deleteSession(new StudyEvent(CALENDAR, path, SessionKey.of("k3"), to, Optional.empty()));

        assertThat(created.version()).contains("\"e1\"");
        assertThat(moved.interval()).isEqualTo(to);
        assertThat(moved.version()).contains("\"e2\"");
        wm.verify(0, requestedFor("PUT", anyUrl()).withHeader("If-Match", equalTo("*")));
        wm.verify(1, requestedFor("DELETE", urlEqualTo(path)).withHeader("If-Match", equalTo("\"e2\"")));
        wm.verify(0, requestedFor("DELETE", anyUrl()).withHeader("If-Match", absent()));
    }

    @Test
    void serverThatNamesNoETagAtAll_isATypedErrorAndNothingIsOverwritten() {
        DavStubs.calendar(wm, privilege("all"));
        String path = CALENDAR + "k4.ics";
        wm.stubFor(request("GET", urlEqualTo(path))
                .willReturn(aResponse().withBody(session("k4", "20260504T080000Z", "20260504T090000Z"))));
        wm.stubFor(request("PROPFIND", urlEqualTo(path)).willReturn(multistatus(response(path, "<d:displayname/>"))));
        CalendarConnection connection = connect();
        StudyEvent event = new StudyEvent(CALENDAR, path, SessionKey.of("k4"), AT, Optional.empty());

        assertThatThrownBy(() -> connection.moveSession(event, AT.padded(Duration.ZERO, Duration.ofHours(1))))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("no ETag")
                .hasMessageContaining(path);
        assertThatThrownBy(() -> connection.deleteSession(event))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("no ETag");
        wm.verify(0, requestedFor("PUT", anyUrl()));
        wm.verify(0, requestedFor("DELETE", anyUrl()));
    }

    // --- sync tokens refused in every shape --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {403, 409, 400, 412, 507})
    void refusedSyncToken_anyShape_isAFullResyncThatLosesNoEvent(int status) {
        syncingCalendar();
        String a = Fixtures.invitation("a", "20260505T100000Z", "ACCEPTED");
        String b = Fixtures.invitation("b", "20260506T100000Z", "ACCEPTED");
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag>")
                        + "<d:sync-token>t1</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag><c:calendar-data>"
                        + a + "</c:calendar-data>"))));
        String condition = status == 507 ? "<d:number-of-matches-within-limits/>" : "<d:valid-sync-token/>";
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token>t1<"))
                .inScenario("t").willSetStateTo("refused").willReturn(aResponse().withStatus(status)
                        .withBody("<?xml version=\"1.0\"?><d:error xmlns:d=\"DAV:\">" + condition + "</d:error>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .inScenario("t").whenScenarioStateIs("refused")
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag>")
                        + response(CALENDAR + "b.ics", "<d:getetag>\"2\"</d:getetag>") + "<d:sync-token>t2</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .inScenario("t").whenScenarioStateIs("refused")
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag><c:calendar-data>"
                        + a + "</c:calendar-data>") + response(CALENDAR + "b.ics", "<d:getetag>\"2\"</d:getetag>"
                        + "<c:calendar-data>" + b + "</c:calendar-data>"))));
        CalendarConnection connection = connect();
        assertThat(intervals(connection.busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults()))).hasSize(1);

        List<BusyInterval> busy = connection.busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());

        assertThat(intervals(busy)).containsExactly("2026-05-05T10:00:00Z/2026-05-05T11:00:00Z",
                "2026-05-06T10:00:00Z/2026-05-06T11:00:00Z");
    }

    // --- truncated and oddly spelled multistatus answers -------------------------------------------------------

    @Test
    void truncatedCalendarQuery_isAskedAgainInHalvesAndLosesNoEvent() {
        syncingCalendar();
        String a = Fixtures.invitation("a", "20260505T100000Z", "ACCEPTED");
        String b = Fixtures.invitation("b", "20260509T100000Z", "ACCEPTED");
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .willReturn(multistatus("<d:sync-token>t1</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query")).atPriority(9)
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag><c:calendar-data>"
                        + a + "</c:calendar-data>") + "<d:response><d:href>/dav/calendars/me/work</d:href><d:status>"
                        + "HTTP/1.1 507 Insufficient Storage</d:status><d:error><d:number-of-matches-within-limits/>"
                        + "</d:error></d:response>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query")).atPriority(1)
                .withRequestBody(containing("start=\"20260503T000000Z\" end=\"20260507T120000Z\""))
                .willReturn(multistatus(response(CALENDAR + "a.ics", "<d:getetag>\"1\"</d:getetag><c:calendar-data>"
                        + a + "</c:calendar-data>"))));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query")).atPriority(1)
                .withRequestBody(containing("start=\"20260507T120000Z\" end=\"20260512T000000Z\""))
                .willReturn(multistatus(response(CALENDAR + "b.ics", "<d:getetag>\"2\"</d:getetag><c:calendar-data>"
                        + b + "</c:calendar-data>"))));

        List<BusyInterval> busy = connect().busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());

        assertThat(intervals(busy)).containsExactly("2026-05-05T10:00:00Z/2026-05-05T11:00:00Z",
                "2026-05-09T10:00:00Z/2026-05-09T11:00:00Z");
    }

    @Test
    void truncatedEvenForAnHour_isATypedErrorNotAPartialAnswer() {
        syncingCalendar();
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .willReturn(multistatus("<d:sync-token>t1</d:sync-token>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .willReturn(aResponse().withStatus(507).withBody("<d:error xmlns:d=\"DAV:\">"
                        + "<d:number-of-matches-within-limits/></d:error>")));

        assertThatThrownBy(() -> connect().busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("truncated");
    }

    @Test
    void multistatusWithOtherPrefixesDefaultNamespaceAbsoluteAndEncodedHrefsCdataAndPartial404_isReadFully() {
        syncingCalendar();
        String crlf = Fixtures.invitation("crlf", "20260505T100000Z", "ACCEPTED");
        String lf = Fixtures.invitation("lf", "20260506T100000Z", "ACCEPTED").replace("\r\n", "\n");
        String entity = Fixtures.invitation("ent", "20260507T100000Z", "ACCEPTED").replace("\r\n", "&#13;\n");
        String missing = Fixtures.invitation("miss", "20260508T100000Z", "ACCEPTED");
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("<d:sync-token></d:sync-token>"))
                .willReturn(aResponse().withStatus(207).withBody("<?xml version=\"1.0\"?><multistatus xmlns=\"DAV:\">"
                        + "<sync-token>t1</sync-token></multistatus>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .willReturn(aResponse().withStatus(207).withHeader("Content-Type", "text/xml").withBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<multistatus xmlns=\"DAV:\" xmlns:CAL=\"urn:ietf:params:xml:ns:caldav\">"
                        + "<response><href>" + wm.baseUrl() + CALENDAR + "Stud%C3%BCnde%20eins.ics</href>"
                        + "<propstat><prop><getetag>\"1\"</getetag><CAL:calendar-data><![CDATA[" + crlf
                        + "]]></CAL:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat>"
                        + "<propstat><prop><CAL:schedule-tag/></prop><status>HTTP/1.1 404 Not Found</status></propstat>"
                        + "</response>"
                        + "<A:response xmlns:A=\"DAV:\"><A:href>" + CALENDAR + "lf.ics</A:href><A:propstat><A:prop>"
                        + "<A:getetag>\"2\"</A:getetag><B:calendar-data xmlns:B=\"urn:ietf:params:xml:ns:caldav\">"
                        + lf + "</B:calendar-data></A:prop><A:status>HTTP/1.1 200 OK</A:status></A:propstat>"
                        + "</A:response>"
                        + "<response><href>" + CALENDAR + "ent.ics</href><propstat><prop><getetag>\"3\"</getetag>"
                        + "<calendar-data xmlns=\"urn:ietf:params:xml:ns:caldav\">" + entity + "</calendar-data>"
                        + "</prop><status>HTTP/1.1 200 OK</status></propstat></response>"
                        + "<response><href>" + CALENDAR + "miss.ics</href><propstat><prop><getetag>\"4\"</getetag>"
                        + "</prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><CAL:calendar-data/>"
                        + "</prop><status>HTTP/1.1 404 Not Found</status></propstat></response>"
                        + "</multistatus>")));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-multiget"))
                .withRequestBody(containing(CALENDAR + "miss.ics"))
                .willReturn(multistatus(response(CALENDAR + "miss.ics", "<d:getetag>\"4\"</d:getetag>"
                        + "<c:calendar-data>" + missing + "</c:calendar-data>"))));

        List<BusyInterval> busy = connect().busy(List.of(CALENDAR), WEEK, BusyPolicy.defaults());

        assertThat(intervals(busy)).containsExactly("2026-05-05T10:00:00Z/2026-05-05T11:00:00Z",
                "2026-05-06T10:00:00Z/2026-05-06T11:00:00Z", "2026-05-07T10:00:00Z/2026-05-07T11:00:00Z",
                "2026-05-08T10:00:00Z/2026-05-08T11:00:00Z");
    }

    @Test
    void findSessionsWhoseQueryAnswerHasNoCalendarData_fetchesItWithMultiget() {
        String path = CALENDAR + "k5.ics";
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-query"))
                .willReturn(multistatus(response(path, "<d:getetag>\"5\"</d:getetag>"))));
        wm.stubFor(request("REPORT", urlEqualTo(CALENDAR)).withRequestBody(containing("calendar-multiget"))
                .willReturn(multistatus(response(path, "<d:getetag>\"5\"</d:getetag><c:calendar-data>"
                        + session("k5", "20260504T080000Z", "20260504T090000Z") + "</c:calendar-data>"))));

        List<StudyEvent> found = connect().findSessions(CALENDAR, WEEK);

        assertThat(found).containsExactly(new StudyEvent(CALENDAR, path, SessionKey.of("k5"), AT, Optional.of("\"5\"")));
    }

    // --- authentication the provider does not speak ------------------------------------------------------------

    @Test
    void digestOnlyChallenge_isABadSettingsErrorNamingDigest_andTheGrantStaysHealthy() {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Digest realm=\"Basic, or not\", qop=\"auth\", nonce=\"abc\","
                        + " algorithm=MD5")));
        CalendarConnection connection = connect();

        assertThatThrownBy(connection::calendars).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("digest").hasMessageContaining("Basic");
        assertThat(tokens.load(TokenKey.of("alice", "caldav", DavStubs.USER)).orElseThrow().health())
                .isEqualTo(TokenHealth.HEALTHY);
        wm.verify(1, requestedFor("PROPFIND", urlEqualTo("/dav/calendars/me/")));
    }

    @Test
    void challengeOfferingBasicAmongOthers_isAnOrdinaryRevokedPassword() {
        assertThat(Challenges.schemes(List.of("Digest realm=\"a\", nonce=\"b\"", "Basic realm=\"x, Negotiate\"")))
                .containsExactly("digest", "basic");
        assertThat(Challenges.schemes(List.of("Negotiate, Digest realm=\"a\"")))
                .containsExactly("negotiate", "digest");
    }
}
