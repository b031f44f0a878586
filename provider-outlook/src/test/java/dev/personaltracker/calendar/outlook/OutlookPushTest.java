package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeChannels;
import dev.personaltracker.calendar.spi.ChangeNotice;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.NotificationDecoder;
import dev.personaltracker.calendar.spi.NotificationRequest;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Microsoft Graph subscriptions through the Graph SDK against WireMock, shaped after the reference: {@code POST
 * /subscriptions} answers 201 with the subscription, {@code PATCH /subscriptions/{id}} 200 with the new expiry,
 * {@code DELETE} 204; notifications are {@code {"value":[...]}} batches with {@code clientState}, lifecycle events and
 * the validation handshake ({@code POST ?validationToken=...}, answered 200 text/plain with the token).
 */
class OutlookPushTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();

    static final URI ENDPOINT = URI.create("https://host.example/calendar-notify");
    static final String CAL = "AAMkAGI2TGuLAAA=";
    static final Instant NOW = Instant.parse("2024-03-04T08:00:00Z");
    static final Instant EXPIRY = NOW.plus(Duration.ofDays(3));
    static final String SUB = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    private ChangeChannels channels() {
        return provider.connect(FIX.settings().property("account", GraphFixture.USER).build(),
                Credentials.accessTokenOf("user-1", "graph-token")).changeChannels().orElseThrow();
    }

    static String subscription(String id, Instant expiry) {
        return """
                {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity",
                 "id":"%s","resource":"me/calendars/%s/events","applicationId":"24d3b144-21ae-4080-943f-7067b395b913",
                 "changeType":"created,updated,deleted","clientState":null,
                 "notificationUrl":"https://host.example/calendar-notify",
                 "lifecycleNotificationUrl":"https://host.example/calendar-notify",
                 "expirationDateTime":"%s","creatorId":"8ee44408-0679-472c-bc2a-692812af3437",
                 "latestSupportedTlsVersion":"v1_2","notificationContentType":null}""".formatted(id, CAL, expiry);
    }

    static String changeBatch(String subscriptionId, String clientState, int count) {
        StringBuilder b = new StringBuilder("{\"value\":[");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ",").append("""
                    {"subscriptionId":"%s","subscriptionExpirationDateTime":"2024-03-07T08:00:00+00:00",
                     "changeType":"updated","resource":"Users/8ee44408/Events/AAMkAD%d","clientState":"%s",
                     "tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95",
                     "resourceData":{"@odata.type":"#Microsoft.Graph.Event","@odata.id":"Users/8ee44408/Events/AAMkAD%d",
                       "@odata.etag":"W/\\"DwAAABYAAAB\\"","id":"AAMkAD%d"}}""".formatted(subscriptionId, i, clientState, i, i));
        }
        return b.append("]}").toString();
    }

    static String lifecycle(String subscriptionId, String clientState, String event) {
        return """
                {"value":[{"subscriptionId":"%s","subscriptionExpirationDateTime":"2024-03-07T08:00:00+00:00",
                  "tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","clientState":"%s","lifecycleEvent":"%s"}]}"""
                .formatted(subscriptionId, clientState, event);
    }

    static NotificationRequest graphPost(String body) {
        return new NotificationRequest(Map.of("Content-Type", List.of("application/json; charset=utf-8")), Map.of(), body);
    }

    @Test
    void open_postsASubscriptionOnTheCalendarsEvents_withTheSecretAsClientState() {
        FIX.server.stubFor(post(urlPathEqualTo("/v1.0/subscriptions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(subscription(SUB, EXPIRY))));

        ChangeChannel opened = channels().open(CAL, ENDPOINT, "client-state-secret", EXPIRY);

        assertThat(opened.channelId()).isEqualTo(SUB);
        assertThat(opened.expiresAt()).isEqualTo(EXPIRY);
        assertThat(opened.account().accountId()).isEqualTo(GraphFixture.USER);
        FIX.server.verify(postRequestedFor(urlPathEqualTo("/v1.0/subscriptions"))
                .withRequestBody(matchingJsonPath("$.changeType", equalTo("created,updated,deleted")))
                .withRequestBody(matchingJsonPath("$.resource", equalTo("me/calendars/" + CAL + "/events")))
                .withRequestBody(matchingJsonPath("$.notificationUrl", equalTo(ENDPOINT.toString())))
                .withRequestBody(matchingJsonPath("$.lifecycleNotificationUrl", equalTo(ENDPOINT.toString())))
                .withRequestBody(matchingJsonPath("$.clientState", equalTo("client-state-secret")))
                .withRequestBody(matchingJsonPath("$.expirationDateTime")));
    }

    @Test
    void open_validationFailed_isATypedErrorWithoutTheSecret() {
        FIX.server.stubFor(post(urlPathEqualTo("/v1.0/subscriptions")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":{"code":"InvalidRequest","message":"Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
                         "innerError":{"date":"2024-03-04T08:00:00","request-id":"1","client-request-id":"2"}}}""")));

        assertThatThrownBy(() -> channels().open(CAL, ENDPOINT, "client-state-secret", EXPIRY))
                .isInstanceOf(CalendarException.class)
                .hasMessageContaining("subscriptions")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("client-state-secret"));
    }

    @Test
    void renew_patchesTheExpiry_andRecreatesASubscriptionGraphForgot() {
        Instant later = EXPIRY.plus(Duration.ofDays(2));
        FIX.server.stubFor(patch(urlPathEqualTo("/v1.0/subscriptions/" + SUB)).willReturn(okJson(subscription(SUB, later))));
        ChangeChannel channel = new ChangeChannel(SUB, TokenKey.of("user-1", "outlook", GraphFixture.USER), CAL, "", EXPIRY, "s");

        ChangeChannel renewed = channels().renew(channel, ENDPOINT, later);

        assertThat(renewed.channelId()).isEqualTo(SUB);
        assertThat(renewed.expiresAt()).isEqualTo(later);
        FIX.server.verify(patchRequestedFor(urlPathEqualTo("/v1.0/subscriptions/" + SUB))
                .withRequestBody(matchingJsonPath("$.expirationDateTime")));

        FIX.server.stubFor(patch(urlPathEqualTo("/v1.0/subscriptions/" + SUB)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The object was not found.\"}}")));
        FIX.server.stubFor(post(urlPathEqualTo("/v1.0/subscriptions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(subscription("new-sub", later))));

        ChangeChannel again = channels().renew(channel, ENDPOINT, later);

        assertThat(again.channelId()).isEqualTo("new-sub");
        assertThat(again.secret()).isEqualTo("s");
        FIX.server.verify(postRequestedFor(urlPathEqualTo("/v1.0/subscriptions"))
                .withRequestBody(matchingJsonPath("$.clientState", equalTo("s"))));
    }

    @Test
    void stop_deletesTheSubscription_andOneGraphForgotIsStoppedToo() {
        FIX.server.stubFor(delete(urlPathEqualTo("/v1.0/subscriptions/" + SUB)).willReturn(aResponse().withStatus(204)));
        ChangeChannel channel = new ChangeChannel(SUB, TokenKey.of("user-1", "outlook", GraphFixture.USER), CAL, "", EXPIRY, "s");

        channels().stop(channel);
        FIX.server.verify(deleteRequestedFor(urlPathEqualTo("/v1.0/subscriptions/" + SUB)));

        FIX.server.stubFor(delete(urlPathEqualTo("/v1.0/subscriptions/" + SUB)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The object was not found.\"}}")));
        channels().stop(channel);
    }

    @Test
    void decoder_readsHandshakeChangesAndLifecycleEvents() {
        NotificationDecoder decoder = provider.notificationDecoder().orElseThrow();

        assertThat(decoder.decode(new NotificationRequest(Map.of(), Map.of("validationToken",
                "Validation: Testing client application reachability for subscription Request-Id: 1"), ""))
                .orElseThrow().handshake()).contains("Validation: Testing client application reachability for subscription Request-Id: 1");
        assertThat(decoder.decode(graphPost(changeBatch(SUB, "cs", 2))).orElseThrow().notices())
                .containsExactly(new ChangeNotice(SUB, "cs", ChangeNotice.Kind.CHANGED), new ChangeNotice(SUB, "cs", ChangeNotice.Kind.CHANGED));
        assertThat(decoder.decode(graphPost(lifecycle(SUB, "cs", "reauthorizationRequired"))).orElseThrow().notices())
                .containsExactly(new ChangeNotice(SUB, "cs", ChangeNotice.Kind.RENEWAL_REQUIRED));
        assertThat(decoder.decode(graphPost(lifecycle(SUB, "cs", "subscriptionRemoved"))).orElseThrow().notices())
                .containsExactly(new ChangeNotice(SUB, "cs", ChangeNotice.Kind.REMOVED));
        assertThat(decoder.decode(graphPost(lifecycle(SUB, "cs", "missed"))).orElseThrow().notices())
                .containsExactly(new ChangeNotice(SUB, "cs", ChangeNotice.Kind.MISSED));
        assertThat(decoder.decode(graphPost("{\"hello\":1}"))).isEmpty();
        assertThatThrownBy(() -> decoder.decode(graphPost("{\"value\":[{\"subscriptionId\": oops")))
                .isInstanceOf(UnexpectedResponseException.class);
    }

    // ------------------------------------------------------------------ end to end

    @Test
    void endToEnd_handshake_oneDeltaReadPerBurst_lifecycle_andForgeriesRefused() {
        String delta = "/v1.0/me/calendars/" + CAL + "/calendarView/delta";
        String deltaRx = "/v1.0/me/calendars/AAMkAGI2TGuLAAA(=|%3D)/calendarView/delta(\\(\\))?";
        FIX.server.stubFor(get(urlPathEqualTo("/v1.0/me/calendars")).willReturn(okJson(GraphFixture.CALENDARS)));
        FIX.server.stubFor(get(urlPathMatching(deltaRx)).withQueryParam("$deltatoken", absent())
                .willReturn(okJson(GraphJson.page(null, delta + "?$deltatoken=d1"))));
        FIX.server.stubFor(get(urlPathMatching(deltaRx)).withQueryParam("$deltatoken", equalTo("d1"))
                .willReturn(okJson(GraphJson.page(null, delta + "?$deltatoken=d1"))));
        FIX.server.stubFor(post(urlPathEqualTo("/v1.0/subscriptions")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(subscription(SUB, EXPIRY))));
        FIX.server.stubFor(patch(urlPathEqualTo("/v1.0/subscriptions/" + SUB))
                .willReturn(okJson(subscription(SUB, EXPIRY.plus(Duration.ofDays(1))))));
        StudyTracker tracker = StudyTracker.builder().providers(ProviderRegistry.of(provider))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .settings("outlook", FIX.settings().property("account", GraphFixture.USER)
                        .syncStateStore(InMemorySyncStateStore.create()).build()).build();
        tracker.forUser("user-1").connectWithAccessToken("outlook", "graph-token");
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

        NotificationResponse handshake = handler.handle(new NotificationRequest(Map.of(),
                Map.of("validationToken", "Validation: Testing client application reachability"), ""));
        assertThat(handshake.status()).isEqualTo(200);
        assertThat(handshake.contentType()).startsWith("text/plain");
        assertThat(handshake.body()).isEqualTo("Validation: Testing client application reachability");

        ChangeChannel channel = push.watch("user-1").get(0);
        assertThat(channel.channelId()).isEqualTo(SUB);
        background.notifyChanged("user-1");     // the first full round, so the next read is a delta
        queue.runAll();
        FIX.server.resetRequests();
        reconciles.set(0);

        for (int i = 0; i < 100; i++) {
            assertThat(handler.handle(graphPost(changeBatch(SUB, channel.secret(), 1))).status()).isEqualTo(202);
        }
        NotificationResponse forged = handler.handle(graphPost(changeBatch(SUB, "not-the-client-state", 1)));
        NotificationResponse unknown = handler.handle(graphPost(changeBatch("other-sub", channel.secret(), 1)));
        queue.runAll();

        assertThat(forged.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(reconciles).hasValue(1);
        assertThat(FIX.server.findAll(getRequestedFor(urlPathMatching(deltaRx)))).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("$deltatoken").firstValue()).isEqualTo("d1"));
        assertThat(outcomes).last().satisfies(o -> assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.RECONCILED));

        // lifecycle: reauthorizationRequired renews at the next tick; a forged one is refused
        assertThat(handler.handle(graphPost(lifecycle(SUB, "forged", "reauthorizationRequired"))).status()).isEqualTo(403);
        assertThat(handler.handle(graphPost(lifecycle(SUB, channel.secret(), "reauthorizationRequired"))).status())
                .isEqualTo(202);
        background.tick();
        FIX.server.verify(1, patchRequestedFor(urlPathEqualTo("/v1.0/subscriptions/" + SUB)));
        // missed: reconcile again
        assertThat(handler.handle(graphPost(lifecycle(SUB, channel.secret(), "missed"))).status()).isEqualTo(202);
        queue.runAll();
        assertThat(reconciles).hasValue(2);
    }
}
