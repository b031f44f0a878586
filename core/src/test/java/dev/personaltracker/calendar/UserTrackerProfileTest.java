package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryProfileStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Per-person settings kept in the {@link ProfileStore}: saved as each change happens, restored by a new tracker over
 * the same stores (a restart), merged when two trackers (two host instances) change one person at once, and never
 * holding a secret.
 */
class UserTrackerProfileTest {

    /** Monday 2026-03-02 00:00 UTC to the next Monday. */
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FakeCalendarProvider work = new FakeCalendarProvider("work");
    private final FakeCalendarProvider files = new FakeCalendarProvider("files", false);
    private final InMemoryTokenStore tokens = InMemoryTokenStore.create();
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private final InMemoryProfileStore profiles = InMemoryProfileStore.create();

    /** A tracker over the shared stores and providers: a new one stands for the host after a restart. */
    private StudyTracker tracker(ProfileStore store) {
        return StudyTracker.builder()
                .providers(ProviderRegistry.of(work, files))
                .tokenStore(tokens).historyStore(history).profileStore(store).clock(clock)
                .settings("work", ProviderSettings.builder().clientId("client-1").clientSecret("s3cret-client")
                        .redirectUri(URI.create("http://localhost:5000/callback")).build())
                .build();
    }

    private StudyTracker tracker() {
        return tracker(profiles);
    }

    private static WeeklyHours nineToFive() {
        return WeeklyHours.builder(ZoneOffset.UTC).addWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    }

    private static StudyPreferences prefs(int hours) {
        return StudyPreferences.builder(ZoneOffset.UTC).weeklyGoal(Duration.ofHours(hours))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).maxPerDay(Duration.ofHours(1))
                .buffer(Duration.ofMinutes(15)).build();
    }

    private static ProviderSettings source(String account, String location) {
        return ProviderSettings.builder().property("account", account).property("source", location).build();
    }

    /** Sam: an OAuth work account (two calendars read), a file source written to, work hours and preferences. */
    private UserTracker setUpSam(StudyTracker tracker) {
        UserTracker sam = tracker.forUser("sam");
        AccountRef w = sam.completeAuthorization(sam.beginAuthorization("work").state(), "good-code");
        AccountRef f = sam.connect("files", source("timetable", "/srv/sam/timetable.ics"));
        return sam.readCalendars(w, List.of("primary", "team")).writeTo(f, "primary")
                .workHours(nineToFive()).preferences(prefs(3));
    }

    @Test
    void aNewTracker_findsEverySettingAgain_andAnswersTheSame() {
        work.account("oauth-user@work").calendar("team")
                .meeting("offsite", Interval.of(Instant.parse("2026-03-03T18:00:00Z"), Duration.ofHours(2)), EventFacts.busy(), "Offsite");
        UserTracker before = setUpSam(tracker());
        FreeTime freeBefore = before.freeTime(WEEK);
        List<Interval> proposedBefore = before.propose(WEEK).sessions().stream().map(Proposal::interval).toList();

        UserTracker after = tracker().forUser("sam");

        assertThat(after).isNotSameAs(before);
        assertThat(after.accounts()).containsExactly(AccountRef.of("work", "oauth-user@work"), AccountRef.of("files", "timetable"));
        assertThat(after.workHours()).contains(nineToFive());
        assertThat(after.preferences().map(Object::toString)).contains(prefs(3).toString());
        assertThat(after.freeTime(WEEK).free()).isEqualTo(freeBefore.free());
        Proposals proposals = after.propose(WEEK);
        assertThat(proposals.sessions()).extracting(Proposal::interval).isEqualTo(proposedBefore);
        after.approve(proposals.sessions());
        assertThat(files.account("timetable").calendar("primary").sessions).hasSize(3);
    }

    @Test
    void eachChange_isSavedAsItHappens() {
        UserTracker sam = tracker().forUser("sam");
        AccountRef f = sam.connect("files", source("timetable", "/srv/t.ics"));
        assertThat(profiles.load("sam").orElseThrow().version()).isEqualTo(1);

        sam.writeTo(f, "primary");
        sam.workHours(nineToFive());
        sam.preferences(prefs(2));
        sam.readCalendars(f, List.of("primary"));

        StoredProfile stored = profiles.load("sam").orElseThrow();
        assertThat(stored.version()).isEqualTo(5);
        Profile profile = ProfileCodec.decode("sam", stored.document());
        assertThat(profile.writeTo()).contains(new Profile.WriteTarget(f, "primary"));
        assertThat(profile.workHours()).contains(nineToFive());
        assertThat(profile.account(f).flatMap(ProfileAccount::readCalendars)).contains(List.of("primary"));
        assertThat(profile.account(f).flatMap(ProfileAccount::settings).map(s -> s.properties().get("source"))).contains("/srv/t.ics");
    }

    @Test
    void disconnect_forgetsTheAccountAndItsWriteCalendar_afterARestartToo() {
        UserTracker sam = setUpSam(tracker());

        sam.disconnect(AccountRef.of("files", "timetable"));

        UserTracker after = tracker().forUser("sam");
        assertThat(after.accounts()).containsExactly(AccountRef.of("work", "oauth-user@work"));
        assertThatThrownBy(() -> after.approve(List.of())).isInstanceOf(NotConnectedException.class)
                .hasMessageContaining("writeTo");
    }

    @Test
    void theProfile_holdsNoSecret() {
        UserTracker sam = setUpSam(tracker());
        sam.connectWithAccessToken("work", "host-held-access-token");
        sam.connect("files", ProviderSettings.builder().property("account", "feed").clientId("c").clientSecret("feed-secret").build());

        String document = profiles.load("sam").orElseThrow().document();

        assertThat(document).doesNotContain("s3cret-client").doesNotContain("feed-secret")
                .doesNotContain("host-held-access-token").doesNotContain("good-code");
        // the grant is in the token store, and only there
        assertThat(tokens.list("sam")).hasSize(1);
    }

    @Test
    void aSecondSource_withTheSameAccountId_isRefused_sayingHowToTellThemApart() {
        UserTracker sam = tracker().forUser("sam");
        AccountRef first = sam.connect("files", source("local", "/srv/a.ics"));

        assertThatThrownBy(() -> sam.connect("files", source("local", "/srv/b.ics")))
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("'sam'").hasMessageContaining("'local'")
                .hasMessageContaining("distinct account id").hasMessageContaining("'account' property");
        // the first is untouched, and the same settings again simply reconnect it
        assertThat(sam.accounts()).containsExactly(first);
        assertThat(ProfileCodec.decode("sam", profiles.load("sam").orElseThrow().document())
                .account(first).flatMap(ProfileAccount::settings).map(s -> s.properties().get("source"))).contains("/srv/a.ics");
        assertThat(sam.connect("files", source("local", "/srv/a.ics"))).isEqualTo(first);
        assertThat(sam.connect("files", source("other", "/srv/b.ics"))).isEqualTo(AccountRef.of("files", "other"));
    }

    @Test
    void anAccessTokenAccount_waitsForItsToken_andKeepsItsChoices() {
        UserTracker sam = tracker().forUser("sam");
        AccountRef w = sam.connectWithAccessToken("work", "token-1");
        sam.readCalendars(w, List.of("team")).writeTo(w, "primary");

        UserTracker after = tracker().forUser("sam");
        assertThat(after.accounts()).isEmpty();

        assertThat(after.connectWithAccessToken("work", "token-2")).isEqualTo(w);
        Profile profile = ProfileCodec.decode("sam", profiles.load("sam").orElseThrow().document());
        assertThat(profile.account(w).flatMap(ProfileAccount::readCalendars)).contains(List.of("team"));
        assertThat(profile.writeTo()).contains(new Profile.WriteTarget(w, "primary"));
    }

    @Test
    void aGrantThatIsGone_leavesTheAccountInTheProfile_unconnected() {
        setUpSam(tracker());
        tokens.delete(dev.personaltracker.calendar.spi.TokenKey.of("sam", "work", "oauth-user@work"));

        UserTracker after = tracker().forUser("sam");

        assertThat(after.accounts()).containsExactly(AccountRef.of("files", "timetable"));
        assertThat(ProfileCodec.decode("sam", profiles.load("sam").orElseThrow().document()).accounts()).hasSize(2);
    }

    @Test
    void twoTrackers_changingOnePerson_loseNoChange() {
        UserTracker a = tracker().forUser("sam");
        UserTracker b = tracker().forUser("sam");   // another host instance, read the same version

        a.workHours(nineToFive());
        b.preferences(prefs(4));                    // conflict: re-reads, re-applies
        a.connect("files", source("timetable", "/srv/t.ics"));

        Profile stored = ProfileCodec.decode("sam", profiles.load("sam").orElseThrow().document());
        assertThat(stored.workHours()).contains(nineToFive());
        assertThat(stored.preferences().map(Object::toString)).contains(prefs(4).toString());
        assertThat(stored.accounts()).extracting(ProfileAccount::ref).containsExactly(AccountRef.of("files", "timetable"));
        // the other instance takes the newer profile over the next time the host asks for the person
        assertThat(b.workHours()).contains(nineToFive());
        UserTracker again = tracker(profiles).forUser("sam");
        assertThat(again.accounts()).containsExactly(AccountRef.of("files", "timetable"));
    }

    @Test
    void aConflictThatNeverEnds_isReportedTyped_afterBoundedRetries() {
        AtomicInteger saves = new AtomicInteger();
        ProfileStore alwaysBehind = new ProfileStore() {
            @Override
            public Optional<StoredProfile> load(String userId) {
                return profiles.load(userId);
            }

            @Override
            public long save(String userId, String document, long expectedVersion) {
                saves.incrementAndGet();
                profiles.save(userId, "tracker-calendar-profile 1\n", profiles.load(userId).map(StoredProfile::version).orElse(0L));
                return profiles.save(userId, document, expectedVersion);
            }

            @Override
            public boolean delete(String userId) {
                return profiles.delete(userId);
            }
        };
        UserTracker sam = tracker(alwaysBehind).forUser("sam");

        assertThatThrownBy(() -> sam.workHours(nineToFive())).isInstanceOf(StoreConflictException.class)
                .hasMessageContaining("'sam'");
        assertThat(saves.get()).isEqualTo(UserSettings.ATTEMPTS);
    }

    @Test
    void close_thenForUser_connectsEverythingAgain() {
        StudyTracker tracker = tracker();
        setUpSam(tracker);

        tracker.close();

        assertThat(tracker.forUser("sam").accounts()).hasSize(2);
        assertThat(tracker.forUser("sam").workHours()).contains(nineToFive());
    }

    @Test
    void anUnreadableProfile_failsForUser_typed_andIsLeftAsItIs() {
        profiles.save("sam", "tracker-calendar-profile 9\nsomething new\n", 0);

        assertThatThrownBy(() -> tracker().forUser("sam")).isInstanceOf(ProfileUnreadableException.class)
                .hasMessageContaining("'sam'").hasMessageContaining("upgrade");
        assertThat(profiles.load("sam").orElseThrow().version()).isEqualTo(1);
    }
}
