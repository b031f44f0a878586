package dev.personaltracker.calendar.storage.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads profile files of schema 0, the unversioned layout before schema 1. Like {@link TokenFormatV0}, no published
 * release wrote it: it is defined so that the migration path exists and is tested from the first profile store on.
 * The layout:
 * <pre>
 * {"user":"alice","records":[{"part":"settings","ciphertext":"AbC..."}]}
 * </pre>
 * The record was encrypted with associated data {@code user + "/" + part} (UTF-8), and its plaintext was the profile
 * document itself, without a version: an upgraded profile has version 1.
 */
final class ProfileFormatV0 implements LegacyFormat {

    @Override
    public List<String> id(JsonNode record) {
        return List.of(field(record, "part"));
    }

    @Override
    public String ciphertext(JsonNode record) {
        return field(record, "ciphertext");
    }

    @Override
    public byte[] associatedData(String user, List<String> id) {
        return (user + "/" + String.join("/", id)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] upgrade(byte[] plaintext) {
        return ProfileRecordCodec.encode(1, new String(plaintext, StandardCharsets.UTF_8));
    }

    private static String field(JsonNode record, String name) {
        JsonNode value = record.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(name);
        }
        return value.textValue();
    }
}
