package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.rawCalendar;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that is not iCalendar fails with {@link UnexpectedResponseException} naming the source and the line, and
 * never quoting the file (an error that echoes a line of an arbitrary file discloses it in any host that shows
 * errors). Neither the message nor any cause may hold the content.
 */
class IcsUnreadableSourceTest {

    private static final Interval WINDOW = window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static Throwable failure(Path dir, String text) {
        CalendarConnection c = rawCalendar(dir, "UTC", text);
        return catchThrowable(() -> IcsFixtures.busy(c, WINDOW));
    }

    private static void assertNoContent(Throwable t, String secret) {
        for (Throwable e = t; e != null; e = e.getCause()) {
            assertThat(String.valueOf(e.getMessage())).doesNotContain(secret);
            assertThat(e.toString()).doesNotContain(secret);
        }
    }

    @Test
    void secretLookingFirstLineIsNeitherParsedNorQuoted(@TempDir Path dir) {
        Throwable t = failure(dir, "AWS_SECRET_ACCESS_KEY=" + SECRET + "\nAWS_REGION=eu-central-1\n");
        assertThat(t).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("source 'cal'")
                .hasMessageContaining("line 1");
        assertNoContent(t, SECRET);
        assertNoContent(t, "AWS");
    }

    @Test
    void passwdLikeLinesWithColonsAreNotQuoted(@TempDir Path dir) {
        Throwable t = failure(dir, "\n\nroot:x:0:0:" + SECRET + ":/root:/bin/bash\n");
        assertThat(t).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("line 3");
        assertNoContent(t, SECRET);
        assertNoContent(t, "root");
    }

    @Test
    void brokenStructureNamesItsLineWithoutQuotingIt(@TempDir Path dir) {
        Throwable t = failure(dir, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nX-TOKEN:" + SECRET + "\r\nEND:" + SECRET
                + "\r\nEND:VCALENDAR\r\n");
        assertThat(t).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("line 4");
        assertNoContent(t, SECRET);
    }

    @Test
    void cutOffFileIsRefusedNotHalfRead(@TempDir Path dir) {
        Throwable t = failure(dir, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:" + SECRET + "\nDTSTART:20261103T100000Z\n");
        assertThat(t).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("line 4")
                .hasMessageContaining("cut off");
        assertNoContent(t, SECRET);
    }

    @Test
    void emptyFileIsRefused(@TempDir Path dir) {
        assertThat(failure(dir, "")).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("source 'cal'");
    }

    @Property(tries = 50)
    void anyFirstLineThatIsNotICalendarIsReportedByNumberOnly(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 12, max = 40) String secret,
            @ForAll boolean withColon) throws Exception {
        Path dir = Files.createTempDirectory("ics-secret");
        try {
            String line = withColon ? "KEY:" + secret : secret + "=" + secret;
            Throwable t = failure(dir, line + "\n" + secret + "\n");
            assertThat(t).isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("line 1");
            assertNoContent(t, secret);
        } finally {
            IcsDstTest.deleteTree(dir);
        }
    }

    @Test
    void binaryContentIsRefusedWithoutQuoting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cal.ics");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        CalendarConnection c = IcsFixtures.connect("source.cal", file.toString(), "zone", "UTC");
        assertThatThrownBy(() -> IcsFixtures.busy(c, WINDOW)).isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("source 'cal'").hasMessageContaining("line");
    }

    @Test
    void otherUrlSchemesAreRefusedAtConnect() {
        for (String location : new String[] {"ftp://example.com/cal.ics", "gopher://example.com/x",
                "jar:file:/x.jar!/cal.ics"}) {
            assertThatThrownBy(() -> IcsFixtures.connect("source.cal", location, "zone", "UTC"))
                    .as(location).isInstanceOf(BadSettingsException.class).hasMessageContaining("source.cal");
        }
    }
}
