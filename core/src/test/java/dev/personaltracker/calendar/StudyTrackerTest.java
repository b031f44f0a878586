package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.net.URI;
import org.junit.jupiter.api.Test;

class StudyTrackerTest {

    private final FakeCalendarProvider fake = new FakeCalendarProvider("fake");

    @Test
    void build_withoutTokenStore_namesIt() {
        assertThatThrownBy(() -> StudyTracker.builder().providers(ProviderRegistry.of(fake))
                .historyStore(InMemoryHistoryStore.create()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("tokenStore is missing");
    }

    @Test
    void build_withoutHistoryStore_namesIt() {
        assertThatThrownBy(() -> StudyTracker.builder().providers(ProviderRegistry.of(fake))
                .tokenStore(InMemoryTokenStore.create()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("historyStore is missing");
    }

    @Test
    void builder_rejectsNullsNamingTheArgument() {
        assertThatThrownBy(() -> StudyTracker.builder().clock(null)).hasMessage("clock");
        assertThatThrownBy(() -> StudyTracker.builder().settings("x", null)).hasMessage("providerSettings");
    }

    @Test
    void build_settingsForAnUnknownProvider_namesTheIdsFound() {
        assertThatThrownBy(() -> StudyTracker.builder().providers(ProviderRegistry.of(fake))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create())
                .settings("gogle", ProviderSettings.defaults()).build())
                .isInstanceOf(ProviderNotFoundException.class).hasMessageContaining("'gogle'").hasMessageContaining("[fake]");
    }

    @Test
    void build_addsExplicitProvidersToDiscoveredOnes() {
        StudyTracker tracker = StudyTracker.builder().discoverProviders().provider(fake)
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create()).build();

        assertThat(tracker.providers().ids()).contains("fake");
    }

    @Test
    void settings_fallBackToDefaultsForProvidersWithoutAny() {
        ProviderSettings mine = ProviderSettings.builder().redirectUri(URI.create("http://localhost/cb")).build();
        StudyTracker tracker = StudyTracker.builder().providers(ProviderRegistry.of(fake))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create())
                .settings("fake", mine).build();

        assertThat(tracker.settings("fake")).isSameAs(mine);
        assertThat(tracker.settings("other").redirectUri()).isEmpty();
    }

    @Test
    void close_closesEveryConnectionAndKeepsTheGrants() {
        InMemoryTokenStore tokens = InMemoryTokenStore.create();
        StudyTracker tracker = StudyTracker.builder().providers(ProviderRegistry.of(fake))
                .settings("fake", ProviderSettings.builder().redirectUri(URI.create("http://localhost/cb")).build())
                .tokenStore(tokens).historyStore(InMemoryHistoryStore.create()).build();
        UserTracker bob = tracker.forUser("bob");
        bob.completeAuthorization(bob.beginAuthorization("fake").state(), "good-code");
        tracker.forUser("carol").connect("fake");

        tracker.close();

        assertThat(fake.closed.get()).isEqualTo(2);
        assertThat(bob.accounts()).isEmpty();
        assertThat(tokens.list("bob")).hasSize(1);
        assertThat(bob.connectStoredAccounts()).hasSize(1);
    }

    @Test
    void forUser_rejectsABlankId() {
        StudyTracker tracker = StudyTracker.builder().providers(ProviderRegistry.of(fake))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create()).build();

        assertThatThrownBy(() -> tracker.forUser(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userId");
    }
}
