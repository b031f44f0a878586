package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.calendarEntry;
import static dev.personaltracker.calendar.google.GoogleApi.calendarList;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.BackgroundReconciler;
import dev.personaltracker.calendar.NotificationHandler;
import dev.personaltracker.calendar.NotificationResponse;
import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.PushChannels;
import dev.personaltracker.calendar.ReconcileOutcome;
import dev.personaltracker.calendar.ReconcileReport;
import dev.personaltracker.calendar.ReconcileTarget;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.memory.InMemoryChannelStore;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeChannels;
import dev.personaltracker.calendar.spi.ChangeNotice;
import dev.personaltracker.calendar.spi.NotificationDecoder;
import dev.personaltracker.calendar.spi.NotificationRequest;
import dev.personaltracker.calendar.testing.QueuedExecutor;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Google push channels through the real Calendar client against WireMock, shaped after the API reference:
 * {@code POST calendars/{id}/events/watch} answers an {@code api#channel} with {@code resourceId} and
 * {@code expiration} in milliseconds (as a string); {@code POST channels/stop} answers 204 with no body;
 * notifications carry {@code X-Goog-Channel-ID}, {@code X-Goog-Channel-Token}, {@code X-Goog-Resource-State}.
 */
class GooglePushTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String WATCH_PATH = "/calendar/v3/calendars/primary/events/watch";
    static final String ADA_EVENTS = "/calendar/v3/calendars/ada@example.com/events";
    static final String STOP_PATH = "/calendar/v3/channels/stop";
    static final URI ENDPOINT = URI.create("https://host.example/calendar-notify");
    static final Instant EXPIRY = GoogleApi.NOW.plus(Duration.ofDays(3));

    GoogleApi api;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
    }

    static String channel(String id, String resourceId, Instant expiration) {
        return """
                {
                  "kind": "api#channel",
                  "id": "%s",
                  "resourceId": "%s",
                  "resourceUri": "https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json",
                  "expiration": "%d"
                }""".formatted(id, resourceId, expiration.toEpochMilli());
    }

    private void stubWatch(String id, String resourceId, Instant expiration) {
        wm.stubFor(post(urlPathEqualTo(WATCH_PATH)).willReturn(ok(channel(id, resourceId, expiration))));
    }

    private ChangeChannels channels() {
        return api.connect().changeChannels().orElseThrow();
    }

    static NotificationRequest googleNotice(String channelId, String token, String state) {
        return new NotificationRequest(Map.of(
                "X-Goog-Channel-ID", List.of(channelId),
                "X-Goog-Channel-Token", List.of(token),
                "X-Goog-Channel-Expiration", List.of("Thu, 26 Nov 2026 08:00:00 GMT"),
                "X-Goog-Resource-ID", List.of("ret08u3rv24htgh289g"),
                "X-Goog-Resource-URI", List.of("https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json"),
                "X-Goog-Resource-State", List.of(state),
                "X-Goog-Message-Number", List.of("2")), Map.of(), "");
    }

    @Test
    void open_watchesTheCalendarWithAWebHookCarryingTheSecret() {
        stubWatch("chan-1", "ret08u3rv24htgh289g", EXPIRY);

        ChangeChannel opened = channels().open("primary", ENDPOINT, "s3cret-token-of-43-characters-xxxxxxxxxxxx", EXPIRY);

        assertThat(opened.channelId()).isEqualTo("chan-1");
        assertThat(opened.resourceId()).isEqualTo("ret08u3rv24htgh289g");
        assertThat(opened.expiresAt()).isEqualTo(EXPIRY);
        assertThat(opened.account()).isEqualTo(GoogleApi.KEY);
        wm.verify(postRequestedFor(urlPathEqualTo(WATCH_PATH))
                .withHeader("Authorization", equalTo("Bearer " + GoogleApi.ACCESS))
                .withRequestBody(matchingJsonPath("$.type", equalTo("web_hook")))
                .withRequestBody(matchingJsonPath("$.address", equalTo(ENDPOINT.toString())))
                .withRequestBody(matchingJsonPath("$.token", equalTo("s3cret-token-of-43-characters-xxxxxxxxxxxx")))
                .withRequestBody(matchingJsonPath("$.id"))
                .withRequestBody(matchingJsonPath("$.params.ttl", equalTo(Long.toString(Duration.ofDays(3).toSeconds())))));
    }

    @Test
    void open_googleChoosesAnEarlierExpiry_theChannelSaysSo() {
        Instant earlier = GoogleApi.NOW.plus(Duration.ofDays(1));
        stubWatch("chan-1", "res-1", earlier);

        assertThat(channels().open("primary", ENDPOINT, "secret", EXPIRY).expiresAt()).isEqualTo(earlier);
    }

    @Test
    void open_refusedByGoogle_isATypedErrorWithoutTheSecret() {
        wm.stubFor(post(urlPathEqualTo(WATCH_PATH)).willReturn(json(400, error(400, "push", "push.webhookUrlUnauthorized",
                "Unauthorized WebHook callback channel: https://host.example/calendar-notify"))));

        assertThatThrownBy(() -> channels().open("primary", ENDPOINT, "very-secret-token", EXPIRY))
                .isInstanceOf(CalendarException.class)
                .hasMessageContaining("events.watch")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("very-secret-token"));
    }

    @Test
    void open_htmlErrorPage_isAnUnexpectedResponse() {
        wm.stubFor(post(urlPathEqualTo(WATCH_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Sign in</body></html>")));

        assertThatThrownBy(() -> channels().open("primary", ENDPOINT, "secret", EXPIRY))
                .isInstanceOf(CalendarException.class).hasMessageContaining("events.watch");
    }

    @Test
    void stop_sendsTheChannelIdAndResourceId_andAChannelGoogleForgotIsStoppedToo() {
        wm.stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(aResponse().withStatus(204)));
        ChangeChannel channel = new ChangeChannel("chan-1", GoogleApi.KEY, "primary", "res-1", EXPIRY, "secret");

        channels().stop(channel);

        wm.verify(postRequestedFor(urlPathEqualTo(STOP_PATH))
                .withRequestBody(equalToJson("{\"id\": \"chan-1\", \"resourceId\": \"res-1\"}")));

        wm.stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(json(404, error(404, "global", "notFound",
                "Channel 'chan-1' not found for project '1234567890'"))));
        channels().stop(channel);
    }

    @Test
    void renew_opensANewChannelWithTheSameSecret_thenStopsTheOldOne() {
        stubWatch("chan-2", "res-1", EXPIRY.plus(Duration.ofDays(1)));
        wm.stubFor(post(urlPathEqualTo(STOP_PATH)).willReturn(aResponse().withStatus(204)));
        ChangeChannel old = new ChangeChannel("chan-1", GoogleApi.KEY, "primary", "res-1", EXPIRY, "secret-1");

        ChangeChannel renewed = channels().renew(old, ENDPOINT, EXPIRY.plus(Duration.ofDays(1)));

        assertThat(renewed.channelId()).isEqualTo("chan-2");
        assertThat(renewed.secret()).isEqualTo("secret-1");
        assertThat(renewed.expiresAt()).isEqualTo(EXPIRY.plus(Duration.ofDays(1)));
        wm.verify(postRequestedFor(urlPathEqualTo(WATCH_PATH)).withRequestBody(matchingJsonPath("$.token", equalTo("secret-1"))));
        wm.verify(postRequestedFor(urlPathEqualTo(STOP_PATH)).withRequestBody(matchingJsonPath("$.id", equalTo("chan-1"))));
    }

    @Test
    void decoder_readsGoogleHeaders_inAnyCase_andIgnoresOtherRequests() {
        NotificationDecoder decoder = api.provider.notificationDecoder().orElseThrow();

        assertThat(decoder.decode(googleNotice("chan-1", "tok", "exists")).orElseThrow().notices())
                .containsExactly(new ChangeNotice("chan-1", "tok", ChangeNotice.Kind.CHANGED));
        assertThat(decoder.decode(googleNotice("chan-1", "tok", "sync")).orElseThrow().notices())
                .containsExactly(new ChangeNotice("chan-1", "tok", ChangeNotice.Kind.SYNC));
        assertThat(decoder.decode(googleNotice("chan-1", "tok", "not_exists")).orElseThrow().notices())
                .containsExactly(new ChangeNotice("chan-1", "tok", ChangeNotice.Kind.CHANGED));
        assertThat(decoder.decode(new NotificationRequest(Map.of("x-goog-channel-id", List.of("c")), Map.of(), ""))
                .orElseThrow().notices()).containsExactly(new ChangeNotice("c", "", ChangeNotice.Kind.CHANGED));
        assertThat(decoder.decode(new NotificationRequest(Map.of(), Map.of("validationToken", "x"), ""))).isEmpty();
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void notification_leadsToOneDeltaReadAndOneReconcile_burstsCoalesce_forgeriesAreRefused() {
        wm.stubFor(get(urlPathEqualTo("/calendar/v3/users/me/calendarList")).willReturn(ok(calendarList(
                calendarEntry("ada@example.com", "ada@example.com", "owner", true)))));
        wm.stubFor(get(urlPathEqualTo(ADA_EVENTS)).withQueryParam("syncToken", absent())
                .willReturn(ok(page(List.of(), null, "sync-1"))));
        wm.stubFor(get(urlPathEqualTo(ADA_EVENTS)).withQueryParam("syncToken", equalTo("sync-1"))
                .willReturn(ok(page(List.of(), null, "sync-1"))));
        wm.stubFor(post(urlPathEqualTo("/calendar/v3/calendars/ada@example.com/events/watch"))
                .willReturn(ok(channel("chan-1", "res-1", EXPIRY))));
        wm.stubFor(post(urlPathEqualTo(WATCH_PATH)).willReturn(ok(channel("chan-1", "res-1", EXPIRY))));
        StudyTracker tracker = StudyTracker.builder().providers(ProviderRegistry.of(api.provider))
                .tokenStore(api.tokens).historyStore(InMemoryHistoryStore.create())
                .clock(Clock.fixed(GoogleApi.NOW, ZoneOffset.UTC))
                .settings("google", api.settings().syncStateStore(InMemorySyncStateStore.create()).build()).build();
        tracker.forUser("user-1").connectStoredAccounts();
        AtomicInteger reconciles = new AtomicInteger();
        ReconcileTarget real = ReconcileTarget.of(tracker);
        ReconcileTarget counted = new ReconcileTarget() {
            @Override
            public Set<String> providerIds(String userId) {
                return real.providerIds(userId);
            }

            @Override
            public ReconcileReport reconcile(String userId, Interval window) {
                reconciles.incrementAndGet();
                return real.reconcile(userId, window);
            }
        };
        QueuedExecutor queue = new QueuedExecutor();
        List<ReconcileOutcome> outcomes = new CopyOnWriteArrayList<>();
        PushChannels push = PushChannels.create(tracker, InMemoryChannelStore.create(), ENDPOINT);
        BackgroundReconciler background = BackgroundReconciler.builder(counted, tracker.clock(), range -> List.of("user-1"))
                .executor(queue).pushChannels(push).listener(outcomes::add).build();
        NotificationHandler handler = NotificationHandler.create(tracker, push, background);
        ChangeChannel channel = push.watch("user-1").get(0);
        background.notifyChanged("user-1");    // a first full sync, so the next read is a delta
        queue.runAll();
        wm.resetRequests();
        reconciles.set(0);

        for (int i = 0; i < 100; i++) {
            NotificationResponse r = handler.handle(googleNotice(channel.channelId(), channel.secret(), "exists"));
            assertThat(r.status()).isEqualTo(202);
        }
        NotificationResponse forged = handler.handle(googleNotice(channel.channelId(), "guessed", "exists"));
        NotificationResponse unknown = handler.handle(googleNotice("chan-404", channel.secret(), "exists"));
        queue.runAll();

        assertThat(forged.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(reconciles).hasValue(1);
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo(ADA_EVENTS)))).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("syncToken").firstValue()).isEqualTo("sync-1"));
        assertThat(outcomes).last().satisfies(o -> assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.RECONCILED));
    }
}
