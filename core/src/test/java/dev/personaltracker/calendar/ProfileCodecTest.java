package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.Profile.WriteTarget;
import dev.personaltracker.calendar.ProfileAccount.Link;
import dev.personaltracker.calendar.ProfileAccount.Saved;
import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Every item, with the characters a field may hold: spaces, '+', '%', '=', '/', line ends, non-ASCII. */
    static Profile full() {
        WeeklyHours work = WeeklyHours.builder(BERLIN)
                .addWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 30))
                .add(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(2, 0))        // past midnight
                .add(DayOfWeek.SUNDAY, LocalTime.of(20, 0), LocalTime.MIDNIGHT)          // to 24:00
                .build();
        StudyPreferences prefs = StudyPreferences.builder(ZoneId.of("America/New_York"))
                .weeklyGoal(Duration.ofMinutes(330)).sessionLength(Duration.ofMinutes(30), Duration.ofMinutes(90))
                .maxPerDay(Duration.ofHours(2)).buffer(Duration.ofMinutes(10)).breakBetweenSessions(Duration.ofMinutes(20))
                .granularity(Duration.ofMinutes(5))
                .studyHours(WeeklyHours.builder(ZoneId.of("America/New_York")).addEveryDay(LocalTime.of(6, 0), LocalTime.MIDNIGHT).build())
                .preferredHours(WeeklyHours.builder(ZoneId.of("America/New_York")).addWeekdays(LocalTime.of(18, 0), LocalTime.of(21, 0)).build())
                .build();
        Saved own = new Saved(Optional.of("client id+1"), Optional.of(URI.create("http://localhost:8080/cb?x=1&y=%20")),
                Set.of("b scope", "a"), Optional.of(URI.create("https://api.example/v1/")), Optional.empty(), true,
                Map.of("source.timetable", "/home/zoë/My Files/100% timetable.ics", "zone", "Europe/Berlin",
                        "owner", "me@example.com,other@example.com", "weird key = /", "line\nend\r\nand\ttab", "empty", ""));
        return new Profile(List.of(
                new ProfileAccount(AccountRef.of("ics", "timetable one"), Link.NONE, Optional.of(own),
                        Optional.of(List.of("timetable", "study sessions", ""))),
                new ProfileAccount(AccountRef.of("google", "a+b@example.com"), Link.GRANT, Optional.empty(), Optional.empty()),
                new ProfileAccount(AccountRef.of("outlook", "me@work.example"), Link.ACCESS_TOKEN, Optional.empty(),
                        Optional.of(List.of()))),
                Optional.of(new WriteTarget(AccountRef.of("ics", "timetable one"), "study sessions")),
                Optional.of(work), Optional.of(prefs));
    }

    @Test
    void fullProfile_roundTrips() {
        Profile profile = full();

        Profile back = ProfileCodec.decode("sam", ProfileCodec.encode(profile));

        assertThat(back.accounts()).isEqualTo(profile.accounts());
        assertThat(back.writeTo()).isEqualTo(profile.writeTo());
        assertThat(back.workHours()).isEqualTo(profile.workHours());
        // StudyPreferences has no equals: its toString lists every preference, so a forgotten one fails here
        assertThat(back.preferences().map(Object::toString)).isEqualTo(profile.preferences().map(Object::toString));
        assertThat(ProfileCodec.encode(back)).isEqualTo(ProfileCodec.encode(profile));
    }

    @Test
    void emptyProfile_roundTrips_andIsOnlyTheHeader() {
        String text = ProfileCodec.encode(Profile.EMPTY);

        assertThat(text).isEqualTo("tracker-calendar-profile 2\n");
        assertThat(ProfileCodec.decode("sam", text)).isEqualTo(Profile.EMPTY);
    }

    @Test
    void encoding_isOneLinePerItem_withNoRawSpacesOrLineEndsInFields() {
        String text = ProfileCodec.encode(full());

        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\t"));
        assertThat(text).startsWith("tracker-calendar-profile 2\naccount ics timetable+one none own\n")
                .contains("\nwrite ics timetable+one study+sessions\n")
                .contains("\nread outlook me%40work.example\n");
    }

    @Test
    void aNewerVersion_isRefused_namingTheUserAndSayingUpgrade() {
        String newer = "tracker-calendar-profile 3\nsubject maths PT3H\n";

        assertThatThrownBy(() -> ProfileCodec.decode("sam", newer))
                .isInstanceOfSatisfying(ProfileUnreadableException.class, e -> assertThat(e.userId()).isEqualTo("sam"))
                .hasMessageContaining("'sam'").hasMessageContaining("version 3").hasMessageContaining("upgrade the library");
    }

    @Test
    void damagedDocuments_areRefused_namingTheLine() {
        String header = "tracker-calendar-profile 1\n";
        Map<String, String> cases = Map.of(
                "", "first line",                                                         // empty
                "{\"json\":true}", "first line",                                          // another format
                header + "mystery item\n", "line 2",                                       // unknown kind
                header + "read ics x cal\n", "line 2",                                     // account not declared
                header + "account ics x none tracker\nsetting ics x property a b\n", "line 3", // setting of a tracker account
                header + "account ics x none tracker\naccount ics x none tracker\n", "line 3", // duplicate account
                header + "work-hours Europe/Berlin MONDAY/09:00\n", "line 2",              // half a range
                header + "work-hours Mars/Olympus MONDAY/09:00/10:00\n", "line 2",         // unknown zone
                header + "preferences UTC weeklyGoal=PT5H\n", "line 2",                    // too few fields
                header + "account ics x sometimes tracker\n", "line 2");                   // unknown link
        cases.forEach((document, where) -> assertThatThrownBy(() -> ProfileCodec.decode("sam", document))
                .as(document)
                .isInstanceOf(ProfileUnreadableException.class)
                .hasMessageContaining("'sam'").hasMessageContaining(where).hasMessageContaining("ProfileStore.delete"));
    }

    /** Several goals: weekly and by deadline, with their own hours, lengths and priorities, ids needing encoding. */
    static StudyPreferences withGoals() {
        ZoneId zone = ZoneId.of("America/New_York");
        return StudyPreferences.builder(zone)
                .goals(StudyGoal.weekly("Linear algebra", Duration.ofHours(3)).withPriority(1)
                                .withPreferredHours(WeeklyHours.builder(zone).addWeekdays(LocalTime.of(18, 0), LocalTime.of(21, 0)).build()),
                        StudyGoal.weekly("Prog 2 = 100%", Duration.ofMinutes(150))
                                .withSessionLength(Duration.ofMinutes(45), Duration.ofMinutes(90)),
                        StudyGoal.byDeadline("Statistics exam", Duration.ofHours(20), Instant.parse("2026-12-18T08:00:00Z"))
                                .withPriority(-2))
                .sessionLength(Duration.ofMinutes(30), Duration.ofMinutes(120)).maxPerDay(Duration.ofHours(4))
                .studyHours(WeeklyHours.builder(zone).addEveryDay(LocalTime.of(7, 0), LocalTime.of(22, 0)).build())
                .build();
    }

    @Test
    void goals_roundTrip_withTheirOwnHoursLengthsAndPriorities() {
        Profile profile = Profile.EMPTY.withPreferences(withGoals());

        String text = ProfileCodec.encode(profile);
        Profile back = ProfileCodec.decode("sam", text);

        assertThat(text).contains("\ngoal weekly Linear+algebra PT3H - priority%3D1\n")
                .contains("\ngoal by-deadline Statistics+exam PT20H 2026-12-18T08%3A00%3A00Z priority%3D-2\n")
                .contains("\ngoal-hours Linear+algebra America%2FNew_York ");
        assertThat(back.preferences().orElseThrow().goals()).isEqualTo(withGoals().goals());
        assertThat(back.preferences().map(Object::toString)).isEqualTo(profile.preferences().map(Object::toString));
        assertThat(ProfileCodec.encode(back)).isEqualTo(text);
    }

    @Test
    void aVersion1Document_stillDecodes_toTheSingleWeeklyGoal() {
        String v1 = "tracker-calendar-profile 1\n"
                + "preferences Europe%2FBerlin weeklyGoal=PT5H30M minSession=PT30M maxSession=PT1H30M maxPerDay=PT2H"
                + " buffer=PT10M break=PT20M granularity=PT15M\n"
                + "study-hours Europe%2FBerlin MONDAY/07:00/22:00 TUESDAY/07:00/22:00\n";

        StudyPreferences prefs = ProfileCodec.decode("sam", v1).preferences().orElseThrow();

        assertThat(prefs.goals()).containsExactly(StudyGoal.weekly(StudyPreferences.DEFAULT_GOAL_ID, Duration.ofMinutes(330)));
        assertThat(prefs.weeklyGoal()).isEqualTo(Duration.ofMinutes(330));
        assertThat(prefs.maxPerDay()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void damagedGoalLines_areRefused_namingTheLine() {
        String head = "tracker-calendar-profile 2\npreferences UTC weeklyGoal=PT5H minSession=PT30M maxSession=PT1H"
                + " maxPerDay=PT2H buffer=PT0S break=PT0S granularity=PT15M\nstudy-hours UTC MONDAY/09:00/17:00\n";
        Map<String, String> bad = Map.of(
                "goal monthly a PT1H - priority=0\n", "line 4",                      // unknown kind
                "goal weekly a PT1H 2026-12-18T08:00:00Z priority=0\n", "line 4",    // a weekly goal with a due
                "goal by-deadline a PT1H tomorrow priority=0\n", "line 4",           // not an instant
                "goal weekly a PT1H -\n", "line 4",                                  // no priority
                "goal weekly a PT1H - priority=0 minSession=PT30M\n", "line 4",      // half the lengths
                "goal weekly a PT1H - priority=0\ngoal weekly a PT2H - priority=0\n", "line 5", // duplicate id
                "goal-hours b UTC MONDAY/09:00/10:00\n", "line 4");                  // hours of an unknown goal
        bad.forEach((lines, where) -> assertThatThrownBy(() -> ProfileCodec.decode("sam", head + lines)).as(lines)
                .isInstanceOf(ProfileUnreadableException.class).hasMessageContaining(where));
    }

    @Test
    void preferencesThatBreakTheirRules_areRefused() {
        String document = "tracker-calendar-profile 1\npreferences UTC weeklyGoal=PT5H minSession=PT2H maxSession=PT1H"
                + " maxPerDay=PT2H buffer=PT0S break=PT0S granularity=PT15M\nstudy-hours UTC MONDAY/09:00/17:00\n";

        assertThatThrownBy(() -> ProfileCodec.decode("sam", document)).isInstanceOf(ProfileUnreadableException.class)
                .hasMessageContaining("sessionLength");
    }
}
