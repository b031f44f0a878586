package dev.personaltracker.calendar.memory;

import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.spi.UserIds;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ProfileStore} in memory: settings last until the JVM exits. The default of
 * {@code StudyTracker.builder()}; use it in tests and where nothing needs to survive a restart. Thread-safe.
 */
public final class InMemoryProfileStore implements ProfileStore {

    private final ConcurrentMap<String, StoredProfile> profiles = new ConcurrentHashMap<>();

    private InMemoryProfileStore() {
    }

    /** @return a new, empty store */
    public static InMemoryProfileStore create() {
        return new InMemoryProfileStore();
    }

    @Override
    public Optional<StoredProfile> load(String userId) {
        return Optional.ofNullable(profiles.get(UserIds.require(userId)));
    }

    @Override
    public long save(String userId, String document, long expectedVersion) {
        ProfileStore.requireSave(userId, document, expectedVersion);
        StoredProfile saved = profiles.compute(userId, (id, current) -> {
            long actual = current == null ? 0 : current.version();
            if (actual != expectedVersion) {
                throw StoreConflictException.of(describe(id), expectedVersion, actual);
            }
            return new StoredProfile(id, document, expectedVersion + 1);
        });
        return saved.version();
    }

    @Override
    public boolean delete(String userId) {
        return profiles.remove(UserIds.require(userId)) != null;
    }

    private static String describe(String userId) {
        return "profile of user '" + userId + "'";
    }

    @Override
    public String toString() {
        return "InMemoryProfileStore[" + profiles.size() + " profiles]";
    }
}
