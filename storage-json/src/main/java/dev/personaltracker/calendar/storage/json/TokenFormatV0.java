package dev.personaltracker.calendar.storage.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.personaltracker.calendar.spi.OAuthToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads token files of schema 0, the unversioned layout before schema 1. No published release wrote it: it is
 * defined so that the migration path exists, is documented and is tested from day one. The layout:
 * <pre>
 * {"user":"alice","records":[{"provider":"google","account":"a@example.com","ciphertext":"AbC..."}]}
 * </pre>
 * Each record was encrypted with associated data {@code user + "/" + provider + "/" + account} (UTF-8), and its
 * plaintext was the provider's token response: {@code {"access_token":..,"refresh_token":..,"expires_at":<epoch
 * seconds>,"scope":"a b"}}. Schema 0 kept no health and no provider state: upgraded tokens are healthy and have none.
 */
final class TokenFormatV0 implements LegacyFormat {

    @Override
    public List<String> id(JsonNode record) {
        return List.of(LegacyFormat.text(record, "provider"), LegacyFormat.text(record, "account"));
    }

    @Override
    public String ciphertext(JsonNode record) {
        return LegacyFormat.text(record, "ciphertext");
    }

    @Override
    public byte[] upgrade(byte[] plaintext) throws IOException {
        JsonNode json = TokenCodec.read(plaintext, JsonNode.class);
        if (json == null || !json.path("access_token").isTextual()) {
            throw new IOException("schema 0 token lacks access_token");
        }
        Optional<String> refresh = json.path("refresh_token").isTextual() ? Optional.of(json.get("refresh_token").textValue()) : Optional.empty();
        Optional<Instant> expiry = json.path("expires_at").canConvertToLong()
                ? Optional.of(Instant.ofEpochSecond(json.get("expires_at").longValue())) : Optional.empty();
        Set<String> scopes = json.path("scope").isTextual()
                ? Arrays.stream(json.get("scope").textValue().split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet())
                : Set.of();
        return TokenCodec.encode(OAuthToken.of(json.get("access_token").textValue(), refresh, expiry, scopes));
    }
}
