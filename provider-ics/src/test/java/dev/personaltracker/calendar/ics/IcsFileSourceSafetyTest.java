package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.calendarText;
import static dev.personaltracker.calendar.ics.IcsFixtures.intervals;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.time.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source files: only regular files under the size limit (and inside the allowed folder, if set) are read; an
 * unchanged file is not parsed again, a changed one is, so a deleted event stops blocking at once.
 */
class IcsFileSourceSafetyTest {

    private static final Interval WINDOW = window("2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z");
    private static final String EVENT_A = "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261103T100000Z\r\nDTEND:20261103T110000Z"
            + "\r\nEND:VEVENT";
    private static final String EVENT_B = "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261104T100000Z\r\nDTEND:20261104T110000Z"
            + "\r\nEND:VEVENT";

    private static CalendarConnection source(Path file, String... more) {
        String[] props = new String[4 + more.length];
        props[0] = "source.cal";
        props[1] = file.toString();
        props[2] = "zone";
        props[3] = "UTC";
        System.arraycopy(more, 0, props, 4, more.length);
        return IcsFixtures.connect(props);
    }

    @Test
    void aDirectoryIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> IcsFixtures.busy(source(dir), WINDOW)).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("source 'cal'").hasMessageContaining("not a regular file");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.ics");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThatThrownBy(() -> IcsFixtures.busy(source(fifo), WINDOW)).isInstanceOf(BadSettingsException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void systemFilesAreRefused() {
        for (String path : new String[] {"/proc/self/status", "/proc/self/environ", "/dev/zero", "/dev/urandom"}) {
            assertThatThrownBy(() -> IcsFixtures.busy(source(Path.of(path)), WINDOW)).as(path)
                    .isInstanceOf(BadSettingsException.class).hasMessageContaining("source 'cal'");
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.ics");
        Files.writeString(file, calendarText("\r\n", EVENT_A, EVENT_B));
        assertThatThrownBy(() -> IcsFixtures.busy(source(file, "maxBytes", "100"), WINDOW))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("limit of 100")
                .hasMessageContaining("maxBytes");
        assertThat(intervals(source(file, "maxBytes", "100000"), WINDOW)).hasSize(2);
    }

    @Test
    void filesOutsideTheAllowedFolderAreRefusedEvenThroughLinks(@TempDir Path dir) throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = dir.resolve("outside.ics");
        Files.writeString(outside, calendarText("\r\n", EVENT_A));
        Path inside = allowed.resolve("inside.ics");
        Files.writeString(inside, calendarText("\r\n", EVENT_A));
        Path link = allowed.resolve("link.ics");
        Files.createSymbolicLink(link, outside);
        assertThat(intervals(source(inside, "allowedFolder", allowed.toString()), WINDOW)).hasSize(1);
        for (Path refused : new Path[] {outside, link, allowed.resolve("../outside.ics")}) {
            assertThatThrownBy(() -> IcsFixtures.busy(source(refused, "allowedFolder", allowed.toString()), WINDOW))
                    .as(refused.toString()).isInstanceOf(BadSettingsException.class)
                    .hasMessageContaining("outside the allowed folder");
        }
    }

    @Test
    void aDeletedEventStopsBlockingWithTheNextCall(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cal.ics");
        Files.writeString(file, calendarText("\r\n", EVENT_A, EVENT_B));
        CalendarConnection c = source(file);
        assertThat(intervals(c, WINDOW)).hasSize(2);
        assertThat(intervals(c, WINDOW)).hasSize(2);
        Files.writeString(file, calendarText("\r\n", EVENT_A));
        assertThat(intervals(c, WINDOW)).hasSize(1);
    }

    @Test
    void aSameSizeEditWithANewModificationTimeIsReadAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cal.ics");
        Files.writeString(file, calendarText("\r\n", EVENT_A));
        CalendarConnection c = source(file);
        FileTime before = Files.getLastModifiedTime(file);
        assertThat(intervals(c, WINDOW)).containsExactly(IcsFixtures.at("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"));
        Files.writeString(file, calendarText("\r\n", EVENT_A.replace("T10", "T12").replace("T11", "T13")));
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
        assertThat(intervals(c, WINDOW)).containsExactly(IcsFixtures.at("2026-11-03T12:00:00Z", "2026-11-03T13:00:00Z"));
    }

    /** The parse is reused while size, modification time and inode are unchanged (seen by restoring them). */
    @Test
    void anUnchangedStampReusesTheParse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cal.ics");
        Files.writeString(file, calendarText("\r\n", EVENT_A));
        CalendarConnection c = source(file);
        FileTime stamp = Files.getLastModifiedTime(file);
        assertThat(intervals(c, WINDOW)).hasSize(1);
        Files.writeString(file, calendarText("\r\n", EVENT_A.replace("UID:a", "UID:x").replace("T10", "T12")));
        Files.setLastModifiedTime(file, stamp);
        assertThat(intervals(c, WINDOW)).containsExactly(IcsFixtures.at("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"));
    }
}
