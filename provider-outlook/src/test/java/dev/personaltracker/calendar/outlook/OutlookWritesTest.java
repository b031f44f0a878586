package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes under conflicts and lost answers (issue 14, items 1, 2 and 7): every attempt sends the full request, and an
 * answer that contradicts what was asked is a typed error naming the event.
 */
class OutlookWritesTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    static final String CAL = "AAMkAGI2TGuLAAA";
    static final String EVENTS = "/v1.0/me/calendars/" + CAL + "/events";
    static final String EVENT = EVENTS + "/ev-1";
    static final SessionKey KEY = SessionKey.of("sess-1");
    static final Interval SLOT = iv("2024-03-05T18:00:00", "2024-03-05T19:00:00");
    static final Interval TO = iv("2024-03-06T18:00:00", "2024-03-06T19:00:00");
    static final StudyEvent READ = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    static Interval iv(String start, String end) {
        return Interval.of(Instant.parse(start + "Z"), Instant.parse(end + "Z"));
    }

    private OutlookConnection connect(int attempts) {
        return provider.connect(FIX.settings().property("account", GraphFixture.USER)
                        .retryPolicy(new RetryPolicy(attempts, Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(1)))
                        .build(),
                Credentials.accessToken("graph-token"));
    }

    private static MappingBuilder withNewTime(MappingBuilder patch) {
        return patch.withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2024-03-06T18:00:00")))
                .withRequestBody(matchingJsonPath("$.end.dateTime", equalTo("2024-03-06T19:00:00")));
    }

    /** Graph answers a PATCH that names no time (such as {@code {}}) with the event unchanged. */
    private static void stubPatchWithoutTimeLeavesTheEvent(String etag) {
        FIX.server.stubFor(patch(urlPathEqualTo(EVENT)).atPriority(9).withHeader("If-Match", equalTo(etag))
                .willReturn(okJson(GraphJson.session("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00",
                        "W/\"e11\"", "Renamed by the person"))));
    }

    @Test
    void move_after412OnAMetadataChangeSendsTheNewTimeAgain() {
        FIX.server.stubFor(patch(urlPathEqualTo(EVENT)).withHeader("If-Match", equalTo("W/\"e1\""))
                .willReturn(aResponse().withStatus(412).withHeader("Content-Type", "application/json")
                        .withBody(GraphJson.error("ErrorIrresolvableConflict",
                                "The change key passed in the request does not match the current change key for the item."))));
        // the person renamed the session: new etag, same time
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(okJson(GraphJson.session("ev-1",
                "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e9\"", "Renamed by the person"))));
        FIX.server.stubFor(withNewTime(patch(urlPathEqualTo(EVENT))).atPriority(1).withHeader("If-Match", equalTo("W/\"e9\""))
                .willReturn(okJson(GraphJson.session("ev-1", "2024-03-06T18:00:00", "2024-03-06T19:00:00",
                        "W/\"e10\"", "Renamed by the person"))));
        stubPatchWithoutTimeLeavesTheEvent("W/\"e9\"");

        StudyEvent moved = connect(3).moveSession(READ, TO);

        assertThat(moved.interval()).isEqualTo(TO);
        assertThat(moved.version()).contains("W/\"e10\"");
        List<LoggedRequest> patches = FIX.server.findAll(patchRequestedFor(urlPathEqualTo(EVENT)));
        assertThat(patches).hasSize(2);
        assertThat(patches).allSatisfy(p -> assertThat(p.getBodyAsString())
                .contains("2024-03-06T18:00:00").contains("2024-03-06T19:00:00"));
    }

    @Test
    void move_anAnswerAtTheOldTimeIsAnUnexpectedResponseNamingTheEvent() {
        stubPatchWithoutTimeLeavesTheEvent("W/\"e1\"");

        assertThatThrownBy(() -> connect(3).moveSession(READ, TO))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("ev-1").hasMessageContaining("sess-1").hasMessageContaining("did not take effect");
    }

    @Test
    void move_anAnswerAboutAnotherEventIsAnUnexpectedResponse() {
        FIX.server.stubFor(patch(urlPathEqualTo(EVENT)).willReturn(okJson(GraphJson.session("ev-2",
                "2024-03-06T18:00:00", "2024-03-06T19:00:00", "W/\"e2\"", "Study Session"))));

        assertThatThrownBy(() -> connect(3).moveSession(READ, TO))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("ev-1").hasMessageContaining("ev-2");
    }

    /**
     * Graph's transactionId de-duplication as the fake models it: the first full POST makes the event (its answer
     * is lost, {@code lost} times in a row), and every later POST with the same transactionId gets that one event.
     * A POST without the full body is refused as Graph refuses it.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void create_retriedAfterLostAnswersSendsTheSameFullBodyEveryTime(int lost) {
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":[]}")));
        FIX.server.stubFor(post(urlPathEqualTo(EVENTS)).atPriority(9).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphJson.error("ErrorInvalidRequest", "Your request can't be completed. The start time is missing."))));
        IntStream.range(0, lost).forEach(i -> FIX.server.stubFor(fullCreate().atPriority(1).inScenario("lost")
                .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "lost-" + i)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("lost-" + (i + 1))));
        FIX.server.stubFor(fullCreate().atPriority(1).inScenario("lost").whenScenarioStateIs("lost-" + lost)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(GraphJson.session("ev-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\"", "Study Session"))));

        StudyEvent created = connect(5).createSession(CAL, KEY, SLOT, SessionDetails.defaults());

        assertThat(created).isEqualTo(new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\"")));
        List<LoggedRequest> posts = FIX.server.findAll(postRequestedFor(urlPathEqualTo(EVENTS)));
        assertThat(posts).hasSizeGreaterThan(lost);
        assertThat(posts).extracting(LoggedRequest::getBodyAsString).allSatisfy(body -> {
            assertThat(body).isEqualTo(posts.get(0).getBodyAsString());
            assertThat(body).contains("\"transactionId\":\"personaltracker-sess-1\"").contains("2024-03-05T18:00:00");
        });
    }

    private static MappingBuilder fullCreate() {
        return post(urlPathEqualTo(EVENTS))
                .withRequestBody(matchingJsonPath("$.transactionId", equalTo("personaltracker-sess-1")))
                .withRequestBody(matchingJsonPath("$.start.dateTime", equalTo("2024-03-05T18:00:00")))
                .withRequestBody(matchingJsonPath("$.end.dateTime", equalTo("2024-03-05T19:00:00")))
                .withRequestBody(matchingJsonPath("$.singleValueExtendedProperties[0].value", equalTo("sess-1")));
    }

    @Test
    void create_anAnswerAtAnotherTimeIsAnUnexpectedResponseNamingTheEvent() {
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":[]}")));
        FIX.server.stubFor(post(urlPathEqualTo(EVENTS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphJson.session("ev-7", "2024-03-05T20:00:00", "2024-03-05T21:00:00", "W/\"e1\"", "Study Session"))));

        assertThatThrownBy(() -> connect(3).createSession(CAL, KEY, SLOT, SessionDetails.defaults()))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("ev-7").hasMessageContaining("sess-1");
    }

    @Test
    void schedules_retriedAfterLostAnswersSendTheFullRequestEveryTime() {
        String path = "/v1.0/me/calendar/getSchedule";
        FIX.server.stubFor(post(urlPathEqualTo(path)).atPriority(9).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphJson.error("ErrorInvalidRequest", "The Schedules field is required."))));
        for (int i = 0; i < 2; i++) {
            FIX.server.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("lost")
                    .withRequestBody(matchingJsonPath("$.Schedules[0]", equalTo("adele@contoso.com")))
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "lost-" + i)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("lost-" + (i + 1)));
        }
        FIX.server.stubFor(post(urlPathEqualTo(path)).atPriority(1).inScenario("lost").whenScenarioStateIs("lost-2")
                .withRequestBody(matchingJsonPath("$.Schedules[0]", equalTo("adele@contoso.com")))
                .willReturn(okJson("{\"value\":[{\"scheduleId\":\"adele@contoso.com\",\"availabilityView\":\"2\","
                        + "\"scheduleItems\":[{\"status\":\"busy\",\"start\":{\"dateTime\":\"2024-03-04T12:00:00.0000000\","
                        + "\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"2024-03-04T13:00:00.0000000\",\"timeZone\":\"UTC\"}}]}]}")));

        List<FreeBusySchedule> schedules = connect(5).schedules(List.of("adele@contoso.com"),
                iv("2024-03-04T00:00:00", "2024-03-05T00:00:00"), dev.personaltracker.calendar.spi.BusyPolicy.defaults());

        assertThat(schedules.get(0).busy().intervals()).containsExactly(iv("2024-03-04T12:00:00", "2024-03-04T13:00:00"));
        FIX.server.verify(0, postRequestedFor(urlPathEqualTo(path)).withRequestBody(equalToJson("{}")));
    }
}
