package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-connection guard on a real Jetty: a kept-alive connection dripping its next request's
 * headers, an idle one, and what a closed connection leaves behind.
 */
class ConnectionGuardTest {

    private final CountingScheduler scheduler = new CountingScheduler();
    private ConnectionGuard guard;
    private Server server;
    private int port;

    private void start(Duration headerDeadline) throws Exception {
        guard = new ConnectionGuard(32, headerDeadline, scheduler);
        server = new Server();
        ServerConnector connector = new ServerConnector(server, null, scheduler, null, -1, -1, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.addBean(guard);
        server.addConnector(connector);
        server.setHandler(new DefaultHandler());
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /**
     * A thousand short connections leave no header deadline waiting in the scheduler (each held its connection for
     * ten seconds: a client opening many connections a second grew the scheduler's queue without bound meanwhile).
     */
    @Test
    void aClosedConnection_leavesNoHeaderDeadlineBehind() throws Exception {
        start(Duration.ofSeconds(10));
        for (int i = 0; i < 1000; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().readAllBytes();
            }
        }

        assertThat(scheduler.awaitNonePending(1)).as("of 10 s each").isZero();
        assertThat(guard.openConnections()).isZero();
    }

    /**
     * A connection that was served once and then drips its next request's headers is closed at the header deadline
     * (only the first request had one: each byte reset the idle timeout, so the connection was held for ever).
     */
    @Test
    void aKeptAliveConnectionDrippingItsNextRequest_isClosedAtTheHeaderDeadline() throws Exception {
        start(Duration.ofMillis(500));
        try (Socket s = RawHttp.open(port)) {
            RawHttp.send(s, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            assertThat(readHead(s)).startsWith("HTTP/1.1 ");
            String next = "GET / HTTP/1.1\r\nHost: h\r\nX-Pad: " + "x".repeat(100) + "\r\n\r\n";
            s.setSoTimeout(50);
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < next.length() && !closed; i++) {
                try {
                    RawHttp.send(s, next.substring(i, i + 1));
                    closed = s.getInputStream().read() < 0;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // drip on, a byte every 50 ms: the whole head would take 6 s
                } catch (java.io.IOException reset) {
                    closed = true;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(closed).as("closed before the head was complete").isTrue();
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A kept-alive connection that sends nothing is left to the idle timeout: its next request, later, is served. */
    @Test
    void anIdleKeptAliveConnection_staysOpenForItsNextRequest() throws Exception {
        start(Duration.ofMillis(500));
        try (Socket s = RawHttp.open(port)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.send(s, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
                assertThat(readHead(s)).startsWith("HTTP/1.1 ");
                Thread.sleep(800);   // longer than the header deadline, shorter than Jetty's idle timeout
            }
            assertThat(scheduler.pending()).as("one deadline for the connection, not one per request").isLessThanOrEqualTo(1);
        }
        assertThat(scheduler.awaitNonePending(5)).isZero();
    }

    /** Reads an answer's head and its body (DefaultHandler's answers carry a Content-Length). */
    private static String readHead(Socket s) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        java.io.InputStream in = s.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("closed after " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.toString();
    }
}
