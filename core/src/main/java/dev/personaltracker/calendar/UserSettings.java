package dev.personaltracker.calendar;

import dev.personaltracker.calendar.Profile.WriteTarget;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.ProfileStore;
import dev.personaltracker.calendar.spi.StoreConflictException;
import dev.personaltracker.calendar.spi.StoredProfile;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings part of a {@link UserTracker}: the person's {@link Profile} (accounts and how they connect, calendars
 * read and written, work hours, study preferences), kept in the tracker's {@link ProfileStore}.
 * <p>
 * Every change is saved as it happens, as a change function applied to the profile: the save is a compare-and-set on
 * the version last read, and when another writer (another host instance, or another tracker over the same store) saved
 * in between, the profile is read again and the same change applied to it and saved again, so neither writer's
 * change is lost. Called with the user's lock held.
 */
final class UserSettings {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);

    /** Attempts of one change before a persistent conflict is given up on (each attempt re-reads the profile). */
    static final int ATTEMPTS = 10;

    private final String userId;
    private final ProfileStore store;
    private Profile profile = Profile.EMPTY;
    /** The version of {@link #profile} in the store; 0 if none is stored. */
    private long version;

    UserSettings(String userId, ProfileStore store) {
        this.userId = userId;
        this.store = store;
    }

    /**
     * Reads the stored profile if it is not the one held.
     *
     * @return true if the profile held changed
     * @throws ProfileUnreadableException if the stored document cannot be read
     */
    boolean refresh() {
        Optional<StoredProfile> stored = store.load(userId);
        long storedVersion = stored.map(StoredProfile::version).orElse(0L);
        if (storedVersion == version) {
            return false;
        }
        profile = stored.map(s -> ProfileCodec.decode(userId, s.document())).orElse(Profile.EMPTY);
        version = storedVersion;
        return true;
    }

    /**
     * Applies a change to the profile and saves it, re-reading and re-applying on a conflict.
     *
     * @param change  the change, applied to the newest stored profile; not null
     * @throws StoreConflictException if other writers won {@value #ATTEMPTS} times in a row
     */
    void change(UnaryOperator<Profile> change) {
        for (int attempt = 1; ; attempt++) {
            Profile next = change.apply(profile);
            try {
                version = store.save(userId, ProfileCodec.encode(next), version);
                profile = next;
                return;
            } catch (StoreConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debug("User '{}': profile changed by another writer (version {} now); re-applying the change",
                        userId, e.actualVersion());
                refresh();
            }
        }
    }

    /** @return the profile as last read or saved, not null */
    Profile profile() {
        return profile;
    }

    /** @return where sessions are written, if chosen */
    Optional<WriteTarget> writeTarget() {
        return profile.writeTo();
    }

    /** @return the calendars chosen to read of an account, empty for the default choice */
    Optional<List<String>> readCalendars(AccountRef account) {
        return profile.account(account).flatMap(ProfileAccount::readCalendars);
    }

    Optional<WeeklyHours> workHours() {
        return profile.workHours();
    }

    Optional<StudyPreferences> preferences() {
        return profile.preferences();
    }

    /**
     * Gets the preferences an operation needs.
     *
     * @throws IllegalStateException naming the operation, if none were set
     */
    StudyPreferences requirePreferences(String operation) {
        return profile.preferences().orElseThrow(() -> new IllegalStateException("User '" + userId
                + "' has no study preferences: call preferences(...) before " + operation + "(...)"));
    }
}
