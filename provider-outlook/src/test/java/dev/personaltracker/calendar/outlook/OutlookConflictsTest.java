package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.CAL;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.EVENT;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.EVENTS;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.KEY;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.READ;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.SLOT;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.TO;
import static dev.personaltracker.calendar.outlook.OutlookWritesTest.iv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conflicts and lost answers on moves and deletes: a 412 because the person moved the session, a 412 on every
 * attempt, an event deleted meanwhile, and writes Graph applied while its answer was lost (once and three times in a
 * row): the end state is what was asked, and a change of the person's is reported, never overwritten.
 */
class OutlookConflictsTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final Interval PERSONS = iv("2024-03-07T07:00:00", "2024-03-07T08:00:00");

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    private static String at(Interval when, String etag) {
        return GraphJson.session("ev-1", when.start().toString().replace("Z", ""), when.end().toString().replace("Z", ""),
                etag, "Study Session");
    }

    private static StudyEvent asRead(Interval when, String etag) {
        return new StudyEvent(CAL, "ev-1", KEY, when, Optional.of(etag));
    }

    private OutlookConnection connect() {
        return provider.connect(FIX.settings().property("account", GraphFixture.USER)
                        .retryPolicy(new RetryPolicy(5, Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(1)))
                        .build(),
                Credentials.accessToken("graph-token"));
    }

    private static ResponseDefinitionBuilder status(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(GraphJson.error(code, message));
    }

    private static ResponseDefinitionBuilder preconditionFailed() {
        return status(412, "ErrorIrresolvableConflict",
                "The change key passed in the request does not match the current change key for the item.");
    }

    /** The first {@code lost} requests are applied but their answer is lost (reset); every later one gets {@code then}. */
    private static void lostThen(Supplier<MappingBuilder> request, int lost, ResponseDefinitionBuilder then) {
        for (int i = 0; i < lost; i++) {
            FIX.server.stubFor(request.get().inScenario("lost").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "lost " + i)
                    .willSetStateTo("lost " + (i + 1)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }
        FIX.server.stubFor(request.get().inScenario("lost").whenScenarioStateIs("lost " + lost).willReturn(then));
    }

    // ------------------------------------------------------------------------------------------------ move

    @ParameterizedTest(name = "{0} lost answers")
    @ValueSource(ints = {1, 3})
    void move_appliedButAnswerLost_endsAtTheNewTimeWithoutAConflict(int lost) {
        // Graph moved it on the first attempt; every retry with the old etag is then 412
        lostThen(() -> patch(urlPathEqualTo(EVENT)), lost, preconditionFailed());
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(okJson(at(TO, "W/\"e2\""))));

        StudyEvent moved = connect().moveSession(READ, TO);

        assertThat(moved).isEqualTo(asRead(TO, "W/\"e2\""));
        assertThat(FIX.server.findAll(patchRequestedFor(urlPathEqualTo(EVENT)))).hasSize(lost + 1)
                .allSatisfy(r -> assertThat(r.getHeader("If-Match")).isEqualTo("W/\"e1\""))
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("2024-03-06T18:00:00"));
    }

    @Test
    void move_afterThePersonMovedIt_isReportedWithTheirTimeAndNotOverwritten() {
        FIX.server.stubFor(patch(urlPathEqualTo(EVENT)).willReturn(preconditionFailed()));
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(okJson(at(PERSONS, "W/\"e7\""))));

        assertThatThrownBy(() -> connect().moveSession(READ, TO))
                .isInstanceOfSatisfying(EventChangedException.class, e -> {
                    assertThat(e.current()).hasValue(asRead(PERSONS, "W/\"e7\""));
                    assertThat(e).hasMessageContaining("sess-1").hasMessageContaining(PERSONS.toString());
                });
        FIX.server.verify(1, patchRequestedFor(urlPathEqualTo(EVENT)));
    }

    @Test
    void move_412OnEveryAttempt_isBoundedAndTyped() {
        FIX.server.stubFor(patch(urlPathEqualTo(EVENT)).willReturn(preconditionFailed()));
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(okJson(at(SLOT, "W/\"e2\""))));

        assertThatThrownBy(() -> connect().moveSession(READ, TO))
                .isInstanceOf(EventChangedException.class).hasMessageContaining("sess-1");
        FIX.server.verify(2, patchRequestedFor(urlPathEqualTo(EVENT)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {404, 410})
    void move_ofADeletedEvent_isReportedAndNotRecreated(int code) {
        FIX.server.stubFor(patch(urlPathEqualTo(EVENT)).willReturn(status(code, "ErrorItemNotFound",
                "The specified object was not found in the store.")));

        assertThatThrownBy(() -> connect().moveSession(READ, TO))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current()).isEmpty())
                .hasMessageContaining("deleted");
        FIX.server.verify(0, postRequestedFor(urlPathEqualTo(EVENTS)));
    }

    // ------------------------------------------------------------------------------------------------ delete

    @Test
    void delete_isConditionalOnTheVersionRead() {
        FIX.server.stubFor(delete(urlPathEqualTo(EVENT)).willReturn(aResponse().withStatus(204)));

        connect().deleteSession(READ);

        FIX.server.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT)).withHeader("If-Match", equalTo("W/\"e1\"")));
    }

    @Test
    void delete_after412ForARename_deletesWithTheFreshEtag() {
        FIX.server.stubFor(delete(urlPathEqualTo(EVENT)).withHeader("If-Match", equalTo("W/\"e1\"")).willReturn(preconditionFailed()));
        FIX.server.stubFor(delete(urlPathEqualTo(EVENT)).withHeader("If-Match", equalTo("W/\"e2\"")).willReturn(aResponse().withStatus(204)));
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(okJson(at(SLOT, "W/\"e2\""))));

        connect().deleteSession(READ);

        FIX.server.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT)).withHeader("If-Match", equalTo("W/\"e2\"")));
    }

    @Test
    void delete_after412ForAnEventAlreadyGone_succeeds() {
        FIX.server.stubFor(delete(urlPathEqualTo(EVENT)).willReturn(preconditionFailed()));
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(status(404, "ErrorItemNotFound",
                "The specified object was not found in the store.")));

        connect().deleteSession(READ);

        FIX.server.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT)));
    }

    @Test
    void delete_after412ForThePersonsMove_isReportedAndNothingIsDeleted() {
        FIX.server.stubFor(delete(urlPathEqualTo(EVENT)).willReturn(preconditionFailed()));
        FIX.server.stubFor(get(urlPathEqualTo(EVENT)).willReturn(okJson(at(PERSONS, "W/\"e7\""))));

        assertThatThrownBy(() -> connect().deleteSession(READ))
                .isInstanceOfSatisfying(EventChangedException.class,
                        e -> assertThat(e.current()).hasValue(asRead(PERSONS, "W/\"e7\"")));
        FIX.server.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT)));
    }

    @ParameterizedTest(name = "{0} lost answers")
    @ValueSource(ints = {1, 3})
    void delete_appliedButAnswerLost_succeeds(int lost) {
        lostThen(() -> delete(urlPathEqualTo(EVENT)), lost, status(404, "ErrorItemNotFound",
                "The specified object was not found in the store."));

        connect().deleteSession(READ);

        FIX.server.verify(lost + 1, deleteRequestedFor(urlPathEqualTo(EVENT)));
    }
}
