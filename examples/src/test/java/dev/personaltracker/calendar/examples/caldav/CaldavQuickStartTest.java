package dev.personaltracker.calendar.examples.caldav;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaldavQuickStartTest {

    @Test
    void missingVariable_isNamed_andThePasswordIsNotPrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> CaldavQuickStart.run(Map.of("CALDAV_SERVER", "icloud", "CALDAV_PASSWORD", "secret-pw"),
                new PrintStream(out)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALDAV_USER")
                .hasMessageNotContaining("secret-pw");
    }
}
