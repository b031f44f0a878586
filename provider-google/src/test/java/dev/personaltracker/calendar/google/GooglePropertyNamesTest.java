package dev.personaltracker.calendar.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade refuses a property this provider does not read, naming the one meant, and accepts every one it reads. */
class GooglePropertyNamesTest {

    private final GoogleCalendarProvider provider = new GoogleCalendarProvider();

    private StudyTracker.Builder tracker() {
        return StudyTracker.builder().providers(ProviderRegistry.of(provider))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create());
    }

    @Test
    void aMisspelledProperty_isRefusedWithDidYouMean() {
        ProviderSettings misspelled = ProviderSettings.builder().property("readConcurency", "x").build();

        assertThatThrownBy(() -> tracker().settings(provider.id(), misspelled).build())
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("'readConcurency'").hasMessageContaining("did you mean 'readConcurrency'");
        StudyTracker built = tracker().build();
        assertThatThrownBy(() -> built.forUser("sam").connect(provider.id(), misspelled))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("did you mean 'readConcurrency'");
    }

    @Test
    void everyDocumentedProperty_isAccepted() {
        ProviderSettings.Builder all = ProviderSettings.builder();
        for (String name : List.of("freeBusyChunkDays", "accountId", "prompt", "readConcurrency")) {
            all.property(name, "x");
        }

        assertThat(tracker().settings(provider.id(), all.build()).build()).isNotNull();
    }
}
