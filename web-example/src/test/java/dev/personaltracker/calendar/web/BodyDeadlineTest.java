package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time a body has (a grace plus one second per KiB, of its declared length or, chunked, of the largest body) and
 * how it is kept, on a real Jetty with a short grace: only time the server waits for the client counts, a late body's
 * connection is closed, and every watch ends with its request (keep-alive, pipelining, a thousand requests).
 */
class BodyDeadlineTest {

    private static final Duration GRACE = Duration.ofMillis(500);
    private static final int MAX_BODY = 1024;

    private final BodyDeadline deadline = new BodyDeadline(Duration.ofSeconds(10), 64 * 1024, new ScheduledExecutorScheduler());
    private final CountingScheduler scheduler = new CountingScheduler();
    private final CountDownLatch pageEntered = new CountDownLatch(1);
    private final CountDownLatch pageMayRead = new CountDownLatch(1);
    private Server server;
    private int port;

    @AfterEach
    void stop() throws Exception {
        pageMayRead.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aBodyHasTheGracePlusASecondPerKiB_ofItsDeclaredLength() {
        assertThat(deadline.allowed(1)).isEqualTo(Duration.ofMillis(10_000));
        assertThat(deadline.allowed(2048)).isEqualTo(Duration.ofSeconds(12));
        assertThat(deadline.allowed(1536)).isEqualTo(Duration.ofMillis(11_500));
    }

    @Test
    void aChunkedOrOversizedBody_hasTheTimeOfTheLargestBodyTaken() {
        assertThat(deadline.allowed(-1)).isEqualTo(Duration.ofSeconds(10 + 64));
        assertThat(deadline.allowed(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10 + 64));
    }

    @Test
    void aLargestBodyOfNothing_orNoGrace_isRefused() {
        assertThatThrownBy(() -> new BodyDeadline(Duration.ofSeconds(1), 0, new ScheduledExecutorScheduler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBody").hasMessageContaining("0");
        assertThatThrownBy(() -> new BodyDeadline(Duration.ZERO, 1, new ScheduledExecutorScheduler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace").hasMessageContaining("PT0S");
    }

    // ---------------------------------------------------------------- on a real connector

    @Test
    void aBodyDrippedAByteAtATime_isCutOffAtItsDeadline_withADeclaredLengthOrChunked() throws Exception {
        start();
        String body = "x".repeat(200);
        Duration fixed = drip("POST /read HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n", body);
        Duration chunked = drip("POST /read HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n",
                Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");

        // 0.5 s + 200/1024 s declared; 0.5 s + 1 s for a chunked body (the largest body taken is 1 KiB)
        assertThat(fixed).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(6));
        assertThat(chunked).isGreaterThanOrEqualTo(Duration.ofMillis(1400)).isLessThan(Duration.ofSeconds(7));
        assertThat(exchange("GET /read HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")).as("others are served")
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aChunkedBodyArrivingSlowlyButInTime_isTaken() throws Exception {
        start();

        String answer = RawHttp.exchangeInPieces(port, Duration.ofMillis(350),
                "POST /read HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n",
                "6\r\n world\r\n", "1\r\n!\r\n", "0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("read 12");
    }

    /**
     * A page that takes longer than the whole deadline before it reads the body (a GET with a body, a request queued
     * behind busy workers) is not cut off: the client sent its body at once, the server just had not asked for it.
     */
    @Test
    void aPageSlowerThanTheDeadlineBeforeItReadsTheBody_isAnswered() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
            assertThat(pageEntered.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1200);   // the page computes for longer than the body's 0.5 s: the deadline must not count it
            pageMayRead.countDown();

            assertThat(readAll(s)).startsWith("HTTP/1.1 200").endsWith("read 5");
        }
    }

    /** With {@code Expect: 100-continue} the client sends its body only once the page reads it: its time starts then. */
    @Test
    void aBodyWaitingFor100Continue_hasItsWholeTime_fromWhenThePageAsksForIt() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
            assertThat(pageEntered.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1200);
            pageMayRead.countDown();
            String interim = readUntil(s, "\r\n\r\n");
            assertThat(interim).startsWith("HTTP/1.1 100");
            Thread.sleep(300);   // a client's own short delay, within its 0.5 s
            send(s, "hello");

            assertThat(readAll(s)).startsWith("HTTP/1.1 200").endsWith("read 5");
        }
    }

    @Test
    void aSecondRequestOnTheConnection_isServed_afterAWholeBody_andPipelined() throws Exception {
        start();
        String one = "POST /read HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
        String chunked = "POST /read HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n";
        try (Socket s = connect()) {
            send(s, one);
            assertThat(readUntil(s, "read 3")).startsWith("HTTP/1.1 200");
            Thread.sleep(800);   // longer than a body's grace: the first request's watch must be over
            send(s, one + chunked + "GET /read HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

            assertThat(readAll(s)).containsSubsequence("read 3", "read 2", "read 0").doesNotContain("HTTP/1.1 4")
                    .doesNotContain("HTTP/1.1 5");
        }
    }

    @Test
    void aConnectionCutOffMidBody_takesNoSecondRequest() throws Exception {
        start();
        try (Socket s = connect()) {
            send(s, "POST /read HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");

            assertThat(readOrReset(s)).as("closed without an answer").isEmpty();
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    send(s, "GET /read HTTP/1.1\r\nHost: h\r\n\r\n");
                    Thread.sleep(50);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void everyWatchEnds_withItsRequest_overAThousandQuickRequests() throws Exception {
        start();
        try (Socket s = connect()) {
            for (int i = 0; i < 1000; i++) {
                send(s, i % 2 == 0 ? "POST /read HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                        : "POST /read HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
                readUntil(s, "read 3");
            }
            assertThat(scheduler.awaitNonePending(5)).as("watches left in the scheduler").isZero();
        }
        // a watch whose client went away mid-body ends with it too
        try (Socket s = connect()) {
            send(s, "POST /read HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
        }
        assertThat(scheduler.awaitNonePending(5)).isZero();
    }

    // ---------------------------------------------------------------- the server and its clients

    private void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server, null, scheduler, null, -1, -1, new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.addBean(new BodyDeadline(GRACE, MAX_BODY, scheduler));
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                base.setHandled(true);
                if (target.equals("/slow")) {
                    pageEntered.countDown();
                    try {
                        pageMayRead.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int read = request.getInputStream().readAllBytes().length;
                response.setContentType("text/plain");
                response.getWriter().print("read " + read);
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    private Socket connect() throws IOException {
        return RawHttp.open(port);
    }

    private static void send(Socket s, String text) throws IOException {
        RawHttp.send(s, text);
    }

    private String exchange(String request) throws IOException {
        try (Socket s = connect()) {
            send(s, request);
            return readAll(s);
        }
    }

    private static String readAll(Socket s) throws IOException {
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Reads to the end; a connection reset ends it too. */
    private static String readOrReset(Socket s) throws IOException {
        StringBuilder got = new StringBuilder();
        try {
            for (int b = s.getInputStream().read(); b >= 0; b = s.getInputStream().read()) {
                got.append((char) b);
            }
        } catch (java.net.SocketException reset) {
            // closed by the server with data unread: the same end
        }
        return got.toString();
    }

    /** Reads until the text so far ends with {@code end}. */
    private static String readUntil(Socket s, String end) throws IOException {
        StringBuilder got = new StringBuilder();
        InputStream in = s.getInputStream();
        while (!got.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + got);
            }
            got.append((char) b);
        }
        return got.toString();
    }

    /**
     * Sends the head, then the body a byte every 50 ms until the server answers or closes.
     *
     * @return the time from the head to the cut-off
     */
    private Duration drip(String head, String body) throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(50);
            send(s, head);
            long start = System.nanoTime();
            for (int i = 0; i < body.length(); i++) {
                try {
                    send(s, body.substring(i, i + 1));
                    s.getInputStream().read();   // an end or an answer: either way the server stopped waiting
                    return Duration.ofNanos(System.nanoTime() - start);
                } catch (SocketTimeoutException stillWaiting) {
                    // drip on
                } catch (IOException closed) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
            throw new AssertionError("the whole body was dripped (" + body.length() + " bytes) without a cut-off");
        }
    }
}
