package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.time.ZoneId;

/**
 * A {@link UserTracker}'s rule that one person has one zone: the work hours and the study preferences are set in the
 * same zone (or moved to another together), and every connection then follows the person's zone.
 * <p>
 * Called with the user's lock held.
 *
 * @param settings  the person's settings, saved as they change
 * @param accounts  the person's connections, reopened for a new zone
 */
record UserZone(UserSettings settings, UserAccounts accounts) {

    /**
     * Sets the work hours, refused if the preferences are in another zone.
     *
     * @throws IllegalArgumentException if the preferences are in another zone (the message names both)
     */
    void workHours(WeeklyHours hours) {
        settings.change(p -> {
            p.preferences().ifPresent(prefs -> requireOneZone(hours.zone(), prefs.zone()));
            return p.withWorkHours(hours);
        });
        accounts.followZone();
    }

    /**
     * Sets the study preferences, refused if the work hours are in another zone.
     *
     * @throws IllegalArgumentException if the work hours are in another zone (the message names both)
     */
    void preferences(StudyPreferences prefs) {
        settings.change(p -> {
            p.workHours().ifPresent(hours -> requireOneZone(hours.zone(), prefs.zone()));
            return p.withPreferences(prefs);
        });
        accounts.followZone();
    }

    /** Sets work hours and preferences together, in one change of the profile; checked by the caller. */
    void relocate(WeeklyHours hours, StudyPreferences prefs) {
        settings.change(p -> p.withWorkHours(hours).withPreferences(prefs));
        accounts.followZone();
    }

    /**
     * Checks that work hours and preferences are in one zone.
     *
     * @throws IllegalArgumentException naming both zones, if they differ
     */
    static void requireOneZone(ZoneId hoursZone, ZoneId prefsZone) {
        if (!hoursZone.equals(prefsZone)) {
            throw new IllegalArgumentException("Work hours are in " + hoursZone + " but the study preferences are in "
                    + prefsZone + ": one person has one zone. Build both with the same ZoneId, or set both at once with "
                    + "relocate(hours, prefs) to move the person to another zone");
        }
    }
}
