package dev.personaltracker.calendar;

/**
 * Whether a {@link UserTracker}'s connections are in line with the person's stored profile, and bringing them in
 * line: after a restart, after another host instance changed the profile, after a close or a failed attempt.
 * <p>
 * Called with the user's lock held.
 */
final class ProfileSync {

    private final UserSettings settings;
    private final UserAccounts accounts;
    /** Whether the connections are in line with the profile (false until the first sync, after a close, after a failure). */
    private boolean restored;

    ProfileSync(UserSettings settings, UserAccounts accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    /**
     * Reads the stored profile if it changed (or was never read) and connects again what it names; one store read
     * when nothing changed.
     *
     * @throws ProfileUnreadableException if the stored profile cannot be read
     */
    void sync() {
        if (settings.refresh() || !restored) {
            restored = accounts.restore();
        }
    }

    /** Closes and forgets every connection: the next {@link #sync} connects them again. */
    void close() {
        accounts.closeAll();
        restored = false;
    }
}
