package dev.personaltracker.calendar.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.memory.InMemoryHistoryStore;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every provider's {@link CalendarProvider#propertyNames()} must give a host, through the facade: a misspelled
 * property is refused with a "did you mean" naming the one meant, and every documented property is accepted. A
 * provider's test extends this class. Shared through core's test-jar.
 */
public abstract class PropertyNamesContract {

    /** @return a new provider under test */
    protected abstract CalendarProvider provider();

    /** @return a property name a host might type by mistake */
    protected abstract String misspelled();

    /** @return the property {@link #misspelled()} should be taken for */
    protected abstract String meant();

    /** @return every property the provider's documentation and the examples use */
    protected abstract List<String> documented();

    private StudyTracker.Builder tracker(CalendarProvider provider) {
        return StudyTracker.builder().providers(ProviderRegistry.of(provider))
                .tokenStore(InMemoryTokenStore.create()).historyStore(InMemoryHistoryStore.create());
    }

    @Test
    void aMisspelledProperty_isRefusedWithDidYouMean() {
        CalendarProvider provider = provider();
        ProviderSettings settings = ProviderSettings.builder().property(misspelled(), "x").build();

        assertThatThrownBy(() -> tracker(provider).settings(provider.id(), settings).build())
                .isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("'" + misspelled() + "'").hasMessageContaining("did you mean '" + meant() + "'");
        StudyTracker built = tracker(provider).build();
        assertThatThrownBy(() -> built.forUser("sam").connect(provider.id(), settings))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("did you mean '" + meant() + "'");
    }

    @Test
    void everyDocumentedProperty_isAccepted() {
        CalendarProvider provider = provider();
        ProviderSettings.Builder all = ProviderSettings.builder();
        documented().forEach(name -> all.property(name, "x"));

        assertThat(tracker(provider).settings(provider.id(), all.build()).build()).isNotNull();
    }
}
