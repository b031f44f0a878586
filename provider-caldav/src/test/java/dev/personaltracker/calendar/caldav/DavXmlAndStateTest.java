package dev.personaltracker.calendar.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The multistatus reader and the stored sync state, on the odd inputs servers and stores produce. */
class DavXmlAndStateTest {

    static final URI BASE = URI.create("https://p42-caldav.icloud.com/123/calendars/home/");

    @Test
    void multistatus_resolvesHrefSpellingsToOneDecodedPath() {
        Multistatus ms = Multistatus.parse("""
                <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <response><href>https://p42-caldav.icloud.com:443/123/calendars/home/a%40b.ics</href>
                    <propstat><prop><getetag>"1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat>
                    <propstat><prop><C:calendar-data/></prop><status>HTTP/1.1 404 Not Found</status></propstat>
                  </response>
                  <response><href>c d.ics</href><status>HTTP/1.1 404 Not Found</status></response>
                  <sync-token>http://example.com/sync/7</sync-token>
                </multistatus>
                """, BASE, "test");

        assertThat(ms.entries()).extracting(Multistatus.Entry::path)
                .containsExactly("/123/calendars/home/a@b.ics", "/123/calendars/home/c d.ics");
        assertThat(ms.entries().get(0).text(DavXml.DAV, "getetag")).contains("\"1\"");
        assertThat(ms.entries().get(0).prop(DavXml.CALDAV, "calendar-data")).isEmpty(); // 404 propstat ignored
        assertThat(ms.entries().get(1).status()).isEqualTo(404);
        assertThat(ms.syncToken()).contains("http://example.com/sync/7");
    }

    /** Hrefs some servers send unencoded: quotes, braces, a lone percent sign, non-ASCII letters. */
    @Test
    void hrefsWithCharactersAUriMayNotHold_areReadAsSent() {
        assertThat(DavPaths.path(BASE, "/123/calendars/home/{9F2A}|\"x\" 50%.ics", "test"))
                .isEqualTo("/123/calendars/home/{9F2A}|\"x\" 50%.ics");
        assertThat(DavPaths.path(BASE, "Stündlich%20lernen.ics", "test"))
                .isEqualTo("/123/calendars/home/Stündlich lernen.ics");
        assertThat(DavPaths.at(BASE, DavPaths.path(BASE, "{a}.ics", "test")).getRawPath())
                .isEqualTo("/123/calendars/home/%7Ba%7D.ics");
    }

    @Test
    void multistatus_refusesOtherDocuments_namingTheRequest() {
        assertThatThrownBy(() -> Multistatus.parse("<error xmlns=\"DAV:\"/>", BASE, "calendar list"))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("calendar list")
                .hasMessageContaining("multistatus");
        assertThatThrownBy(() -> Multistatus.parse("", BASE, "calendar list"))
                .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("empty body");
    }

    @Test
    void state_roundTripsAnyValue() {
        CollectionState state = new CollectionState(true, Optional.of("data:,token with spaces\nand lines"),
                IntervalSet.of(Interval.of(Instant.parse("2026-03-16T00:00:00Z"), Instant.parse("2026-03-23T00:00:00Z"))),
                Map.of("/cal/a b.ics", new CollectionState.Resource("W/\"x y\"", Optional.of("BEGIN:VCALENDAR\r\n")),
                        "/cal/c.ics", new CollectionState.Resource("\"2\"", Optional.empty())));

        assertThat(CollectionState.decode(state.encode())).contains(state);
    }

    @Test
    void state_unreadableOrForeign_isEmptySoAFullSyncStarts() {
        assertThat(CollectionState.decode("")).isEmpty();
        assertThat(CollectionState.decode("{\"syncToken\":\"x\"}")).isEmpty();
        assertThat(CollectionState.decode("caldav-state-1\nsync !!!\n-\n")).isEmpty();
    }

    @Test
    void state_toStringHoldsNoTokenAndNoData() {
        CollectionState state = new CollectionState(true, Optional.of("secret-token"), IntervalSet.empty(),
                Map.of("/cal/a.ics", new CollectionState.Resource("\"1\"", Optional.of("SUMMARY:Therapy"))));

        assertThat(state.toString()).doesNotContain("secret-token").doesNotContain("Therapy");
    }

    @Test
    void faults_readThePreconditionOfAnErrorBody() {
        DavResponse response = new DavResponse(403, BASE, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true),
                "<?xml version=\"1.0\"?><D:error xmlns:D=\"DAV:\"><D:valid-sync-token/></D:error>");

        assertThat(DavFaults.condition(response)).contains("valid-sync-token");
    }
}
