package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.UserIds;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One user of a tracker never sees or changes another's sessions, through the facade's public calls. */
class UserIsolationTest {

    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final FakeCalendarProvider home = new FakeCalendarProvider("home");
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private StudyTracker tracker;

    @BeforeEach
    void setUp() {
        tracker = StudyTracker.builder().providers(ProviderRegistry.of(home)).tokenStore(InMemoryTokenStore.create())
                .historyStore(history).clock(clock).build();
    }

    /** A user writing to the calendar of the account id given: two users may name the same one (a shared file). */
    private UserTracker user(String userId, String accountId) {
        UserTracker user = tracker.forUser(userId);
        AccountRef account = user.connect("home", ProviderSettings.builder().property("account", accountId).build());
        return user.writeTo(account, "primary").preferences(StudyPreferences.builder(ZoneOffset.UTC)
                .weeklyGoal(Duration.ofHours(2)).sessionLength(Duration.ofHours(1), Duration.ofHours(1)).build());
    }

    @Test
    void approve_aProposalOfAnotherUser_isRefusedAndWritesNothing() {
        UserTracker alice = user("alice", "alice@home");
        UserTracker bob = user("bob", "bob@home");
        Proposal bobs = bob.propose(WEEK).sessions().get(0);

        assertThatThrownBy(() -> alice.approve(List.of(bobs))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bobs.key().value()).hasMessageContaining("alice");

        assertThat(home.account("alice@home").calendar("primary").sessions).isEmpty();
        assertThat(history.find("alice", bobs.key())).isEmpty();
        assertThat(history.find("bob", bobs.key()).orElseThrow().status()).isEqualTo(SessionStatus.PROPOSED);
    }

    @Test
    void approve_anotherUsersScheduledSessionInASharedCalendar_neverAdoptsTheirEvent() {
        // both connect the same account id (one shared calendar file): bob's event must stay bob's alone
        UserTracker alice = user("alice", "shared@home");
        UserTracker bob = user("bob", "shared@home");
        Proposal bobs = bob.propose(WEEK).sessions().get(0);
        bob.approve(List.of(bobs));

        assertThatThrownBy(() -> alice.approve(List.of(bobs))).isInstanceOf(IllegalArgumentException.class);

        assertThat(history.find("alice", bobs.key())).isEmpty();
        assertThat(alice.history(WEEK)).isEmpty();
        assertThat(bob.history(WEEK)).extracting(SessionRecord::key).contains(bobs.key());
    }

    @Test
    void approve_aProposalRebuiltFromTheUsersOwnHistory_isAccepted() {
        UserTracker alice = user("alice", "alice@home");
        Proposal p = alice.propose(WEEK).sessions().get(0);

        SessionRecord r = alice.approve(List.of(new Proposal(p.key(), p.interval()))).get(0);

        assertThat(r.userId()).isEqualTo("alice");
        assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED);
    }

    @Test
    void approve_theUsersOwnProposalAfterItsRecordWasLost_isAccepted_butAMadeUpKeyIsRefused() {
        UserTracker alice = user("alice", "alice@home");
        Proposal p = alice.propose(WEEK).sessions().get(0);
        history.delete("alice", p.key());

        assertThat(alice.approve(List.of(p))).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(SessionStatus.SCHEDULED));
        Proposal madeUp = new Proposal(dev.personaltracker.calendar.spi.SessionKey.of("s-made-up"), p.interval());
        assertThatThrownBy(() -> alice.approve(List.of(madeUp))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s-made-up");
    }

    @Test
    void forUser_lookAlikeIds_areDifferentPeople() {
        List<String> ids = List.of("sam", "Sam", "sam ", "Jos\u00e9", "Jose\u0301", "../sam", "every-user");
        ids.forEach(id -> user(id, id + "@home").propose(WEEK));

        for (String id : ids) {
            assertThat(tracker.forUser(id).history(WEEK)).as(id).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.userId()).isEqualTo(id));
        }
    }

    @Test
    void forUser_invalidIds_areRefusedNamingTheRule() {
        assertThatThrownBy(() -> tracker.forUser("sam\0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character").hasMessageContaining("U+0000");
        assertThatThrownBy(() -> tracker.forUser("x".repeat(UserIds.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + UserIds.MAX_LENGTH);
        assertThatThrownBy(() -> tracker.forUser(" \t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThat(tracker.forUser("x".repeat(UserIds.MAX_LENGTH))).isNotNull();
    }

    @Test
    void oauth_stateBegunByALookAlikeUser_replayedOrFromAnotherInstance_neverConnectsTheirAccount() {
        FakeCalendarProvider work = new FakeCalendarProvider("work");
        InMemoryTokenStore tokens = InMemoryTokenStore.create();
        java.util.function.Supplier<StudyTracker> instance = () -> StudyTracker.builder()
                .providers(ProviderRegistry.of(work)).tokenStore(tokens).historyStore(history).clock(clock)
                .settings("work", ProviderSettings.builder().clientId("client-1")
                        .redirectUri(java.net.URI.create("http://localhost:5000/callback")).build())
                .build();
        StudyTracker one = instance.get();
        StudyTracker two = instance.get();
        AuthorizationRequest composed = one.forUser("Jos\u00e9").beginAuthorization("work");

        // the decomposed spelling is another person, and so is another case
        assertThatThrownBy(() -> one.forUser("Jose\u0301").completeAuthorization(composed.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("another user");
        assertThatThrownBy(() -> one.forUser("jos\u00e9").completeAuthorization(composed.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class);
        // another instance sharing the stores never saw the state
        assertThatThrownBy(() -> two.forUser("Jos\u00e9").completeAuthorization(composed.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class);
        assertThat(tokens.list("Jose\u0301")).isEmpty();
        assertThat(tokens.list("jos\u00e9")).isEmpty();

        // the owner still completes it once; a replay by anyone fails
        one.forUser("Jos\u00e9").completeAuthorization(composed.state(), "good-code");
        assertThat(tokens.list("Jos\u00e9")).hasSize(1);
        assertThatThrownBy(() -> one.forUser("Jose\u0301").completeAuthorization(composed.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> one.forUser("Jos\u00e9").completeAuthorization(composed.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class);
        assertThat(tokens.list("Jose\u0301")).isEmpty();

        // an expired state is refused even for its owner
        AuthorizationRequest late = one.forUser("Jos\u00e9").beginAuthorization("work");
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> one.forUser("Jos\u00e9").completeAuthorization(late.state(), "good-code"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("expired");
    }
}
