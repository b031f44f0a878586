package dev.personaltracker.calendar.storage.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.TokenHealth;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The schema 1 plaintext of a token record: JSON, absent parts left out. */
final class TokenCodec {

    /** Shared by the codecs: lenient about unknown fields so that later 1.x versions may add some. */
    static final ObjectMapper JSON = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The JSON shape; null means absent. */
    record TokenJson(String accessToken, String refreshToken, String expiresAt, List<String> scopes, String providerState, String health) {
    }

    private TokenCodec() {
    }

    static byte[] encode(OAuthToken token) {
        TokenJson json = new TokenJson(token.accessToken(), token.refreshToken().orElse(null),
                token.expiresAt().map(Instant::toString).orElse(null), List.copyOf(new TreeSet<>(token.scopes())),
                token.providerState().orElse(null), token.health().name());
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a token as JSON: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses JSON, dropping the parser's message and cause: they may quote the plaintext, which is secret.
     */
    static <T> T read(byte[] plaintext, Class<T> type) throws IOException {
        try {
            return JSON.readValue(plaintext, type);
        } catch (IOException e) {
            throw new IOException("plaintext is not the expected JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    static OAuthToken decode(byte[] plaintext) throws IOException {
        TokenJson json = read(plaintext, TokenJson.class);
        if (json.accessToken() == null || json.health() == null) {
            throw new IOException("token record lacks accessToken or health");
        }
        try {
            return new OAuthToken(json.accessToken(), Optional.ofNullable(json.refreshToken()),
                    Optional.ofNullable(json.expiresAt()).map(Instant::parse),
                    json.scopes() == null ? Set.of() : Set.copyOf(json.scopes()),
                    Optional.ofNullable(json.providerState()), TokenHealth.valueOf(json.health()));
        } catch (RuntimeException e) {
            // never wrap the parser's message: it may quote the token
            throw new IOException("token record has a malformed field (" + e.getClass().getSimpleName() + ")");
        }
    }
}
