package dev.personaltracker.calendar.google;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.personaltracker.calendar.google.GoogleApi.EVENTS_PATH;
import static dev.personaltracker.calendar.google.GoogleApi.error;
import static dev.personaltracker.calendar.google.GoogleApi.json;
import static dev.personaltracker.calendar.google.GoogleApi.ok;
import static dev.personaltracker.calendar.google.GoogleApi.page;
import static dev.personaltracker.calendar.google.GoogleApi.timed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.memory.InMemorySyncStateStore;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Host-token connections have a real account identity (the primary calendar's id, which Google sets to the e-mail
 * address) and their sync state is keyed by user and account: users sharing one store never see each other's state.
 */
class GoogleAccountIdentityTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Interval WEEK = Interval.of(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"));
    static final String PRIMARY_ENTRY = "/calendar/v3/users/me/calendarList/primary";
    static final String TOKEN_A = "ya29.a0-host-token-of-user-a";
    static final String TOKEN_B = "ya29.a0-host-token-of-user-b";

    GoogleApi api;
    InMemorySyncStateStore shared;
    ProviderSettings settings;

    @BeforeEach
    void setUp() {
        api = new GoogleApi(wm);
        shared = InMemorySyncStateStore.create();
        settings = api.settings().syncStateStore(shared).build();
    }

    private StudyTracker tracker() {
        return StudyTracker.builder().providers(dev.personaltracker.calendar.ProviderRegistry.of(api.provider)).settings("google", settings)
                .tokenStore(dev.personaltracker.calendar.memory.InMemoryTokenStore.create())
                .historyStore(dev.personaltracker.calendar.memory.InMemoryHistoryStore.create())
                .clock(java.time.Clock.fixed(GoogleApi.NOW, java.time.ZoneOffset.UTC)).build();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** calendarList.get("primary") as Google answers it with {@code fields=id}. */
    private void primaryIs(String token, String email) {
        wm.stubFor(get(urlPathEqualTo(PRIMARY_ENTRY)).withHeader("Authorization", equalTo(bearer(token)))
                .willReturn(ok("{\"id\": \"" + email + "\"}")));
    }

    /** The token's calendar: a full sync gives one event and sync token {@code sync}; the token syncs to nothing new. */
    private void calendarOf(String token, String event, String sync) {
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo(bearer(token)))
                .withQueryParam("syncToken", absent())
                .willReturn(ok(page(List.of(timed(event, "2026-11-24T09:00:00Z", "2026-11-24T10:00:00Z", "")), null, sync))));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo(bearer(token)))
                .withQueryParam("syncToken", equalTo(sync))
                .willReturn(ok(page(List.of(), null, sync))));
    }

    private List<LoggedRequest> listsSentWith(String token) {
        return wm.findAll(getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo(bearer(token))));
    }

    @Test
    void hostTokenConnection_isNamedByThePrimaryCalendarsId() {
        primaryIs(TOKEN_A, "ada@example.com");
        calendarOf(TOKEN_A, "a1", "sync-a");

        CalendarConnection c = api.provider.connect(settings, Credentials.accessTokenOf("user-a", TOKEN_A));

        assertThat(c.accountId()).isEqualTo("ada@example.com");
        assertThat(c.busy(List.of("primary"), WEEK, BusyPolicy.defaults()))
                .extracting(b -> b.source().accountId()).containsExactly("ada@example.com");
    }

    @Test
    void withoutTheCalendarListScope_theAccountIsNamedByThePrimaryCalendarsName() {
        wm.stubFor(get(urlPathEqualTo(PRIMARY_ENTRY)).willReturn(json(403,
                error(403, "global", "insufficientPermissions", "Request had insufficient authentication scopes."))));
        wm.stubFor(get(urlPathEqualTo(EVENTS_PATH)).withQueryParam("fields", equalTo("summary"))
                .willReturn(ok("{\"summary\": \"bob@example.com\"}")));

        assertThat(api.provider.connect(settings, Credentials.accessToken(TOKEN_B)).accountId())
                .isEqualTo("bob@example.com");
    }

    @Test
    void twoHostTokenAccountsOfOneUser_stayTwoAccountsThroughTheFacade() {
        primaryIs(TOKEN_A, "ada@example.com");
        primaryIs(TOKEN_B, "ada.work@example.com");
        try (StudyTracker tracker = tracker()) {
            UserTracker user = tracker.forUser("user-1");

            AccountRef personal = user.connectWithAccessToken("google", TOKEN_A);
            AccountRef work = user.connectWithAccessToken("google", TOKEN_B);

            assertThat(personal).isEqualTo(AccountRef.of("google", "ada@example.com"));
            assertThat(work).isEqualTo(AccountRef.of("google", "ada.work@example.com"));
            assertThat(user.accounts()).containsExactlyInAnyOrder(personal, work);
        }
    }

    @Test
    void twoUsersSharingOneStore_neverSendEachOthersSyncToken_evenForTheSameAccount() {
        // both users reach the same Google account (say, a shared team account), each with their own token
        primaryIs(TOKEN_A, "team@example.com");
        primaryIs(TOKEN_B, "team@example.com");
        calendarOf(TOKEN_A, "a1", "sync-of-a");
        calendarOf(TOKEN_B, "b1", "sync-of-b");
        CalendarConnection a = api.provider.connect(settings, Credentials.accessTokenOf("user-a", TOKEN_A));
        CalendarConnection b = api.provider.connect(settings, Credentials.accessTokenOf("user-b", TOKEN_B));

        List<BusyInterval> ofA = a.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
        List<BusyInterval> ofB = b.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
        b.busy(List.of("primary"), WEEK, BusyPolicy.defaults());
        a.busy(List.of("primary"), WEEK, BusyPolicy.defaults());

        assertThat(listsSentWith(TOKEN_B)).noneMatch(r -> r.getUrl().contains("sync-of-a"));
        assertThat(listsSentWith(TOKEN_A)).noneMatch(r -> r.getUrl().contains("sync-of-b"));
        assertThat(ofA).extracting(x -> x.source().eventId()).containsExactly("a1");
        assertThat(ofB).extracting(x -> x.source().eventId()).containsExactly("b1");
        wm.verify(1, getRequestedFor(urlPathEqualTo(EVENTS_PATH)).withHeader("Authorization", equalTo(bearer(TOKEN_B)))
                .withQueryParam("syncToken", equalTo("sync-of-b")));
    }

    @Test
    void twoUsersThroughTheFacade_withOneSharedStore_keepTheirSyncStateApart() {
        primaryIs(TOKEN_A, "ada@example.com");
        primaryIs(TOKEN_B, "bob@example.com");
        calendarOf(TOKEN_A, "a1", "sync-of-a");
        calendarOf(TOKEN_B, "b1", "sync-of-b");
        try (StudyTracker tracker = tracker()) {
            UserTracker userA = tracker.forUser("user-a");
            UserTracker userB = tracker.forUser("user-b");
            userA.readCalendars(userA.connectWithAccessToken("google", TOKEN_A), List.of("primary"));
            userB.readCalendars(userB.connectWithAccessToken("google", TOKEN_B), List.of("primary"));

            userA.freeTime(WEEK);
            userB.freeTime(WEEK);
            userB.freeTime(WEEK);

            assertThat(listsSentWith(TOKEN_B)).noneMatch(r -> r.getUrl().contains("sync-of-a"));
            assertThat(listsSentWith(TOKEN_B)).anyMatch(r -> r.getUrl().contains("sync-of-b"));
        }
    }
}
