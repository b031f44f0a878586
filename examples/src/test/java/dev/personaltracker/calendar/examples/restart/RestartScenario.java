package dev.personaltracker.calendar.examples.restart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.Proposals;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What the restart tests do on whichever store: set Alice up as QuickStart does and approve, and run a host's
 * {@code main} in a child JVM on the same class path.
 */
final class RestartScenario {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);
    static final Interval WEEK = Interval.of(MONDAY.atStartOfDay(ZONE).toInstant(),
            MONDAY.plusWeeks(1).atStartOfDay(ZONE).toInstant());
    /** Wednesday noon of that week: two days have passed, so progress has something to say. */
    static final Instant LATER = MONDAY.plusDays(2).atTime(12, 0).atZone(ZONE).toInstant();


    private RestartScenario() {
    }

    static Path sample(Path data, String name) throws IOException {
        Path target = data.resolve("samples").resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = RestartScenario.class.getResourceAsStream("/dev/personaltracker/calendar/examples/samples/" + name)) {
            Files.copy(Objects.requireNonNull(in, name), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Sets Alice up the way QuickStart does, and approves the week's first two proposals. */
    static void setUpAndApprove(StudyTracker tracker, Path data) throws IOException {
        UserTracker alice = tracker.forUser("alice");
        AccountRef work = alice.connect("ics", ProviderSettings.builder()
                .property("account", "work").property("source.work", sample(data, "work.ics").toString())
                .property("owner", "alice@example.com").property("zone", ZONE.getId()).build());
        AccountRef personal = alice.connect("ics", ProviderSettings.builder()
                .property("account", "personal").property("source.timetable", sample(data, "timetable.ics").toString())
                .property("output", data.resolve("study-sessions.ics").toString()).property("zone", ZONE.getId()).build());
        WeeklyHours.Builder hours = WeeklyHours.builder(ZONE);
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).forEach(d -> hours.add(d, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        alice.workHours(hours.build())
                .preferences(StudyPreferences.builder(ZONE).weeklyGoal(Duration.ofHours(5))
                        .sessionLength(Duration.ofMinutes(60), Duration.ofMinutes(90)).maxPerDay(Duration.ofMinutes(90))
                        .buffer(Duration.ofMinutes(15)).breakBetweenSessions(Duration.ofMinutes(30)).build())
                .readCalendars(work, List.of("work"))
                .writeTo(personal, "study-sessions");
        Proposals proposals = alice.propose(WEEK);
        assertThat(proposals.sessions()).hasSizeGreaterThan(3);
        alice.approve(proposals.sessions().subList(0, 2));
    }

    /**
     * Runs a host's {@code main} in a new JVM on this test's class path.
     *
     * @return what the child printed
     */
    static String runInNewJvm(Path data, Class<?> main, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        Path out = data.resolve("child.out");
        Path err = data.resolve("child.err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as("child exit; stderr:%n%s", Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
