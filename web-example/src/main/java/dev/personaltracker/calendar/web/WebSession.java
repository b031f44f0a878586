package dev.personaltracker.calendar.web;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * One browser's session: its CSRF token, the OAuth states it started, and the one-time message for the next page.
 * Kept in memory only; the cookie carries a random id, never data.
 */
final class WebSession {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id = randomToken();
    private final String csrfToken = randomToken();
    private final Set<String> oauthStates = new HashSet<>();
    private Html.Flash flash;
    private volatile Instant lastSeen;

    WebSession(Instant now) {
        this.lastSeen = now;
    }

    /** @return 32 random bytes, base64url without padding */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String id() {
        return id;
    }

    String csrfToken() {
        return csrfToken;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    synchronized void flash(Html.Flash value) {
        flash = value;
    }

    /** @return the message for this page, removed so that it shows once; null if none */
    synchronized Html.Flash takeFlash() {
        Html.Flash f = flash;
        flash = null;
        return f;
    }

    synchronized void addOAuthState(String state) {
        oauthStates.add(state);
    }

    /** @return true if this session started that OAuth state (which is then forgotten) */
    synchronized boolean takeOAuthState(String state) {
        return oauthStates.remove(state);
    }

    /** @return the id only as a hint, never the tokens */
    @Override
    public String toString() {
        return "WebSession[(redacted)]";
    }
}
