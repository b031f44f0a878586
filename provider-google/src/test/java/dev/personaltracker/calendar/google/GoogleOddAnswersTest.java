package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.ACCESS;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.KEY;
import static dev.personaltracker.calendar.google.GoogleApi.NOW;
import static dev.personaltracker.calendar.google.GoogleApi.REFRESH;
import static dev.personaltracker.calendar.google.GoogleApi.calendarEntry;
import static dev.personaltracker.calendar.google.GoogleApi.calendarList;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.session;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An odd answer on any path (truncated JSON, an HTML page with 200, 500 or 502, a wrong content type, an empty body)
 * is a {@link CalendarException} subtype, never an untyped runtime exception; a result that contradicts what was
 * asked is an {@link UnexpectedResponseException} naming the event.
 */
class GoogleOddAnswersTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    static final SessionKey KEY_1 = SessionKey.of("session-1");
    static final String EVENT_PATH = EVENTS_PATH + "/" + EventIds.of(KEY_1);
    static final Interval SLOT = Interval.of(Instant.parse("2026-11-24T17:00:00Z"), Duration.ofHours(1));
    static final Interval LATER = Interval.of(Instant.parse("2026-11-25T17:00:00Z"), Duration.ofHours(1));
    static final String SHARED = "shared@group.calendar.google.com";
    static final String HTML = "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Error 502 (Server Error)!!1</title>"
            + "<p><b>502.</b> <ins>That's an error.</ins><p>The server encountered a temporary error.</html>";

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    /** The odd answers of the class. */
    static List<Named> answers() {
        return List.of(
                new Named("truncated JSON 200", ok(page(List.of(GoogleApi.timed("m", "2026-11-24T09:00:00Z",
                        "2026-11-24T10:00:00Z", "")), null, "s1").substring(0, 90))),
                new Named("HTML 200", aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=UTF-8")
                        .withBody(HTML)),
                new Named("HTML 500", aResponse().withStatus(500).withHeader("Content-Type", "text/html; charset=UTF-8")
                        .withBody(HTML)),
                new Named("HTML 502", aResponse().withStatus(502).withHeader("Content-Type", "text/html; charset=UTF-8")
                        .withBody(HTML)),
                new Named("wrong content type 200", aResponse().withStatus(200).withHeader("Content-Type", "text/plain")
                        .withBody("OK")),
                new Named("empty body 200", aResponse().withStatus(200).withHeader("Content-Type", "application/json")),
                new Named("JSON null 200", ok("null")),
                new Named("JSON array 200", ok("[{\"id\":\"x\"}]")),
                new Named("HTML 503 from a proxy", aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>503 Service Temporarily Unavailable</title></head><body><center>"
                                + "<h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>")),
                new Named("gzip declared, not gzip", ok("{\"kind\":\"calendar#events\",\"items\":[]}")
                        .withHeader("Content-Encoding", "gzip")));
    }

    /** An odd answer with its name. */
    record Named(String name, ResponseDefinitionBuilder response) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One path through the connection: how the odd answer reaches it, and the call. */
    record Path(String name, Consumer<ResponseDefinitionBuilder> stub, Consumer<GoogleApi> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static StudyEvent asRead(Interval when, String etag) {
        return new StudyEvent("primary", EventIds.of(KEY_1), KEY_1, when, Optional.of(etag));
    }

    private static void stub(MappingBuilder mapping) {
        wm.stubFor(mapping);
    }

    static List<Path> paths() {
        List<Path> out = new ArrayList<>();
        out.add(new Path("events.list full sync", r -> stub(get(urlPathEqualTo(EVENTS_PATH)).willReturn(r)),
                a -> a.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults())));
        out.add(new Path("events.list incremental", r -> {
            stub(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", absent()).willReturn(ok(page(List.of(), null, "s1"))));
            stub(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("syncToken", equalTo("s1")).willReturn(r));
        }, a -> {
            var c = a.connect();
            c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
            c.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
        }));
        out.add(new Path("calendarList.list", r -> stub(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(r)),
                a -> a.connect().calendars()));
        out.add(new Path("freeBusy.query", r -> {
            stub(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList(
                    calendarEntry(SHARED, "Shared", "freeBusyReader", false)))));
            stub(post(urlPathEqualTo("/calendar/v3/freeBusy")).willReturn(r));
        }, a -> a.connect().busy(List.of(SHARED), WEEK, BusyPolicy.defaults())));
        out.add(new Path("events.insert", r -> stub(post(urlPathEqualTo(EVENTS_PATH)).willReturn(r)),
                a -> a.connect().createSession("primary", KEY_1, SLOT, SessionDetails.defaults())));
        out.add(new Path("events.list of sessions", r -> stub(get(urlPathEqualTo(EVENTS_PATH)).willReturn(r)),
                a -> a.connect().findSessions("primary", WEEK)));
        out.add(new Path("events.get", r -> stub(get(urlPathEqualTo(EVENT_PATH)).willReturn(r)),
                a -> a.connect().findSession("primary", KEY_1)));
        out.add(new Path("events.patch", r -> stub(post(urlPathEqualTo(EVENT_PATH)).willReturn(r)),
                a -> a.connect().moveSession(asRead(SLOT, "e1"), LATER)));
        out.add(new Path("events.get after 412", r -> {
            stub(post(urlPathEqualTo(EVENT_PATH)).willReturn(GoogleApi.json(412,
                    GoogleApi.error(412, "global", "conditionNotMet", "Precondition Failed"))));
            stub(get(urlPathEqualTo(EVENT_PATH)).willReturn(r));
        }, a -> a.connect().moveSession(asRead(SLOT, "e1"), LATER)));
        out.add(new Path("events.delete", r -> stub(delete(urlPathEqualTo(EVENT_PATH)).willReturn(r)),
                a -> a.connect().deleteSession(asRead(SLOT, "e1"))));
        out.add(new Path("token endpoint, code exchange", r -> stub(post(urlPathEqualTo("/token")).willReturn(r)),
                a -> a.provider.exchangeCode(a.settings().build(), new AuthorizationCode("4/0code",
                        URI.create("http://127.0.0.1:5000/callback"), "v".repeat(43)))));
        out.add(new Path("token endpoint, refresh", r -> {
            stub(post(urlPathEqualTo("/token")).willReturn(r));
            // the stored token has expired: Google refuses it
            stub(get(urlPathEqualTo(EVENTS_PATH)).willReturn(GoogleApi.json(401,
                    GoogleApi.error(401, "global", "authError", "Invalid Credentials"))));
        }, a -> {
            a.tokens.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.minusSeconds(5)), Set.of()));
            a.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults());
        }));
        out.add(new Path("calendarList.get primary (host token identity)",
                r -> stub(get(urlPathEqualTo("/calendar/v3/users/me/calendarList/primary")).willReturn(r)),
                a -> a.provider.connect(a.settings().build(), Credentials.accessTokenOf("user-1", ACCESS)).accountId()));
        return out;
    }

    static Stream<Arguments> everyPathAndAnswer() {
        return paths().stream().flatMap(p -> answers().stream().map(a -> Arguments.of(p, a)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyPathAndAnswer")
    void oddAnswer_isATypedCalendarException(Path path, Named answer) {
        path.stub().accept(answer.response());

        Throwable thrown = catchThrowable(() -> path.call().accept(api));

        if (thrown != null) {
            assertThat(thrown).as("what escapes %s on %s", path, answer).isInstanceOf(CalendarException.class);
        } else {
            // only a body the path never reads may pass: a delete's answer
            assertThat(path.name()).isEqualTo("events.delete");
        }
    }

    // ------------------------------------------------------------------------------------ contradicting results

    @Test
    void createReturningAnotherTime_isAnUnexpectedResponseNamingTheEvent() {
        stub(post(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(session("session-1", LATER.start().toString(),
                LATER.end().toString(), "e1"))));

        assertThatThrownBy(() -> api.connect().createSession("primary", KEY_1, SLOT, SessionDetails.defaults()))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining(EventIds.of(KEY_1)).hasMessageContaining(SLOT.start().toString());
    }

    @Test
    void createReturningAnotherEvent_isAnUnexpectedResponseNamingBoth() {
        stub(post(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(session("session-2", SLOT.start().toString(),
                SLOT.end().toString(), "e1"))));

        assertThatThrownBy(() -> api.connect().createSession("primary", KEY_1, SLOT, SessionDetails.defaults()))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining(EventIds.of(KEY_1)).hasMessageContaining(EventIds.of(SessionKey.of("session-2")));
    }

    @Test
    void moveThatDidNotMove_isAnUnexpectedResponseNamingTheEvent() {
        stub(post(urlPathEqualTo(EVENT_PATH)).willReturn(ok(session("session-1", SLOT.start().toString(),
                SLOT.end().toString(), "e2"))));

        assertThatThrownBy(() -> api.connect().moveSession(asRead(SLOT, "e1"), LATER))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining(EventIds.of(KEY_1)).hasMessageContaining("session-1")
                .hasMessageContaining(LATER.start().toString());
    }

    @Test
    void getAnsweringWithAnotherEvent_isAnUnexpectedResponse() {
        stub(get(urlPathEqualTo(EVENT_PATH)).willReturn(ok(session("session-2", SLOT.start().toString(),
                SLOT.end().toString(), "e1"))));

        assertThatThrownBy(() -> api.connect().findSession("primary", KEY_1))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining(EventIds.of(KEY_1));
    }

    @Test
    void sessionsSearchReturningAnUntaggedEvent_isAnUnexpectedResponse() {
        stub(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(GoogleApi.timed("foreign",
                "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "")), null, null))));

        assertThatThrownBy(() -> api.connect().findSessions("primary", WEEK))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("foreign");
    }

    @Test
    void anyRequestAnsweredWithHtml_neverLeaksARawRuntimeException() {
        stub(any(urlPathEqualTo(EVENTS_PATH)).willReturn(aResponse().withStatus(200).withBody(HTML)));
        Supplier<Object> read = () -> api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults());

        assertThatThrownBy(read::get).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("primary");
    }

    /** Answers that never end: a server that hangs, one that sends its body drop by drop. */
    static List<Named> hangs() {
        return List.of(
                new Named("hangs", ok("{}").withFixedDelay(60_000)),
                new Named("body drop by drop", ok("{\"kind\":\"calendar#events\",\"items\":[],\"nextSyncToken\":\"s\"}")
                        .withChunkedDribbleDelay(40, 60_000)));
    }

    static Stream<Arguments> everyPathAndHang() {
        return paths().stream().flatMap(p -> hangs().stream().map(a -> Arguments.of(p, a)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyPathAndHang")
    void answerThatNeverEnds_isATypedErrorWithinTheDeadline(Path path, Named answer) {
        GoogleApi live = new GoogleApi(wm, true);
        live.tuning = b -> b.readDeadline(Duration.ofMillis(600))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(600)));
        path.stub().accept(answer.response());

        // generous against a loaded machine: the deadline is 0.6 s, a hang here lasts 60 s
        Throwable thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> catchThrowable(() -> path.call().accept(live)));

        assertThat(thrown).as("what escapes %s on %s", path, answer).isInstanceOf(CalendarException.class);
    }

    /** Token-endpoint answers that are not about the grant: a proxy's pages, a success without a token. */
    static List<Named> tokenAnswersNotAboutTheGrant() {
        return List.of(
                new Named("200 {}", ok("{}")),
                new Named("200 without access_token", ok("{\"token_type\":\"Bearer\",\"expires_in\":3599}")),
                new Named("200 empty access_token", ok("{\"access_token\":\"\",\"token_type\":\"Bearer\",\"expires_in\":3599}")),
                new Named("400 HTML from a proxy", aResponse().withStatus(400).withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>400 Bad Request</h1>Request Header Or Cookie Too Large</body></html>")),
                new Named("403 HTML from a proxy", aResponse().withStatus(403).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Access to this site is blocked by your organisation.</body></html>")),
                new Named("407 proxy authentication", aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic")));
    }

    @ParameterizedTest(name = "refresh answered {0}")
    @MethodSource("tokenAnswersNotAboutTheGrant")
    void aTokenAnswerNotAboutTheGrant_isTypedAndKeepsTheGrant(Named answer) {
        stub(post(urlPathEqualTo("/token")).willReturn(answer.response()));
        stub(get(urlPathEqualTo(EVENTS_PATH)).willReturn(ok(page(List.of(), null, "s1"))));
        api.tokens.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.minusSeconds(5)), Set.of()));

        Throwable thrown = catchThrowable(() -> api.connect().busy(List.of("primary"), WEEK, BusyPolicy.defaults()));

        assertThat(thrown).isInstanceOf(CalendarException.class)
                .isNotInstanceOf(dev.personaltracker.calendar.spi.ReauthorizationRequiredException.class);
        assertThat(api.tokens.load(KEY)).hasValueSatisfying(t -> assertThat(t.health())
                .isEqualTo(dev.personaltracker.calendar.spi.TokenHealth.HEALTHY));
        wm.verify(0, getRequestedFor(urlPathEqualTo(EVENTS_PATH)));
    }

    @ParameterizedTest(name = "code exchange answered {0}")
    @MethodSource("tokenAnswersNotAboutTheGrant")
    void aCodeExchangeAnswerNotAboutTheCode_isUnexpectedNotARefusedCode(Named answer) {
        stub(post(urlPathEqualTo("/token")).willReturn(answer.response()));

        Throwable thrown = catchThrowable(() -> api.provider.exchangeCode(api.settings().build(), new AuthorizationCode(
                "4/0code", URI.create("http://127.0.0.1:5000/callback"), "v".repeat(43))));

        assertThat(thrown).isInstanceOf(UnexpectedResponseException.class);
    }
}
