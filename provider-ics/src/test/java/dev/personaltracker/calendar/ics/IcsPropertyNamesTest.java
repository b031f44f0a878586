package dev.personaltracker.calendar.ics;

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
class IcsPropertyNamesTest {

    private final IcsCalendarProvider provider = new IcsCalendarProvider();

    private StudyTracker.Builder tracker() {
        return StudyTracker.builder().providers(ProviderRegistry.of(provider))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create());
    }

    @Test
    void aMisspelledProperty_isRefusedWithDidYouMean() {
        ProviderSettings misspelled = ProviderSettings.builder().property("sources.uni", "x").build();

        assertThatThrownBy(() -> tracker().settings(provider.id(), misspelled).build())
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("'sources.uni'").hasMessageContaining("did you mean 'source.uni'");
        StudyTracker built = tracker().build();
        assertThatThrownBy(() -> built.forUser("sam").connect(provider.id(), misspelled))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("did you mean 'source.uni'");
    }

    @Test
    void everyDocumentedProperty_isAccepted() {
        ProviderSettings.Builder all = ProviderSettings.builder();
        for (String name : List.of("source.work", "source.timetable", "zone", "owner", "output", "output.id", "account",
                "http.connectTimeout", "http.requestTimeout", "file.readTimeout", "maxBytes", "http.maxRedirects",
                "allowedFolder", "http.allowPrivateAddresses", "maxInstancesPerEvent")) {
            all.property(name, "x");
        }

        assertThat(tracker().settings(provider.id(), all.build()).build()).isNotNull();
    }
}
