package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.TokenKey;
import java.time.Duration;

/** WireMock answers written from RFC 4791 / RFC 4918 and what iCloud and Fastmail send, for fault tests. */
final class DavStubs {

    static final String USER = "me@example.com";
    static final String PASSWORD = "abcd-efgh-ijkl-mnop";
    static final String CALENDAR = "/dav/calendars/me/work/";

    private DavStubs() {
    }

    static ResponseDefinitionBuilder multistatus(String inner) {
        return aResponse().withStatus(207).withHeader("Content-Type", "application/xml; charset=utf-8")
                .withBody("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\""
                        + " xmlns:c=\"urn:ietf:params:xml:ns:caldav\" xmlns:a=\"http://apple.com/ns/ical/\">"
                        + inner + "</d:multistatus>");
    }

    static String response(String href, String props) {
        return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop>" + props
                + "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
    }

    /** Stubs discovery at {@code /dav/}: principal {@code /dav/principals/me/}, home {@code /dav/calendars/me/}. */
    static void discovery(WireMockExtension wm) {
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/")).willReturn(multistatus(response("/dav/",
                "<d:current-user-principal><d:href>/dav/principals/me/</d:href></d:current-user-principal>"))));
        wm.stubFor(request("PROPFIND", urlEqualTo("/dav/principals/me/")).willReturn(multistatus(response(
                "/dav/principals/me/", "<c:calendar-home-set><d:href>/dav/calendars/me/</d:href></c:calendar-home-set>"
                        + "<c:calendar-user-address-set><d:href>mailto:Me@Example.com</d:href></c:calendar-user-address-set>"))));
    }

    /** Stubs the depth-0 description of {@link #CALENDAR}, writable, with the given privileges. */
    static void calendar(WireMockExtension wm, String privileges) {
        wm.stubFor(request("PROPFIND", urlEqualTo(CALENDAR)).willReturn(multistatus(response(CALENDAR,
                "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype><d:displayname>Work</d:displayname>"
                        + "<d:current-user-privilege-set>" + privileges + "</d:current-user-privilege-set>"))));
    }

    static String privilege(String name) {
        return "<d:privilege><d:" + name + "/></d:privilege>";
    }

    static ProviderSettings settings(WireMockExtension wm, RetryPolicy retry) {
        return ProviderSettings.builder().retryPolicy(retry)
                .property(CaldavCalendarProvider.SERVER, wm.baseUrl() + "/dav/")
                .property(CaldavCalendarProvider.ZONE, "Europe/Berlin")
                .build();
    }

    static RetryPolicy fast(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    static Credentials stored(InMemoryTokenStore tokens, String server) {
        return CaldavCalendarProvider.saveAccount(tokens, TokenKey.of("alice", "caldav", USER), server, PASSWORD);
    }
}
