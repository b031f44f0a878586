package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.personaltracker.calendar.ics.LocalAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding against the app's own feed reads: a scripted name server answers each host differently on each
 * lookup. The test server on 127.0.0.1 stands for a public server (the refusal rule here is the app's, minus exactly
 * 127.0.0.1), so a read that asked a second time would be sent to the later, refused answers.
 */
class SourcePinningTest {

    private static final String CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n";
    private static final Predicate<InetAddress> LOCAL_BUT_THE_TEST_SERVER =
            a -> LocalAddresses.isLocal(a) && !a.getHostAddress().equals("127.0.0.1");

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cal.ics", x -> {
            served.incrementAndGet();
            byte[] body = CALENDAR.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.createContext("/moved", x -> {
            served.incrementAndGet();
            x.getResponseHeaders().add("Location", x.getRequestURI().getQuery());
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The host answers these addresses, one lookup after another; the last one stays. */
    private void dns(String host, String... addresses) {
        answers.put(host, new ArrayDeque<>(List.of(addresses)));
    }

    private InetAddress[] lookup(String host) throws UnknownHostException {
        lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        Deque<String> next = answers.get(host);
        if (next == null) {
            throw new UnknownHostException(host);
        }
        String address = next.size() > 1 ? next.poll() : next.peek();
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    private SourceFetcher fetcher() {
        return new SourceFetcher(Duration.ofSeconds(5), SourceGuard.MAX_BYTES, this::lookup, LOCAL_BUT_THE_TEST_SERVER);
    }

    @Test
    void aHostThatRebindsAfterItsFirstAnswer_isConnectedToTheCheckedAddress_withOneLookup() {
        for (String later : List.of("169.254.169.254", "10.0.0.1", "192.168.1.1", "::1", "::ffff:127.0.0.2", "fd00::1")) {
            String host = "rebind-" + later.replace(':', '-').replace('.', '-') + ".test";
            dns(host, "127.0.0.1", later);
            try (SourceFetcher fetcher = fetcher()) {
                byte[] bytes = fetcher.fetch(url(host, "/cal.ics"), new SourceGuard(List.of(dir), false), b -> { });
                assertThat(new String(bytes, StandardCharsets.UTF_8)).as(later).isEqualTo(CALENDAR);
            }
            assertThat(lookups.get(host)).as(later).hasValue(1);
        }
        assertThat(served).hasValue(6);
    }

    @Test
    void aHostWhoseFirstAnswerIsLocal_isRefused_andNothingIsSent() {
        dns("metadata.test", "169.254.169.254");
        dns("mapped.test", "::ffff:10.1.2.3");
        try (SourceFetcher fetcher = fetcher()) {
            for (String host : List.of("metadata.test", "mapped.test")) {
                assertThatThrownBy(() -> fetcher.fetch(url(host, "/cal.ics"), new SourceGuard(List.of(dir), false), b -> { }))
                        .isInstanceOf(SourceException.class).hasMessageContaining(host).hasMessageContaining("local network");
            }
        }
        assertThat(served).hasValue(0);
    }

    @Test
    void aRedirectToAHostOnTheLocalNetwork_isRefused_beforeItIsAsked() {
        dns("public.test", "127.0.0.1");
        dns("inner.test", "10.0.0.5");
        try (SourceFetcher fetcher = fetcher()) {
            assertThatThrownBy(() -> fetcher.fetch(url("public.test", "/moved?" + url("inner.test", "/cal.ics")),
                    new SourceGuard(List.of(dir), false), b -> { }))
                    .isInstanceOf(SourceException.class).hasMessageContaining("inner.test").hasMessageContaining("10.0.0.5");
        }
        assertThat(served).as("only the redirect").hasValue(1);
        assertThat(lookups.get("inner.test")).hasValue(1);
    }

    @Test
    void whenThePersonAllowsTheLocalNetwork_aLocalHostIsRead() {
        dns("nas.test", "127.0.0.1");
        try (SourceFetcher fetcher = new SourceFetcher(Duration.ofSeconds(5), SourceGuard.MAX_BYTES, this::lookup,
                LocalAddresses::isLocal)) {
            assertThatThrownBy(() -> fetcher.fetch(url("nas.test", "/cal.ics"), new SourceGuard(List.of(dir), false), b -> { }))
                    .isInstanceOf(SourceException.class).hasMessageContaining("Allow addresses on this machine");
            assertThat(fetcher.fetch(url("nas.test", "/cal.ics"), new SourceGuard(List.of(dir), true), b -> { }))
                    .asString(StandardCharsets.UTF_8).isEqualTo(CALENDAR);
        }
        assertThat(served).hasValue(1);
    }
}
