package dev.personaltracker.calendar.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpSession;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the app keeps for one browser in its server session: the one-time message of the next page and the OAuth
 * states it started. A session is made only by a checked POST ({@link WebServer}'s guard has run), never by a page
 * view, and connecting an account gives it a new id.
 */
final class BrowserSession {

    private BrowserSession() {
    }

    /**
     * Keeps a message for the next page of this browser (makes its session: call only after a checked POST).
     *
     * @param ctx  the request, not null
     * @param flash  the message, not null
     */
    static void flash(Context ctx, Flash flash) {
        ctx.req().getSession(true).setAttribute("flash", flash);
    }

    /**
     * Takes the message kept for this page, if any (never makes a session).
     *
     * @param ctx  the request, not null
     * @return the message, if any
     */
    static Optional<Flash> takeFlash(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object flash = session.getAttribute("flash");
        session.removeAttribute("flash");
        return flash instanceof Flash f ? Optional.of(f) : Optional.empty();
    }

    /**
     * Answers 303 to a path of this app with a one-time message.
     *
     * @param ctx  the request, not null
     * @param location  the path, not null
     * @param flash  the message, not null
     */
    static void redirect(Context ctx, String location, Flash flash) {
        flash(ctx, flash);
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    /**
     * Gives this browser's session a new id, after it connected an account: an id another site or local user planted
     * or saw before (session fixation) no longer names the session that holds the connection's messages and sign-ins.
     *
     * @param ctx  the request, not null
     */
    static void renewSession(Context ctx) {
        if (ctx.req().getSession(false) != null) {
            ctx.req().changeSessionId();
        }
    }

    /**
     * Remembers an OAuth state this browser started (makes its session: after a checked POST only).
     *
     * @param ctx  the request, not null
     * @param state  the state, not null
     */
    static void addOAuthState(Context ctx, String state) {
        HttpSession session = ctx.req().getSession(true);
        synchronized (session) {
            @SuppressWarnings("unchecked")
            Set<String> states = (Set<String>) session.getAttribute("oauth");
            Set<String> next = states == null ? new HashSet<>() : new HashSet<>(states);
            next.add(state);
            session.setAttribute("oauth", Set.copyOf(next));
        }
    }

    /**
     * Takes an OAuth state if this browser started it: single use.
     *
     * @param ctx  the request, not null
     * @param state  the state from the callback, not null
     * @return true if this browser started it (and it is now used up)
     */
    static boolean takeOAuthState(Context ctx, String state) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null) {
            return false;
        }
        synchronized (session) {
            @SuppressWarnings("unchecked")
            Set<String> states = (Set<String>) session.getAttribute("oauth");
            if (states == null || !states.contains(state)) {
                return false;
            }
            Set<String> next = new HashSet<>(states);
            next.remove(state);
            session.setAttribute("oauth", Set.copyOf(next));
            return true;
        }
    }
}
