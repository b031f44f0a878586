package dev.personaltracker.calendar.web;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most {@code max} Jetty sessions: when a new one would exceed it, the least recently used other session is
 * invalidated (one, never everyone). Sessions are only made by a form post that passed the CSRF check, so a foreign
 * website cannot make them at all; this bound is for everything else.
 */
final class SessionLimit implements HttpSessionListener, HttpSessionIdListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionLimit.class);
    private final int max;
    private final Map<String, HttpSession> live = new ConcurrentHashMap<>();

    /**
     * Creates the limit.
     *
     * @param max  the most sessions kept, positive
     */
    SessionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        this.max = max;
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        HttpSession created = event.getSession();
        live.put(created.getId(), created);
        while (live.size() > max) {
            HttpSession oldest = null;
            for (HttpSession s : live.values()) {
                if (s != created && (oldest == null || lastAccess(s) < lastAccess(oldest))) {
                    oldest = s;
                }
            }
            if (oldest == null) {
                return;
            }
            live.remove(oldest.getId());
            LOG.info("Ended the least recently used session: more than {} sessions", max);
            try {
                oldest.invalidate();
            } catch (IllegalStateException alreadyGone) {
                // invalidated meanwhile: nothing to do
            }
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        live.remove(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        HttpSession session = event.getSession();
        live.remove(oldSessionId);
        live.put(session.getId(), session);
    }

    /** @return the sessions kept now */
    int size() {
        return live.size();
    }

    private static long lastAccess(HttpSession s) {
        try {
            return s.getLastAccessedTime();
        } catch (IllegalStateException gone) {
            return Long.MIN_VALUE;
        }
    }
}
