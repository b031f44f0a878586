package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which form bodies are well-formed UTF-8 {@code application/x-www-form-urlencoded}. */
class FormBodyTest {

    private static boolean wellFormed(String body) {
        return FormBody.wellFormed(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void whatBrowsersSend_isWellFormed() {
        assertThat(wellFormed("")).isTrue();                                     // no fields
        assertThat(wellFormed("csrf=abc&week=2026-03-09")).isTrue();
        assertThat(wellFormed("note=%C3%A9t%C3%A9+%F0%9F%93%9A")).isTrue();      // escaped UTF-8, outside the BMP too
        assertThat(wellFormed("a=&=b&&c")).isTrue();                             // empty names and values, no '='
        assertThat(wellFormed("a=b=c%3D")).isTrue();                             // '=' inside a value
        assertThat(wellFormed("note=%e9%9f%b3")).isTrue();                       // lower-case hex
        assertThat(FormBody.wellFormed("note=\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8))).isTrue(); // raw UTF-8
    }

    @Test
    void brokenEscapesAndBytesThatAreNotUtf8_areNot() {
        assertThat(wellFormed("week=%ZZ")).isFalse();                            // not hex
        assertThat(wellFormed("week=%4")).isFalse();                             // one digit, at the end
        assertThat(wellFormed("week=%")).isFalse();                              // none
        assertThat(wellFormed("%4&a=b")).isFalse();                              // one digit, then '&'
        assertThat(wellFormed("note=%C3%28")).isFalse();                         // a lead byte without its continuation
        assertThat(wellFormed("note=%C3")).isFalse();                            // cut in the middle of a character
        assertThat(wellFormed("note=%ED%A0%80")).isFalse();                      // a surrogate
        assertThat(wellFormed("note=%C0%AF")).isFalse();                         // overlong
        assertThat(wellFormed("note=\u00ff\u00fe")).isFalse();                   // raw bytes that are not UTF-8
        assertThat(wellFormed("%C3=%A9")).isFalse();                             // a character split by '='
    }
}
