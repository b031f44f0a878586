package dev.personaltracker.calendar.spi.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * User ids that a careless store would merge: case, surrounding space, Unicode normalisation forms, path parts,
 * names a store uses internally, another user's hashed file name, and the longest id allowed. A store must keep each
 * strictly apart from the others; user ids are compared as exact strings, never normalised.
 */
final class LookAlikeUserIds {

    private LookAlikeUserIds() {
    }

    /** The longest id every store accepts: {@value dev.personaltracker.calendar.spi.UserIds#MAX_LENGTH} characters. */
    static final String LONGEST = IntStream.range(0, dev.personaltracker.calendar.spi.UserIds.MAX_LENGTH)
            .mapToObj(i -> Character.toString("abcdefghijklmnopqrstuvwxyz0123456789\u00e9\u4e2d".charAt((i * 7 + i / 5) % 38)))
            .collect(Collectors.joining());

    /** @return the ids, pairwise distinct strings, each a valid user id */
    static List<String> all() {
        String hex = sha256Prefix("sam");
        return List.of("sam", "Sam", "SAM", "sam ", " sam", "Jos\u00e9", "Jose\u0301", "a/b", "a\\b", "../sam",
                "..", ".", "every-user", "channels", hex, "profile-" + hex + ".json", "history-" + hex + ".json",
                "tokens-" + hex + ".json", "sam|google", "sam%00", LONGEST, LONGEST.substring(1) + "x");
    }

    private static String sha256Prefix(String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
