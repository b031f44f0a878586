package dev.personaltracker.calendar.storage.json;

import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.TokenKey;
import java.io.IOException;
import java.time.Instant;

/**
 * The schema 1 plaintext of a push channel record: JSON with every component of the {@link ChangeChannel} but its id
 * (the record's id, bound to the ciphertext by the associated data). Lenient about unknown fields.
 */
final class ChannelCodec {

    /** The JSON shape; null means absent, which only a damaged or foreign record has. */
    record ChannelJson(String userId, String providerId, String accountId, String calendarId, String resourceId,
            String expiresAt, String secret) {
    }

    private ChannelCodec() {
    }

    static byte[] encode(ChangeChannel channel) {
        TokenKey account = channel.account();
        ChannelJson json = new ChannelJson(account.userId(), account.providerId(), account.accountId(),
                channel.calendarId(), channel.resourceId(), channel.expiresAt().toString(), channel.secret());
        try {
            return TokenCodec.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write a push channel as JSON: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decodes a record's plaintext; the message of the exception never quotes it (it holds the secret).
     *
     * @param channelId  the record's id
     * @param plaintext  the decrypted plaintext
     * @return the channel
     * @throws IOException if the plaintext is not a channel record
     */
    static ChangeChannel decode(String channelId, byte[] plaintext) throws IOException {
        ChannelJson json = TokenCodec.read(plaintext, ChannelJson.class);
        if (json.userId() == null || json.providerId() == null || json.accountId() == null || json.calendarId() == null
                || json.resourceId() == null || json.expiresAt() == null || json.secret() == null) {
            throw new IOException("push channel record lacks a field");
        }
        try {
            return new ChangeChannel(channelId, TokenKey.of(json.userId(), json.providerId(), json.accountId()),
                    json.calendarId(), json.resourceId(), Instant.parse(json.expiresAt()), json.secret());
        } catch (RuntimeException e) {
            // never wrap the parser's message: it may quote the secret
            throw new IOException("push channel record has a malformed field (" + e.getClass().getSimpleName() + ")");
        }
    }
}
