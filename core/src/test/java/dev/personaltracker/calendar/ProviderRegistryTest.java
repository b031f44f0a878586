package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.personaltracker.calendar.spi.CalendarProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProviderRegistryTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ProviderRegistry.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void discover_findsEveryListedProvider() {
        ProviderRegistry registry = ProviderRegistry.discover(DiscoveryFixtures.scenario("good"));

        assertThat(registry.ids()).containsExactly("alpha", "beta");
        assertThat(registry.get("beta")).isInstanceOf(DiscoveryFixtures.Beta.class);
        assertThat(registry.failures()).isEmpty();
    }

    @Test
    void get_unknownId_namesTheIdAskedForAndTheIdsFound() {
        ProviderRegistry registry = ProviderRegistry.discover(DiscoveryFixtures.scenario("good"));

        assertThatThrownBy(() -> registry.get("gogle"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("No calendar provider with id 'gogle'")
                .hasMessageContaining("found [alpha, beta]")
                .hasMessageContaining("META-INF/services/dev.personaltracker.calendar.spi.CalendarProvider")
                .satisfies(e -> {
                    ProviderNotFoundException pnf = (ProviderNotFoundException) e;
                    assertThat(pnf.requestedId()).isEqualTo("gogle");
                    assertThat(pnf.availableIds()).containsExactly("alpha", "beta");
                });
    }

    @Test
    void get_onEmptyRegistry_saysNoneWereFound() {
        assertThatThrownBy(() -> ProviderRegistry.empty().get("ics"))
                .isInstanceOf(ProviderNotFoundException.class)
                .hasMessageContaining("No calendar provider with id 'ics'; found none");
    }

    @Test
    void discover_twoProvidersWithOneId_namesBothClasses() {
        assertThatThrownBy(() -> ProviderRegistry.discover(DiscoveryFixtures.scenario("duplicate")))
                .isInstanceOf(DuplicateProviderException.class)
                .hasMessageContaining("Two calendar providers have the id 'alpha'")
                .hasMessageContaining("dev.personaltracker.calendar.DiscoveryFixtures$Alpha")
                .hasMessageContaining("dev.personaltracker.calendar.DiscoveryFixtures$OtherAlpha")
                .satisfies(e -> assertThat(((DuplicateProviderException) e).providerId()).isEqualTo("alpha"));
    }

    @Test
    void discover_brokenProviders_areReportedByClassAndTheOthersStillLoad() {
        ProviderRegistry registry = ProviderRegistry.discover(DiscoveryFixtures.scenario("broken"));

        assertThat(registry.ids()).containsExactly("alpha", "beta");
        assertThat(registry.failures()).extracting(ProviderLoadFailure::className).containsExactly(
                "dev.personaltracker.calendar.DiscoveryFixtures$Exploding",
                "com.example.calendar.MissingProvider",
                "dev.personaltracker.calendar.DiscoveryFixtures$NotAProvider",
                "dev.personaltracker.calendar.DiscoveryFixtures$Nameless");
        assertThat(registry.failures().get(0).problem()).contains("missing native library");
        assertThat(registry.failures().get(3).problem()).contains("blank id");
    }

    @Test
    void discover_brokenProviders_areLoggedAsWarningsNamingTheClass() {
        ProviderRegistry.discover(DiscoveryFixtures.scenario("broken"));

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(4)
                .anySatisfy(m -> assertThat(m).startsWith("Calendar provider dev.personaltracker.calendar.DiscoveryFixtures$Exploding could not be loaded"))
                .anySatisfy(m -> assertThat(m).startsWith("Calendar provider com.example.calendar.MissingProvider could not be loaded"))
                .anySatisfy(m -> assertThat(m).startsWith("Calendar provider dev.personaltracker.calendar.DiscoveryFixtures$NotAProvider could not be loaded"));
    }

    @Test
    void with_registersAnInstanceBesideDiscoveredOnes() {
        ProviderRegistry registry = ProviderRegistry.discover(DiscoveryFixtures.scenario("good"))
                .with(new DiscoveryFixtures.IdOnly("company"));

        assertThat(registry.ids()).containsExactly("alpha", "beta", "company");
        assertThat(registry.contains("company")).isTrue();
    }

    @Test
    void with_sameIdTwice_namesBothClasses() {
        ProviderRegistry registry = ProviderRegistry.of(new DiscoveryFixtures.Alpha());

        assertThatThrownBy(() -> registry.with(new DiscoveryFixtures.OtherAlpha()))
                .isInstanceOf(DuplicateProviderException.class)
                .hasMessageContaining("DiscoveryFixtures$Alpha and dev.personaltracker.calendar.DiscoveryFixtures$OtherAlpha");
    }

    @Test
    void with_blankId_isRefusedNamingTheClass() {
        assertThatThrownBy(() -> ProviderRegistry.empty().with(new DiscoveryFixtures.Nameless()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DiscoveryFixtures$Nameless has a blank id()");
    }

    @Test
    void with_leavesTheOriginalUnchanged() {
        ProviderRegistry original = ProviderRegistry.of(new DiscoveryFixtures.Alpha());

        original.with(new DiscoveryFixtures.Beta());

        assertThat(original.ids()).containsExactly("alpha");
    }

    @Test
    void providers_areSortedById() {
        ProviderRegistry registry = ProviderRegistry.of(new DiscoveryFixtures.Beta(), new DiscoveryFixtures.Alpha());

        assertThat(registry.providers()).extracting(CalendarProvider::id).containsExactly("alpha", "beta");
        assertThat(registry.find("nope")).isEmpty();
    }
}
