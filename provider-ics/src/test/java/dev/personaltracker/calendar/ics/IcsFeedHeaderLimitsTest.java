package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A feed server that sends a header line without end, or headers without end: the provider refuses the answer once
 * a limit is passed (16 KB a line, 200 headers), long before the deadline, with a typed error naming the source.
 */
class IcsFeedHeaderLimitsTest {

    private static final Interval WEEK = window("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"endless-line", "endless-headers"})
    void aHeaderBomb_isRefused_namingTheSource_afterLittleWasRead(String kind) throws Exception {
        AtomicLong sent = new AtomicLong();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> serve(server, kind, sent), "header-bomb");
            serving.setDaemon(true);
            serving.start();
            CalendarConnection c = new IcsCalendarProvider().connect(IcsFixtures.settings(
                    "source.work", "http://127.0.0.1:" + server.getLocalPort() + "/cal.ics", "zone", "UTC",
                    "http.allowPrivateAddresses", "true")
                    .retryPolicy(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30))).build(),
                    Credentials.none());
            long started = System.nanoTime();
            assertThatThrownBy(() -> c.busy(List.of("work"), WEEK, BusyPolicy.defaults()))
                    .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("source 'work'")
                    .hasMessageContaining("header line longer than 16 KB or more than 200 headers");
            // refused at the limit, not at the deadline (20 s by default) after megabytes
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(sent.get()).isLessThan(8L * 1024 * 1024);
    }

    private static void serve(ServerSocket server, String kind, AtomicLong sent) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.read(new byte[8192]);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = kind.equals("endless-line") ? ("X-Long: " + "a".repeat(4096)).getBytes(StandardCharsets.US_ASCII)
                    : "X-Many: 1\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
            while (sent.get() < 64L * 1024 * 1024) {
                out.write(chunk);
                sent.addAndGet(chunk.length);
                if (kind.equals("endless-line")) {
                    chunk = "a".repeat(4096).getBytes(StandardCharsets.US_ASCII);
                }
            }
        } catch (IOException closedByTheClient) {
            // the provider stopped reading: what this test wants
        }
    }
}
