package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * The one rule for the host's user ids, checked wherever a user id enters the library (the facade, the value types
 * of this package and every store).
 * <p>
 * A user id is compared as an exact string: it is never trimmed, case-folded or Unicode-normalised, so {@code "sam"},
 * {@code "Sam"}, {@code "sam "} and {@code "Jos\u00e9"} in its composed and decomposed forms are six different
 * people, kept strictly apart by every store. A host whose ids can arrive in several spellings normalises them itself
 * before calling the library. An id is refused ({@link IllegalArgumentException} naming the rule) if it is blank,
 * longer than {@value #MAX_LENGTH} characters, or holds a control character (such as {@code \0}, a line break or a
 * tab), which some stores cannot hold (PostgreSQL text has no {@code \0}) and which would forge log lines.
 */
public final class UserIds {

    /** The longest user id, in UTF-16 characters ({@link String#length()}). */
    public static final int MAX_LENGTH = 256;

    private UserIds() {
    }

    /**
     * Checks a user id.
     *
     * @param userId  the host's id for the person
     * @return {@code userId}, unchanged
     * @throws NullPointerException if {@code userId} is null
     * @throws IllegalArgumentException if {@code userId} is blank, longer than {@value #MAX_LENGTH} characters, or
     *     holds a control character
     */
    public static String require(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        if (userId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("userId must be at most " + MAX_LENGTH + " characters, but was "
                    + userId.length() + " characters long (starting '" + userId.substring(0, 32) + "'): use a shorter"
                    + " stable id, for example the host's numeric or UUID id");
        }
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format("userId must not hold control characters, but '%s'"
                        + " holds U+%04X at index %d: remove it (user ids are compared exactly, never cleaned up)",
                        printable(userId), (int) c, i));
            }
        }
        return userId;
    }

    private static String printable(String userId) {
        StringBuilder out = new StringBuilder(userId.length());
        userId.chars().forEach(c -> out.append(Character.isISOControl(c) ? '?' : (char) c));
        return out.toString();
    }
}
