package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses settings properties a provider does not read ({@link CalendarProvider#propertyNames()}), naming the
 * nearest known name: a misspelled property must not be silently ignored.
 */
final class PropertyNames {

    private static final String ANY = ".*";

    private PropertyNames() {
    }

    /**
     * Checks every property of the settings against the names the provider reads.
     *
     * @throws BadSettingsException naming the unknown property, the nearest known one and all known ones
     */
    static void check(CalendarProvider provider, ProviderSettings settings) {
        Set<String> known = provider.propertyNames();
        if (known.isEmpty()) {
            return;
        }
        for (String name : new TreeSet<>(settings.properties().keySet())) {
            if (!matches(known, name)) {
                String hint = nearest(known, name).map(n -> "did you mean '" + n + "'? ").orElse("");
                throw new BadSettingsException("Provider '" + provider.id() + "' has no property '" + name + "': "
                        + hint + "It reads: " + readable(known));
            }
        }
    }

    private static boolean matches(Set<String> known, String name) {
        if (known.contains(name)) {
            return true;
        }
        for (String k : known) {
            if (k.endsWith(ANY)) {
                String prefix = k.substring(0, k.length() - 1);
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The known name (a pattern's prefix keeps the rest of the given name) closest by edit distance, if close. */
    private static Optional<String> nearest(Set<String> known, String name) {
        return known.stream()
                .map(k -> k.endsWith(ANY) ? suggestion(k.substring(0, k.length() - 1), name) : k)
                .min(Comparator.comparingInt((String k) -> distance(k, name)).thenComparing(k -> k))
                .filter(k -> distance(k, name) <= Math.max(2, name.length() / 3));
    }

    /** For a pattern {@code source.}: {@code sources.uni} → {@code source.uni}, keeping what follows the first dot. */
    private static String suggestion(String prefix, String name) {
        int dot = name.indexOf('.');
        String rest = dot >= 0 && dot + 1 < name.length() ? name.substring(dot + 1) : "NAME";
        return prefix + rest;
    }

    private static String readable(Set<String> known) {
        List<String> names = known.stream().map(k -> k.endsWith(ANY) ? k.substring(0, k.length() - 1) + "<name>" : k)
                .sorted().toList();
        return String.join(", ", names);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
