package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.session;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writing study sessions: idempotent create, tagged search, conditional move, tolerant delete. */
class GoogleSessionWritesTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final SessionKey KEY = SessionKey.of("s-1");
    static final String EVENT_ID = EventIds.of(KEY);
    static final String EVENT_PATH = EVENTS_PATH + "/" + EVENT_ID;
    static final Interval SLOT = Interval.of(Instant.parse("2026-11-24T17:00:00Z"), Instant.parse("2026-11-24T18:00:00Z"));
    static final Interval LATER = Interval.of(Instant.parse("2026-11-25T17:00:00Z"), Instant.parse("2026-11-25T18:00:00Z"));

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    static String created(Interval at, String etag) {
        return session("s-1", at.start().toString(), at.end().toString(), etag);
    }

    static StudyEvent asRead(Interval at, String etag) {
        return new StudyEvent("primary", EVENT_ID, KEY, at, Optional.of("\"" + etag + "\""));
    }

    @Test
    void createSession_sendsAnOpaqueTaggedEventWithTheKeysEventId() {
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(created(SLOT, "e1"))));

        StudyEvent event = api.connect().createSession("primary", KEY, SLOT, SessionDetails.defaults());

        assertThat(event).isEqualTo(asRead(SLOT, "e1"));
        wm.verify(1, postRequestedFor(urlPathEqualTo(EVENTS_PATH))
                .withHeader("Content-Encoding", absent())
                .withRequestBody(matchingJsonPath("$.id", equalTo(EVENT_ID)))
                .withRequestBody(matchingJsonPath("$.summary", equalTo("Study Session")))
                .withRequestBody(matchingJsonPath("$.transparency", equalTo("opaque")))
                .withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2026-11-24T17:00:00.000Z")))
                .withRequestBody(matchingJsonPath("$.extendedProperties.private.personalTrackerApp", equalTo("study-session")))
                .withRequestBody(matchingJsonPath("$.extendedProperties.private.personalTrackerSessionKey", equalTo("s-1")))
                .withRequestBody(matchingJsonPath("$.description", absent())));
    }

    @Test
    void createSession_retriedAfterADroppedResponse_leavesExactlyOneEvent() {
        // The first insert reaches Google and creates the event, but the response is lost on the way back.
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH)).inScenario("calendar").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("one event").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH)).inScenario("calendar").whenScenarioStateIs("one event")
                .willReturn(json(409, error(409, "global", "duplicate", "The requested identifier already exists."))));
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH)).inScenario("calendar").whenScenarioStateIs("two events")
                .willReturn(ok(created(SLOT, "e2"))));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).inScenario("calendar").whenScenarioStateIs("one event")
                .willReturn(ok(created(SLOT, "e1"))));

        StudyEvent event = api.connect().createSession("primary", KEY, SLOT, SessionDetails.defaults());

        assertThat(event).isEqualTo(asRead(SLOT, "e1"));
        assertThat(wm.getAllScenarios().getScenarios()).singleElement()
                .satisfies(s -> assertThat(s.getState()).isEqualTo("one event"));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(EVENTS_PATH))))
                .extracting(r -> r.getBodyAsString().contains("\"id\":\"" + EVENT_ID + "\"")).containsExactly(true, true);
        assertThat(api.sleeps).hasSize(1);
    }

    @Test
    void createSession_duplicateOfAForeignEvent_isRefusedAndLeftAlone() {
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH))
                .willReturn(json(409, error(409, "global", "duplicate", "The requested identifier already exists."))));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(timed(EVENT_ID, "2026-11-24T17:00:00Z",
                "2026-11-24T18:00:00Z", ""))));

        assertThatThrownBy(() -> api.connect().createSession("primary", KEY, SLOT, SessionDetails.defaults()))
                .isExactlyInstanceOf(CalendarException.class)
                .hasMessageContaining(EVENT_ID).hasMessageContaining("left untouched");
        wm.verify(0, postRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    @Test
    void createSession_aDeletedSessionIsRestoredRatherThanDuplicated() {
        wm.stubFor(post(urlPathEqualTo(EVENTS_PATH))
                .willReturn(json(409, error(409, "global", "duplicate", "The requested identifier already exists."))));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH))
                .willReturn(ok(created(SLOT, "e1").replace("\"status\": \"confirmed\"", "\"status\": \"cancelled\""))));
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(EVENT_PATH))
                .willReturn(ok(created(LATER, "e3"))));

        StudyEvent event = api.connect().createSession("primary", KEY, LATER, SessionDetails.titled("Revision"));

        assertThat(event).isEqualTo(asRead(LATER, "e3"));
        wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlPathEqualTo(EVENT_PATH))
                .withRequestBody(matchingJsonPath("$.status", equalTo("confirmed")))
                .withRequestBody(matchingJsonPath("$.summary", equalTo("Revision"))));
    }

    @Test
    void createSession_inReadOnlyMode_isRefusedWithoutARequest() {
        assertThatThrownBy(() -> api.connect(api.settings().readOnly(true).build())
                .createSession("primary", KEY, SLOT, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("read-only");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void findSessions_searchesByThePrivateTag() {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH))
                .withQueryParam("privateExtendedProperty", equalTo("personalTrackerApp=study-session"))
                .willReturn(ok(page(List.of(
                        session("s-2", "2026-11-26T17:00:00Z", "2026-11-26T18:00:00Z", "e9"),
                        session("s-1", "2026-11-24T17:00:00Z", "2026-11-24T18:00:00Z", "e1")), null, null))));

        List<StudyEvent> found = api.connect().findSessions("primary",
                Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z")));

        assertThat(found).extracting(StudyEvent::key).containsExactly(SessionKey.of("s-1"), SessionKey.of("s-2"));
        wm.verify(getRequestedFor(urlPathEqualTo(EVENTS_PATH))
                .withQueryParam("timeMin", equalTo("2026-11-23T00:00:00.000Z"))
                .withQueryParam("timeMax", equalTo("2026-11-30T00:00:00.000Z"))
                .withQueryParam("singleEvents", equalTo("true")));
    }

    @Test
    void findSession_readsTheEventByItsDerivedId_andIsEmptyWhenGone() {
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(SLOT, "e1"))));
        assertThat(api.connect().findSession("primary", KEY)).hasValue(asRead(SLOT, "e1"));

        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(json(404, error(404, "global", "notFound", "Not Found"))));
        assertThat(api.connect().findSession("primary", KEY)).isEmpty();
    }

    @Test
    void moveSession_patchesWithIfMatch_sentAsPostWithMethodOverride() {
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).withHeader("X-HTTP-Method-Override", equalTo("PATCH"))
                .withHeader("If-Match", equalTo("\"e1\"")).willReturn(ok(created(LATER, "e2"))));

        StudyEvent moved = api.connect().moveSession(asRead(SLOT, "e1"), LATER);

        assertThat(moved).isEqualTo(asRead(LATER, "e2"));
        wm.verify(postRequestedFor(urlPathEqualTo(EVENT_PATH)).withRequestBody(equalToJson("""
                {"start": {"dateTime": "2026-11-25T17:00:00.000Z", "timeZone": "UTC"},
                 "end": {"dateTime": "2026-11-25T18:00:00.000Z", "timeZone": "UTC"}}""")));
    }

    @Test
    void moveSession_whenThePersonMovedIt_reportsTheCurrentEventInsteadOfOverwriting() {
        Interval theirs = Interval.of(Instant.parse("2026-11-24T19:00:00Z"), Instant.parse("2026-11-24T20:00:00Z"));
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).willReturn(json(412,
                error(412, "global", "conditionNotMet", "Precondition Failed"))));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(theirs, "e7"))));

        assertThatThrownBy(() -> api.connect().moveSession(asRead(SLOT, "e1"), LATER))
                .isInstanceOfSatisfying(EventChangedException.class,
                        e -> assertThat(e.current()).hasValue(asRead(theirs, "e7")));
        wm.verify(1, postRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    @Test
    void moveSession_whenOnlyTheEtagChanged_retriesWithTheNewEtag() {
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).withHeader("If-Match", equalTo("\"e1\""))
                .willReturn(json(412, error(412, "global", "conditionNotMet", "Precondition Failed"))));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(SLOT, "e5"))));
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).withHeader("If-Match", equalTo("\"e5\""))
                .willReturn(ok(created(LATER, "e6"))));

        assertThat(api.connect().moveSession(asRead(SLOT, "e1"), LATER)).isEqualTo(asRead(LATER, "e6"));
    }

    @Test
    void moveSession_whenThePersonDeletedIt_reportsNoCurrentEvent() {
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).willReturn(json(412,
                error(412, "global", "conditionNotMet", "Precondition Failed"))));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH))
                .willReturn(ok(created(SLOT, "e8").replace("\"status\": \"confirmed\"", "\"status\": \"cancelled\""))));

        assertThatThrownBy(() -> api.connect().moveSession(asRead(SLOT, "e1"), LATER))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current()).isEmpty());
    }

    @Test
    void deleteSession_succeeds_andAnAlreadyDeletedEventCountsAsDone() {
        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).willReturn(aResponse().withStatus(204)));
        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).willReturn(json(410, error(410, "global", "deleted", "Resource has been deleted"))));
        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).willReturn(json(404, error(404, "global", "notFound", "Not Found"))));
        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.verify(3, deleteRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }
}
