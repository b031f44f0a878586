package dev.personaltracker.calendar.caldav;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the authentication schemes a server offers from its {@code WWW-Authenticate} headers (RFC 9110 11.6.1),
 * such as {@code Digest realm="x", nonce="y", Basic realm="x"}: a scheme is a token at the start or after a comma that
 * is not followed by {@code =} (which would make it a parameter). Only the scheme names are kept; realms and nonces
 * are never logged or put in messages.
 */
final class Challenges {

    private static final Pattern SCHEME = Pattern.compile(
            "(?:^|,)\\s*([A-Za-z0-9!#$%&'*+.^_`|~-]++)(?!\\s*=)(?=\\s|,|$)");

    private Challenges() {
    }

    /**
     * @param headers  the values of every {@code WWW-Authenticate} header
     * @return the scheme names, lower-case, in order, each once; empty if the server named none
     */
    static List<String> schemes(List<String> headers) {
        List<String> result = new ArrayList<>();
        for (String header : headers) {
            Matcher m = SCHEME.matcher(stripQuoted(header));
            while (m.find()) {
                String scheme = m.group(1).toLowerCase(Locale.ROOT);
                if (!result.contains(scheme)) {
                    result.add(scheme);
                }
            }
        }
        return List.copyOf(result);
    }

    /** Replaces quoted strings by {@code ""}, so a comma or a word inside a realm is not read as a scheme. */
    private static String stripQuoted(String header) {
        return header.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }
}
