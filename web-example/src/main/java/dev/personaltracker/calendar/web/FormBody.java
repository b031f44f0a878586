package dev.personaltracker.calendar.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Checks that a form body is well-formed {@code application/x-www-form-urlencoded} in UTF-8: every {@code %} is followed
 * by two hex digits, and every name and value decodes to valid UTF-8. Javalin's form parser is lenient where it should
 * not be: it silently drops a field with a broken escape (the page then acts on its default, such as this week instead
 * of the week asked for) and turns bytes that are not UTF-8 into replacement characters (stored as such). The pages'
 * own forms always pass: browsers escape every byte that needs it.
 */
final class FormBody {

    private FormBody() {
    }

    /**
     * Checks a form body.
     *
     * @param body  the body's bytes, not null
     * @return true if it is well-formed
     */
    static boolean wellFormed(byte[] body) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(body.length);
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == '&' || b == '=') {
                if (RequestBody.utf8(decoded.toByteArray()).isEmpty()) {
                    return false;
                }
                decoded.reset();
            } else if (b == '%') {
                if (i + 2 >= body.length || !HexFormat.isHexDigit(body[i + 1]) || !HexFormat.isHexDigit(body[i + 2])) {
                    return false;
                }
                decoded.write(HexFormat.fromHexDigits(new String(body, i + 1, 2, StandardCharsets.US_ASCII)));
                i += 2;
            } else {
                decoded.write(b);   // '+' (a space) and the other bytes as they are
            }
        }
        return RequestBody.utf8(decoded.toByteArray()).isPresent();
    }
}
