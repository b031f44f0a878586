package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All-day events block exactly the person's local days, whatever zone the event names as its original one (a
 * Windows name, Exchange's custom-zone URI, UTC, empty, none), for people east and west of UTC, over a change of
 * daylight saving time, one day or several, on the delta and the full read.
 */
class OutlookAllDayTest {

    @RegisterExtension
    static final GraphFixture FIX = new GraphFixture();
    private static final String CAL = "AAMkCAL1";
    private static final String CAL_PATH = "/v1.0/me/calendars/" + CAL;

    private final OutlookCalendarProvider provider = new OutlookCalendarProvider();

    /** Original zones as Graph reports them; null: the property is missing. */
    private static final List<String> ORIGINAL_ZONES = java.util.Arrays.asList("W. Europe Standard Time",
            "tzone://Microsoft/Custom", "UTC", "tzone://Microsoft/Utc", "", null, "Tokyo Standard Time");

    /**
     * A person's zone with the dates of a DST change there: Auckland leaves daylight time on 2024-04-07, Los Angeles
     * enters it on 2024-03-10.
     */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String sync : List.of("delta", "full")) {
            for (String original : ORIGINAL_ZONES) {
                out.add(Arguments.of(sync, "Pacific/Auckland", "2024-04-07", original));
                out.add(Arguments.of(sync, "America/Los_Angeles", "2024-03-10", original));
            }
        }
        return out.stream();
    }

    private static String allDay(String id, LocalDate from, LocalDate to, String originalZone) {
        String event = GraphJson.event(id, from + "T00:00:00", to + "T00:00:00", "busy", "organizer", "")
                .replace("\"isAllDay\":false", "\"isAllDay\":true");
        return event.replace("\"originalStartTimeZone\":\"Pacific Standard Time\",",
                originalZone == null ? "" : "\"originalStartTimeZone\":\"" + originalZone + "\",");
    }

    private static Interval days(LocalDate from, LocalDate to, ZoneId zone) {
        return Interval.of(from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant());
    }

    @ParameterizedTest(name = "{0} read, person in {1}, DST change {2}, originalStartTimeZone {3}")
    @MethodSource("cases")
    void allDayEventsBlockExactlyThePersonsLocalDays(String sync, String personZone, String dstDay, String original) {
        ZoneId zone = ZoneId.of(personZone);
        LocalDate change = LocalDate.parse(dstDay);
        LocalDate before = change.minusDays(3);
        String page = GraphJson.page(null, "/v1.0/me/calendars/" + CAL + "/calendarView/delta?$deltatoken=d1",
                allDay("one-day", change, change.plusDays(1), original),
                allDay("three-days", change.minusDays(1), change.plusDays(2), original),
                allDay("before", before, before.plusDays(1), original));
        if (sync.equals("delta")) {
            FIX.server.stubFor(get(urlPathMatching(CAL_PATH + "/calendarView/delta(\\(\\))?")).willReturn(okJson(page)));
        } else {
            FIX.server.stubFor(get(urlPathEqualTo(CAL_PATH + "/calendarView")).willReturn(okJson(page)));
        }
        Interval window = Interval.of(before.minusDays(2).atStartOfDay(zone).toInstant(),
                change.plusDays(5).atStartOfDay(zone).toInstant());
        OutlookConnection connection = provider.connect(FIX.settings().property("account", GraphFixture.USER)
                .property("sync", sync).build().forUser("alice", zone), Credentials.accessToken("graph-token"));

        List<BusyInterval> busy = connection.busy(List.of(CAL), window, BusyPolicy.defaults());

        assertThat(busy).extracting(b -> b.source().eventId() + " " + b.interval()).containsExactlyInAnyOrder(
                "before " + days(before, before.plusDays(1), zone),
                "three-days " + days(change.minusDays(1), change.plusDays(2), zone),
                "one-day " + days(change, change.plusDays(1), zone));
        Interval dstDayBusy = busy.stream().filter(b -> b.source().eventId().equals("one-day")).findFirst()
                .orElseThrow().interval();
        // a DST change makes the local day 23 or 25 hours long: the event blocks that day, not 24 hours
        assertThat(dstDayBusy.duration().toHours()).isIn(23L, 25L);
    }
}
