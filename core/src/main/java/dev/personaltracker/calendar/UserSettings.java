package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.util.Optional;

/**
 * The settings part of a {@link UserTracker}: the calendar sessions are written to, the work hours and the study
 * preferences. Called with the user's lock held.
 */
final class UserSettings {

    private final String userId;
    private AccountRef writeAccount;
    private String writeCalendar;
    private WeeklyHours workHours;
    private StudyPreferences preferences;

    UserSettings(String userId) {
        this.userId = userId;
    }

    void writeTo(AccountRef account, String calendarId) {
        this.writeAccount = account;
        this.writeCalendar = calendarId;
    }

    /** @return the account sessions are written to, if chosen */
    Optional<AccountRef> writeAccount() {
        return Optional.ofNullable(writeAccount);
    }

    /** @return the calendar sessions are written to, if chosen */
    Optional<String> writeCalendar() {
        return Optional.ofNullable(writeCalendar);
    }

    /** Forgets the write calendar if it belongs to the account. */
    void forgetAccount(AccountRef account) {
        if (account.equals(writeAccount)) {
            writeAccount = null;
            writeCalendar = null;
        }
    }

    void clearWriteTarget() {
        writeAccount = null;
        writeCalendar = null;
    }

    void workHours(WeeklyHours hours) {
        this.workHours = hours;
    }

    Optional<WeeklyHours> workHours() {
        return Optional.ofNullable(workHours);
    }

    void preferences(StudyPreferences prefs) {
        this.preferences = prefs;
    }

    Optional<StudyPreferences> preferences() {
        return Optional.ofNullable(preferences);
    }

    /**
     * Gets the preferences an operation needs.
     *
     * @throws IllegalStateException naming the operation, if none were set
     */
    StudyPreferences requirePreferences(String operation) {
        if (preferences == null) {
            throw new IllegalStateException("User '" + userId + "' has no study preferences: call preferences(...) "
                    + "before " + operation + "(...)");
        }
        return preferences;
    }
}
