package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.history.StudyProgress;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * "Did you study?": a session that ended and is still only scheduled asks the person: done, partly (how many
 * minutes) or skipped, with an optional note, recorded through the library's {@code markCompleted} and
 * {@code markSkipped}.
 */
final class CheckIns {

    /** How far back sessions still ask. */
    static final Duration LOOKBACK = Duration.ofDays(28);
    private static final int MAX_NOTE = 500;
    private final TrackerApp app;

    /**
     * A session to ask about.
     *
     * @param key  its key
     * @param day  its day, for people
     * @param time  its time, for people
     * @param minutes  its planned length in minutes
     */
    record Item(String key, String day, String time, long minutes) {
    }

    /**
     * The check-in forms.
     *
     * @param items  the sessions to ask about, oldest first
     * @param csrf  the CSRF token
     * @param back  the page to come back to ({@code plan} or {@code history})
     * @param week  the Plan page's week to come back to, ISO, or empty
     */
    record View(List<Item> items, String csrf, String back, String week) {
    }

    CheckIns(TrackerApp app) {
        this.app = app;
    }

    /**
     * Lists the sessions that ended and wait for an answer.
     *
     * @param app  the app, not null
     * @return them, oldest first, not null
     */
    static List<Item> open(TrackerApp app) {
        ZoneId zone = app.settings().zone();
        Instant now = app.tracker().clock().instant();
        return app.user().history(Interval.of(now.minus(LOOKBACK), now)).stream()
                .filter(s -> s.status() == SessionStatus.SCHEDULED && !s.interval().end().isAfter(now))
                .map(s -> new Item(s.key().value(), ChangeText.DAY.format(s.interval().start().atZone(zone)),
                        WeekView.span(s.interval(), zone), s.interval().duration().toMinutes()))
                .toList();
    }

    void register(Javalin server) {
        server.post("/checkin", this::answer);
    }

    private void answer(Context ctx) {
        String back = "history".equals(ctx.formParam("back")) ? "/history" : "/plan" + week(ctx.formParam("week"));
        String key = Optional.ofNullable(ctx.formParam("key")).orElse("");
        String outcome = Optional.ofNullable(ctx.formParam("outcome")).orElse("");
        Optional<String> note = Optional.ofNullable(ctx.formParam("note")).map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().length() > MAX_NOTE) {
            WebServer.redirect(ctx, back, Flash.error("The note is longer than " + MAX_NOTE + " characters: shorten it "
                    + "and answer again."));
            return;
        }
        SessionKey k;
        try {
            k = SessionKey.of(key);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("That is not a session of this app.");
        }
        try {
            SessionRecord r = switch (outcome) {
                case "done" -> app.user().markCompleted(k, Optional.empty(), note);
                case "partly" -> app.user().markCompleted(k, Optional.of(Duration.ofMinutes(partMinutes(ctx))), note);
                case "skipped" -> app.user().markSkipped(k, note);
                default -> throw new PlainError("Choose done, partly or skipped.");
            };
            WebServer.redirect(ctx, back, Flash.ok(r.status() == SessionStatus.SKIPPED ? "Noted: skipped."
                    : "Noted: you studied " + StudyProgress.format(StudyProgress.studied(r)) + "."));
        } catch (PlainError e) {
            WebServer.redirect(ctx, back, Flash.error(e.getMessage()));
        } catch (IllegalStateException e) {
            WebServer.redirect(ctx, back, Flash.error("That session cannot be answered any more (it was cancelled "
                    + "or is unknown)."));
        } catch (IllegalArgumentException e) {
            WebServer.redirect(ctx, back, Flash.error("Minutes studied must be more than 0 and at most a day."));
        }
    }

    private static String week(String text) {
        try {
            return text == null || text.isBlank() ? "" : "?week=" + java.time.LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }

    private static long partMinutes(Context ctx) {
        String m = Optional.ofNullable(ctx.formParam("minutes")).orElse("").strip();
        try {
            long n = Long.parseLong(m);
            if (n <= 0 || n > 24 * 60) {
                throw new PlainError("For “partly”, give the minutes you studied: more than 0 and at most 1440.");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new PlainError("For “partly”, give the minutes you studied as a whole number, such as 30.");
        }
    }

    /** A message for the person. */
    private static final class PlainError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PlainError(String message) {
            super(message, null, false, false);
        }
    }
}
