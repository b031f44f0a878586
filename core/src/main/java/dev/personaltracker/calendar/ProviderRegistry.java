package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendar providers a host can use, by id: found on the class path by {@link ServiceLoader}, registered
 * explicitly, or both.
 * <p>
 * Discovery fails loudly and is robust at once:
 * <ul>
 * <li>an id nobody provides fails in {@link #get(String)} with a {@link ProviderNotFoundException} that names the
 *     id asked for and the ids found;</li>
 * <li>two providers with one id fail with a {@link DuplicateProviderException} that names both classes;</li>
 * <li>a provider that cannot be loaded (class missing, not a {@link CalendarProvider}, constructor failed, blank id)
 *     is logged as a warning naming its class, kept in {@link #failures()}, and skipped: the others still load.</li>
 * </ul>
 * <pre>{@code
 * ProviderRegistry providers = ProviderRegistry.discover()      // every provider jar on the class path
 *         .with(new MyCompanyCalendarProvider());              // plus one the host builds itself
 * CalendarProvider google = providers.get("google");
 * }</pre>
 * This class is immutable and thread-safe.
 */
public final class ProviderRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
    /**
     * How ServiceLoader names the class in its error messages, after the service name and ": ":
     * "Provider a.b.C not found", "a.b.C not a subtype", "Provider a.b.C could not be instantiated".
     */
    private static final Pattern PROVIDER_IN_MESSAGE = Pattern.compile(": (?:Provider )?([\\w.$]+)");
    /** Stops a loader that keeps failing on the same entry from looping forever. */
    private static final int MAX_CONSECUTIVE_FAILURES = 100;

    private final Map<String, CalendarProvider> providers;
    private final List<ProviderLoadFailure> failures;

    private ProviderRegistry(Map<String, CalendarProvider> providers, List<ProviderLoadFailure> failures) {
        this.providers = providers;
        this.failures = failures;
    }

    /**
     * Obtains a registry with no providers; add them with {@link #with(CalendarProvider)}.
     *
     * @return the empty registry, not null
     */
    public static ProviderRegistry empty() {
        return new ProviderRegistry(Map.of(), List.of());
    }

    /**
     * Obtains a registry of explicitly given providers, without looking at the class path.
     *
     * @param providers  the providers, not null, no null element
     * @return the registry, not null
     * @throws DuplicateProviderException if two of them have one id
     * @throws IllegalArgumentException if one has a blank id
     */
    public static ProviderRegistry of(CalendarProvider... providers) {
        Objects.requireNonNull(providers, "providers");
        return of(List.of(providers));
    }

    /**
     * Obtains a registry of explicitly given providers, without looking at the class path.
     *
     * @param providers  the providers, not null, no null element
     * @return the registry, not null
     * @throws DuplicateProviderException if two of them have one id
     * @throws IllegalArgumentException if one has a blank id
     */
    public static ProviderRegistry of(Collection<? extends CalendarProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        ProviderRegistry registry = empty();
        for (CalendarProvider p : providers) {
            registry = registry.with(p);
        }
        return registry;
    }

    /**
     * Discovers the providers on the class path of the current thread's context class loader (or, when it has
     * none, the loader of this class).
     *
     * @return the registry, not null
     * @throws DuplicateProviderException if two discovered providers have one id
     */
    public static ProviderRegistry discover() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return discover(context != null ? context : ProviderRegistry.class.getClassLoader());
    }

    /**
     * Discovers the providers that a class loader lists in
     * {@code META-INF/services/dev.personaltracker.calendar.spi.CalendarProvider}. Providers that fail to load are
     * logged by class, kept in {@link #failures()} and skipped.
     *
     * @param loader  the class loader to search, not null
     * @return the registry, not null
     * @throws DuplicateProviderException if two discovered providers have one id
     */
    public static ProviderRegistry discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        Map<String, CalendarProvider> found = new LinkedHashMap<>();
        List<ProviderLoadFailure> failures = new ArrayList<>();
        Iterator<ServiceLoader.Provider<CalendarProvider>> it =
                ServiceLoader.load(CalendarProvider.class, loader).stream().iterator();
        int consecutiveFailures = 0;
        while (consecutiveFailures < MAX_CONSECUTIVE_FAILURES) {
            ServiceLoader.Provider<CalendarProvider> entry;
            try {
                if (!it.hasNext()) {
                    break;
                }
                entry = it.next();
            } catch (ServiceConfigurationError e) {
                // the class is missing or is not a CalendarProvider: only the message names it
                consecutiveFailures++;
                failures.add(reportFailure(classNameIn(e), e));
                continue;
            }
            consecutiveFailures = 0;
            String className = entry.type().getName();
            CalendarProvider provider;
            String id;
            try {
                provider = entry.get();
                id = provider.id();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(reportFailure(className, e));
                continue;
            }
            if (id == null || id.isBlank()) {
                failures.add(reportFailure(className, new IllegalStateException("id() returned a blank id")));
                continue;
            }
            CalendarProvider earlier = found.putIfAbsent(id, provider);
            if (earlier != null) {
                throw new DuplicateProviderException(id, earlier.getClass().getName(), className);
            }
            LOG.debug("Found calendar provider '{}' ({})", id, className);
        }
        return new ProviderRegistry(Map.copyOf(found), List.copyOf(failures));
    }

    /**
     * Obtains a copy of this registry with one more provider, registered explicitly.
     *
     * @param provider  the provider, not null
     * @return a new registry, not null
     * @throws DuplicateProviderException if a provider with the same id is already registered
     * @throws IllegalArgumentException if the provider's id is blank
     */
    public ProviderRegistry with(CalendarProvider provider) {
        Objects.requireNonNull(provider, "provider");
        String id = provider.id();
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Provider " + provider.getClass().getName()
                    + " has a blank id(); a provider needs a stable, non-blank id such as \"ics\"");
        }
        CalendarProvider earlier = providers.get(id);
        if (earlier != null) {
            throw new DuplicateProviderException(id, earlier.getClass().getName(), provider.getClass().getName());
        }
        Map<String, CalendarProvider> copy = new LinkedHashMap<>(providers);
        copy.put(id, provider);
        return new ProviderRegistry(Map.copyOf(copy), failures);
    }

    /**
     * Gets the provider with an id.
     *
     * @param id  the provider id, such as {@code "google"}, not null
     * @return the provider, not null
     * @throws ProviderNotFoundException if no provider has that id; the message names the ids found
     */
    public CalendarProvider get(String id) {
        return find(id).orElseThrow(() -> new ProviderNotFoundException(id, ids()));
    }

    /**
     * Finds the provider with an id.
     *
     * @param id  the provider id, not null
     * @return the provider, empty if none has that id
     */
    public Optional<CalendarProvider> find(String id) {
        return Optional.ofNullable(providers.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * Checks if a provider with an id is known.
     *
     * @param id  the provider id, not null
     * @return true if {@link #get(String)} would return a provider
     */
    public boolean contains(String id) {
        return providers.containsKey(Objects.requireNonNull(id, "id"));
    }

    /**
     * Gets the ids of the known providers.
     *
     * @return the ids, sorted, not null
     */
    public List<String> ids() {
        return providers.keySet().stream().sorted().toList();
    }

    /**
     * Gets the known providers.
     *
     * @return the providers, sorted by id, not null
     */
    public List<CalendarProvider> providers() {
        return ids().stream().map(providers::get).toList();
    }

    /**
     * Gets the providers that discovery found listed but could not load.
     *
     * @return the failures, in the order met, not null
     */
    public List<ProviderLoadFailure> failures() {
        return failures;
    }

    private static ProviderLoadFailure reportFailure(String className, Throwable e) {
        String problem = e.getClass().getSimpleName() + ": " + e.getMessage()
                + (e.getCause() != null ? " (caused by " + e.getCause() + ")" : "");
        LOG.warn("Calendar provider {} could not be loaded and is skipped; the other providers are still used: {}",
                className, problem);
        return new ProviderLoadFailure(className, problem);
    }

    private static String classNameIn(ServiceConfigurationError e) {
        Matcher m = PROVIDER_IN_MESSAGE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : "(unknown)";
    }

    /** @return the ids and the number of load failures */
    @Override
    public String toString() {
        return "ProviderRegistry" + ids() + (failures.isEmpty() ? "" : " (" + failures.size() + " failed to load)");
    }
}
