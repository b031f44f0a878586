package dev.personaltracker.calendar.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a study-session event shows in the calendar. By default the title is "Study Session" and there is no
 * description: nothing private about the person goes into their (possibly shared) calendar unless the host adds it.
 * <p>
 * A session of a named goal (any goal but the single default goal {@value SessionRecord#DEFAULT_GOAL_ID} that
 * {@code weeklyGoal(d)} makes) gets the goal's id in its title, by the {@link #goalTitle() goal title} pattern:
 * by default {@value #DEFAULT_GOAL_TITLE}, so "Study Session: Linear algebra". {@link #forGoal(String)} applies it.
 *
 * @param title  the event title, not blank
 * @param description  the event description, if any
 * @param goalTitle  the title of a session of a named goal: {@code {title}} stands for {@link #title()},
 *     {@code {goal}} for the goal's id; not blank
 */
public record SessionDetails(String title, Optional<String> description, String goalTitle) {

    /** The default title. */
    public static final String DEFAULT_TITLE = "Study Session";

    /** The default pattern of a named goal's session title: the title, a colon, the goal. */
    public static final String DEFAULT_GOAL_TITLE = "{title}: {goal}";

    /**
     * Validates the components.
     *
     * @param title  the event title, not blank
     * @param description  the event description, if any
     * @param goalTitle  the title pattern of a named goal's session, not blank
     */
    public SessionDetails {
        Require.nonBlank(title, "title");
        Objects.requireNonNull(description, "description");
        Require.nonBlank(goalTitle, "goalTitle");
    }

    /**
     * Creates details with the default goal title pattern {@value #DEFAULT_GOAL_TITLE}.
     *
     * @param title  the event title, not blank
     * @param description  the event description, if any
     */
    public SessionDetails(String title, Optional<String> description) {
        this(title, description, DEFAULT_GOAL_TITLE);
    }

    /** @return the defaults: title "Study Session", no description */
    public static SessionDetails defaults() {
        return new SessionDetails(DEFAULT_TITLE, Optional.empty());
    }

    /**
     *
     * @param title  the event title, not blank
     * @return details with that title and no description
     */
    public static SessionDetails titled(String title) {
        return new SessionDetails(title, Optional.empty());
    }

    /**
     * Sets how a named goal's session is titled, such as {@code "{goal} ({title})"} or just {@code "{goal}"}.
     *
     * @param pattern  the pattern: {@code {title}} stands for the title, {@code {goal}} for the goal's id; not blank
     * @return a copy with that pattern
     */
    public SessionDetails withGoalTitle(String pattern) {
        return new SessionDetails(title, description, pattern);
    }

    /**
     * Gets the details of one goal's session: the title by the {@link #goalTitle() pattern}, unless the goal is the
     * default goal {@value SessionRecord#DEFAULT_GOAL_ID} (whose sessions keep the plain title, as before sessions
     * had goals).
     *
     * @param goalId  the session's goal, not blank
     * @return the details to write, not null
     */
    public SessionDetails forGoal(String goalId) {
        Require.nonBlank(goalId, "goalId");
        if (goalId.equals(SessionRecord.DEFAULT_GOAL_ID)) {
            return this;
        }
        String named = goalTitle.replace("{title}", title).replace("{goal}", goalId);
        return new SessionDetails(named.isBlank() ? title : named, description, goalTitle);
    }
}
