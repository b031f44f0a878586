package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Says in plain words what last happened to a session and why: which event pushed it where, named by its title and
 * calendar (never an internal event id).
 */
final class ChangeText {

    /** A day for people: {@code Mon 9 Mar}. */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private ChangeText() {
    }

    /**
     * Describes a session's last change worth telling (moves, cancellations, check-ins).
     *
     * @param s  the session, not null
     * @param zone  the person's zone, not null
     * @return the sentence, or empty when nothing happened since it was scheduled
     */
    static Optional<String> last(SessionRecord s, ZoneId zone) {
        for (int i = s.changes().size() - 1; i >= 0; i--) {
            Optional<String> text = describe(s.changes().get(i), zone);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /**
     * Describes one change.
     *
     * @param c  the change, not null
     * @param zone  the person's zone, not null
     * @return the sentence, or empty for proposals and scheduling
     */
    static Optional<String> describe(SessionChange c, ZoneId zone) {
        return switch (c.kind()) {
            case MOVED -> Optional.of("Moved" + c.from().map(f -> " from " + when(f, zone)).orElse("")
                    + c.to().map(t -> " to " + when(t, zone)).orElse("") + ": " + cause(c) + ".");
            case MOVED_BY_PERSON -> Optional.of("You moved it" + c.to().map(t -> " to " + when(t, zone)).orElse("")
                    + " in your calendar; it stays where you put it.");
            case CANCELLED -> Optional.of(c.cause().isPresent() || c.reason().isPresent()
                    ? "Dropped: " + cause(c) + ", and no other free time was left that week."
                    : "Dropped: its event was deleted from the calendar.");
            case COMPLETED -> Optional.of("Studied.");
            case SKIPPED -> Optional.of("Skipped.");
            case FAILED -> Optional.of("A calendar change for it failed, so it stays where it was"
                    + c.reason().map(r -> ": " + r).orElse("") + ".");
            case PROPOSED, SCHEDULED -> Optional.empty();
        };
    }

    /**
     * Describes the outcome a person reported: how long they studied and their note.
     *
     * @param s  the session, not null
     * @return e.g. {@code studied 45m · "chapter 3"}, or empty
     */
    static Optional<String> outcome(SessionRecord s) {
        Duration studied = StudyProgress.studied(s);
        String note = s.note().map(n -> " · “" + n + "”").orElse("");
        return switch (s.status()) {
            case COMPLETED -> Optional.of("studied " + StudyProgress.format(studied) + note);
            case SKIPPED -> Optional.of("skipped" + note);
            default -> Optional.empty();
        };
    }

    private static String cause(SessionChange c) {
        if (c.cause().isPresent()) {
            BusySource s = c.cause().get();
            return s.title().map(t -> "“" + t + "” (" + calendar(s) + ") now overlaps it")
                    .orElse("busy time in " + calendar(s) + " now overlaps it");
        }
        if (c.kind() == ChangeKind.CANCELLED) {
            return c.reason().filter(r -> r.startsWith("it ")).map(r -> r.replaceAll(";.*", "")).orElse("its time is taken");
        }
        // without a busy event the library's reasons are plain words already ("it now falls in work hours")
        return c.reason().map(r -> r.replaceAll(";.*", "")).orElse("its time is no longer free");
    }

    private static String calendar(BusySource s) {
        return s.providerId().equals("ics") ? "calendar " + s.calendarId() : s.calendarId() + " of " + s.accountId();
    }

    private static String when(Interval i, ZoneId zone) {
        return DAY.format(i.start().atZone(zone)) + " " + WeekView.span(i, zone);
    }
}
