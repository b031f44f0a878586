package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reconcile's lookups of several sessions: one search of the tagged events, not one request per session. */
class OutlookSessionLookupTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final String CAL = "AAMkAGI2TGuLAAA";
    private static final String EVENTS = "/v1.0/me/calendars/" + CAL + "/events";
    private static final List<SessionKey> KEYS = List.of(SessionKey.of("sess-1"), SessionKey.of("sess-2"),
            SessionKey.of("sess-3"));

    private OutlookConnection connect() {
        return new OutlookCalendarProvider().connect(FIX.settings().property("account", GraphFixture.USER).build(),
                Credentials.accessToken("graph-token"));
    }

    private static String session(String id, String key, String start, String end, String etag) {
        return "{\"@odata.etag\":\"" + etag.replace("\"", "\\\"") + "\",\"id\":\"" + id + "\",\"subject\":\"Study Session\","
                + "\"isAllDay\":false,\"transactionId\":\"personaltracker-" + key + "\","
                + "\"start\":{\"dateTime\":\"" + start + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + end + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"singleValueExtendedProperties\":[{\"id\":\"" + GraphEvents.TAG_ID + "\",\"value\":\"" + key + "\"}]}";
    }

    @Test
    void severalSessions_costOneRequest_andOneMovedByThePersonIsSeenAtItsNewTime_andADeletedOneIsGone() {
        // sess-2 was moved by the person; sess-3 was deleted; an older session of another plan is there too
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).willReturn(okJson("{\"value\":["
                + session("ev-1", "sess-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\"") + ","
                + session("ev-2", "sess-2", "2024-03-06T20:00:00", "2024-03-06T21:00:00", "W/\"e2-moved\"") + ","
                + session("ev-0", "sess-0", "2024-01-05T18:00:00", "2024-01-05T19:00:00", "W/\"e0\"") + "]}")));

        Map<SessionKey, Optional<StudyEvent>> found = connect().findSessions(CAL, KEYS, Duration.ofMinutes(1));

        FIX.server.verify(1, anyRequestedFor(anyUrl()));
        FIX.server.verify(getRequestedFor(urlPathEqualTo(EVENTS)).withQueryParam("$filter", equalTo(
                "singleValueExtendedProperties/Any(ep: ep/id eq '" + GraphEvents.TAG_ID + "' and ep/value ne null)")));
        assertThat(found).containsOnlyKeys(KEYS);
        assertThat(found.get(KEYS.get(0))).hasValueSatisfying(e -> assertThat(e.eventId()).isEqualTo("ev-1"));
        assertThat(found.get(KEYS.get(1))).hasValueSatisfying(e -> {
            assertThat(e.interval()).isEqualTo(Interval.of(Instant.parse("2024-03-06T20:00:00Z"), Duration.ofHours(1)));
            assertThat(e.version()).contains("W/\"e2-moved\"");
        });
        assertThat(found.get(KEYS.get(2))).isEmpty();
    }

    @Test
    void sessionsOnSeveralPages_areAllFound() {
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).withQueryParam("$skiptoken", equalTo("p2")).willReturn(okJson(
                "{\"value\":[" + session("ev-3", "sess-3", "2024-03-07T18:00:00", "2024-03-07T19:00:00", "W/\"e3\"") + "]}")));
        FIX.server.stubFor(get(urlPathEqualTo(EVENTS)).withQueryParam("$filter", equalTo(
                "singleValueExtendedProperties/Any(ep: ep/id eq '" + GraphEvents.TAG_ID + "' and ep/value ne null)"))
                .willReturn(okJson("{\"@odata.nextLink\":\"" + FIX.graphBase() + EVENTS.substring("/v1.0".length())
                        + "?$skiptoken=p2\",\"value\":["
                        + session("ev-1", "sess-1", "2024-03-05T18:00:00", "2024-03-05T19:00:00", "W/\"e1\"") + ","
                        + session("ev-2", "sess-2", "2024-03-06T18:00:00", "2024-03-06T19:00:00", "W/\"e2\"") + "]}")));

        Map<SessionKey, Optional<StudyEvent>> found = connect().findSessions(CAL, KEYS, Duration.ZERO);

        assertThat(found.values()).allSatisfy(e -> assertThat(e).isPresent());
        FIX.server.verify(2, anyRequestedFor(anyUrl()));
    }
}
