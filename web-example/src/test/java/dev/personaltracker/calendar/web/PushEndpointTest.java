package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.PlanPageTest.calendar;
import static dev.personaltracker.calendar.web.PlanPageTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.TokenKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calendar services' notification endpoint: absent on localhost (the app polls), mounted with a public https
 * address, where Graph's handshake is answered, forged notifications are refused without touching the person, and a
 * genuine one reconciles the person at once (the clock does not move, so no poll is due).
 */
class PushEndpointTest {

    private static final String PUBLIC = "tracker.example.test";

    @TempDir
    Path data;

    private static String post(String path, String host, String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Content-Length: "
                + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String google(String channelId, String token) {
        return "X-Goog-Channel-ID: " + channelId + "\r\nX-Goog-Channel-Token: " + token
                + "\r\nX-Goog-Resource-ID: res-1\r\nX-Goog-Resource-State: exists\r\nX-Goog-Message-Number: 7\r\n";
    }

    @Test
    void onLocalhost_thereIsNoEndpoint_andTheAppPolls() throws Exception {
        try (TestApp app = new TestApp(data, Map.of(), Optional.empty(), WebConfig.SOURCE_DEADLINE, Duration.ofSeconds(1))) {
            String answer = RawHttp.exchange(app.port(), post(PushEndpoint.PATH + "?validationToken=abc",
                    "127.0.0.1:" + app.port(), "", ""));

            assertThat(RawHttp.status(answer)).isEqualTo(404);
            assertThat(app.app().reconciliation().notifications()).isEmpty();
        }
    }

    @Test
    void withAPublicHttpsAddress_theHandshakeIsAnswered_andForgedOrForeignRequestsAreRefused() throws Exception {
        try (TestApp app = new TestApp(data, Map.of("PUBLIC_URL", "https://" + PUBLIC), Optional.empty(),
                WebConfig.SOURCE_DEADLINE, Duration.ofSeconds(1))) {
            app.app().stores().channels().save(new ChangeChannel("chan-1", TokenKey.of("me", "google", "me@example.com"),
                    "primary", "res-1", Instant.parse("2026-03-12T00:00:00Z"), "the-right-secret"));

            String handshake = RawHttp.exchange(app.port(), post(PushEndpoint.PATH
                    + "?validationToken=Validation%3A%20Testing%20client%20application%20reachability", PUBLIC, "", ""));
            assertThat(RawHttp.status(handshake)).isEqualTo(200);
            assertThat(handshake).containsIgnoringCase("content-type: text/plain")
                    .endsWith("Validation: Testing client application reachability");

            String wrongSecret = RawHttp.exchange(app.port(), post(PushEndpoint.PATH, PUBLIC, google("chan-1", "a-guess"), ""));
            String unknownChannel = RawHttp.exchange(app.port(), post(PushEndpoint.PATH, PUBLIC,
                    google("chan-forged", "the-right-secret"), ""));
            String graphForged = RawHttp.exchange(app.port(), post(PushEndpoint.PATH, PUBLIC,
                    "Content-Type: application/json\r\n", "{\"value\":[{\"subscriptionId\":\"chan-1\",\"clientState\":"
                            + "\"the-right-secret\",\"changeType\":\"updated\",\"resource\":\"me/events/x\"}]}"));
            String foreignHost = RawHttp.exchange(app.port(), post(PushEndpoint.PATH, "evil.example",
                    google("chan-1", "the-right-secret"), ""));

            assertThat(RawHttp.status(wrongSecret)).isEqualTo(403);
            assertThat(RawHttp.status(unknownChannel)).isEqualTo(403);
            assertThat(RawHttp.status(graphForged)).as("a Google channel's secret in a Graph notification").isEqualTo(403);
            assertThat(RawHttp.status(foreignHost)).isEqualTo(421);
            assertThat(wrongSecret + unknownChannel + graphForged).doesNotContain("the-right-secret");
        }
    }

    /** A genuine Graph notification for the subscription {@link #withGraphSubscription()} saves. */
    private static final String GRAPH = "{\"value\":[{\"subscriptionId\":\"sub-1\",\"clientState\":\"graph-secret\","
            + "\"changeType\":\"updated\",\"resource\":\"me/events/AAMk\",\"tenantId\":\"t-1\"}]}";

    /** @return the app with a public https address and a Graph subscription "sub-1" of secret "graph-secret" */
    private TestApp withGraphSubscription() {
        TestApp app = new TestApp(data, Map.of("PUBLIC_URL", "https://" + PUBLIC), Optional.empty(),
                WebConfig.SOURCE_DEADLINE, Duration.ofSeconds(1));
        app.app().stores().channels().save(new ChangeChannel("sub-1", TokenKey.of("me", "outlook", "me@example.com"),
                "primary", "res-1", Instant.parse("2026-03-12T00:00:00Z"), "graph-secret"));
        return app;
    }

    /** A notification whose body reaches the server in pieces, with pauses between them, is taken like any other. */
    @Test
    void aGraphNotificationArrivingInPieces_isAccepted() throws Exception {
        try (TestApp app = withGraphSubscription()) {
            String body = GRAPH;
            String head = post(PushEndpoint.PATH, PUBLIC, "Content-Type: application/json\r\n", body);
            head = head.substring(0, head.length() - body.length());

            String answer = RawHttp.exchangeInPieces(app.port(), Duration.ofMillis(400), head + body.substring(0, 20),
                    body.substring(20, 60), body.substring(60));

            assertThat(RawHttp.status(answer)).isEqualTo(202);
        }
    }

    /**
     * A notification that is cut off, too large, not JSON, not UTF-8, of another content type or of a charset Javalin
     * cannot use gets a 4xx, never a 500 (a cut-off body ended as a bare 500; Javalin's query and body reads threw on
     * the charset), and an empty-bodied one (every Google notification) is answered on its headers.
     */
    @Test
    void aBrokenNotification_getsA4xx_neverA500() throws Exception {
        try (TestApp app = withGraphSubscription()) {
            String graph = GRAPH;
            String json = "Content-Type: application/json\r\n";
            for (String charset : new String[] {"charset=nope", "charset", "charset=\"@@\""}) {
                String answer = RawHttp.exchange(app.port(), post(PushEndpoint.PATH + "?validationToken=abc", PUBLIC,
                        "Content-Type: application/json; " + charset + "\r\n", graph));

                assertThat(RawHttp.status(answer)).as(charset).isEqualTo(400);
            }
            assertThat(RawHttp.status(RawHttp.exchange(app.port(), post(PushEndpoint.PATH, PUBLIC,
                    "Content-Type: application/json; charset=UTF-8\r\n", graph)))).as("the real one").isEqualTo(202);
            String[][] cases = {
                {"not JSON", post(PushEndpoint.PATH, PUBLIC, json, "{\"value\":[{\"subscriptionId\":")},
                {"not UTF-8", "POST " + PushEndpoint.PATH + " HTTP/1.1\r\nHost: " + PUBLIC + "\r\n" + json
                        + "Content-Length: " + (graph.length() + 1) + "\r\nConnection: close\r\n\r\n"
                        + graph.replace("t-1", "t-\u00ff\u00fe")},   // two bytes, as RawHttp sends ISO-8859-1
                {"a form", post(PushEndpoint.PATH, PUBLIC, "Content-Type: application/x-www-form-urlencoded\r\n", "a=%ZZ")},
                {"chunked, over 64 KiB", "POST " + PushEndpoint.PATH + " HTTP/1.1\r\nHost: " + PUBLIC + "\r\n" + json
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(70_000) + "\r\n"
                        + " ".repeat(70_000) + "\r\n0\r\n\r\n"},
                {"Google, empty, no length", "POST " + PushEndpoint.PATH + " HTTP/1.1\r\nHost: " + PUBLIC + "\r\n"
                        + google("chan-x", "s") + "Connection: close\r\n\r\n"},
            };
            for (String[] c : cases) {
                String answer = RawHttp.exchange(app.port(), c[1]);

                assertThat(RawHttp.status(answer)).as(c[0]).isBetween(400, 499);
            }
            String cutOff;
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", app.port())) {
                s.setSoTimeout(15_000);
                s.getOutputStream().write(post(PushEndpoint.PATH, PUBLIC, json, graph).replace("Content-Length: "
                        + graph.length(), "Content-Length: " + (graph.length() + 30)).getBytes(StandardCharsets.ISO_8859_1));
                s.shutdownOutput();
                cutOff = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            assertThat(RawHttp.status(cutOff)).as("cut off").isEqualTo(400);
        }
    }

    @Test
    void aGenuineNotification_reconcilesThePersonAtOnce_withoutWaitingForThePoll() throws Exception {
        Path dir = data.resolve("app");
        Files.createDirectories(dir);
        Path uni = dir.resolve("uni.ics");
        Files.writeString(uni, calendar(event("far@test", "Far away", Instant.parse("2026-04-01T10:00:00Z"),
                Instant.parse("2026-04-01T11:00:00Z"))));
        try (TestApp app = new TestApp(dir, Map.of("PUBLIC_URL", "https://" + PUBLIC), Optional.empty(),
                WebConfig.SOURCE_DEADLINE, Duration.ofHours(1))) {
            SessionRecord first = PlanPageTest.approveTheWeek(new Browserless(app), app, uni);
            app.app().stores().channels().save(new ChangeChannel("chan-1", TokenKey.of("me", "google", "me@example.com"),
                    "primary", "res-1", Instant.parse("2026-03-12T00:00:00Z"), "the-right-secret"));
            Files.writeString(uni, calendar(event("surprise@test", "Surprise meeting", first.interval().start(),
                    first.interval().end())));

            String answer = RawHttp.exchange(app.port(), post(PushEndpoint.PATH, PUBLIC, google("chan-1", "the-right-secret"), ""));

            assertThat(RawHttp.status(answer)).isEqualTo(202);
            Optional<SessionRecord> moved = PlanPageTest.awaitMovedOrDropped(app, first, () -> { });
            assertThat(moved).as("moved by the run the notification started").isPresent();
        }
    }
}
