package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.session;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.EVENT_ID;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.EVENT_PATH;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.KEY;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.LATER;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.SLOT;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.asRead;
import static dev.personaltracker.calendar.google.GoogleSessionWritesTest.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conflicts and lost answers on writes: a 412 because the person moved the session, a 412 on every attempt, an
 * event deleted meanwhile, and writes that Google applied while its answer was lost (once and several times in a
 * row): the end state is what was asked, never a second event, never a clobbered change of the person's.
 */
class GoogleConflictsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval PERSONS = Interval.of(Instant.parse("2026-11-26T07:00:00Z"), Instant.parse("2026-11-26T08:00:00Z"));
    static final ResponseDefinitionBuilder PRECONDITION_FAILED =
            json(412, error(412, "global", "conditionNotMet", "Precondition Failed"));

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    /** The first {@code lost} requests are applied but their answer is lost (reset); every later one gets {@code then}. */
    private static void lostThen(Function<Void, MappingBuilder> request, int lost, ResponseDefinitionBuilder then) {
        for (int i = 0; i < lost; i++) {
            wm.stubFor(request.apply(null).inScenario("lost").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "lost " + i)
                    .willSetStateTo("lost " + (i + 1)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }
        wm.stubFor(request.apply(null).inScenario("lost").whenScenarioStateIs("lost " + lost).willReturn(then));
    }

    // ------------------------------------------------------------------------------------------------ move

    @ParameterizedTest(name = "{0} lost answers")
    @ValueSource(ints = {1, 3})
    void move_appliedButAnswerLost_endsAtTheNewTimeWithoutAConflict(int lost) {
        // Google moved it on the first attempt; every retry with the old etag is then 412
        lostThen(v -> post(urlPathEqualTo(EVENT_PATH)), lost, PRECONDITION_FAILED);
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(LATER, "e2"))));

        StudyEvent moved = api.connect().moveSession(asRead(SLOT, "e1"), LATER);

        assertThat(moved).isEqualTo(asRead(LATER, "e2"));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(EVENT_PATH)))).hasSize(lost + 1)
                .allSatisfy(r -> assertThat(r.getHeader("If-Match")).isEqualTo("\"e1\""));
    }

    @Test
    void move_afterThePersonMovedIt_isReportedWithTheirTimeAndNotOverwritten() {
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).willReturn(PRECONDITION_FAILED));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(PERSONS, "e7"))));

        assertThatThrownBy(() -> api.connect().moveSession(asRead(SLOT, "e1"), LATER))
                .isInstanceOfSatisfying(EventChangedException.class, e -> {
                    assertThat(e.current()).hasValue(asRead(PERSONS, "e7"));
                    assertThat(e).hasMessageContaining("s-1").hasMessageContaining(PERSONS.toString());
                });
        wm.verify(1, postRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    @Test
    void move_412OnEveryAttempt_isBoundedAndTyped() {
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).willReturn(PRECONDITION_FAILED));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(SLOT, "e2"))));

        assertThatThrownBy(() -> api.connect().moveSession(asRead(SLOT, "e1"), LATER))
                .isInstanceOf(EventChangedException.class).hasMessageContaining("s-1");
        wm.verify(2, postRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {404, 410})
    void move_ofADeletedEvent_isReportedAndNotRecreated(int status) {
        wm.stubFor(post(urlPathEqualTo(EVENT_PATH)).willReturn(json(status,
                error(status, "global", status == 404 ? "notFound" : "deleted", "Gone"))));

        assertThatThrownBy(() -> api.connect().moveSession(asRead(SLOT, "e1"), LATER))
                .isInstanceOfSatisfying(EventChangedException.class, e -> assertThat(e.current()).isEmpty())
                .hasMessageContaining("deleted");
        wm.verify(0, postRequestedFor(urlPathEqualTo(EVENTS_PATH)));
    }

    // ------------------------------------------------------------------------------------------------ delete

    @Test
    void delete_isConditionalOnTheVersionRead() {
        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).willReturn(aResponse().withStatus(204)));

        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT_PATH)).withHeader("If-Match", equalTo("\"e1\"")));
    }

    @Test
    void delete_after412ForARename_deletesWithTheFreshEtag() {
        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).withHeader("If-Match", equalTo("\"e1\"")).willReturn(PRECONDITION_FAILED));
        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).withHeader("If-Match", equalTo("\"e2\"")).willReturn(aResponse().withStatus(204)));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(SLOT, "e2"))));

        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT_PATH)).withHeader("If-Match", equalTo("\"e2\"")));
    }

    @Test
    void delete_after412ForAnEventAlreadyGone_succeeds() {
        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).willReturn(PRECONDITION_FAILED));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(json(410, error(410, "global", "deleted", "Resource has been deleted"))));

        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    @Test
    void delete_after412ForThePersonsMove_isReportedAndNothingIsDeleted() {
        wm.stubFor(delete(urlPathEqualTo(EVENT_PATH)).willReturn(PRECONDITION_FAILED));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(PERSONS, "e7"))));

        assertThatThrownBy(() -> api.connect().deleteSession(asRead(SLOT, "e1")))
                .isInstanceOfSatisfying(EventChangedException.class,
                        e -> assertThat(e.current()).hasValue(asRead(PERSONS, "e7")));
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    @ParameterizedTest(name = "{0} lost answers")
    @ValueSource(ints = {1, 3})
    void delete_appliedButAnswerLost_succeeds(int lost) {
        lostThen(v -> delete(urlPathEqualTo(EVENT_PATH)), lost,
                json(410, error(410, "global", "deleted", "Resource has been deleted")));

        api.connect().deleteSession(asRead(SLOT, "e1"));

        wm.verify(lost + 1, deleteRequestedFor(urlPathEqualTo(EVENT_PATH)));
    }

    // ------------------------------------------------------------------------------------------------ insert

    @ParameterizedTest(name = "{0} lost answers")
    @ValueSource(ints = {1, 3})
    void insert_appliedButAnswerLost_findsTheOneEventByItsId(int lost) {
        lostThen(v -> post(urlPathEqualTo(EVENTS_PATH)), lost,
                json(409, error(409, "global", "duplicate", "The requested identifier already exists.")));
        wm.stubFor(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(created(SLOT, "e1"))));

        StudyEvent created = api.connect().createSession("primary", KEY, SLOT, SessionDetails.defaults());

        assertThat(created).isEqualTo(asRead(SLOT, "e1"));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(EVENTS_PATH)).withRequestBody(
                matchingJsonPath("$.id", equalTo(EVENT_ID))))).hasSize(lost + 1);
    }
}
