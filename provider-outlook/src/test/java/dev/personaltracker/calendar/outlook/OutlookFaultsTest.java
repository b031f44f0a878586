package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd answers and faults on every request path (issue 14 item 3, issue 13 "one account down"): a body that cannot be
 * read is an {@link UnexpectedResponseException}; a server that hangs, resets, answers 503 forever or breaks its
 * body off ends in a {@link CalendarException} subtype within the read deadline, never in a raw runtime exception.
 */
class OutlookFaultsTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final String CAL = "AAMkAGI2TGuLAAA";
    private static final String CAL_PATH = "/v1.0/me/calendars/" + CAL;
    private static final String EVENTS = CAL_PATH + "/events";
    private static final Interval WEEK = Interval.of(Instant.parse("2024-03-04T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z"));
    private static final SessionKey KEY = SessionKey.of("sess-1");
    private static final Interval SLOT = Interval.of(Instant.parse("2024-03-05T18:00:00Z"), Instant.parse("2024-03-05T19:00:00Z"));
    private static final Interval TO = Interval.of(Instant.parse("2024-03-06T18:00:00Z"), Instant.parse("2024-03-06T19:00:00Z"));
    private static final StudyEvent READ = new StudyEvent(CAL, "ev-1", KEY, SLOT, Optional.of("W/\"e1\""));
    /** Far beyond every deadline here: the server never answers in time. */
    private static final int HANG_MS = 60_000;
    /** Short, so that the fault tests are quick; only requests that must fail run under it. */
    private static final Duration DEADLINE = Duration.ofMillis(400);
    /** Generous for a loaded machine, far below what a hang costs without a deadline (60 s here, 100 s for real). */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    private static final dev.personaltracker.calendar.spi.TokenKey GRANT =
            dev.personaltracker.calendar.spi.TokenKey.of("user-1", "outlook", GraphFixture.USER);

    /** @return a store holding a grant of refresh token only (as stored before MSAL's cache), so a call refreshes */
    private static dev.personaltracker.calendar.memory.InMemoryTokenStore legacyGrant() {
        var store = dev.personaltracker.calendar.memory.InMemoryTokenStore.create();
        store.save(GRANT, dev.personaltracker.calendar.spi.OAuthToken.of("", Optional.of("RT-legacy"), Optional.empty(),
                java.util.Set.of()));
        return store;
    }

    private OutlookConnection connect(String sync, Duration deadline) {
        return provider.connect(FIX.settings().property("account", GraphFixture.USER).property("sync", sync)
                .readDeadline(deadline).build(), Credentials.accessToken("graph-token"));
    }

    /** One request path: what to stub, what valid answers the other requests get, and the call that takes it. */
    private enum Path {
        DELTA("delta", get(urlPathMatching(CAL_PATH + "/calendarView/delta(\\(\\))?")),
                c -> c.busy(List.of(CAL), WEEK, BusyPolicy.defaults())),
        CALENDAR_VIEW("full", get(urlPathEqualTo(CAL_PATH + "/calendarView")),
                c -> c.busy(List.of(CAL), WEEK, BusyPolicy.defaults())),
        CALENDARS("full", get(urlPathEqualTo("/v1.0/me/calendars")), OutlookConnection::calendars),
        GET_SCHEDULE("full", post(urlPathEqualTo("/v1.0/me/calendar/getSchedule")),
                c -> c.schedules(List.of("adele@contoso.com"), WEEK, BusyPolicy.defaults())),
        MAILBOX_SETTINGS("full", get(urlPathEqualTo("/v1.0/me/mailboxSettings")), OutlookConnection::workingHours),
        FIND_SESSION("full", get(urlPathEqualTo(EVENTS)), c -> c.findSession(CAL, KEY)),
        CREATE("full", post(urlPathEqualTo(EVENTS)), c -> c.createSession(CAL, KEY, SLOT, SessionDetails.defaults())),
        MOVE("full", patch(urlPathEqualTo(EVENTS + "/ev-1")), c -> c.moveSession(READ, TO)),
        /** The event read after a 412. */
        EVENT_GET("full", get(urlPathEqualTo(EVENTS + "/ev-1")), c -> c.moveSession(READ, TO)),
        DELETE("full", com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(EVENTS + "/ev-1")),
                c -> c.deleteSession(READ));

        final String sync;
        final MappingBuilder request;
        final Consumer<OutlookConnection> call;

        Path(String sync, MappingBuilder request, Consumer<OutlookConnection> call) {
            this.sync = sync;
            this.request = request;
            this.call = call;
        }
    }

    /** Valid answers on the paths a call needs besides the one under test. */
    private static void stubTheRest(Path path) {
        if (path == Path.CREATE) {
            FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":[]}")));
        }
        if (path == Path.EVENT_GET) {
            FIX.server.stubFor(patch(urlPathEqualTo(EVENTS + "/ev-1")).willReturn(aResponse().withStatus(412)
                    .withHeader("Content-Type", "application/json")
                    .withBody(GraphJson.error("ErrorIrresolvableConflict", "The change key does not match."))));
        }
    }

    private static final List<Supplier<ResponseDefinitionBuilder>> GARBAGE = List.of(
            () -> okJson("{\"value\":[{\"id\":\"x\",\"start\":{\"dateTime\":"),                      // truncated JSON
            () -> aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody("<html><body><h1>Sign in to your network</h1></body></html>"),          // captive portal
            () -> aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                    .withBody("<value/>"),                                                              // wrong type
            () -> aResponse().withStatus(200).withHeader("Content-Type", "application/json"),          // empty body
            () -> okJson("[]"),                                                                         // not an object
            () -> okJson("null"),                                                                       // JSON null
            () -> okJson("{\"value\":[]}").withHeader("Content-Encoding", "gzip"));                    // not gzip

    static Stream<Arguments> garbageOnEveryPath() {
        List<Arguments> out = new ArrayList<>();
        for (Path p : Path.values()) {
            if (p == Path.DELETE) {
                continue;   // a delete's answer has no body to read
            }
            for (int g = 0; g < GARBAGE.size(); g++) {
                out.add(Arguments.of(p, g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} answering garbage #{1}")
    @MethodSource("garbageOnEveryPath")
    void garbageIsAnUnexpectedResponseOnEveryPath(Path path, int garbage) {
        stubTheRest(path);
        FIX.server.stubFor(path.request.willReturn(GARBAGE.get(garbage).get()));
        OutlookConnection connection = connect(path.sync, Duration.ofSeconds(10));

        Throwable thrown = catchThrowable(() -> path.call.accept(connection));

        assertThat(thrown).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("Microsoft Graph");
    }

    private static final List<Supplier<ResponseDefinitionBuilder>> FAULTS = List.of(
            () -> okJson("{\"value\":[]}").withFixedDelay(HANG_MS),                                   // hangs
            () -> okJson("{\"value\":[],\"@odata.deltaLink\":\"x\"}")
                    .withChunkedDribbleDelay(50, HANG_MS),                                              // body drop by drop
            () -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),                                // resets, always
            () -> aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                    .withBody(GraphJson.error("ServiceUnavailable", "Service Unavailable")),           // 503 forever
            () -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),                                // garbage chunk
            () -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));                                 // not HTTP

    static Stream<Arguments> faultsOnReads() {
        List<Arguments> out = new ArrayList<>();
        for (Path p : List.of(Path.DELTA, Path.CALENDAR_VIEW, Path.CALENDARS, Path.GET_SCHEDULE, Path.MAILBOX_SETTINGS)) {
            for (int f = 0; f < FAULTS.size(); f++) {
                out.add(Arguments.of(p, f));
            }
        }
        // the writes and the reads they make: a hang, a body drop by drop, resets forever
        for (Path p : List.of(Path.FIND_SESSION, Path.CREATE, Path.MOVE, Path.EVENT_GET, Path.DELETE)) {
            for (int f = 0; f <= 2; f++) {
                out.add(Arguments.of(p, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with fault #{1}")
    @MethodSource("faultsOnReads")
    void everyFaultEndsTypedWithinTheDeadline(Path path, int fault) {
        stubTheRest(path);
        FIX.server.stubFor(path.request.willReturn(FAULTS.get(fault).get()));
        OutlookConnection connection = connect(path.sync, DEADLINE);

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(() -> path.call.accept(connection)));

        assertThat(thrown).isInstanceOf(CalendarException.class);
        if (fault <= 3) {
            assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        }
    }

    @Test
    void oneHangingCalendarFailsTheReadWithinTheDeadlineNamingIt() {
        String other = "AAMkOTHERCAL";
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars/" + other + "/calendarView"))
                .willReturn(okJson("{\"value\":[]}")));
        FIX.server.stubFor(get(urlPathEqualTo(CAL_PATH + "/calendarView"))
                .willReturn(okJson("{\"value\":[]}").withFixedDelay(HANG_MS)));
        OutlookConnection connection = connect("full", Duration.ofSeconds(2));

        Throwable thrown = assertTimeoutPreemptively(BOUND,
                () -> catchThrowable(() -> connection.busy(List.of(CAL, other), WEEK, BusyPolicy.defaults())));

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining(CAL)
                .hasMessageContaining("deadline");
    }

    @Test
    void aHangingTokenEndpointFailsTypedWithinTheDeadline() {
        FIX.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token"))
                .willReturn(okJson(GraphFixture.tokenResponse("AT-1", "RT-1", 60)).withFixedDelay(HANG_MS)));
        var store = legacyGrant();
        OutlookConnection connection = provider.connect(FIX.settings().readDeadline(DEADLINE).build(),
                Credentials.stored(store, GRANT));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(connection::calendars));

        assertThat(thrown).isInstanceOf(ProviderUnavailableException.class);
        FIX.server.verify(0, anyRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
    }

    @Test
    void aRetryAfterThatDoesNotFitTheDeadlineIsNotWaitedFor() {
        FIX.server.stubFor(any(urlPathEqualTo("/v1.0/me/calendars")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3").withHeader("Content-Type", "application/json")
                .withBody(GraphJson.error("TooManyRequests", "Please retry again later."))));
        OutlookConnection connection = connect("full", Duration.ofSeconds(2));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(connection::calendars));

        assertThat(thrown).isInstanceOf(dev.personaltracker.calendar.spi.RateLimitedException.class);
        FIX.server.verify(1, anyRequestedFor(urlPathEqualTo("/v1.0/me/calendars")).withHeader("Authorization",
                equalTo("Bearer graph-token")));
    }

    /** Error answers from gateways and throttling: each ends in a CalendarException, within the deadline. */
    private static final List<Supplier<ResponseDefinitionBuilder>> ERROR_PAGES = List.of(
            () -> aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                    .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"),
            () -> aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>503 Service Unavailable</h1>No server is available.</body></html>"),
            () -> aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")
                    .withBody(GraphJson.error("TooManyRequests", "Please retry again later.")),             // date, far
            () -> aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "3600")
                    .withBody(GraphJson.error("TooManyRequests", "Please retry again later.")),             // an hour
            () -> aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                    .withHeader("Retry-After", "99999999999999999999")
                    .withBody(GraphJson.error("TooManyRequests", "Please retry again later.")),             // overflows
            () -> aResponse().withStatus(503).withHeader("Retry-After", "soon"));                          // unparsable

    static Stream<Arguments> errorPagesOnEveryPath() {
        List<Arguments> out = new ArrayList<>();
        for (Path p : Path.values()) {
            for (int e = 0; e < ERROR_PAGES.size(); e++) {
                out.add(Arguments.of(p, e));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} answering error page #{1}")
    @MethodSource("errorPagesOnEveryPath")
    void errorPagesAndThrottlingEndTypedWithinTheDeadline(Path path, int page) {
        stubTheRest(path);
        FIX.server.stubFor(path.request.willReturn(ERROR_PAGES.get(page).get()));
        // the gateway pages go without the SDK's retries (tested elsewhere), which wait up to a second each here
        OutlookConnection connection = provider.connect(FIX.settings().property("account", GraphFixture.USER)
                .property("sync", path.sync).readDeadline(Duration.ofSeconds(5))
                .retryPolicy(new dev.personaltracker.calendar.spi.RetryPolicy(page <= 1 ? 1 : 3, Duration.ZERO,
                        Duration.ofSeconds(5), Duration.ofMinutes(1))).build(), Credentials.accessToken("graph-token"));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(() -> path.call.accept(connection)));

        assertThat(thrown).isInstanceOf(CalendarException.class);
        if (page >= 2 && page <= 4) {
            assertThat(thrown).isInstanceOf(dev.personaltracker.calendar.spi.RateLimitedException.class);
        } else {
            assertThat(thrown).isInstanceOf(ProviderUnavailableException.class)
                    .isNotInstanceOf(dev.personaltracker.calendar.spi.RateLimitedException.class);
        }
        assertThat(thrown).hasMessageContaining("Microsoft Graph");
    }

    static Stream<Arguments> oddTokenAnswers() {
        List<Arguments> out = new ArrayList<>();
        for (int g = 0; g < GARBAGE.size(); g++) {
            out.add(Arguments.of("garbage", g));
        }
        for (int e = 0; e < ERROR_PAGES.size(); e++) {
            out.add(Arguments.of("error page", e));
        }
        out.add(Arguments.of("fault", 0));
        out.add(Arguments.of("fault", 1));
        out.add(Arguments.of("fault", 2));
        return out.stream();
    }

    @ParameterizedTest(name = "token refresh answering {0} #{1}")
    @MethodSource("oddTokenAnswers")
    void oddAnswersOfTheTokenEndpointEndTypedWithinTheDeadline(String kind, int index) {
        ResponseDefinitionBuilder answer = switch (kind) {
            case "garbage" -> GARBAGE.get(index).get();
            case "error page" -> ERROR_PAGES.get(index).get();
            default -> FAULTS.get(index).get();
        };
        FIX.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token")).willReturn(answer));
        var store = legacyGrant();
        OutlookConnection connection = provider.connect(FIX.settings().readDeadline(Duration.ofSeconds(2)).build(),
                Credentials.stored(store, GRANT));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(connection::calendars));

        // an answer that is not about the grant never asks the person to sign in again, nor marks the grant
        assertThat(thrown).isInstanceOf(CalendarException.class).hasMessageNotContaining("RT-legacy")
                .isNotInstanceOf(dev.personaltracker.calendar.spi.ReauthorizationRequiredException.class)
                .hasMessageContaining("Microsoft");
        assertThat(store.load(GRANT)).hasValueSatisfying(t -> assertThat(t.health())
                .isEqualTo(dev.personaltracker.calendar.spi.TokenHealth.HEALTHY));
        FIX.server.verify(0, anyRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
    }

    /** @return the MSAL token threads still inside MSAL's JSON reader */
    private static List<String> msalThreadsParsing() {
        List<String> out = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("tracker-msal") && java.util.Arrays.stream(stack)
                    .anyMatch(f -> f.getClassName().startsWith("com.azure.json"))) {
                out.add(thread.getName());
            }
        });
        return out;
    }

    /**
     * MSAL4J's token-answer reader never returns on an object holding an empty array; the provider's HTTP client for
     * MSAL drops empty arrays (which MSAL does not read), so such an answer is read like any other and no thread is
     * left spinning.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {200, 400})
    void aTokenAnswerHoldingAnEmptyArrayIsReadNotSpunOnForEver(int status) {
        FIX.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(status == 200
                        ? "{\"value\":[],\"@odata.context\":\"x\"}"
                        : "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: expired\",\"error_codes\":[],"
                                + "\"claims\":{\"access_token\":{\"capabilities\":[[]]}}}")));
        var store = legacyGrant();
        OutlookConnection connection = provider.connect(FIX.settings().readDeadline(Duration.ofSeconds(10)).build(),
                Credentials.stored(store, GRANT));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(connection::calendars));

        assertThat(thrown).isInstanceOf(status == 200 ? UnexpectedResponseException.class
                : dev.personaltracker.calendar.spi.ReauthorizationRequiredException.class);
        assertThat(msalThreadsParsing()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{}", "{\"token_type\":\"Bearer\",\"expires_in\":3600}",
            "{\"access_token\":\"\",\"token_type\":\"Bearer\"}"})
    void aTokenAnswerWithoutAnAccessTokenIsAnUnexpectedResponseNotAnEmptyBearer(String body) {
        FIX.server.stubFor(post(urlPathEqualTo("/common/oauth2/v2.0/token")).willReturn(okJson(body)));
        var store = legacyGrant();
        OutlookConnection connection = provider.connect(FIX.settings().readDeadline(Duration.ofSeconds(10)).build(),
                Credentials.stored(store, GRANT));

        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> catchThrowable(connection::calendars));

        assertThat(thrown).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining(GraphFixture.USER);
        FIX.server.verify(0, anyRequestedFor(urlPathEqualTo("/v1.0/me/calendars")));
    }
}
