package dev.personaltracker.calendar.benchmarks;

import dev.personaltracker.calendar.ics.IcsCalendarProvider;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * provider-ics on a university timetable of 400 VEVENTs: 360 weekly courses (two semesters, holidays as EXDATE)
 * and 40 RECURRENCE-ID overrides (a moved and a cancelled session of every 18th course), about 100 KB, generated
 * here from a fixed seed, read over one year.
 * <ul>
 * <li>{@code firstRead}: a new connection's {@code busy} call: stat and read the file, parse, expand, classify;</li>
 * <li>{@code unchangedReread}: the same call again on a connection that read it before (the file is unchanged:
 *     a stat, and the parse and busy result are reused);</li>
 * <li>{@code ical4jParseBaseline}: ical4j's own {@code CalendarBuilder.build} of the same text, nothing else.</li>
 * </ul>
 * Goals: the re-read at least 50x faster than the first read, the first read at most 2x the ical4j baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IcsTimetableBenchmark {

    /** The year read. */
    static final Interval YEAR = Interval.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

    private Path dir;
    private Path file;
    private String text;
    private ProviderSettings settings;
    private CalendarConnection warm;

    /** Writes the timetable and reads it once on {@link #warm}. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        text = timetable(360, 2026);
        dir = Files.createTempDirectory("ics-bench");
        file = dir.resolve("timetable.ics");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        settings = ProviderSettings.builder().property("source.uni", file.toString())
                .property("zone", "Europe/Berlin").property("owner", "student@uni.example").build();
        warm = new IcsCalendarProvider().connect(settings, Credentials.none());
        warm.busy(List.of("uni"), YEAR, BusyPolicy.defaults());
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** @return the busy time of a first read */
    @Benchmark
    public List<BusyInterval> firstRead() {
        return new IcsCalendarProvider().connect(settings, Credentials.none())
                .busy(List.of("uni"), YEAR, BusyPolicy.defaults());
    }

    /** @return the busy time of an unchanged re-read */
    @Benchmark
    public List<BusyInterval> unchangedReread() {
        return warm.busy(List.of("uni"), YEAR, BusyPolicy.defaults());
    }

    /** @return ical4j's parse of the same text */
    @Benchmark
    public Calendar ical4jParseBaseline() throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(text));
    }

    /**
     * A university timetable: {@code events} weekly courses in Europe/Berlin over the two semesters of a year,
     * with a VTIMEZONE, holidays as EXDATE, and every 18th course with a moved and a cancelled session.
     *
     * @param events  how many weekly courses
     * @param year  the year
     * @return the iCalendar text, CRLF line ends
     */
    static String timetable(int events, int year) {
        Random random = new Random(20260401L);
        DateTimeFormatter local = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
        StringBuilder b = new StringBuilder(120_000);
        b.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example University//Timetable//EN\r\n")
                .append("CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Timetable\r\n")
                .append("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n")
                .append("TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n")
                .append("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\n")
                .append("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n")
                .append("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
        String[] days = {"MO", "TU", "WE", "TH", "FR"};
        for (int i = 0; i < events; i++) {
            boolean summer = i % 2 == 0;
            LocalDate first = summer ? LocalDate.of(year, 4, 13) : LocalDate.of(year, 10, 12);
            int day = random.nextInt(5);
            LocalDateTime start = first.plusDays(day).atTime(8 + 2 * random.nextInt(5), random.nextBoolean() ? 0 : 15);
            LocalDateTime until = (summer ? LocalDate.of(year, 7, 17) : LocalDate.of(year + 1, 2, 5)).atTime(23, 59);
            String uid = "c" + i + "@uni.example";
            b.append("BEGIN:VEVENT\r\nUID:").append(uid).append("\r\nDTSTAMP:").append(year).append("0301T120000Z\r\n")
                    .append("DTSTART;TZID=Europe/Berlin:").append(local.format(start)).append("\r\n")
                    .append("DTEND;TZID=Europe/Berlin:").append(local.format(start.plusMinutes(90))).append("\r\n")
                    .append("RRULE:FREQ=WEEKLY;BYDAY=").append(days[day]).append(";UNTIL=")
                    .append(local.format(until)).append("Z\r\n")
                    .append("EXDATE;TZID=Europe/Berlin:").append(local.format(start.plusWeeks(3 + i % 5))).append("\r\n")
                    .append("SUMMARY:Course ").append(i).append(" in ").append((char) ('A' + random.nextInt(6)))
                    .append(100 + random.nextInt(300)).append("\r\nEND:VEVENT\r\n");
            if (i % 18 == 0) {
                LocalDateTime moved = start.plusWeeks(5);
                b.append("BEGIN:VEVENT\r\nUID:").append(uid).append("\r\nDTSTAMP:").append(year)
                        .append("0301T120000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:").append(local.format(moved))
                        .append("\r\nDTSTART;TZID=Europe/Berlin:").append(local.format(moved.plusHours(2)))
                        .append("\r\nDTEND;TZID=Europe/Berlin:").append(local.format(moved.plusHours(2).plusMinutes(90)))
                        .append("\r\nSUMMARY:Course ").append(i).append(" (moved)\r\nEND:VEVENT\r\n");
                LocalDateTime cancelled = start.plusWeeks(9);
                b.append("BEGIN:VEVENT\r\nUID:").append(uid).append("\r\nDTSTAMP:").append(year)
                        .append("0301T120000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:").append(local.format(cancelled))
                        .append("\r\nDTSTART;TZID=Europe/Berlin:").append(local.format(cancelled))
                        .append("\r\nDTEND;TZID=Europe/Berlin:").append(local.format(cancelled.plusMinutes(90)))
                        .append("\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n");
            }
        }
        return b.append("END:VCALENDAR\r\n").toString();
    }
}
