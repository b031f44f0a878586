package dev.personaltracker.calendar.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.ics.internal.BusyRequest;
import dev.personaltracker.calendar.ics.internal.IcsCalendar;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a person sees in Apple Calendar, Fastmail or Nextcloud, read from a real Radicale: components that are not
 * events, the owner's answer in its many spellings, cancelled instances, recurrences whose master or moved instance
 * lies outside the range asked, all-day events east and west of UTC, and sync after deletes, moves and a full resync.
 * Each calendar's busy time is also compared with what provider-ics reads from the same text as a file.
 */
class CaldavRadicaleDataTest extends RadicaleTestSupport {

    static final Interval WEEK = utc("2026-05-04T00:00:00Z", "2026-05-11T00:00:00Z");
    static final TokenKey KEY = TokenKey.of("alice", "caldav", RadicaleServer.USER);

    final InMemorySyncStateStore syncStore = InMemorySyncStateStore.create();
    final Map<String, String> written = new LinkedHashMap<>();

    CaldavConnection connect(String zone, InMemorySyncStateStore store) {
        var credentials = CaldavCalendarProvider.saveAccount(InMemoryTokenStore.create(), KEY,
                proxy.root().toString(), RadicaleServer.PASSWORD);
        ProviderSettings settings = ProviderSettings.builder().retryPolicy(quickRetries()).syncStateStore(store)
                .property(CaldavCalendarProvider.ZONE, zone).build();
        return (CaldavConnection) new CaldavCalendarProvider().connect(settings, credentials);
    }

    static Interval utc(String start, String end) {
        return Interval.of(Instant.parse(start), Instant.parse(end));
    }

    /** A calendar collection without a component restriction, as Nextcloud and Radicale create by default. */
    String anyComponentCalendar() throws Exception {
        String path = RadicaleServer.calendarPath("data-" + UUID.randomUUID().toString().substring(0, 8));
        var r = radicale.send("MKCALENDAR", path, """
                <?xml version="1.0" encoding="utf-8"?>
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:set><d:prop><d:displayname>Everything</d:displayname></d:prop></d:set>
                </c:mkcalendar>
                """, "application/xml");
        assertThat(r.statusCode()).isEqualTo(201);
        return path;
    }

    void put(String cal, String name, String body) throws Exception {
        String text = Fixtures.crlf(body);
        radicale.put(cal + name, text);
        written.put(name, text);
    }

    static List<String> intervals(List<BusyInterval> busy) {
        return busy.stream().map(b -> b.interval().toString()).sorted().toList();
    }

    /** What provider-ics's reading gives for the same resources read as files. */
    List<String> asFiles(String zone, Interval window, BusyPolicy policy) {
        List<BusyInterval> result = new ArrayList<>();
        written.forEach((name, text) -> result.addAll(IcsCalendar.parse(text, ZoneId.of(zone), name)
                .busy(BusyRequest.of(window, policy, Set.of(RadicaleServer.USER), "ics", "a", "c"))));
        return intervals(result);
    }

    static String event(String uid, String lines) {
        return """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Example//EN
                BEGIN:VEVENT
                UID:%s
                DTSTAMP:20260301T000000Z
                %s
                END:VEVENT
                END:VCALENDAR
                """.formatted(uid, lines.strip());
    }

    static final String OTHER_COMPONENTS_TODO = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Apple Inc.//iOS 17//EN
            BEGIN:VTODO
            UID:todo-1
            DTSTAMP:20260301T000000Z
            DTSTART:20260505T080000Z
            DUE:20260505T100000Z
            SUMMARY:Hand in essay
            END:VTODO
            END:VCALENDAR
            """;
    static final String OTHER_COMPONENTS_JOURNAL = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example//EN
            BEGIN:VJOURNAL
            UID:journal-1
            DTSTAMP:20260301T000000Z
            DTSTART:20260505T120000Z
            SUMMARY:Notes
            END:VJOURNAL
            END:VCALENDAR
            """;
    static final String OTHER_COMPONENTS_FREEBUSY = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example//EN
            BEGIN:VFREEBUSY
            UID:fb-1
            DTSTAMP:20260301T000000Z
            DTSTART:20260504T000000Z
            DTEND:20260511T000000Z
            FREEBUSY;FBTYPE=BUSY:20260506T080000Z/PT2H
            END:VFREEBUSY
            END:VCALENDAR
            """;

    /** VTODO, VJOURNAL and VFREEBUSY resources in a calendar never block, whether read first or synced in later. */
    @Test
    void componentsThatAreNotEvents_neverBlock_readFirstOrSyncedLater() throws Exception {
        String cal = anyComponentCalendar();
        put(cal, "class.ics", event("class-1", "DTSTART:20260507T080000Z\nDTEND:20260507T090000Z\n"
                + "BEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT2H\nDESCRIPTION:x\nEND:VALARM"));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);
        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())))
                .containsExactly("2026-05-07T08:00:00Z/2026-05-07T09:00:00Z");

        put(cal, "todo.ics", OTHER_COMPONENTS_TODO);
        put(cal, "journal.ics", OTHER_COMPONENTS_JOURNAL);
        put(cal, "freebusy.ics", OTHER_COMPONENTS_FREEBUSY);

        List<String> synced = intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()));
        List<String> fresh = intervals(connect("Europe/Berlin", InMemorySyncStateStore.create())
                .busy(List.of(cal), WEEK, BusyPolicy.defaults()));
        assertThat(synced).containsExactly("2026-05-07T08:00:00Z/2026-05-07T09:00:00Z");
        assertThat(fresh).isEqualTo(synced);
    }

    /** A VAVAILABILITY resource (RFC 7953; Radicale refuses to store one, other servers keep it) never blocks. */
    @Test
    void availabilityResource_neverBlocks() {
        List<BusyInterval> busy = new EventBusy().busy("caldav", "a", "/c/", Map.of("/c/availability.ics",
                Fixtures.crlf("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Example//EN
                BEGIN:VAVAILABILITY
                UID:avail-1
                DTSTAMP:20260301T000000Z
                DTSTART:20260504T000000Z
                DTEND:20260511T000000Z
                BUSYTYPE:BUSY-UNAVAILABLE
                BEGIN:AVAILABLE
                UID:avail-1a
                DTSTAMP:20260301T000000Z
                DTSTART:20260505T070000Z
                DTEND:20260505T150000Z
                END:AVAILABLE
                END:VAVAILABILITY
                END:VCALENDAR
                """)), WEEK, BusyPolicy.defaults(), ZoneId.of("Europe/Berlin"),
                Set.of(RadicaleServer.USER));

        assertThat(busy).isEmpty();
    }

    /** The owner's answer: any case of mailto and address, DECLINED and DELEGATED free, TENTATIVE and unanswered by policy. */
    @Test
    void ownersAnswer_inEverySpelling_followsThePolicy() throws Exception {
        String cal = anyComponentCalendar();
        String owner = "Student@Example.COM";
        put(cal, "declined.ics", event("d", "DTSTART:20260504T080000Z\nDTEND:20260504T090000Z\n"
                + "ORGANIZER:mailto:prof@example.com\n"
                + "ATTENDEE;PARTSTAT=DECLINED;SCHEDULE-STATUS=2.0:MAILTO:" + owner));
        put(cal, "delegated.ics", event("g", "DTSTART:20260504T100000Z\nDTEND:20260504T110000Z\n"
                + "ORGANIZER:mailto:prof@example.com\n"
                + "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:tutor@example.com\":mailto:" + owner + "\n"
                + "ATTENDEE;PARTSTAT=ACCEPTED;DELEGATED-FROM=\"mailto:" + owner + "\":mailto:tutor@example.com"));
        put(cal, "tentative.ics", event("t", "DTSTART:20260505T080000Z\nDTEND:20260505T090000Z\n"
                + "ORGANIZER:mailto:prof@example.com\nX-APPLE-NEEDS-REPLY:FALSE\n"
                + "ATTENDEE;PARTSTAT=TENTATIVE;SCHEDULE-STATUS=\"1.2\":mailto:" + owner));
        put(cal, "unanswered.ics", event("u", "DTSTART:20260505T100000Z\nDTEND:20260505T110000Z\n"
                + "ORGANIZER:mailto:prof@example.com\nX-APPLE-NEEDS-REPLY:TRUE\n"
                + "ATTENDEE;RSVP=TRUE:mailto:" + owner));
        put(cal, "organized.ics", event("o", "DTSTART:20260506T080000Z\nDTEND:20260506T090000Z\n"
                + "ORGANIZER;CN=Me:MAILTO:" + owner.toUpperCase()));
        put(cal, "cancelled.ics", event("c", "DTSTART:20260506T100000Z\nDTEND:20260506T110000Z\nSTATUS:CANCELLED"));
        put(cal, "transparent.ics", event("f", "DTSTART:20260506T120000Z\nDTEND:20260506T130000Z\nTRANSP:TRANSPARENT"));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);

        List<String> strict = intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()));
        List<String> lenient = intervals(connection.busy(List.of(cal), WEEK,
                BusyPolicy.defaults().withUnansweredBlocks(false).withTentativeBlocks(false)));

        assertThat(strict).containsExactly("2026-05-05T08:00:00Z/2026-05-05T09:00:00Z",
                "2026-05-05T10:00:00Z/2026-05-05T11:00:00Z", "2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");
        assertThat(lenient).containsExactly("2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");
        assertThat(strict).isEqualTo(asFiles("Europe/Berlin", WEEK, BusyPolicy.defaults()));
    }

    /**
     * Recurrences across the range asked: a master from January with an instance moved into the week (its own
     * occurrences all outside), an instance moved out of the week, a single instance cancelled by an override, an
     * EXDATE across the October DST change; the same as provider-ics reads.
     */
    @Test
    void recurrencesWhoseMasterOrMovedInstanceLiesOutsideTheRange_matchTheFileReading() throws Exception {
        String cal = anyComponentCalendar();
        String tz = Fixtures.BERLIN;
        // weekly Mondays 10:00 Berlin, January to March only; the 9 March instance moved to Tuesday 5 May
        put(cal, "moved-in.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//EN\n" + tz + """
                BEGIN:VEVENT
                UID:moved-in
                DTSTAMP:20260301T000000Z
                DTSTART;TZID=Europe/Berlin:20260105T100000
                DTEND;TZID=Europe/Berlin:20260105T110000
                RRULE:FREQ=WEEKLY;UNTIL=20260310T000000Z
                END:VEVENT
                BEGIN:VEVENT
                UID:moved-in
                DTSTAMP:20260301T000000Z
                RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000
                DTSTART;TZID=Europe/Berlin:20260505T150000
                DTEND;TZID=Europe/Berlin:20260505T160000
                END:VEVENT
                END:VCALENDAR
                """);
        // daily 08:00 Berlin since January; 6 May moved to June, 7 May cancelled, 8 May excluded
        put(cal, "daily.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Example//EN\n" + tz + """
                BEGIN:VEVENT
                UID:daily
                DTSTAMP:20260301T000000Z
                DTSTART;TZID=Europe/Berlin:20260102T080000
                DTEND;TZID=Europe/Berlin:20260102T083000
                RRULE:FREQ=DAILY
                EXDATE;TZID=Europe/Berlin:20260508T080000
                END:VEVENT
                BEGIN:VEVENT
                UID:daily
                DTSTAMP:20260301T000000Z
                RECURRENCE-ID;TZID=Europe/Berlin:20260506T080000
                DTSTART;TZID=Europe/Berlin:20260610T120000
                DTEND;TZID=Europe/Berlin:20260610T123000
                END:VEVENT
                BEGIN:VEVENT
                UID:daily
                DTSTAMP:20260301T000000Z
                RECURRENCE-ID;TZID=Europe/Berlin:20260507T080000
                DTSTART;TZID=Europe/Berlin:20260507T080000
                DTEND;TZID=Europe/Berlin:20260507T083000
                STATUS:CANCELLED
                END:VEVENT
                END:VCALENDAR
                """);
        CaldavConnection connection = connect("Europe/Berlin", syncStore);

        List<String> busy = intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()));

        assertThat(busy).containsExactly(
                "2026-05-04T06:00:00Z/2026-05-04T06:30:00Z", "2026-05-05T06:00:00Z/2026-05-05T06:30:00Z",
                "2026-05-05T13:00:00Z/2026-05-05T14:00:00Z",
                "2026-05-09T06:00:00Z/2026-05-09T06:30:00Z", "2026-05-10T06:00:00Z/2026-05-10T06:30:00Z");
        assertThat(busy).isEqualTo(asFiles("Europe/Berlin", WEEK, BusyPolicy.defaults()));
        // the moved-out instance blocks in June, the master's own March instance not at all
        assertThat(intervals(connection.busy(List.of(cal), utc("2026-06-10T00:00:00Z", "2026-06-11T00:00:00Z"),
                BusyPolicy.defaults()))).containsExactly("2026-06-10T06:00:00Z/2026-06-10T06:30:00Z",
                "2026-06-10T10:00:00Z/2026-06-10T10:30:00Z");
    }

    /**
     * One instance of an accepted weekly meeting declined (iCloud writes an override with the owner's new PARTSTAT),
     * one made free (TRANSP on the override): only those instances stop blocking.
     */
    @Test
    void perInstanceAnswersAndTransparency_followTheOverride() throws Exception {
        String cal = anyComponentCalendar();
        String attendee = "ATTENDEE;CN=Student;PARTSTAT=%s:mailto:" + RadicaleServer.USER;
        put(cal, "weekly.ics", """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Apple Inc.//iOS 17//EN
                BEGIN:VEVENT
                UID:weekly-meeting
                DTSTAMP:20260301T000000Z
                DTSTART:20260413T080000Z
                DTEND:20260413T090000Z
                RRULE:FREQ=DAILY;COUNT=30
                ORGANIZER:mailto:prof@example.com
                %s
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly-meeting
                DTSTAMP:20260301T000000Z
                RECURRENCE-ID:20260505T080000Z
                DTSTART:20260505T080000Z
                DTEND:20260505T090000Z
                ORGANIZER:mailto:prof@example.com
                %s
                END:VEVENT
                BEGIN:VEVENT
                UID:weekly-meeting
                DTSTAMP:20260301T000000Z
                RECURRENCE-ID:20260506T080000Z
                DTSTART:20260506T080000Z
                DTEND:20260506T090000Z
                TRANSP:TRANSPARENT
                ORGANIZER:mailto:prof@example.com
                %s
                END:VEVENT
                END:VCALENDAR
                """.formatted(attendee.formatted("ACCEPTED"), attendee.formatted("DECLINED"),
                attendee.formatted("ACCEPTED")));

        List<String> busy = intervals(connect("Europe/Berlin", syncStore).busy(List.of(cal), WEEK, BusyPolicy.defaults()));

        assertThat(busy).hasSize(5).doesNotContain("2026-05-05T08:00:00Z/2026-05-05T09:00:00Z",
                "2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");
        assertThat(busy).isEqualTo(asFiles("Europe/Berlin", WEEK, BusyPolicy.defaults()));
    }

    /** A three-day all-day event covers the person's own days and a floating time is their clock time, east (Auckland) and west (Los Angeles) of UTC. */
    @Test
    void multiDayAllDayEvents_coverThePersonsDays_eastAndWestOfUtc() throws Exception {
        String cal = anyComponentCalendar();
        put(cal, "trip.ics", event("trip", "DTSTART;VALUE=DATE:20260505\nDTEND;VALUE=DATE:20260508"));
        put(cal, "edge.ics", event("edge", "DTSTART;VALUE=DATE:20260511\nDTEND;VALUE=DATE:20260512"));
        put(cal, "floating.ics", event("floating", "DTSTART:20260509T090000\nDTEND:20260509T100000"));

        for (String zone : List.of("Pacific/Auckland", "America/Los_Angeles", "Pacific/Kiritimati")) {
            InMemorySyncStateStore store = InMemorySyncStateStore.create();
            Interval week = Interval.of(java.time.LocalDate.of(2026, 5, 4).atStartOfDay(ZoneId.of(zone)).toInstant(),
                    java.time.LocalDate.of(2026, 5, 11).atStartOfDay(ZoneId.of(zone)).toInstant());
            List<String> busy = intervals(connect(zone, store).busy(List.of(cal), week, BusyPolicy.defaults()));
            Interval trip = Interval.of(java.time.LocalDate.of(2026, 5, 5).atStartOfDay(ZoneId.of(zone)).toInstant(),
                    java.time.LocalDate.of(2026, 5, 8).atStartOfDay(ZoneId.of(zone)).toInstant());
            Interval floating = Interval.of(java.time.LocalDateTime.of(2026, 5, 9, 9, 0).atZone(ZoneId.of(zone)).toInstant(),
                    java.time.LocalDateTime.of(2026, 5, 9, 10, 0).atZone(ZoneId.of(zone)).toInstant());
            assertThat(busy).as(zone).containsExactly(trip.toString(), floating.toString());
            assertThat(busy).as(zone).isEqualTo(asFiles(zone, week, BusyPolicy.defaults()));
        }
    }

    /** Sync: a deleted event, one moved to another name by another client, and a full resync never duplicate. */
    @Test
    void deletedAndMovedEvents_andAFullResync_neverLeaveOrDuplicateBusyTime() throws Exception {
        String cal = anyComponentCalendar();
        put(cal, "a.ics", event("a", "DTSTART:20260504T080000Z\nDTEND:20260504T090000Z"));
        put(cal, "b.ics", event("b", "DTSTART:20260505T080000Z\nDTEND:20260505T090000Z"));
        put(cal, "c.ics", event("c", "DTSTART:20260506T080000Z\nDTEND:20260506T090000Z"));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);
        assertThat(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())).hasSize(3);

        assertThat(radicale.send("DELETE", cal + "a.ics", null, null).statusCode() / 100).isEqualTo(2);
        assertThat(moveResource(cal + "b.ics", cal + "b-renamed.ics")).isEqualTo(201);

        List<String> synced = intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()));
        assertThat(synced).containsExactly("2026-05-05T08:00:00Z/2026-05-05T09:00:00Z",
                "2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");

        CollectionState state = CollectionState.decode(syncStore.load(KEY, cal).orElseThrow()).orElseThrow();
        syncStore.save(KEY, cal, state.with(java.util.Optional.of("http://radicale.org/ns/sync/expired"),
                state.resources()).encode());
        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()))).isEqualTo(synced);
        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()))).isEqualTo(synced);
    }

    /** Resource names as Nextcloud and Thunderbird may write them (spaces, plus, non-ASCII): changes never duplicate. */
    @Test
    void resourceNamesThatNeedEncoding_areOneEventThroughQueryAndSync() throws Exception {
        String cal = anyComponentCalendar();
        String name = "Mathe%20%C3%9Cbung+1%25.ics";
        radicale.put(cal + name, Fixtures.crlf(event("odd-name", "DTSTART:20260504T080000Z\nDTEND:20260504T090000Z")));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);
        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())))
                .containsExactly("2026-05-04T08:00:00Z/2026-05-04T09:00:00Z");

        radicale.put(cal + name, Fixtures.crlf(event("odd-name", "DTSTART:20260505T080000Z\nDTEND:20260505T090000Z")));
        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())))
                .containsExactly("2026-05-05T08:00:00Z/2026-05-05T09:00:00Z");
        CollectionState state = CollectionState.decode(syncStore.load(KEY, cal).orElseThrow()).orElseThrow();
        syncStore.save(KEY, cal, new CollectionState(false, java.util.Optional.empty(), state.coverage(),
                state.resources()).encode());
        radicale.put(cal + name, Fixtures.crlf(event("odd-name", "DTSTART:20260506T080000Z\nDTEND:20260506T090000Z")));
        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())))
                .containsExactly("2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");
        assertThat(intervals(connect("Europe/Berlin", InMemorySyncStateStore.create())
                .busy(List.of(cal), WEEK, BusyPolicy.defaults())))
                .containsExactly("2026-05-06T08:00:00Z/2026-05-06T09:00:00Z");
    }

    /**
     * The calendar list follows the server: a calendar added or renamed by another client shows up as it is now, a
     * task list (VTODO only) is not offered and cannot be read for busy time, and a deleted calendar is a typed error
     * naming it, not an empty (free) calendar.
     */
    @Test
    void calendarsAddedRenamedDeletedOrForTasks_areSeenAsTheServerHasThem() throws Exception {
        String cal = anyComponentCalendar();
        put(cal, "a.ics", event("a", "DTSTART:20260504T080000Z\nDTEND:20260504T090000Z"));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);
        assertThat(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())).hasSize(1);

        String second = radicale.mkcalendar("second-" + UUID.randomUUID().toString().substring(0, 8), "Second");
        String tasks = RadicaleServer.calendarPath("tasks-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(radicale.send("MKCALENDAR", tasks, """
                <?xml version="1.0" encoding="utf-8"?>
                <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
                  <d:set><d:prop><d:displayname>Reminders</d:displayname>
                  <c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set>
                  </d:prop></d:set>
                </c:mkcalendar>
                """, "application/xml").statusCode()).isEqualTo(201);
        assertThat(radicale.send("PROPPATCH", cal, """
                <?xml version="1.0" encoding="utf-8"?>
                <d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:displayname>Renamed</d:displayname></d:prop></d:set>
                </d:propertyupdate>
                """, "application/xml").statusCode()).isEqualTo(207);

        var listed = connection.caldavCalendars();
        assertThat(listed).extracting(CaldavCalendar::id).contains(cal, second).doesNotContain(tasks);
        assertThat(listed).filteredOn(c -> c.id().equals(cal)).extracting(CaldavCalendar::name).containsExactly("Renamed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connect("Europe/Berlin", InMemorySyncStateStore.create())
                .busy(List.of(tasks), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(dev.personaltracker.calendar.spi.BadSettingsException.class).hasMessageContaining(tasks);

        assertThat(radicale.send("DELETE", cal, null, null).statusCode() / 100).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.busy(List.of(cal), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(dev.personaltracker.calendar.spi.BadSettingsException.class).hasMessageContaining(cal);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connect("Europe/Berlin", InMemorySyncStateStore.create())
                .busy(List.of(cal), WEEK, BusyPolicy.defaults()))
                .isInstanceOf(dev.personaltracker.calendar.spi.BadSettingsException.class).hasMessageContaining(cal);
    }

    /** An event another client moves from one calendar to another blocks once, from its new calendar. */
    @Test
    void anEventMovedToAnotherCalendar_blocksOnce() throws Exception {
        String first = anyComponentCalendar();
        String second = anyComponentCalendar();
        put(first, "m.ics", event("moving", "DTSTART:20260504T080000Z\nDTEND:20260504T090000Z"));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);
        assertThat(connection.busy(List.of(first, second), WEEK, BusyPolicy.defaults()))
                .extracting(b -> b.source().calendarId()).containsExactly(first);

        assertThat(moveResource(first + "m.ics", second + "m.ics")).isEqualTo(201);

        assertThat(connection.busy(List.of(first, second), WEEK, BusyPolicy.defaults()))
                .extracting(b -> b.source().calendarId()).containsExactly(second);
    }

    /** A calendar deleted and created again under the same name by another client holds only its new events. */
    @Test
    void aCalendarDeletedAndCreatedAgainUnderTheSameName_showsOnlyItsNewEvents() throws Exception {
        String name = "again-" + UUID.randomUUID().toString().substring(0, 8);
        String cal = radicale.mkcalendar(name, "Again");
        put(cal, "old.ics", event("old", "DTSTART:20260504T080000Z\nDTEND:20260504T090000Z"));
        CaldavConnection connection = connect("Europe/Berlin", syncStore);
        assertThat(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())).hasSize(1);

        assertThat(radicale.send("DELETE", cal, null, null).statusCode() / 100).isEqualTo(2);
        radicale.mkcalendar(name, "Again");
        put(cal, "new.ics", event("new", "DTSTART:20260505T080000Z\nDTEND:20260505T090000Z"));

        assertThat(intervals(connection.busy(List.of(cal), WEEK, BusyPolicy.defaults())))
                .containsExactly("2026-05-05T08:00:00Z/2026-05-05T09:00:00Z");
    }

    private int moveResource(String from, String to) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(radicale.root().resolve(from.replace("@", "%40")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (RadicaleServer.USER + ":" + RadicaleServer.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Destination", radicale.root() + to.substring(1))
                .method("MOVE", java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
