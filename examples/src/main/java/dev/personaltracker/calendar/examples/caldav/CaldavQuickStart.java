package dev.personaltracker.calendar.examples.caldav;

import dev.personaltracker.calendar.caldav.CaldavCalendar;
import dev.personaltracker.calendar.caldav.CaldavCalendarProvider;
import dev.personaltracker.calendar.caldav.CaldavConnection;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connects a CalDAV account (iCloud, Fastmail, Nextcloud, any CalDAV server), lists its calendars and prints the
 * busy time of the coming week; with {@code CALDAV_WRITE_TEST=<calendar id>} it also creates, moves and deletes one
 * study session there.
 * <p>
 * Set in the environment:
 * <ul>
 * <li>{@code CALDAV_SERVER}: {@code icloud}, {@code fastmail}, a domain ({@code cloud.example.org}) or a URL;</li>
 * <li>{@code CALDAV_USER}: the user name (iCloud: the Apple ID e-mail; Fastmail: the full address);</li>
 * <li>{@code CALDAV_PASSWORD}: an app-specific password (see provider-caldav/README.md);</li>
 * <li>optional {@code CALDAV_ZONE} (default: the system zone) and {@code CALDAV_WRITE_TEST}.</li>
 * </ul>
 * Run it with
 * {@code mvn -q -pl examples -am package -DskipTests && mvn -q -pl examples exec:java
 * -Dexec.mainClass=dev.personaltracker.calendar.examples.caldav.CaldavQuickStart}.
 * The password is kept in an in-memory token store only; a real host uses storage-json's encrypted one.
 */
public final class CaldavQuickStart {

    static final String SERVER = "CALDAV_SERVER";
    static final String USER = "CALDAV_USER";
    static final String PASSWORD = "CALDAV_PASSWORD";
    static final String ZONE = "CALDAV_ZONE";
    static final String WRITE_TEST = "CALDAV_WRITE_TEST";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm");

    private CaldavQuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args  ignored
     */
    public static void main(String[] args) {
        try {
            run(System.getenv(), System.out);
        } catch (IllegalArgumentException | CalendarException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs the quick start with an environment.
     *
     * @param env  the environment
     * @param out  where to print
     * @throws IllegalArgumentException if a variable is missing, naming it
     */
    static void run(Map<String, String> env, PrintStream out) {
        String server = required(env, SERVER);
        String user = required(env, USER);
        String password = required(env, PASSWORD);
        ZoneId zone = Optional.ofNullable(env.get(ZONE)).filter(z -> !z.isBlank()).map(ZoneId::of)
                .orElseGet(ZoneId::systemDefault);
        Credentials credentials = CaldavCalendarProvider.saveAccount(InMemoryTokenStore.create(),
                TokenKey.of("quickstart", CaldavCalendarProvider.ID, user), server, password);
        ProviderSettings settings = ProviderSettings.builder()
                .property(CaldavCalendarProvider.ZONE, zone.getId()).build();
        try (CaldavConnection connection = (CaldavConnection) new CaldavCalendarProvider().connect(settings, credentials)) {
            List<CaldavCalendar> calendars = connection.caldavCalendars();
            out.println("Calendars of " + user + " at " + server + ":");
            for (CaldavCalendar c : calendars) {
                out.printf("  %-28s %-10s %-9s %s%n", c.name(), c.access(), c.color().orElse(""), c.id());
            }
            LocalDate today = LocalDate.now(zone);
            Interval week = Interval.of(today.plusDays(1).atStartOfDay(zone).toInstant(),
                    today.plusDays(8).atStartOfDay(zone).toInstant());
            List<String> ids = calendars.stream().map(CaldavCalendar::id).toList();
            List<BusyInterval> busy = connection.busy(ids, week, BusyPolicy.defaults());
            out.println("Busy in the coming week (" + busy.size() + "):");
            for (BusyInterval b : busy) {
                out.println("  " + WHEN.format(b.interval().start().atZone(zone)) + " - "
                        + WHEN.format(b.interval().end().atZone(zone)) + "  " + b.source().calendarId());
            }
            String target = env.get(WRITE_TEST);
            if (target != null && !target.isBlank()) {
                writeTest(connection, calendars, target, week, out);
            }
        }
    }

    private static void writeTest(CaldavConnection connection, List<CaldavCalendar> calendars, String target,
                                  Interval week, PrintStream out) {
        boolean writable = calendars.stream().anyMatch(c -> c.id().equals(target) && c.access() == CalendarAccess.WRITER);
        if (!writable) {
            throw new IllegalArgumentException(WRITE_TEST + " must name a writable calendar id from the list above,"
                    + " but was '" + target + "'");
        }
        SessionKey key = SessionKey.random();
        Interval at = Interval.of(week.start().plus(Duration.ofHours(18)), Duration.ofHours(1));
        StudyEvent created = connection.createSession(target, key, at, SessionDetails.defaults());
        out.println("Created " + created.eventId() + " at " + created.interval());
        StudyEvent moved = connection.moveSession(created, Interval.of(at.start().plus(Duration.ofHours(1)), Duration.ofHours(1)));
        out.println("Moved it to " + moved.interval());
        connection.deleteSession(moved);
        out.println("Deleted it again: " + connection.findSession(target, key).isEmpty());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Set " + name + " (see the Javadoc of CaldavQuickStart and"
                    + " provider-caldav/README.md): " + SERVER + ", " + USER + " and " + PASSWORD + " are needed");
        }
        return value.strip();
    }
}
