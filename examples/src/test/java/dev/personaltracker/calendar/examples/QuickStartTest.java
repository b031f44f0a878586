package dev.personaltracker.calendar.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

    /** One run of the default week, shared by the tests that only read its output and files. */
    @TempDir
    static Path data;
    private static String out;

    @BeforeAll
    static void runOnce() {
        out = run();
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--data";
        all[1] = data.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        QuickStart.run(QuickStart.Options.parse(all), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String row(String output, String day) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(day) + " .*$").matcher(output);
        assertThat(m.find()).as("a row for %s in%n%s", day, output).isTrue();
        return m.group();
    }

    @Test
    void freeTimeTable_appliesTheBusyPolicyToTheSampleCalendars() {
        // the out-of-office day blocks all of Friday
        assertThat(row(out, "Fri 13 Mar")).contains(" 0m ").contains("Out of office");
        // the declined webinar (19:00-20:30) does not block Tuesday evening; the US sync (16:30-18:00) does
        assertThat(row(out, "Tue 10 Mar")).contains("07:00-09:00, 18:00-22:00").doesNotContain("Vendor webinar");
        // the birthday is all-day but free, and the Wednesday lecture is cancelled
        assertThat(row(out, "Wed 11 Mar")).contains("07:00-09:00, 17:00-22:00").doesNotContain("birthday")
                .doesNotContain("Statistics");
        // the recurring US sync's exception moved Thursday's occurrence to 18:00-19:30
        assertThat(row(out, "Thu 12 Mar")).contains("17:00-18:00, 19:30-22:00").contains("(moved: US holiday)");
        // the weekly lecture on Monday and the Saturday tutorial block
        assertThat(row(out, "Mon 09 Mar")).contains("Statistics lecture");
        assertThat(row(out, "Sat 14 Mar")).contains("07:00-10:00, 12:00-22:00");
    }

    /** The proposal table's rows: goal and length of each. */
    private static java.util.List<String[]> proposalRows(String output) {
        Matcher m = Pattern.compile("(?m)^  \\d+  \\w{3} \\d\\d \\w{3}  \\d\\d:\\d\\d-\\d\\d:\\d\\d  (\\S+(?: \\S+)?)\\s+(.+?)\\s+s-").matcher(output);
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2)});
        }
        return rows;
    }

    @Test
    void plansTwoCoursesAndAnExam_andApprovesThemIntoTheStudyFile() throws IOException {
        assertThat(out).contains("Goals: Linear algebra 3h a week; Programming 2h a week in 1h sessions; "
                + "Statistics exam 4h before Thu 19 Mar 09:00");
        assertThat(out).contains("Proposed study sessions (7h 45m)")
                .contains("  Linear algebra: placed 3h; goal met")
                .contains("  Programming: placed 2h; goal met")
                .containsPattern("  Statistics exam: placed 2h 45m; .*on track");
        java.util.List<String[]> rows = proposalRows(out);
        assertThat(rows).hasSize(7).extracting(r -> r[1]).containsOnly("Linear algebra", "Programming", "Statistics exam");
        // Programming's own session length: every one of its sessions is 1h
        assertThat(rows).filteredOn(r -> r[1].equals("Programming")).extracting(r -> r[0]).containsOnly("1h");
        assertThat(out).contains("Approved 7 sessions: written to " + data.resolve("study-sessions.ics"));
        String ics = Files.readString(data.resolve("study-sessions.ics"));
        assertThat(Pattern.compile("BEGIN:VEVENT").matcher(ics).results().count()).isEqualTo(7);
        // each event's title carries its goal
        assertThat(Pattern.compile("SUMMARY:Study Session: Linear algebra").matcher(ics).results().count()).isEqualTo(3);
        assertThat(Pattern.compile("SUMMARY:Study Session: Programming").matcher(ics).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("SUMMARY:Study Session: Statistics exam").matcher(ics).results().count()).isEqualTo(2);
    }

    @Test
    void theNewMeetingMovesOneSessionAndSaysWhy() throws IOException {
        Matcher meeting = Pattern.compile("New in work.ics: 'Client call \\(booked by a colleague\\)' (.+), on top of a study session")
                .matcher(out);
        assertThat(meeting.find()).isTrue();
        assertThat(out).contains("  moved " + meeting.group(1) + " -> ")
                .contains("why: 'Client call (booked by a colleague)' in calendar 'work' of account ics:work overlaps it")
                .contains("6 other sessions stay where they are");
        assertThat(Files.readString(data.resolve("samples/work.ics"))).contains("SUMMARY:Client call (booked by a colleague)");
    }

    @Test
    void endsWithProgressAndWhereTheDataWent() {
        assertThat(out).contains("reconcile settled 7 sessions as completed, 0 as skipped")
                .contains("Week 2026-W11: studied 7h 45m in all (the weekly goals add up to 5h)")
                .contains("Sessions completed: 7")
                .contains("  Linear algebra: studied 3h of 3h (goal met); longest streak 2 days, adherence 100%")
                .contains("  Programming: studied 2h of 2h (goal met); longest streak 1 day, adherence 100%")
                .contains("  Statistics exam: 2h 45m studied and 0m scheduled of 4h before 2026-03-19; "
                        + "1h 15m not planned yet; longest streak 2 days, adherence 100%")
                .containsPattern("Streak: \\d+ days \\(longest \\d+\\)")
                .contains("Where the data went:").contains(data.resolve("study-sessions.ics").toString());
    }

    @Test
    void outputIsTheSameEveryRun() {
        assertThat(run()).isEqualTo(out);
    }

    @Test
    void weekArgument_plansThatWeeksRecurringEvents() {
        String out = run("--week", "2026-03-18");

        assertThat(out).contains("Now: Sun 15 Mar 20:00");
        // the recurring lecture is there, the one-off out-of-office day of the sample week is not
        assertThat(row(out, "Mon 16 Mar")).contains("Statistics lecture");
        assertThat(row(out, "Fri 20 Mar")).doesNotContain("Out of office").doesNotContain(" 0m ");
    }

    @Test
    void options_rejectUnknownArgumentsAndBadDates() {
        assertThat(QuickStart.Options.parse().monday()).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThatThrownBy(() -> QuickStart.Options.parse("--weak", "x")).hasMessageContaining("Unknown argument '--weak'");
        assertThatThrownBy(() -> QuickStart.Options.parse("--week", "next")).hasMessageContaining("but was 'next'");
    }

    @Test
    void history_isKeptEncryptedUnderTheDataFolderAndReadsBack(@TempDir Path own) throws IOException {
        // its own folder: other tests here rerun the shared one with other weeks
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(QuickStart.Options.parse("--data", own.toString()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Path stores = own.resolve("stores");
        Path keyset = own.resolve("keys").resolve("store-keyset.json");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(stores.toString()).contains(keyset.toString());
        try (var files = Files.walk(stores)) {
            var stored = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(stored).isNotEmpty();
            for (Path f : stored) {
                // the sessions' times and statuses are inside the ciphertexts, not in the clear
                assertThat(Files.readString(f)).doesNotContain("2026-03-").doesNotContain("COMPLETED");
            }
        }
        var history = dev.personaltracker.calendar.storage.json.JsonHistoryStore.open(stores,
                dev.personaltracker.calendar.storage.json.StoreKeys.load(keyset));
        var week = dev.personaltracker.calendar.time.Interval.of(java.time.Instant.parse("2026-03-08T23:00:00Z"),
                java.time.Instant.parse("2026-03-15T23:00:00Z"));
        assertThat(history.query("alice", week))
                .hasSize(7)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(dev.personaltracker.calendar.spi.SessionStatus.COMPLETED))
                .extracting(dev.personaltracker.calendar.spi.SessionRecord::goalId)
                .containsOnly(QuickStart.LINEAR_ALGEBRA, QuickStart.PROGRAMMING, QuickStart.STATISTICS);
    }
}
