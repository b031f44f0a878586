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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-connection guard on a real Jetty: what a closed connection leaves behind. */
class ConnectionGuardTest {

    private final CountingScheduler scheduler = new CountingScheduler();
    private final ConnectionGuard guard = new ConnectionGuard(32, Duration.ofSeconds(10), scheduler);
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
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
        server.stop();
    }

    /**
     * A thousand short connections leave no header deadline waiting in the scheduler (each held its connection for
     * ten seconds: a client opening many connections a second grew the scheduler's queue without bound meanwhile).
     */
    @Test
    void aClosedConnection_leavesNoHeaderDeadlineBehind() throws Exception {
        for (int i = 0; i < 1000; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().readAllBytes();
            }
        }

        assertThat(scheduler.awaitNonePending(5)).isZero();
        assertThat(guard.openConnections()).isZero();
    }
}
