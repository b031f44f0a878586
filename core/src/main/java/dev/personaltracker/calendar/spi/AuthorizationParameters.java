package dev.personaltracker.calendar.spi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider needs to build the authorization URL a person visits: where to come back to, the single-use
 * {@code state} and the PKCE S256 code challenge (both made by the library), and an optional login hint.
 *
 * @param redirectUri  where the authorization server sends the person back, not null
 * @param state  the opaque anti-forgery value to echo back, not blank
 * @param codeChallenge  the PKCE S256 challenge, not blank
 * @param loginHint  an account to pre-select, if any
 */
public record AuthorizationParameters(URI redirectUri, String state, String codeChallenge, Optional<String> loginHint) {

    /**
     * Validates the components.
     *
     * @param redirectUri  where the authorization server sends the person back, not null
     * @param state  the opaque anti-forgery value to echo back, not blank
     * @param codeChallenge  the PKCE S256 challenge, not blank
     * @param loginHint  an account to pre-select, if any
     */
    public AuthorizationParameters {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Require.nonBlank(state, "state");
        Require.nonBlank(codeChallenge, "codeChallenge");
        Objects.requireNonNull(loginHint, "loginHint");
    }

    /** @return the PKCE challenge method, always {@code S256} */
    public String codeChallengeMethod() {
        return "S256";
    }
}
