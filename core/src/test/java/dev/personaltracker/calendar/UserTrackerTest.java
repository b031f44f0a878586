package dev.personaltracker.calendar;

import dev.personaltracker.calendar.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SelfResponse;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.spi.TokenHealth;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTrackerTest {

    private static final ZoneId ZONE = ZoneOffset.UTC;
    /** Monday 2026-03-02 00:00 UTC to the next Monday. */
    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FakeCalendarProvider work = new FakeCalendarProvider("work");
    private final FakeCalendarProvider home = new FakeCalendarProvider("home");
    private final InMemoryTokenStore tokens = InMemoryTokenStore.create();
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private StudyTracker tracker;

    @BeforeEach
    void setUp() {
        tracker = StudyTracker.builder()
                .providers(ProviderRegistry.of(work, home))
                .tokenStore(tokens)
                .historyStore(history)
                .clock(clock)
                .busyPolicy(BusyPolicy.defaults().withIncludeTitles(true))
                .settings("work", ProviderSettings.builder().clientId("client-1")
                        .redirectUri(URI.create("http://localhost:5000/callback")).build())
                .build();
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static Interval span(String from, String to) {
        return Interval.of(at(from), at(to));
    }

    private static WeeklyHours nineToFive() {
        WeeklyHours.Builder b = WeeklyHours.builder(ZONE);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            b.add(d, LocalTime.of(9, 0), LocalTime.of(17, 0));
        }
        return b.build();
    }

    private static StudyPreferences threeHoursAWeek() {
        return StudyPreferences.builder(ZONE)
                .weeklyGoal(Duration.ofHours(3))
                .sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(1))
                .buffer(Duration.ofMinutes(15))
                .breakBetweenSessions(Duration.ofMinutes(30))
                .build();
    }

    /** Alice: a work account and a home account, writes to home's primary calendar. */
    private UserTracker alice() {
        UserTracker alice = tracker.forUser("alice");
        AccountRef w = alice.connectWithAccessToken("work", "token-1");
        AccountRef h = alice.connect("home", ProviderSettings.builder().property("account", "alice@home").build());
        return alice.writeTo(h, "primary").workHours(nineToFive()).preferences(threeHoursAWeek());
    }

    private FakeCalendarProvider.Calendar homeCalendar() {
        return home.account("alice@home").calendar("primary");
    }

    // ------------------------------------------------------------------ accounts

    @Test
    void forUser_returnsTheSameHandleForTheSameUser() {
        assertThat(tracker.forUser("bob")).isSameAs(tracker.forUser("bob")).isNotSameAs(tracker.forUser("carol"));
    }

    @Test
    void connect_unknownProvider_namesTheIdsFound() {
        assertThatThrownBy(() -> tracker.forUser("bob").connect("gogle"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("'gogle'").hasMessageContaining("[home, work]");
    }

    @Test
    void accounts_listsEveryConnectedAccountInOrder() {
        UserTracker alice = alice();

        assertThat(alice.accounts()).containsExactly(AccountRef.of("work", "someone@work"), AccountRef.of("home", "alice@home"));
        assertThat(alice.tokenHealth(AccountRef.of("home", "alice@home"))).isEqualTo(TokenHealth.HEALTHY);
        assertThatThrownBy(() -> alice.tokenHealth(AccountRef.of("home", "nobody"))).isInstanceOf(NotConnectedException.class);
    }

    @Test
    void oauth_beginThenComplete_storesTheGrantAndConnects() {
        UserTracker bob = tracker.forUser("bob");

        AuthorizationRequest request = bob.beginAuthorization("work");
        AccountRef account = bob.completeAuthorization(request.state(), "good-code");

        assertThat(request.authorizationUrl().toString()).contains("client_id=client-1").contains("state=" + request.state());
        assertThat(request.toString()).doesNotContain(request.state());
        assertThat(account).isEqualTo(AccountRef.of("work", "oauth-user@work"));
        assertThat(tokens.load(TokenKey.of("bob", "work", "oauth-user@work"))).isPresent();
        assertThat(bob.accounts()).containsExactly(account);
        String challenge = request.authorizationUrl().getQuery().replaceAll(".*code_challenge=", "");
        assertThat(Pkce.challengeOf(work.lastVerifier)).isEqualTo(challenge);
    }

    @Test
    void oauth_stateIsSingleUse() {
        UserTracker bob = tracker.forUser("bob");
        AuthorizationRequest request = bob.beginAuthorization("work");
        bob.completeAuthorization(request.state(), "good-code");

        assertThatThrownBy(() -> bob.completeAuthorization(request.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("already used");
    }

    @Test
    void oauth_stateOfAnotherUser_isRefused() {
        AuthorizationRequest request = tracker.forUser("bob").beginAuthorization("work");

        assertThatThrownBy(() -> tracker.forUser("mallory").completeAuthorization(request.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("another user");
        assertThat(tokens.list("mallory")).isEmpty();
    }

    @Test
    void oauth_withoutRedirectUri_namesTheSetting() {
        assertThatThrownBy(() -> tracker.forUser("bob").beginAuthorization("home"))
                .hasMessageContaining("provider 'home' have no redirectUri");
    }

    @Test
    void oauth_unknownOrNonOAuthProvider_isNamedBeforeTheRedirectUri() {
        FakeCalendarProvider files = new FakeCalendarProvider("files", false);
        StudyTracker t = StudyTracker.builder().providers(ProviderRegistry.of(files))
                .tokenStore(tokens).historyStore(history).clock(clock).build();

        assertThatThrownBy(() -> t.forUser("bob").beginAuthorization("gogle")).isInstanceOf(ProviderNotFoundException.class);
        assertThatThrownBy(() -> t.forUser("bob").beginAuthorization("files")).hasMessageContaining("does not use OAuth");
    }

    @Test
    void connectStoredAccounts_reconnectsGrantsAfterARestart() {
        UserTracker bob = tracker.forUser("bob");
        bob.completeAuthorization(bob.beginAuthorization("work").state(), "good-code");
        StudyTracker restarted = StudyTracker.builder().providers(ProviderRegistry.of(work, home))
                .tokenStore(tokens).historyStore(history).clock(clock).build();

        List<AccountRef> connected = restarted.forUser("bob").connectStoredAccounts();

        assertThat(connected).containsExactly(AccountRef.of("work", "oauth-user@work"));
        assertThat(restarted.forUser("bob").connectStoredAccounts()).isEmpty();
    }

    @Test
    void disconnect_forgetsTheGrantAndTheWriteCalendar() {
        UserTracker bob = tracker.forUser("bob");
        AccountRef account = bob.completeAuthorization(bob.beginAuthorization("work").state(), "good-code");
        bob.writeTo(account, "primary");

        assertThat(bob.disconnect(account)).isTrue();

        assertThat(bob.accounts()).isEmpty();
        assertThat(tokens.list("bob")).isEmpty();
        assertThatThrownBy(() -> bob.approve(List.of())).isInstanceOf(NotConnectedException.class)
                .hasMessageContaining("writeTo(account, calendarId)");
    }

    @Test
    void writeTo_unconnectedAccount_isRefused() {
        assertThatThrownBy(() -> tracker.forUser("bob").writeTo(AccountRef.of("work", "x"), "primary"))
                .isInstanceOf(NotConnectedException.class).hasMessageContaining("work:x");
    }

    // ------------------------------------------------------------------ free time

    @Test
    void freeTime_mergesEveryAccountAndWorkHours_keepingSources() {
        UserTracker alice = alice();
        work.account("someone@work").calendar("primary")
                .meeting("standup", span("2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z"), EventFacts.busy(), "Late standup");
        homeCalendar()
                .meeting("dentist", span("2026-03-03T18:00:00Z", "2026-03-03T19:00:00Z"), EventFacts.busy(), "Dentist")
                .meeting("free", span("2026-03-03T20:00:00Z", "2026-03-03T21:00:00Z"), EventFacts.busy().withAvailability(Availability.FREE), "Free")
                .meeting("declined", span("2026-03-03T21:00:00Z", "2026-03-03T22:00:00Z"), EventFacts.busy().withResponse(SelfResponse.DECLINED), "Declined");

        FreeTime free = alice.freeTime(WEEK);

        assertThat(free.busyIntervals()).extracting(b -> b.source().eventId()).containsExactly("standup", "dentist");
        assertThat(free.busyAt(at("2026-03-03T18:30:00Z"))).extracting(b -> b.source().providerId() + "/" + b.source().title().orElseThrow())
                .containsExactly("home/Dentist");
        assertThat(free.isWorkHours(at("2026-03-02T10:00:00Z"))).isTrue();
        assertThat(free.free().contains(at("2026-03-02T10:00:00Z"))).isFalse();
        assertThat(free.free().contains(at("2026-03-02T17:30:00Z"))).isFalse();
        assertThat(free.free().contains(at("2026-03-03T20:30:00Z"))).isTrue();
        // 7 days of 24 h, minus 5 x 8 h of work, minus two 1 h meetings
        assertThat(free.free().totalDuration()).isEqualTo(Duration.ofHours(7 * 24 - 40 - 2));
        assertThat(free.freeByDay(ZONE)).hasSize(7);
        assertThat(free.freeByDay(ZONE).values().iterator().next().totalDuration()).isEqualTo(Duration.ofHours(15));
    }

    @Test
    void readCalendars_choosesWhichCalendarsCount() {
        UserTracker alice = alice();
        homeCalendar().meeting("a", span("2026-03-03T18:00:00Z", "2026-03-03T19:00:00Z"), EventFacts.busy(), "A");
        home.account("alice@home").calendar("family")
                .meeting("b", span("2026-03-04T18:00:00Z", "2026-03-04T19:00:00Z"), EventFacts.busy(), "B");
        AccountRef h = AccountRef.of("home", "alice@home");

        assertThat(alice.freeTime(WEEK).busyIntervals()).extracting(b -> b.source().eventId()).containsExactly("a");
        alice.readCalendars(h, List.of("primary", "family"));
        assertThat(alice.freeTime(WEEK).busyIntervals()).extracting(b -> b.source().eventId()).containsExactly("a", "b");
        assertThat(alice.calendars(h)).extracting(c -> c.id()).containsExactly("primary", "family");
    }

    @Test
    void readCalendars_defaultsToEveryCalendarOfAProviderWithoutOAuth() {
        FakeCalendarProvider files = new FakeCalendarProvider("files", false);
        StudyTracker t = StudyTracker.builder().providers(ProviderRegistry.of(files))
                .tokenStore(tokens).historyStore(history).clock(clock).build();
        files.account("me").calendar("timetable")
                .meeting("lecture", span("2026-03-04T18:00:00Z", "2026-03-04T19:00:00Z"), EventFacts.busy(), "Lecture");
        UserTracker u = t.forUser("erin");
        u.connect("files", ProviderSettings.builder().property("account", "me").build());

        assertThat(u.freeTime(WEEK).busyIntervals()).extracting(b -> b.source().calendarId()).containsExactly("timetable");
        assertThatThrownBy(() -> u.beginAuthorization("files", URI.create("http://localhost/cb"), Optional.empty()))
                .hasMessageContaining("does not use OAuth: connect it with connect(\"files\")");
    }

    // ------------------------------------------------------------------ propose and approve

    @Test
    void propose_placesTheGoalOutsideBusyTimeAndRecordsProposals() {
        UserTracker alice = alice();

        Proposals proposals = alice.propose(WEEK);

        assertThat(proposals.total()).isEqualTo(Duration.ofHours(3));
        assertThat(proposals.shortfall()).isZero();
        IntervalSet work = nineToFive().within(WEEK);
        for (Proposal p : proposals.sessions()) {
            assertThat(work.intersection(IntervalSet.of(p.interval())).isEmpty()).as("%s outside work hours", p).isTrue();
            assertThat(history.find("alice", p.key())).get().extracting(SessionRecord::status).isEqualTo(SessionStatus.PROPOSED);
        }
        assertThat(homeCalendar().sessions).isEmpty();
    }

    @Test
    void propose_twice_givesTheSameKeysAndNoStaleRecords() {
        UserTracker alice = alice();

        List<Proposal> first = alice.propose(WEEK).sessions();
        List<Proposal> second = alice.propose(WEEK).sessions();

        assertThat(second).isEqualTo(first);
        assertThat(alice.history(WEEK)).hasSize(first.size());
    }

    @Test
    void propose_withdrawsEarlierProposalsThatNoLongerFit() {
        UserTracker alice = alice();
        List<Proposal> first = alice.propose(WEEK).sessions();
        for (Proposal p : first) {
            homeCalendar().meeting("block-" + p.key(), p.interval(), EventFacts.busy(), "Blocker");
        }

        List<Proposal> second = alice.propose(WEEK).sessions();

        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(alice.history(WEEK)).extracting(SessionRecord::key)
                .containsExactlyInAnyOrderElementsOf(second.stream().map(Proposal::key).toList());
    }

    @Test
    void propose_withoutPreferences_saysWhatToCall() {
        UserTracker bob = tracker.forUser("bob");

        assertThatThrownBy(() -> bob.propose(WEEK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call preferences(...) before propose(...)");
    }

    @Test
    void propose_leavesOutThePast() {
        UserTracker alice = alice();
        clock.set(at("2026-03-05T00:00:00Z"));

        Proposals proposals = alice.propose(WEEK);

        assertThat(proposals.window().start()).isEqualTo(at("2026-03-05T00:00:00Z"));
        assertThat(proposals.sessions()).allSatisfy(p -> assertThat(p.interval().start()).isAfterOrEqualTo(at("2026-03-05T00:00:00Z")));
    }

    @Test
    void propose_keepsTheBufferFromAMeetingJustBeyondTheWindowsEnd() {
        UserTracker alice = alice();
        Interval morning = span("2026-03-02T06:00:00Z", "2026-03-02T08:00:00Z");
        work.account("someone@work").calendar("primary")
                .meeting("standup", span("2026-03-02T08:00:00Z", "2026-03-02T08:30:00Z"), EventFacts.busy(), "Standup");

        Proposals proposals = alice.propose(morning);

        // 07:00-08:00 would end right where the standup begins, inside the 15-minute buffer
        assertThat(proposals.sessions()).allSatisfy(p ->
                assertThat(p.interval().end()).isBeforeOrEqualTo(at("2026-03-02T07:45:00Z")));
    }

    @Test
    void reconcile_movedSessionKeepsTheBufferFromAMeetingJustBeyondTheWindowsEnd() {
        UserTracker alice = alice();
        SessionRecord first = alice.approve(alice.propose(WEEK).sessions()).get(0);
        assertThat(first.interval()).isEqualTo(span("2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z"));
        clock.set(at("2026-03-02T06:00:00Z"));
        work.account("someone@work").calendar("primary")
                .meeting("day", span("2026-03-02T07:00:00Z", "2026-03-02T19:45:00Z"), EventFacts.busy(), "Day")
                .meeting("late", span("2026-03-02T21:00:00Z", "2026-03-02T22:00:00Z"), EventFacts.busy(), "Late");

        // the window ends at 21:00, where the late meeting begins: 20:00-21:00 would break the 15-minute buffer
        ReconcileReport report = alice.reconcile(span("2026-03-02T06:00:00Z", "2026-03-02T21:00:00Z"));

        assertThat(report.updates(ChangeKind.MOVED)).isEmpty();
        assertThat(report.updates(ChangeKind.CANCELLED)).extracting(SessionUpdate::key).containsExactly(first.key());
    }

    @Test
    void approve_writesEventsAndRecordsThemScheduled() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();

        List<SessionRecord> scheduled = alice.approve(proposals);

        assertThat(scheduled).hasSize(proposals.size()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
            assertThat(r.event()).get().satisfies(e -> {
                assertThat(e.providerId()).isEqualTo("home");
                assertThat(e.calendarId()).isEqualTo("primary");
            });
            assertThat(r.changes()).extracting(c -> c.kind()).containsExactly(ChangeKind.PROPOSED, ChangeKind.SCHEDULED);
        });
        assertThat(homeCalendar().sessions.keySet()).containsExactlyInAnyOrderElementsOf(proposals.stream().map(Proposal::key).toList());
    }

    @Test
    void approve_twice_writesNothingTwice() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        alice.approve(proposals);

        List<SessionRecord> again = alice.approve(proposals);

        assertThat(again).hasSize(proposals.size());
        assertThat(homeCalendar().creates.get()).isEqualTo(proposals.size());
        assertThat(homeCalendar().sessions).hasSize(proposals.size());
    }

    @Test
    void approve_failingHalfWay_saysWhichWereScheduledAndARetryFinishesWithoutDuplicates() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        assertThat(proposals).hasSize(3);
        homeCalendar().failCreateNumber = -2;   // the second create is written but its response is lost

        assertThatThrownBy(() -> alice.approve(proposals))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("1 of 3 sessions were scheduled")
                .hasCauseInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> {
                    ApprovalException ae = (ApprovalException) e;
                    assertThat(ae.scheduled()).extracting(SessionRecord::key).containsExactly(proposals.get(0).key());
                    assertThat(ae.notScheduled()).containsExactly(proposals.get(1), proposals.get(2));
                });
        assertThat(history.find("alice", proposals.get(1).key()).orElseThrow().status()).isEqualTo(SessionStatus.PROPOSED);

        homeCalendar().failCreateNumber = 0;
        List<SessionRecord> retried = alice.approve(proposals);

        assertThat(retried).extracting(SessionRecord::status).containsOnly(SessionStatus.SCHEDULED);
        assertThat(homeCalendar().sessions).hasSize(3);
    }

    @Test
    void approve_providerThrowsAnUntypedException_isTypedNamingTheProvider_andTheProposalsHistorySaysWhy() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        homeCalendar().createFaults.put(proposals.get(1).key(), new IllegalStateException("SDK bug: null field"));

        assertThatThrownBy(() -> alice.approve(proposals))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("1 of 3 sessions were scheduled")
                .cause().isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("'home'").hasMessageContaining("alice@home")
                .hasCauseInstanceOf(IllegalStateException.class);
        SessionRecord failed = history.find("alice", proposals.get(1).key()).orElseThrow();
        assertThat(failed.status()).isEqualTo(SessionStatus.PROPOSED);
        assertThat(failed.changes().get(failed.changes().size() - 1)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.FAILED);
            assertThat(c.reason()).get().asString().contains("IllegalStateException");
        });

        homeCalendar().createFaults.clear();
        assertThat(alice.approve(proposals)).extracting(SessionRecord::status).containsOnly(SessionStatus.SCHEDULED);
    }

    @Test
    void approve_aProposalWhoseTimeHasPassed_isRefusedAndNothingIsWritten() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        // the person comes back to the proposals after the first one has begun
        clock.set(proposals.get(0).interval().start().plus(Duration.ofMinutes(5)));

        // written now, its event would stand after its time and be settled as studied by the next reconcile
        assertThatThrownBy(() -> alice.approve(proposals))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(proposals.get(0).key().toString())
                .hasMessageContaining(proposals.get(0).interval().toString())
                .hasMessageContaining("propose again");
        assertThat(homeCalendar().sessions).isEmpty();
        assertThat(history.find("alice", proposals.get(0).key()).orElseThrow().status()).isEqualTo(SessionStatus.PROPOSED);
    }

    @Test
    void approve_retriedAfterTheFirstSessionBegan_skipsItAsScheduled() {
        UserTracker alice = alice();
        List<Proposal> proposals = alice.propose(WEEK).sessions();
        alice.approve(proposals);
        clock.set(proposals.get(0).interval().start().plus(Duration.ofMinutes(5)));

        assertThat(alice.approve(proposals)).extracting(SessionRecord::status).containsOnly(SessionStatus.SCHEDULED);
        assertThat(homeCalendar().creates.get()).isEqualTo(proposals.size());
    }

    @Test
    void approve_existingSessionsCountTowardTheGoalOfTheirWeek() {
        UserTracker alice = alice();
        alice.approve(alice.propose(WEEK).sessions());

        assertThat(alice.propose(WEEK).sessions()).isEmpty();
    }

    // ------------------------------------------------------------------ reconcile

    @Test
    void reconcile_newMeetingOnASession_movesItAndRecordsTheCause() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = alice.approve(alice.propose(WEEK).sessions());
        SessionRecord victim = scheduled.get(0);
        work.account("someone@work").calendar("primary")
                .meeting("late-review", victim.interval(), EventFacts.busy(), "Late review");

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates()).hasSize(1);
        SessionUpdate update = report.updates().get(0);
        assertThat(update.key()).isEqualTo(victim.key());
        assertThat(update.kind()).isEqualTo(ChangeKind.MOVED);
        assertThat(update.change().from()).contains(victim.interval());
        assertThat(update.change().cause()).get().satisfies(c -> {
            assertThat(c.eventId()).isEqualTo("late-review");
            assertThat(c.providerId()).isEqualTo("work");
        });
        assertThat(update.change().reason()).get().asString().contains("'Late review'");
        Interval to = update.change().to().orElseThrow();
        assertThat(to.overlaps(victim.interval())).isFalse();
        assertThat(to.duration()).isEqualTo(victim.interval().duration());
        assertThat(homeCalendar().sessions.get(victim.key()).interval()).isEqualTo(to);
        assertThat(history.find("alice", victim.key()).orElseThrow().interval()).isEqualTo(to);
        assertThat(report.unchanged()).hasSize(2);
    }

    @Test
    void reconcile_sessionAcrossTheWindowsEdge_seesTheBusyTimeBeyondTheEdge() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(0);
        Instant middle = session.interval().start().plus(Duration.ofMinutes(30));
        // the new meeting covers only the half of the session that lies before the reconciled window
        homeCalendar().meeting("early", Interval.of(session.interval().start(), middle), EventFacts.busy(), "Early");

        ReconcileReport report = alice.reconcile(Interval.of(middle, Duration.ofHours(6)));

        assertThat(report.updates()).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo(session.key());
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED);
            assertThat(u.change().cause().orElseThrow().eventId()).isEqualTo("early");
        });
    }

    @Test
    void reconcile_personMovesTheSessionWhileTheLibraryMovesIt_thePersonWins() {
        UserTracker alice = alice();
        SessionRecord victim = alice.approve(alice.propose(WEEK).sessions()).get(0);
        homeCalendar().meeting("clash", victim.interval(), EventFacts.busy(), "Clash");
        Interval chosen = span("2026-03-07T10:00:00Z", "2026-03-07T11:00:00Z");
        homeCalendar().beforeMove = () -> homeCalendar().personMoves(victim.key(), chosen);

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED_BY_PERSON);
            assertThat(u.change().to()).contains(chosen);
        });
        assertThat(homeCalendar().sessions.get(victim.key()).interval()).isEqualTo(chosen);
        assertThat(history.find("alice", victim.key()).orElseThrow().interval()).isEqualTo(chosen);
    }

    @Test
    void reconcile_ownMoveWhoseResponseWasLost_isRecordedAsTheLibrarysMoveNotThePersons() {
        UserTracker alice = alice();
        SessionRecord victim = alice.approve(alice.propose(WEEK).sessions()).get(0);
        homeCalendar().meeting("clash", victim.interval(), EventFacts.busy(), "Clash");
        homeCalendar().loseNextMoveResponse = true;

        ReconcileReport report = alice.reconcile(WEEK);

        Interval now = homeCalendar().sessions.get(victim.key()).interval();
        assertThat(now).isNotEqualTo(victim.interval());
        assertThat(report.updates()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED);
            assertThat(u.change().to()).contains(now);
            assertThat(u.change().cause().orElseThrow().eventId()).isEqualTo("clash");
        });
        // still the library's to move: a later meeting on the new time moves it again
        homeCalendar().meeting("clash-2", now, EventFacts.busy(), "Clash 2");
        assertThat(alice.reconcile(WEEK).updates(ChangeKind.MOVED)).singleElement()
                .satisfies(u -> assertThat(u.key()).isEqualTo(victim.key()));
    }

    @Test
    void reconcile_personDeletesTheSessionWhileTheLibraryMovesIt_isCancelled() {
        UserTracker alice = alice();
        SessionRecord victim = alice.approve(alice.propose(WEEK).sessions()).get(0);
        homeCalendar().meeting("clash", victim.interval(), EventFacts.busy(), "Clash");
        homeCalendar().beforeMove = () -> homeCalendar().personDeletes(victim.key());

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates()).extracting(SessionUpdate::kind).containsExactly(ChangeKind.CANCELLED);
        assertThat(history.find("alice", victim.key()).orElseThrow().status()).isEqualTo(SessionStatus.CANCELLED);
    }

    /** Approves the week's proposals and puts a new meeting on the first two sessions; returns them all. */
    private List<SessionRecord> twoSessionsUnderNewMeetings(UserTracker alice) {
        List<SessionRecord> scheduled = alice.approve(alice.propose(WEEK).sessions());
        homeCalendar().meeting("clash-1", scheduled.get(0).interval(), EventFacts.busy(), "Clash 1");
        homeCalendar().meeting("clash-2", scheduled.get(1).interval(), EventFacts.busy(), "Clash 2");
        return scheduled;
    }

    @Test
    void reconcile_providerThrowsAnUntypedExceptionForOneMove_theOthersStillMove_andItsHistorySaysWhy() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = twoSessionsUnderNewMeetings(alice);
        SessionRecord odd = scheduled.get(0);
        SessionRecord fine = scheduled.get(1);
        homeCalendar().oddMoves.put(odd.key(), (event, to) -> {
            throw new IllegalStateException("SDK bug: null field");
        });

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates(ChangeKind.MOVED)).singleElement()
                .satisfies(u -> assertThat(u.key()).isEqualTo(fine.key()));
        assertThat(homeCalendar().sessions.get(fine.key()).interval()).isNotEqualTo(fine.interval());
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(odd.key());
            assertThat(f.error()).isInstanceOf(UnexpectedResponseException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(f.error().getMessage()).contains("home").contains(odd.event().orElseThrow().eventId())
                    .contains("IllegalStateException");
        });
        SessionRecord after = history.find("alice", odd.key()).orElseThrow();
        assertThat(after.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(after.interval()).isEqualTo(odd.interval());
        assertThat(after.changes().get(after.changes().size() - 1)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.FAILED);
            assertThat(c.reason()).get().asString().contains("could not move").contains("IllegalStateException");
        });
        assertThat(report.isQuiet()).isFalse();
    }

    @Test
    void reconcile_providerAnswersAMoveWithTheEventAtAnotherTime_isAFailureNotAMove() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = twoSessionsUnderNewMeetings(alice);
        SessionRecord odd = scheduled.get(0);
        SessionRecord fine = scheduled.get(1);
        homeCalendar().oddMoves.put(odd.key(), (event, to) -> event); // "moved", but still at the old time

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates(ChangeKind.MOVED)).extracting(SessionUpdate::key).containsExactly(fine.key());
        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(odd.key());
            assertThat(f.error()).isInstanceOf(UnexpectedResponseException.class);
            assertThat(f.error().getMessage()).contains(odd.interval().toString());
        });
        SessionRecord after = history.find("alice", odd.key()).orElseThrow();
        assertThat(after.interval()).isEqualTo(odd.interval());
        assertThat(after.changes().get(after.changes().size() - 1).kind()).isEqualTo(ChangeKind.FAILED);
    }

    @Test
    void reconcile_withNothingNew_isQuiet() {
        UserTracker alice = alice();
        alice.approve(alice.propose(WEEK).sessions());

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.isQuiet()).isTrue();
        assertThat(report.unchanged()).hasSize(3);
    }

    @Test
    void reconcile_sessionMovedByThePerson_isRecordedAndNeverDraggedBack() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(0);
        // 23:00-00:00 is outside the default study hours: the library would not choose it, the person did
        Interval chosen = span("2026-03-06T23:00:00Z", "2026-03-07T00:00:00Z");
        homeCalendar().personMoves(session.key(), chosen);

        ReconcileReport first = alice.reconcile(WEEK);
        ReconcileReport second = alice.reconcile(WEEK);

        assertThat(first.updates()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(ChangeKind.MOVED_BY_PERSON);
            assertThat(u.change().from()).contains(session.interval());
            assertThat(u.change().to()).contains(chosen);
        });
        assertThat(second.isQuiet()).isTrue();
        assertThat(homeCalendar().sessions.get(session.key()).interval()).isEqualTo(chosen);
        assertThat(history.find("alice", session.key()).orElseThrow().interval()).isEqualTo(chosen);
    }

    @Test
    void reconcile_meetingOnASessionThePersonPlaced_isReportedNotMoved() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(0);
        Interval chosen = span("2026-03-06T19:00:00Z", "2026-03-06T20:00:00Z");
        homeCalendar().personMoves(session.key(), chosen);
        alice.reconcile(WEEK);
        homeCalendar().meeting("party", chosen, EventFacts.busy(), "Party");

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates()).isEmpty();
        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo(session.key());
            assertThat(c.overlapping()).extracting(b -> b.source().eventId()).containsExactly("party");
        });
        assertThat(homeCalendar().sessions.get(session.key()).interval()).isEqualTo(chosen);
    }

    @Test
    void reconcile_afterTheWeek_settlesSessionsCompletedOrSkipped() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = alice.approve(alice.propose(WEEK).sessions());
        homeCalendar().personDeletes(scheduled.get(1).key());
        clock.set(WEEK.end());

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates(ChangeKind.COMPLETED)).extracting(SessionUpdate::key)
                .containsExactly(scheduled.get(0).key(), scheduled.get(2).key());
        assertThat(report.updates(ChangeKind.SKIPPED)).extracting(SessionUpdate::key).containsExactly(scheduled.get(1).key());
        assertThat(alice.history(WEEK)).extracting(SessionRecord::status)
                .containsExactly(SessionStatus.COMPLETED, SessionStatus.SKIPPED, SessionStatus.COMPLETED);
        assertThat(alice.reconcile(WEEK).isQuiet()).isTrue();
    }

    @Test
    void reconcile_futureSessionDeletedByThePerson_isCancelled() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(2);
        homeCalendar().personDeletes(session.key());

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates()).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(ChangeKind.CANCELLED);
            assertThat(u.change().reason()).get().asString().contains("deleted its event before it started");
        });
    }

    @Test
    void reconcile_movedSessionRespectsMaxPerDayWithASessionAlreadyStudiedThatDay() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = alice.approve(alice.propose(WEEK).sessions());
        assertThat(scheduled).extracting(SessionRecord::interval).containsExactly(
                span("2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z"),
                span("2026-03-03T07:00:00Z", "2026-03-03T08:00:00Z"),
                span("2026-03-04T07:00:00Z", "2026-03-04T08:00:00Z"));
        clock.set(at("2026-03-02T12:00:00Z"));   // Monday's session (maxPerDay 1h) is done
        work.account("someone@work").calendar("primary")
                .meeting("offsite", span("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"), EventFacts.busy(), "Offsite");

        ReconcileReport report = alice.reconcile(WEEK);

        // Monday evening is nearest, but Monday already holds its hour: the session goes to Thursday instead
        assertThat(report.updates(ChangeKind.MOVED)).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo(scheduled.get(1).key());
            assertThat(u.change().to()).contains(span("2026-03-05T07:00:00Z", "2026-03-05T08:00:00Z"));
        });
    }

    @Test
    void reconcile_movedSessionKeepsTheBreakFromASessionUnderWay() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = alice.approve(alice.propose(WEEK).sessions());
        clock.set(at("2026-03-02T07:30:00Z"));   // Monday's session is under way
        // Tuesday's session is cancelled by an offsite; Monday is full, so nothing may land on Monday at all
        work.account("someone@work").calendar("primary")
                .meeting("offsite", span("2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"), EventFacts.busy(), "Offsite");

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates(ChangeKind.MOVED)).singleElement().satisfies(u ->
                assertThat(u.change().to()).contains(span("2026-03-05T07:00:00Z", "2026-03-05T08:00:00Z")));
        assertThat(history.find("alice", scheduled.get(0).key()).orElseThrow().status()).isEqualTo(SessionStatus.SCHEDULED);
    }

    @Test
    void reconcile_noSlotLeft_dropsTheSessionAndDeletesItsEvent() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(0);
        // the whole week fills up
        work.account("someone@work").calendar("primary").meeting("conference", WEEK, EventFacts.busy(), "Conference");

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates(ChangeKind.CANCELLED)).hasSize(3).first().satisfies(u -> {
            assertThat(u.key()).isEqualTo(session.key());
            assertThat(u.change().cause()).get().extracting(c -> c.eventId()).isEqualTo("conference");
        });
        assertThat(homeCalendar().sessions).isEmpty();
    }

    @Test
    void reconcile_ownDropWhoseResponseWasLost_keepsTheBusyCause() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(0);
        work.account("someone@work").calendar("primary").meeting("conference", WEEK, EventFacts.busy(), "Conference");
        homeCalendar().loseNextDeleteResponse = true;

        ReconcileReport report = alice.reconcile(WEEK);

        assertThat(report.updates(ChangeKind.CANCELLED)).first().satisfies(u -> {
            assertThat(u.key()).isEqualTo(session.key());
            assertThat(u.change().cause()).get().extracting(c -> c.eventId()).isEqualTo("conference");
        });
        assertThat(homeCalendar().sessions).isEmpty();
    }

    @Test
    void markCompleted_keepsActualMinutesAndNote() {
        UserTracker alice = alice();
        SessionRecord session = alice.approve(alice.propose(WEEK).sessions()).get(0);

        SessionRecord done = alice.markCompleted(session.key(), Optional.of(Duration.ofMinutes(50)), Optional.of("chapter 3"));

        assertThat(done.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(done.actual()).contains(Duration.ofMinutes(50));
        assertThat(history.find("alice", session.key()).orElseThrow().note()).contains("chapter 3");
        assertThatThrownBy(() -> alice.markSkipped(SessionKey.of("nope"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'nope'");
    }

    @Test
    void progress_countsSettledSessionsAgainstTheWeeklyGoal() {
        UserTracker alice = alice();
        List<SessionRecord> scheduled = alice.approve(alice.propose(WEEK).sessions());
        homeCalendar().personDeletes(scheduled.get(2).key());
        clock.set(WEEK.end().plus(Duration.ofHours(1)));
        alice.reconcile(WEEK);

        var week = alice.progress().weeklyTotals("alice", WEEK.start().atZone(ZONE).toLocalDate(),
                WEEK.start().atZone(ZONE).toLocalDate()).get(0);

        assertThat(week.studied()).isEqualTo(Duration.ofHours(2));
        assertThat(week.goal()).isEqualTo(Duration.ofHours(3));
        assertThat(alice.progress().report("alice")).isNotBlank();
    }

    // ------------------------------------------------------------------ threads

    @Test
    void concurrentUsers_keepTheirOwnSessions() throws Exception {
        int users = 6;
        ExecutorService pool = Executors.newFixedThreadPool(users);
        try {
            List<Future<List<SessionRecord>>> results = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String user = "user-" + i;
                Callable<List<SessionRecord>> job = () -> {
                    UserTracker u = tracker.forUser(user);
                    AccountRef account = u.connect("home", ProviderSettings.builder().property("account", user + "@home").build());
                    u.writeTo(account, "primary").workHours(nineToFive()).preferences(threeHoursAWeek());
                    return u.approve(u.propose(WEEK).sessions());
                };
                results.add(pool.submit(job));
            }
            for (int i = 0; i < users; i++) {
                List<SessionRecord> records = results.get(i).get();
                String user = "user-" + i;
                assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.userId()).isEqualTo(user));
                assertThat(home.account(user + "@home").calendar("primary").sessions).hasSize(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentReconcilesOfOneUser_moveASessionOnce() throws Exception {
        UserTracker alice = alice();
        SessionRecord victim = alice.approve(alice.propose(WEEK).sessions()).get(0);
        homeCalendar().meeting("m", victim.interval(), EventFacts.busy(), "M");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ReconcileReport>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> alice.reconcile(WEEK)));
            }
            int moves = 0;
            for (Future<ReconcileReport> run : runs) {
                moves += run.get().updates(ChangeKind.MOVED).size();
            }
            assertThat(moves).isEqualTo(1);
            assertThat(history.find("alice", victim.key()).orElseThrow().changes())
                    .extracting(c -> c.kind()).containsExactly(ChangeKind.PROPOSED, ChangeKind.SCHEDULED, ChangeKind.MOVED);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void busyIntervalsKeepTitlesOnlyWhenThePolicyAsks() {
        StudyTracker noTitles = StudyTracker.builder().providers(ProviderRegistry.of(home))
                .tokenStore(tokens).historyStore(history).clock(clock).build();
        UserTracker u = noTitles.forUser("dan");
        u.connect("home", ProviderSettings.builder().property("account", "dan@home").build());
        home.account("dan@home").calendar("primary").meeting("x", span("2026-03-02T18:00:00Z", "2026-03-02T19:00:00Z"), EventFacts.busy(), "Secret");

        List<BusyInterval> busy = u.freeTime(WEEK).busyIntervals();

        assertThat(busy).singleElement().satisfies(b -> assertThat(b.source().title()).isEmpty());
    }
}
