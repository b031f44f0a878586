package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.multistatus;
import static dev.personaltracker.calendar.caldav.DavStubs.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Discovery as iCloud and other servers answer it: redirects, a home on another host, no well-known URL. */
class CaldavDiscoveryTest {

    @RegisterExtension
    static WireMockExtension front = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension partition = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final InMemoryTokenStore tokens = InMemoryTokenStore.create();

    CaldavConnection connect(String server) {
        return (CaldavConnection) new CaldavCalendarProvider().connect(
                ProviderSettings.builder().retryPolicy(fast(2)).build(), DavStubs.stored(tokens, server));
    }

    /** iCloud: the well-known URL redirects to the root, the principal's home is on a pNN-caldav partition host. */
    @Test
    void icloudStyle_redirectThenHomeOnAnotherHost() {
        front.stubFor(request("PROPFIND", urlEqualTo("/.well-known/caldav"))
                .willReturn(aResponse().withStatus(301).withHeader("Location", front.baseUrl() + "/")));
        front.stubFor(request("PROPFIND", urlEqualTo("/")).willReturn(multistatus(response("/",
                "<d:current-user-principal><d:href>/123456789/principal/</d:href></d:current-user-principal>"))));
        front.stubFor(request("PROPFIND", urlEqualTo("/123456789/principal/")).willReturn(multistatus(response(
                "/123456789/principal/", "<c:calendar-home-set><d:href>" + partition.baseUrl()
                        + "/123456789/calendars/</d:href></c:calendar-home-set>"
                        + "<c:calendar-user-address-set><d:href>urn:uuid:0001</d:href>"
                        + "<d:href>mailto:me@icloud.com</d:href></c:calendar-user-address-set>"))));
        partition.stubFor(request("PROPFIND", urlEqualTo("/123456789/calendars/")).willReturn(multistatus(
                response("/123456789/calendars/", "<d:resourcetype><d:collection/></d:resourcetype>")
                        + response("/123456789/calendars/home/", "<d:resourcetype><d:collection/><c:calendar/>"
                        + "</d:resourcetype><d:displayname>Home</d:displayname>"
                        + "<a:calendar-color>#1BADF8FF</a:calendar-color>"
                        + "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/></c:supported-calendar-component-set>"
                        + "<d:current-user-privilege-set><d:privilege><d:read/></d:privilege>"
                        + "<d:privilege><d:write/></d:privilege></d:current-user-privilege-set>"
                        + "<d:supported-report-set><d:supported-report><d:report><d:sync-collection/></d:report>"
                        + "</d:supported-report></d:supported-report-set>")
                        + response("/123456789/calendars/tasks/", "<d:resourcetype><d:collection/><c:calendar/>"
                        + "</d:resourcetype><d:displayname>Reminders</d:displayname>"
                        + "<c:supported-calendar-component-set><c:comp name=\"VTODO\"/></c:supported-calendar-component-set>")
                        + response("/123456789/calendars/shared/", "<d:resourcetype><d:collection/><c:calendar/>"
                        + "</d:resourcetype><d:displayname>Team</d:displayname>"
                        + "<d:current-user-privilege-set><d:privilege><d:read/></d:privilege></d:current-user-privilege-set>")
                        + response("/123456789/calendars/boss/", "<d:resourcetype><d:collection/><c:calendar/>"
                        + "</d:resourcetype><d:displayname>Boss</d:displayname><d:current-user-privilege-set>"
                        + "<d:privilege><c:read-free-busy/></d:privilege></d:current-user-privilege-set>")
                        + response("/123456789/calendars/inbox/", "<d:resourcetype><d:collection/><c:schedule-inbox/>"
                        + "</d:resourcetype>"))));

        List<CaldavCalendar> calendars = connect(front.baseUrl()).caldavCalendars();

        assertThat(calendars).extracting(CaldavCalendar::id).containsExactly("/123456789/calendars/home/",
                "/123456789/calendars/shared/", "/123456789/calendars/boss/");
        assertThat(calendars.get(0).color()).contains("#1BADF8FF");
        assertThat(calendars.get(0).syncCollection()).isTrue();
        assertThat(calendars).extracting(CaldavCalendar::access)
                .containsExactly(CalendarAccess.WRITER, CalendarAccess.READER, CalendarAccess.FREE_BUSY);
        partition.verify(requestedFor("PROPFIND", urlEqualTo("/123456789/calendars/"))
                .withHeader("Authorization", matching("Basic .+")));
    }

    /** A server without /.well-known/caldav, given with the full path. */
    @Test
    void fullUrl_withoutWellKnown() {
        DavStubs.discovery(front);
        front.stubFor(request("PROPFIND", urlEqualTo("/dav/calendars/me/")).willReturn(multistatus("")));

        assertThat(connect(front.baseUrl() + "/dav/").caldavCalendars()).isEmpty();
    }

    @Test
    void noCalDavAnywhere_isABadSettingsErrorListingWhatWasTried() {
        front.stubFor(request("PROPFIND", urlEqualTo("/.well-known/caldav")).willReturn(aResponse().withStatus(404)));
        front.stubFor(request("PROPFIND", urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withBody("<html>Welcome</html>")));

        assertThatThrownBy(() -> connect(front.baseUrl()).calendars())
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("/.well-known/caldav -> 404").hasMessageContaining("caldav.icloud.com");
    }

    @Test
    void redirectToAnotherOriginOverHttp_doesNotForwardThePassword() {
        front.stubFor(request("PROPFIND", urlEqualTo("/.well-known/caldav"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", partition.baseUrl() + "/dav/")));
        partition.stubFor(request("PROPFIND", urlEqualTo("/dav/")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> connect(front.baseUrl()).calendars())
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("https");
        partition.verify(requestedFor("PROPFIND", urlEqualTo("/dav/")).withHeader("Authorization", absent()));
    }

    @Test
    void serverSetting_acceptsPresetsDomainsAndUrls() {
        assertThat(CaldavSettings.server("icloud")).isEqualTo(URI.create("https://caldav.icloud.com/"));
        assertThat(CaldavSettings.server("Fastmail")).isEqualTo(URI.create("https://caldav.fastmail.com/"));
        assertThat(CaldavSettings.server("cloud.example.org")).isEqualTo(URI.create("https://cloud.example.org/"));
        assertThat(CaldavSettings.server("https://cloud.example.org/remote.php/dav"))
                .isEqualTo(URI.create("https://cloud.example.org/remote.php/dav"));
        assertThatThrownBy(() -> CaldavSettings.server("ftp://x.org/")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("ftp://x.org/");
        assertThatThrownBy(() -> CaldavSettings.server("https://me:s3cret-pw@cloud.example.org/dav"))
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("cloud.example.org").hasMessageNotContaining("s3cret-pw");
    }
}
