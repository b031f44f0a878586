package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryChannelStore;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.NotificationRequest;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.testing.MutableClock;
import dev.personaltracker.calendar.testing.QueuedExecutor;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push channels, the notification handler and the background reconciler on a real tracker with a fake service. */
class PushNotificationTest {

    private static final Interval WEEK = Interval.of(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofDays(7));
    private static final URI ENDPOINT = URI.create("https://host.example/calendar-notify");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final PushFakeProvider pushy = new PushFakeProvider("pushy");
    private final InMemoryHistoryStore history = InMemoryHistoryStore.create();
    private final InMemoryChannelStore channels = InMemoryChannelStore.create();
    private final QueuedExecutor executor = new QueuedExecutor();
    private final List<ReconcileOutcome> outcomes = new CopyOnWriteArrayList<>();
    private StudyTracker tracker;
    private PushChannels push;
    private BackgroundReconciler background;
    private NotificationHandler handler;
    private List<SessionRecord> scheduled;

    @BeforeEach
    void setUp() {
        tracker = StudyTracker.builder().providers(ProviderRegistry.of(pushy)).tokenStore(InMemoryTokenStore.create())
                .historyStore(history).clock(clock).build();
        UserTracker alice = tracker.forUser("alice");
        AccountRef account = alice.connectWithAccessToken("pushy", "access-1");
        alice.writeTo(account, "primary").preferences(StudyPreferences.builder(ZoneOffset.UTC)
                .weeklyGoal(Duration.ofHours(3)).sessionLength(Duration.ofHours(1), Duration.ofHours(1))
                .maxPerDay(Duration.ofHours(1)).build());
        scheduled = alice.approve(alice.propose(WEEK).sessions());
        push = PushChannels.create(tracker, channels, ENDPOINT);
        background = BackgroundReconciler.builder(tracker).executor(executor).pushChannels(push)
                .listener(outcomes::add).build();
        handler = NotificationHandler.create(tracker, push, background);
    }

    private ChangeChannel watched() {
        return push.watch("alice").get(0);
    }

    @Test
    void watch_opensOneChannelPerCalendarRead_withAFreshSecret_once() {
        ChangeChannel channel = watched();
        push.watch("alice");

        assertThat(pushy.opened).hasValue(1);
        assertThat(channel.calendarId()).isEqualTo("primary");
        assertThat(channel.account().userId()).isEqualTo("alice");
        assertThat(channel.secret()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(channel.toString()).doesNotContain(channel.secret());
        assertThat(push.covers("alice")).isTrue();
    }

    @Test
    void notification_leadsToExactlyOneDeltaReadAndOneReconcile_thatMovesTheSession() {
        ChangeChannel channel = watched();
        SessionRecord victim = scheduled.get(0);
        pushy.fake.account(channel.account().accountId()).calendar("primary")
                .meeting("client-call", victim.interval(), EventFacts.busy(), "Client call");
        int readsBefore = pushy.busyReads.get();

        NotificationResponse response = handler.handle(PushFakeProvider.notice(channel.channelId(), channel.secret(), "CHANGED"));
        executor.runAll();

        assertThat(response.status()).isEqualTo(202);
        assertThat(pushy.busyReads.get() - readsBefore).isEqualTo(1);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ReconcileOutcome.Status.RECONCILED);
            assertThat(o.moved()).singleElement().satisfies(u -> assertThat(u.key()).isEqualTo(victim.key()));
        });
    }

    @Test
    void burstOf100Notifications_isOneReconcile() {
        ChangeChannel channel = watched();
        int readsBefore = pushy.busyReads.get();

        for (int i = 0; i < 100; i++) {
            assertThat(handler.handle(PushFakeProvider.notice(channel.channelId(), channel.secret(), "CHANGED")).status())
                    .isEqualTo(202);
        }
        executor.runAll();

        assertThat(outcomes).hasSize(1);
        assertThat(pushy.busyReads.get() - readsBefore).isEqualTo(1);
    }

    @Test
    void forgedSecret_unknownChannel_orForeignRequest_areRefused_withoutTouchingAnyUser() {
        ChangeChannel channel = watched();
        int readsBefore = pushy.busyReads.get();

        NotificationResponse wrongSecret = handler.handle(PushFakeProvider.notice(channel.channelId(), channel.secret() + "x", "CHANGED"));
        NotificationResponse emptySecret = handler.handle(PushFakeProvider.notice(channel.channelId(), "", "CHANGED"));
        NotificationResponse unknown = handler.handle(PushFakeProvider.notice("ch-999", channel.secret(), "CHANGED"));
        NotificationResponse removal = handler.handle(PushFakeProvider.notice(channel.channelId(), "guess", "REMOVED"));
        NotificationResponse foreign = handler.handle(new NotificationRequest(Map.of(), Map.of(), "{}"));

        assertThat(List.of(wrongSecret, emptySecret, unknown, removal)).allSatisfy(r -> assertThat(r.status()).isEqualTo(403));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(executor.runAll()).isZero();
        assertThat(pushy.busyReads.get()).isEqualTo(readsBefore);
        assertThat(channels.find(channel.channelId())).isPresent();
    }

    @Test
    void syncMessage_isAcceptedWithoutAReconcile() {
        ChangeChannel channel = watched();

        assertThat(handler.handle(PushFakeProvider.notice(channel.channelId(), channel.secret(), "SYNC")).status()).isEqualTo(202);
        assertThat(executor.runAll()).isZero();
    }

    @Test
    void coveredUser_isPolledOnceThenSkippedAtPollingTime_andPolledAgainAfterFullPollEvery() {
        watched();
        for (int m = 0; m < 60; m++) {
            background.tick();
            executor.runAll();
            clock.advance(Duration.ofMinutes(1));
        }
        int inFirstHour = outcomes.size();
        clock.advance(Duration.ofHours(6));
        for (int m = 0; m < 15; m++) {
            background.tick();
            executor.runAll();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(inFirstHour).as("one first poll, then only notifications").isEqualTo(1);
        assertThat(outcomes).hasSize(2);
    }

    @Test
    void polledUser_withoutChannels_isReconciledEveryInterval_andOnlyUsersWithScheduledSessions() {
        tracker.forUser("bob");
        for (int m = 0; m < 30; m++) {
            background.tick();
            executor.runAll();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(o.userId()).isEqualTo("alice"));
    }

    @Test
    void channels_areRenewedBeforeTheyExpire_andOpenedAgainOnceExpired() {
        ChangeChannel channel = watched();
        clock.set(channel.expiresAt().minus(Duration.ofHours(12)));

        background.tick();

        assertThat(pushy.renewed).hasValue(1);
        ChangeChannel renewed = channels.find(channel.channelId()).orElseThrow();
        assertThat(renewed.expiresAt()).isAfter(channel.expiresAt());
        assertThat(renewed.secret()).isEqualTo(channel.secret());

        clock.set(renewed.expiresAt().plusSeconds(1));
        background.tick();
        assertThat(channels.find(channel.channelId())).isEmpty();
        assertThat(channels.forUser("alice")).singleElement()
                .satisfies(c -> assertThat(c.expiresAt()).isAfter(clock.instant()));
        assertThat(pushy.opened).hasValue(2);
    }

    @Test
    void renewalRequested_renewsAtTheNextTick_andRemoved_opensAgainAndReconciles() {
        ChangeChannel channel = watched();

        assertThat(handler.handle(PushFakeProvider.notice(channel.channelId(), channel.secret(), "RENEWAL_REQUIRED")).status())
                .isEqualTo(202);
        background.tick();
        assertThat(pushy.renewed).hasValue(1);

        assertThat(handler.handle(PushFakeProvider.notice(channel.channelId(), channel.secret(), "REMOVED")).status())
                .isEqualTo(202);
        assertThat(push.covers("alice")).isFalse();
        executor.runAll();
        assertThat(outcomes).hasSize(1);
        background.tick();
        assertThat(pushy.opened).hasValue(2);
        assertThat(push.covers("alice")).isTrue();
    }

    @Test
    void stop_stopsEveryChannelOfTheUser() {
        watched();

        push.stop("alice");

        assertThat(pushy.stopped).hasValue(1);
        assertThat(pushy.open).isEmpty();
        assertThat(channels.all()).isEmpty();
        assertThat(push.covers("alice")).isFalse();
    }

    @Test
    void create_refusesAnAddressThatIsNotHttps() {
        assertThatThrownBy(() -> PushChannels.create(tracker, channels, URI.create("http://localhost:8080/notify")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("polling alone");
    }
}
