package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectsTest {

    @TempDir
    Path data;

    private static HttpResponse<String> subject(Browserless client, String original, String action, String name,
            String kind, String hours, String due, String priority) throws Exception {
        return client.post("/settings/subjects", "csrf", client.csrf("/settings"), "original", original, "action", action,
                "name", name, "kind", kind, "hours", hours, "due", due, "priority", priority);
    }

    @Test
    void subjects_areAddedEditedAndRemoved_throughTheLibrarysGoals_andSurviveARestart() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);

            assertThat(subject(client, "", "save", "Linear algebra", "weekly", "3", "", "1").statusCode()).isEqualTo(303);
            assertThat(subject(client, "", "save", "Statistics", "deadline", "20", "2026-04-10", "0").statusCode())
                    .isEqualTo(303);
            assertThat(subject(client, "", "save", "Essay <b>", "weekly", "1,5", "", "-1").statusCode()).isEqualTo(303);
            // edit: rename and change hours; remove another
            assertThat(subject(client, "Essay <b>", "save", "Essay", "weekly", "2", "", "0").statusCode()).isEqualTo(303);
            assertThat(subject(client, "Linear algebra", "remove", "", "weekly", "", "", "0").statusCode()).isEqualTo(303);

            List<StudyGoal> goals = app.app().user().preferences().orElseThrow().goals();
            assertThat(goals).extracting(StudyGoal::id).containsExactly("Statistics", "Essay");
            assertThat(goals.get(0).isDeadline()).isTrue();
            assertThat(goals.get(0).amount()).isEqualTo(Duration.ofHours(20));
            assertThat(goals.get(1).amount()).isEqualTo(Duration.ofHours(2));
            String page = client.get("/settings").body();
            assertThat(page).contains("Removed the subject “Linear algebra”").contains("value=\"Statistics\"")
                    .contains("value=\"2026-04-10\"").doesNotContain("Essay <b>");
        }
        try (TestApp again = TestApp.start(data)) {
            assertThat(again.app().settings().plan().subjects()).extracting(WebSettings.Subject::name)
                    .containsExactly("Statistics", "Essay");
            assertThat(new Browserless(again).get("/settings").body()).contains("value=\"Statistics\"")
                    .contains("id=\"goal-with-subjects\"");
        }
    }

    @Test
    void badSubjects_comeBackAsTyped_withAPlainMessageAtEachField_andNothingChanges() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            subject(client, "", "save", "Statistics", "weekly", "2", "", "0");
            WebSettings before = app.app().settings();

            for (String[] bad : new String[][] {
                {"", "weekly", "3", "", "0", "Give the subject a name"},
                {"statistics", "weekly", "3", "", "0", "There is already a subject named “statistics”"},
                {"Physics", "weekly", "lots", "", "0", "“lots” is not a number of hours"},
                {"Physics", "weekly", "0", "", "0", "out of range"},
                {"Physics", "weekly", "200", "", "0", "out of range"},
                {"Physics", "deadline", "10", "", "0", "“” is not a date"},
                {"Physics", "deadline", "10", "2026-03-01", "0", "is not after today (2026-03-09)"},
                {"Physics", "deadline", "10", "18.12.2026", "0", "“18.12.2026” is not a date"},
                {"Physics", "weekly", "2", "", "7", "Pick a priority from the list"},
                {"x".repeat(61), "weekly", "2", "", "0", "1 to 60 characters"},
                // 500 hours in the two days before an exam on 11 March: a typo a student makes, not a plan
                {"Physics", "deadline", "500", "2026-03-11", "0", "more than 16 hours a day"},
            }) {
                HttpResponse<String> r = subject(client, "", "save", bad[0], bad[1], bad[2], bad[3], bad[4]);
                assertThat(r.statusCode()).as(String.join(" ", bad)).isEqualTo(400);
                String body = r.body().replace("&#34;", "\"");
                assertThat(body).as(String.join(" ", bad)).contains(bad[5]).contains("What you typed is still there")
                        .contains("id=\"new-hours\" value=\"" + bad[2] + "\"").doesNotContain("Exception");
                assertThat(app.app().settings()).isEqualTo(before);
            }
        }
    }

    @Test
    void theWeekIsColoredBySubject_withALegend_andHistoryShowsEachSubject_deadlineOnTrackOrNot() throws Exception {
        try (TestApp app = TestApp.start(data)) {
            Browserless client = new Browserless(app);
            subject(client, "", "save", "Linear algebra", "weekly", "2", "", "0");
            subject(client, "", "save", "Statistics", "deadline", "6", "2026-03-21", "1");

            assertThat(client.post("/plan/propose", "csrf", client.csrf("/plan"), "week", "2026-03-09").statusCode())
                    .isEqualTo(303);
            String plan = client.get("/plan?week=2026-03-09").body();
            assertThat(plan).contains("Statistics:").contains("Linear algebra:");
            assertThat(plan).contains("id=\"subjects-legend\"").contains("class=\"key subject goal-0\">Linear algebra")
                    .contains("class=\"key subject goal-1\">Statistics");
            assertThat(plan).contains("class=\"session proposed goal goal-0\"").contains("class=\"session proposed goal goal-1\"");

            assertThat(client.post("/plan/approve", "csrf", client.csrf("/plan"), "week", "2026-03-09", "action", "all")
                    .statusCode()).isEqualTo(303);
            Interval week = Interval.of(LocalDate.of(2026, 3, 9).atStartOfDay(TestApp.ZONE).toInstant(), Duration.ofDays(7));
            List<SessionRecord> scheduled = app.app().user().history(week).stream()
                    .filter(s -> s.status() == SessionStatus.SCHEDULED).toList();
            Set<String> goalIds = scheduled.stream().map(SessionRecord::goalId).collect(Collectors.toSet());
            // approving keeps each session's goal: the scheduled sessions are colored by it
            assertThat(goalIds).containsExactlyInAnyOrder("Linear algebra", "Statistics");
            plan = client.get("/plan?week=2026-03-09").body();
            assertThat(plan).contains("class=\"session scheduled goal goal-0\"").contains("class=\"session scheduled goal goal-1\"");
            // a weekly subject's standing counts what is scheduled this week, not only what was studied
            Duration algebra = scheduled.stream().filter(s -> s.goalId().equals("Linear algebra"))
                    .map(s -> s.interval().duration()).reduce(Duration.ZERO, Duration::plus);
            assertThat(algebra).isPositive();
            assertThat(plan).contains("Linear algebra: This week 0m studied and " + StudyProgress.format(algebra)
                    + " scheduled of 2h" + (algebra.compareTo(Duration.ofHours(2)) >= 0 ? ": on plan." : "."));

            String history = client.get("/history").body();
            assertThat(history).contains("id=\"goals\"").contains(">Linear algebra</span>").contains(">Statistics</span>")
                    .containsPattern("On track: |Behind: ");
        }
    }
}
