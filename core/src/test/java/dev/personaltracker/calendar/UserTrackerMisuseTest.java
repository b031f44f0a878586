package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryProfileStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ReadOnlyCalendarConnection;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facade refuses misuse when it happens, not later: another person's data, bad calendars, zones, properties. */
class UserTrackerMisuseTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FakeCalendarProvider home = new FakeCalendarProvider("home");
    private final InMemoryTokenStore tokens = InMemoryTokenStore.create();
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private final InMemoryProfileStore profiles = InMemoryProfileStore.create();
    private StudyTracker tracker;

    @BeforeEach
    void setUp() {
        tracker = tracker(ProviderRegistry.of(home, new ReadOnlyProvider()));
    }

    private StudyTracker tracker(ProviderRegistry registry) {
        return StudyTracker.builder().providers(registry).tokenStore(tokens).historyStore(history)
                .profileStore(profiles).clock(clock).build();
    }

    private static StudyPreferences prefs(ZoneId zone) {
        return StudyPreferences.builder(zone).weeklyGoal(Duration.ofHours(2))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build();
    }

    private static WeeklyHours nineToFive(ZoneId zone) {
        return WeeklyHours.builder(zone).add(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    }

    private UserTracker withSessions(String userId) {
        UserTracker user = tracker.forUser(userId);
        AccountRef account = user.connect("home", ProviderSettings.builder().property("account", userId + "@home").build());
        user.writeTo(account, "primary").preferences(prefs(BERLIN));
        user.approve(user.propose(WEEK).sessions());
        return user;
    }

    // ------------------------------------------------------------------ progress is the person's own

    @Test
    void progress_answersOnlyForItsOwnUser() {
        UserTracker sam = withSessions("sam");
        UserTracker mallory = withSessions("mallory");
        assertThat(sam.history(WEEK)).isNotEmpty();

        StudyProgress progress = mallory.progress();

        assertThat(progress.user()).contains("mallory");
        assertThatThrownBy(() -> progress.report("sam")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("belongs to user 'mallory'").hasMessageContaining("'sam'");
        assertThatThrownBy(() -> progress.sessions("sam", WEEK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> progress.streak("sam")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> progress.adherence("sam", WEEK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> progress.moves("sam", WEEK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> progress.thisWeek("sam")).isInstanceOf(IllegalArgumentException.class);
        assertThat(progress.sessions(WEEK)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.userId()).isEqualTo("mallory"));
        assertThat(progress.sessions(WEEK)).extracting(r -> r.key())
                .doesNotContainAnyElementsOf(sam.history(WEEK).stream().map(r -> r.key()).toList());
        assertThat(progress.report()).isEqualTo(progress.report("mallory"));
    }

    @Test
    void progress_unbound_stillAnswersForAnyUserButHasNoOwnUser() {
        withSessions("sam");
        StudyProgress unbound = StudyProgress.builder(history).zone(BERLIN).clock(clock).build();

        assertThat(unbound.sessions("sam", WEEK)).isNotEmpty();
        assertThatThrownBy(unbound::report).isInstanceOf(IllegalStateException.class).hasMessageContaining("not bound");
    }

    // ------------------------------------------------------------------ writeTo is checked when called

    @Test
    void writeTo_aCalendarTheAccountDoesNotHave_isRefusedAtOnce() {
        UserTracker bob = tracker.forUser("bob");
        AccountRef account = bob.connect("home", ProviderSettings.builder().property("account", "bob@home").build());
        home.account("bob@home").calendar("shared");

        assertThatThrownBy(() -> bob.writeTo(account, "primry")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("no calendar 'primry'").hasMessageContaining("[primary, shared]");
    }

    @Test
    void writeTo_aReadOnlyCalendar_isRefusedAtOnceNamingTheWritableOnes() {
        UserTracker bob = tracker.forUser("bob");
        AccountRef account = bob.connect("home", ProviderSettings.builder().property("account", "bob@home").build());
        home.account("bob@home").calendar("holidays").access = CalendarAccess.READER;
        home.account("bob@home").calendar("team").access = CalendarAccess.FREE_BUSY;

        assertThatThrownBy(() -> bob.writeTo(account, "holidays")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("'holidays'").hasMessageContaining("READER").hasMessageContaining("[primary]");
        assertThatThrownBy(() -> bob.writeTo(account, "team")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("FREE_BUSY");
        bob.writeTo(account, "primary");
    }

    @Test
    void writeTo_aReadOnlyConnection_isRefused() {
        UserTracker bob = tracker.forUser("bob");
        AccountRef feed = bob.connect("feed");

        assertThatThrownBy(() -> bob.writeTo(feed, "feed")).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("READER");
    }

    // ------------------------------------------------------------------ one zone per person

    @Test
    void workHoursAndPreferencesInDifferentZones_areRefusedNamingBoth() {
        UserTracker bob = tracker.forUser("bob").preferences(prefs(BERLIN));

        assertThatThrownBy(() -> bob.workHours(nineToFive(NEW_YORK))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("America/New_York").hasMessageContaining("Europe/Berlin")
                .hasMessageContaining("relocate");
        assertThat(bob.workHours()).isEmpty();

        UserTracker carol = tracker.forUser("carol").workHours(nineToFive(BERLIN));
        assertThatThrownBy(() -> carol.preferences(prefs(NEW_YORK))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("America/New_York").hasMessageContaining("Europe/Berlin");
        assertThat(carol.preferences()).isEmpty();
    }

    @Test
    void relocate_movesBothToAnotherZoneAtOnce() {
        UserTracker bob = tracker.forUser("bob").preferences(prefs(BERLIN)).workHours(nineToFive(BERLIN));

        bob.relocate(nineToFive(NEW_YORK), prefs(NEW_YORK));

        assertThat(bob.workHours().orElseThrow().zone()).isEqualTo(NEW_YORK);
        assertThat(bob.preferences().orElseThrow().zone()).isEqualTo(NEW_YORK);
        assertThatThrownBy(() -> bob.relocate(nineToFive(BERLIN), prefs(NEW_YORK)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ properties

    @Test
    void aMisspelledProperty_isRefusedWithTheNearestKnownName() {
        UserTracker bob = tracker.forUser("bob");

        assertThatThrownBy(() -> bob.connect("feed", ProviderSettings.builder().property("sources.uni", "u.ics").build()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("'sources.uni'")
                .hasMessageContaining("did you mean 'source.uni'?").hasMessageContaining("source.<name>");
        assertThatThrownBy(() -> bob.connect("feed", ProviderSettings.builder().property("zoen", "UTC").build()))
                .hasMessageContaining("did you mean 'zone'?");
        assertThat(bob.connect("feed", ProviderSettings.builder().property("source.uni", "u.ics").property("zone", "UTC")
                .build())).isEqualTo(AccountRef.of("feed", "feed"));
    }

    @Test
    void aMisspelledPropertyInTheTrackersSettings_isRefusedWhenTheTrackerIsBuilt() {
        assertThatThrownBy(() -> StudyTracker.builder().providers(ProviderRegistry.of(new ReadOnlyProvider()))
                .tokenStore(tokens).historyStore(history)
                .settings("feed", ProviderSettings.builder().property("zome", "UTC").build()).build())
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("did you mean 'zone'?");
    }

    @Test
    void aProviderThatNamesNoProperties_isNotChecked() {
        UserTracker bob = tracker.forUser("bob");

        assertThat(bob.connect("home", ProviderSettings.builder().property("account", "b").property("anything", "x")
                .build())).isEqualTo(AccountRef.of("home", "b"));
    }

    // ------------------------------------------------------------------ problems reach the host

    @Test
    void aStoredGrantWhoseProviderIsMissing_isReportedToTheHost() {
        tokens.save(TokenKey.of("bob", "outlook", "bob@work"), OAuthToken.of("a", Optional.of("r"), Optional.empty(),
                Set.of()));

        UserTracker bob = tracker.forUser("bob");
        bob.connectStoredAccounts();

        assertThat(bob.accountProblems()).singleElement().satisfies(p -> {
            assertThat(p.account()).isEqualTo(AccountRef.of("outlook", "bob@work"));
            assertThat(p.kind()).isEqualTo(AccountProblem.Kind.PROVIDER_MISSING);
            assertThat(p.message()).contains("'outlook'").contains("not on the class path").doesNotContain("r\"");
        });
    }

    @Test
    void anAccountOfTheProfileThatCannotBeRestored_isReportedAndClearedOnceConnected() {
        UserTracker bob = tracker.forUser("bob");
        bob.connect("home", ProviderSettings.builder().property("account", "bob@home").build());

        StudyTracker withoutHome = tracker(ProviderRegistry.of(new ReadOnlyProvider()));
        UserTracker restarted = withoutHome.forUser("bob");

        assertThat(restarted.accounts()).isEmpty();
        assertThat(restarted.accountProblems()).extracting(AccountProblem::kind)
                .containsExactly(AccountProblem.Kind.PROVIDER_MISSING);

        StudyTracker withHome = tracker(ProviderRegistry.of(home, new ReadOnlyProvider()));
        assertThat(withHome.forUser("bob").accountProblems()).isEmpty();
        assertThat(withHome.forUser("bob").accounts()).containsExactly(AccountRef.of("home", "bob@home"));
    }

    // ------------------------------------------------------------------ read-only connections

    @Test
    void aReadOnlyConnection_refusesWritesAndFindsNoSessions() {
        CalendarConnection feed = new ReadOnlyProvider().connect(ProviderSettings.defaults(), Credentials.none());
        Interval hour = Interval.of(WEEK.start(), Duration.ofHours(1));
        StudyEvent event = new StudyEvent("feed", "e", SessionKey.of("k"), hour, Optional.empty());

        assertThatThrownBy(() -> feed.createSession("feed", SessionKey.of("k"), hour, SessionDetails.defaults()))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("feed account 'feed' is read-only");
        assertThatThrownBy(() -> feed.moveSession(event, hour)).isInstanceOf(BadSettingsException.class);
        assertThatThrownBy(() -> feed.deleteSession(event)).isInstanceOf(BadSettingsException.class);
        assertThat(feed.findSessions("feed", WEEK)).isEmpty();
        assertThat(feed.findSession("feed", SessionKey.of("k"))).isEmpty();
    }

    /** A feed provider with a read-only connection that names its properties. */
    private static final class ReadOnlyProvider implements CalendarProvider {
        @Override
        public String id() {
            return "feed";
        }

        @Override
        public boolean usesOAuth() {
            return false;
        }

        @Override
        public Set<String> propertyNames() {
            return Set.of("source.*", "zone");
        }

        @Override
        public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
            return new ReadOnlyCalendarConnection() {
                @Override
                public String providerId() {
                    return "feed";
                }

                @Override
                public String accountId() {
                    return "feed";
                }

                @Override
                public List<CalendarInfo> calendars() {
                    return List.of(new CalendarInfo("feed", "Feed", true, CalendarAccess.READER, Optional.empty()));
                }

                @Override
                public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
                    return List.of();
                }
            };
        }
    }
}
