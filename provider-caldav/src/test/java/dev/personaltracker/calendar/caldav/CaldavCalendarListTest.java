package dev.personaltracker.calendar.caldav;

import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.caldav.DavStubs.fast;
import static dev.personaltracker.calendar.caldav.DavStubs.multistatus;
import static dev.personaltracker.calendar.caldav.DavStubs.privilege;
import static dev.personaltracker.calendar.caldav.DavStubs.response;
import static dev.personaltracker.calendar.caldav.DavStubs.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.CalendarAccess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calendar list as iCloud and Nextcloud answer a home's PROPFIND: only event calendars are offered; the
 * scheduling inbox and outbox, the notification collection, a subscribed (webcal) calendar and a task list are not;
 * a read-only shared calendar is offered for reading only.
 */
class CaldavCalendarListTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String HOME = "/dav/calendars/me/";
    static final String CALENDAR_TYPE = "<d:resourcetype><d:collection/><c:calendar/></d:resourcetype>";

    @Test
    void onlyEventCalendarsAreListed_withWhatTheAccountMayDo() {
        DavStubs.discovery(wm);
        String cs = " xmlns:cs=\"http://calendarserver.org/ns/\"";
        wm.stubFor(request("PROPFIND", urlEqualTo(HOME)).willReturn(multistatus(
                response(HOME, "<d:resourcetype><d:collection/></d:resourcetype>")
                + response(HOME + "home/", CALENDAR_TYPE + "<d:displayname>Home</d:displayname>"
                        + "<c:supported-calendar-component-set><c:comp name=\"VEVENT\"/><c:comp name=\"VTODO\"/>"
                        + "</c:supported-calendar-component-set><d:current-user-privilege-set>" + privilege("read")
                        + privilege("write-content") + privilege("bind") + "</d:current-user-privilege-set>")
                + response(HOME + "team/", "<d:resourcetype" + cs + "><d:collection/><c:calendar/><cs:shared/>"
                        + "</d:resourcetype><d:displayname>Team (shared, read only)</d:displayname>"
                        + "<d:current-user-privilege-set>" + privilege("read") + privilege("write-properties")
                        + privilege("read-current-user-privilege-set") + "</d:current-user-privilege-set>")
                + response(HOME + "timetable/", "<d:resourcetype" + cs + "><d:collection/><cs:subscribed/>"
                        + "</d:resourcetype><d:displayname>Uni timetable</d:displayname>"
                        + "<cs:source" + cs + "><d:href>webcal://uni.example.edu/t.ics</d:href></cs:source>")
                + response(HOME + "tasks/", CALENDAR_TYPE + "<d:displayname>Reminders</d:displayname>"
                        + "<c:supported-calendar-component-set><c:comp name=\"VTODO\"/></c:supported-calendar-component-set>")
                + response(HOME + "inbox/", "<d:resourcetype><d:collection/><c:schedule-inbox/></d:resourcetype>")
                + response(HOME + "outbox/", "<d:resourcetype><d:collection/><c:schedule-outbox/></d:resourcetype>")
                + response(HOME + "notification/", "<d:resourcetype" + cs + "><d:collection/><cs:notification/>"
                        + "</d:resourcetype>"))));

        List<CaldavCalendar> calendars = ((CaldavConnection) new CaldavCalendarProvider().connect(settings(wm, fast(2)),
                DavStubs.stored(InMemoryTokenStore.create(), wm.baseUrl() + "/dav/"))).caldavCalendars();

        assertThat(calendars).extracting(CaldavCalendar::id).containsExactly(HOME + "home/", HOME + "team/");
        assertThat(calendars).extracting(CaldavCalendar::access)
                .containsExactly(CalendarAccess.WRITER, CalendarAccess.READER);
    }
}
