package dev.personaltracker.calendar.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A PKCE (RFC 7636) verifier and its S256 challenge. One is made per authorization and used once.
 * {@link #toString()} never shows the verifier. Immutable and thread-safe.
 */
public final class Pkce {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String verifier;
    private final String challenge;

    private Pkce(String verifier) {
        this.verifier = verifier;
        this.challenge = challengeOf(verifier);
    }

    /** @return a new verifier of 32 random bytes (43 base64url characters) with its challenge */
    public static Pkce generate() {
        return new Pkce(randomToken(32));
    }

    /**
     * Computes the S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))) without padding.
     *
     * @param verifier  the verifier, not null
     * @return the challenge, not null
     */
    public static String challengeOf(String verifier) {
        Objects.requireNonNull(verifier, "verifier");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** @return the secret verifier, sent only to the token endpoint */
    public String verifier() {
        return verifier;
    }

    /** @return the S256 challenge, sent in the authorization URL */
    public String challenge() {
        return challenge;
    }

    /** @return the challenge method, {@code S256} */
    public String method() {
        return "S256";
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return BASE64URL.encodeToString(b);
    }

    @Override
    public String toString() {
        return "Pkce[S256, challenge=" + challenge + ", verifier=(redacted)]";
    }
}
