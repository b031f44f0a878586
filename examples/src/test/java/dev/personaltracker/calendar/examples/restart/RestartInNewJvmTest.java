package dev.personaltracker.calendar.examples.restart;

import static dev.personaltracker.calendar.examples.restart.RestartScenario.LATER;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.MONDAY;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.WEEK;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.ZONE;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.runInNewJvm;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.sample;
import static dev.personaltracker.calendar.examples.restart.RestartScenario.setUpAndApprove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host restarted in a new JVM finds a person set up as before: the tracker is built on storage-json, the person
 * connects the sample iCalendar calendars, sets work hours and preferences, chooses the calendars to read and the one
 * to write, and approves sessions; then a child JVM builds a new tracker on the same stores and, without any set-up,
 * answers the same free time, proposals and progress.
 */
class RestartInNewJvmTest {

    @TempDir
    Path data;

    @Test
    void aNewJvm_onTheSameStores_answersTheSame_withoutBeingSetUpAgain() throws Exception {
        Instant sunday = MONDAY.minusDays(1).atTime(20, 0).atZone(ZONE).toInstant();
        try (StudyTracker tracker = RestartHost.tracker(data, sunday)) {
            setUpAndApprove(tracker, data);
        }
        String before;
        try (StudyTracker sameJvm = RestartHost.tracker(data, LATER)) {
            before = RestartHost.answers(sameJvm.forUser("alice"), WEEK);
        }
        assertThat(before).contains("accounts [ics:work, ics:personal]").contains("of 5h studied")
                .doesNotContain("work hours none").doesNotContain("preferences none").containsPattern("proposals \\S+");

        String after = runInNewJvm(data, RestartHost.class, List.of(data.toString(), "alice", LATER.toString(),
                WEEK.start().toString(), WEEK.end().toString()));

        assertThat(after).isEqualTo(before);
    }

    @Test
    void aRestartedTracker_stillRefusesASecondSourceWithTheSameAccountId() throws Exception {
        try (StudyTracker tracker = RestartHost.tracker(data, LATER)) {
            setUpAndApprove(tracker, data);
        }
        try (StudyTracker restarted = RestartHost.tracker(data, LATER)) {
            UserTracker alice = restarted.forUser("alice");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> alice.connect("ics", ProviderSettings.builder()
                            .property("account", "work").property("source.other", sample(data, "timetable.ics").toString()).build()))
                    .isInstanceOf(BadSettingsException.class).hasMessageContaining("'account' property");
        }
    }
}
