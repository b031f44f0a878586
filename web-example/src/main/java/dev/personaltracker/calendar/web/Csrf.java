package dev.personaltracker.calendar.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens that need no server-side state: each browser gets a random id in an {@code HttpOnly; SameSite=Lax}
 * cookie, and its forms carry HMAC-SHA256(key, id) under a key made when the server starts. A foreign website can
 * neither read the token nor compute it, and a page view creates nothing on the server.
 */
final class Csrf {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    Csrf() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** @return a new browser id: 32 random bytes, base64url without padding */
    static String newBrowserId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Checks the form of a browser id from a cookie.
     *
     * @param id  the cookie's value, not null
     * @return true if it can be one of ours
     */
    static boolean isBrowserId(String id) {
        return ID.matcher(id).matches();
    }

    /**
     * Computes the token of a browser.
     *
     * @param browserId  the browser's id, not null
     * @return the token, not null
     */
    String token(String browserId) {
        Mac mac = macs.get();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(browserId.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Checks a token sent with a form, in constant time.
     *
     * @param browserId  the browser's id from its cookie, not null
     * @param sent  the token the form carried, not null
     * @return true if it is that browser's token
     */
    boolean valid(String browserId, String sent) {
        return MessageDigest.isEqual(token(browserId).getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII));
    }
}
