package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.TokenKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Test fixture: a provider whose sleeper records instead of sleeping, settings pointing at WireMock, a stored grant,
 * and Google Calendar API bodies shaped as Google sends them (field masks applied, as the real service does).
 */
final class GoogleApi {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final String ACCESS = "ya29.a0AfB_byC-test-access-token-0001";
    static final String REFRESH = "1//0gTestRefreshToken-xyz-0001";
    static final String CLIENT_ID = "1234567890-abc.apps.googleusercontent.com";
    static final String CLIENT_SECRET = "GOCSPX-test-client-secret";
    static final TokenKey KEY = TokenKey.of("user-1", "google", "ada@example.com");
    static final String EVENTS_PATH = "/calendar/v3/calendars/primary/events";

    final WireMockExtension wm;
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    /** A monotonic clock that only the fake sleeper moves, so retry budgets are measured in slept time. */
    final AtomicLong nanos = new AtomicLong();
    final GoogleCalendarProvider provider;
    final InMemoryTokenStore tokens = InMemoryTokenStore.create();

    GoogleApi(WireMockExtension wm) {
        this(wm, false);
    }

    /**
     * @param realTime  false: the sleeper records instead of sleeping and the monotonic clock moves only with it;
     *     true: the provider sleeps and measures time for real (for hangs, where time passes in the socket)
     */
    GoogleApi(WireMockExtension wm, boolean realTime) {
        this.wm = wm;
        this.provider = realTime ? new GoogleCalendarProvider() : new GoogleCalendarProvider(millis -> {
            sleeps.add(millis);
            nanos.addAndGet(millis * 1_000_000L);
        }, new SplittableRandom(7), nanos::get);
        tokens.save(KEY, OAuthToken.of(ACCESS, Optional.of(REFRESH), Optional.of(NOW.plus(Duration.ofHours(1))),
                Set.of("https://www.googleapis.com/auth/calendar.events.owned")));
    }

    /** Applied last by {@link #settings()}: a test that drives shared call paths sets its own deadline here. */
    java.util.function.UnaryOperator<ProviderSettings.Builder> tuning = b -> b;

    ProviderSettings.Builder settings() {
        return tuning.apply(ProviderSettings.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .apiBaseUrl(URI.create(wm.baseUrl() + "/"))
                .authBaseUrl(URI.create(wm.baseUrl() + "/"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                // retry tests measure the retry policy; deadline tests (GoogleDeadlineTest) set their own
                .readDeadline(Duration.ofMinutes(2))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofMinutes(2))));
    }

    CalendarConnection connect() {
        return connect(settings().build());
    }

    CalendarConnection connect(ProviderSettings settings) {
        return provider.connect(settings, Credentials.stored(tokens, KEY));
    }

    // ------------------------------------------------------------------------------------------------ bodies

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    static ResponseDefinitionBuilder ok(String body) {
        return json(200, body);
    }

    /** Google's error body, e.g. {@code error(403, "usageLimits", "rateLimitExceeded", "Rate Limit Exceeded")}. */
    static String error(int code, String domain, String reason, String message) {
        return """
                {
                  "error": {
                    "errors": [{"domain": "%s", "reason": "%s", "message": "%s"}],
                    "code": %d,
                    "message": "%s"
                  }
                }""".formatted(domain, reason, message, code, message);
    }

    static String page(List<String> items, String nextPageToken, String nextSyncToken) {
        StringBuilder b = new StringBuilder("{\n  \"timeZone\": \"Europe/Berlin\",\n");
        if (nextPageToken != null) {
            b.append("  \"nextPageToken\": \"").append(nextPageToken).append("\",\n");
        }
        if (nextSyncToken != null) {
            b.append("  \"nextSyncToken\": \"").append(nextSyncToken).append("\",\n");
        }
        return b.append("  \"items\": [\n").append(String.join(",\n", items)).append("\n  ]\n}").toString();
    }

    /** A timed event; {@code extra} is more JSON members (without the leading comma), or empty. */
    static String timed(String id, String start, String end, String extra) {
        return """
                    {
                      "id": "%s",
                      "etag": "\\"3391847200000000\\"",
                      "status": "confirmed",
                      "summary": "Meeting %s",
                      "start": {"dateTime": "%s", "timeZone": "Europe/Berlin"},
                      "end": {"dateTime": "%s", "timeZone": "Europe/Berlin"},
                      "eventType": "default"%s
                    }""".formatted(id, id, start, end, extra.isEmpty() ? "" : ",\n      " + extra);
    }

    /** An all-day event: dates, end exclusive. */
    static String allDay(String id, String startDate, String endDate, String extra) {
        return """
                    {
                      "id": "%s",
                      "etag": "\\"3391847200000001\\"",
                      "status": "confirmed",
                      "summary": "All day %s",
                      "start": {"date": "%s"},
                      "end": {"date": "%s"},
                      "eventType": "default"%s
                    }""".formatted(id, id, startDate, endDate, extra.isEmpty() ? "" : ",\n      " + extra);
    }

    /** A cancelled event as an incremental sync reports a deletion: only id and status. */
    static String cancelled(String id) {
        return "    {\"id\": \"%s\", \"status\": \"cancelled\"}".formatted(id);
    }

    /** A study session as Google returns it after the library created it. */
    static String session(String key, String start, String end, String etag) {
        return """
                    {
                      "kind": "calendar#event",
                      "id": "%s",
                      "etag": "\\"%s\\"",
                      "status": "confirmed",
                      "htmlLink": "https://www.google.com/calendar/event?eid=abc",
                      "created": "2026-11-23T08:00:00.000Z",
                      "updated": "2026-11-23T08:00:00.000Z",
                      "summary": "Study Session",
                      "creator": {"email": "ada@example.com", "self": true},
                      "organizer": {"email": "ada@example.com", "self": true},
                      "start": {"dateTime": "%s", "timeZone": "UTC"},
                      "end": {"dateTime": "%s", "timeZone": "UTC"},
                      "transparency": "opaque",
                      "iCalUID": "%s@google.com",
                      "sequence": 0,
                      "extendedProperties": {"private": {"personalTrackerApp": "study-session", "personalTrackerSessionKey": "%s"}},
                      "reminders": {"useDefault": true},
                      "eventType": "default"
                    }""".formatted(EventIds.of(dev.personaltracker.calendar.spi.SessionKey.of(key)), etag, start, end,
                EventIds.of(dev.personaltracker.calendar.spi.SessionKey.of(key)), key);
    }

    /** {@code count} plain busy events, an hour each, one a day from {@code 2026-11-23}. */
    static List<String> manyEvents(String prefix, int from, int count) {
        List<String> out = new ArrayList<>();
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        for (int i = from; i < from + count; i++) {
            Instant s = start.plus(Duration.ofMinutes(30L * i));
            out.add(timed(prefix + i, s.toString(), s.plus(Duration.ofMinutes(30)).toString(), ""));
        }
        return out;
    }

    /** An unsigned OpenID Connect id token (Google's are signed; the provider need not check a token it fetched). */
    static String idToken(String email) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"test\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"https://accounts.google.com\",\"aud\":\"" + CLIENT_ID
                + "\",\"sub\":\"110169484474386276334\",\"email\":\"" + email
                + "\",\"email_verified\":true,\"iat\":1795420800,\"exp\":1795424400}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString("signature".getBytes(StandardCharsets.UTF_8));
    }

    static String tokenResponse(String accessToken, String refreshToken, String idToken) {
        return "{\"access_token\": \"" + accessToken + "\", \"expires_in\": 3599, "
                + (refreshToken == null ? "" : "\"refresh_token\": \"" + refreshToken + "\", ")
                + "\"scope\": \"openid https://www.googleapis.com/auth/calendar.freebusy "
                + "https://www.googleapis.com/auth/calendar.events.owned https://www.googleapis.com/auth/userinfo.email\", "
                + "\"token_type\": \"Bearer\""
                + (idToken == null ? "" : ", \"id_token\": \"" + idToken + "\"") + "}";
    }

    static String calendarList(String... entries) {
        return "{\"kind\": \"calendar#calendarList\", \"items\": [" + String.join(",", entries) + "]}";
    }

    static String calendarEntry(String id, String summary, String accessRole, boolean primary) {
        return """
                {"kind": "calendar#calendarListEntry", "id": "%s", "summary": "%s", "timeZone": "Europe/Berlin",
                 "accessRole": "%s"%s}""".formatted(id, summary, accessRole, primary ? ", \"primary\": true" : "");
    }

    static String joined(List<String> parts) {
        return parts.stream().collect(Collectors.joining(","));
    }
}
