package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.net.URL;
import java.net.URLClassLoader;

/** Providers listed by the test-only service files under {@code src/test/resources/discovery/}. */
final class DiscoveryFixtures {
    private DiscoveryFixtures() {
    }

    /**
     * A class loader that sees one scenario's {@code META-INF/services} file on top of the test class path.
     *
     * @param scenario  the folder under {@code discovery/}
     */
    static ClassLoader scenario(String scenario) {
        URL root = DiscoveryFixtures.class.getClassLoader().getResource("discovery/" + scenario + "/");
        if (root == null) {
            throw new IllegalStateException("no test scenario discovery/" + scenario);
        }
        return new URLClassLoader(new URL[] {root}, DiscoveryFixtures.class.getClassLoader());
    }

    /** A provider that only has an id; connecting is not what discovery tests need. */
    static class IdOnly implements CalendarProvider {
        private final String id;

        IdOnly(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
            throw new UnsupportedOperationException("discovery fixture");
        }
    }

    /** Provider "alpha". */
    public static final class Alpha extends IdOnly {
        /** ServiceLoader's constructor. */
        public Alpha() {
            super("alpha");
        }
    }

    /** Provider "beta". */
    public static final class Beta extends IdOnly {
        /** ServiceLoader's constructor. */
        public Beta() {
            super("beta");
        }
    }

    /** A second provider that claims "alpha". */
    public static final class OtherAlpha extends IdOnly {
        /** ServiceLoader's constructor. */
        public OtherAlpha() {
            super("alpha");
        }
    }

    /** A provider whose constructor fails. */
    public static final class Exploding extends IdOnly {
        /** ServiceLoader's constructor, which fails. */
        public Exploding() {
            super(explode());
        }

        private static String explode() {
            throw new IllegalStateException("missing native library");
        }
    }

    /** A provider with a blank id. */
    public static final class Nameless extends IdOnly {
        /** ServiceLoader's constructor. */
        public Nameless() {
            super(" ");
        }
    }

    /** Listed as a provider but does not implement the interface. */
    public static final class NotAProvider {
    }
}
