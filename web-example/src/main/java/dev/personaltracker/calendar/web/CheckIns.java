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
     * @param subject  the subject it was for, or empty without subjects
     * @param outcome  the answer to preselect: {@code done}, {@code partly} or {@code skipped}
     * @param typedMinutes  the minutes typed before, or empty
     * @param note  the note typed before, or empty
     * @param error  why the answer typed before was not taken, or empty
     */
    record Item(String key, String day, String time, long minutes, String subject, String outcome,
            String typedMinutes, String note, String error) {
    }

    /**
     * An answer that was not taken, kept in the browser's session for the next page, so the form shows what was typed.
     *
     * @param key  the session it answered
     * @param outcome  the outcome chosen
     * @param minutes  the minutes typed
     * @param note  the note typed
     * @param error  why it was not taken
     */
    record Draft(String key, String outcome, String minutes, String note, String error) implements java.io.Serializable {
    }

    private static final String DRAFT = "checkin-draft";

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
        return open(app, Optional.empty());
    }

    /**
     * The check-in forms of a page, with the answer this browser typed before and that was not taken.
     *
     * @param ctx  the request: its session's draft is taken (shown once)
     * @param app  the app
     * @param csrf  the CSRF token
     * @param back  {@code plan} or {@code history}
     * @param week  the Plan page's week, ISO, or empty
     * @return the view
     */
    static View view(Context ctx, TrackerApp app, String csrf, String back, String week) {
        Optional<Draft> draft = Optional.empty();
        var session = ctx.req().getSession(false);
        if (session != null) {
            Object d = session.getAttribute(DRAFT);
            session.removeAttribute(DRAFT);
            draft = d instanceof Draft x ? Optional.of(x) : Optional.empty();
        }
        return new View(open(app, draft), csrf, back, week);
    }

    private static List<Item> open(TrackerApp app, Optional<Draft> draft) {
        ZoneId zone = app.settings().zone();
        Instant now = app.tracker().clock().instant();
        boolean subjects = !app.settings().plan().subjects().isEmpty();
        return app.user().history(Interval.of(now.minus(LOOKBACK), now)).stream()
                .filter(s -> s.status() == SessionStatus.SCHEDULED && !s.interval().end().isAfter(now))
                .map(s -> {
                    String key = s.key().value();
                    Optional<Draft> d = draft.filter(x -> x.key().equals(key));
                    return new Item(key, ChangeText.DAY.format(s.interval().start().atZone(zone)),
                            WeekView.span(s.interval(), zone), s.interval().duration().toMinutes(),
                            subjects ? s.goalId() : "", d.map(Draft::outcome).orElse("done"),
                            d.map(Draft::minutes).orElse(""), d.map(Draft::note).orElse(""),
                            d.map(Draft::error).orElse(""));
                })
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
            refuse(ctx, back, key, outcome, "The note is longer than " + MAX_NOTE + " characters: shorten it and "
                    + "answer again.");
            return;
        }
        SessionKey k;
        try {
            k = SessionKey.of(key);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "That is not a session of this app.");
        }
        // an answer sent again (the back button, a second tab) replaces the first: say so
        Optional<SessionRecord> before = record(k);
        boolean answered = before.map(SessionRecord::status)
                .filter(st -> st == SessionStatus.COMPLETED || st == SessionStatus.SKIPPED).isPresent();
        try {
            SessionRecord r = switch (outcome) {
                case "done" -> app.user().markCompleted(k, Optional.empty(), note);
                case "partly" -> app.user().markCompleted(k, Optional.of(Duration.ofMinutes(partMinutes(ctx,
                        length(before)))), note);
                case "skipped" -> app.user().markSkipped(k, note);
                default -> throw new PlainError("Choose done, partly or skipped.");
            };
            String noted = answered ? "Changed your answer: " : "Noted: ";
            BrowserSession.redirect(ctx, back, Flash.ok(r.status() == SessionStatus.SKIPPED ? noted + "skipped."
                    : noted + "you studied " + StudyProgress.format(StudyProgress.studied(r)) + "."));
        } catch (PlainError e) {
            refuse(ctx, back, key, outcome, e.getMessage());
        } catch (IllegalStateException e) {
            BrowserSession.redirect(ctx, back, Flash.error("That session cannot be answered any more (it was cancelled "
                    + "or is unknown)."));
        } catch (IllegalArgumentException e) {
            refuse(ctx, back, key, outcome, "Minutes studied must be more than 0 and at most a day.");
        }
    }

    private static String week(String text) {
        try {
            return text == null || text.isBlank() ? "" : "?week=" + java.time.LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }

    /** The planned length of a session in minutes, or a day when it is not found (the library then refuses it). */
    private static long length(Optional<SessionRecord> session) {
        return session.map(s -> s.interval().duration().toMinutes()).orElse(24L * 60);
    }

    private Optional<SessionRecord> record(SessionKey key) {
        Instant now = app.tracker().clock().instant();
        return app.user().history(Interval.of(now.minus(LOOKBACK), now)).stream()
                .filter(s -> s.key().equals(key)).findFirst();
    }

    /** Sends the person back with the message, and keeps what they typed for that session's form. */
    private static void refuse(Context ctx, String back, String key, String outcome, String message) {
        String minutes = Optional.ofNullable(ctx.formParam("minutes")).orElse("");
        String note = Optional.ofNullable(ctx.formParam("note")).orElse("");
        ctx.req().getSession(true).setAttribute(DRAFT, new Draft(key, outcome,
                minutes.length() > 20 ? minutes.substring(0, 20) : minutes,
                note.length() > 2 * MAX_NOTE ? note.substring(0, 2 * MAX_NOTE) : note, message));
        BrowserSession.redirect(ctx, back, Flash.error(message));
    }

    private static long partMinutes(Context ctx, long length) {
        String m = Optional.ofNullable(ctx.formParam("minutes")).orElse("").strip();
        try {
            long n = Long.parseLong(m);
            if (n <= 0 || n > length) {
                throw new PlainError("For “partly”, give the minutes you studied: more than 0 and at most " + length
                        + " min, the session's length (for all of it, choose “done”).");
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
