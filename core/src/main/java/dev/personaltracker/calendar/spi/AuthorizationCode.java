package dev.personaltracker.calendar.spi;

import java.net.URI;
import java.util.Objects;

/**
 * An authorization code returned to the redirect URI, with what the token request needs beside it.
 * {@link #toString()} never shows the code or the verifier.
 *
 * @param code  the authorization code, not blank
 * @param redirectUri  the redirect URI used in the authorization request, not null
 * @param codeVerifier  the PKCE verifier whose challenge was sent, not blank
 */
public record AuthorizationCode(String code, URI redirectUri, String codeVerifier) {

    /**
     * Validates the components.
     *
     * @param code  the authorization code, not blank
     * @param redirectUri  the redirect URI used in the authorization request, not null
     * @param codeVerifier  the PKCE verifier whose challenge was sent, not blank
     */
    public AuthorizationCode {
        Require.nonBlank(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Require.nonBlank(codeVerifier, "codeVerifier");
    }

    /** @return a description without the code or the verifier */
    @Override
    public String toString() {
        return "AuthorizationCode[code=(redacted), redirectUri=" + redirectUri + ", codeVerifier=(redacted)]";
    }
}
