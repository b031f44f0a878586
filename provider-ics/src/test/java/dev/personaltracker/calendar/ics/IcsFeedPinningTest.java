package dev.personaltracker.calendar.ics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding: the addresses checked are the addresses connected to, on every hop. A scripted DNS server answers
 * each host differently on each lookup (TTL 0); the feed must be read from the first answer, with exactly one lookup
 * per host, and a forbidden answer must refuse the request before any connection.
 *
 * <p>WireMock listens on 127.0.0.1. To let it stand for a public server in the strict mode, most tests refuse what
 * {@link LocalAddresses#isLocal} refuses except exactly 127.0.0.1; one test uses the production rule unchanged.
 */
class IcsFeedPinningTest {

    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60));
    private static final String CALENDAR = IcsFixtures.calendarText("\r\n");
    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(get(urlEqualTo("/cal.ics")).willReturn(aResponse().withStatus(200).withBody(CALENDAR)));
    }

    /** A DNS server with TTL 0: each host has a script of answers, the last one repeated; lookups are counted. */
    private static final class RebindingDns implements PinningResolver.Lookup {
        private final Map<String, Deque<InetAddress[]>> answers = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

        RebindingDns answer(String host, String... eachLookup) throws UnknownHostException {
            Deque<InetAddress[]> script = new ArrayDeque<>();
            for (String addresses : eachLookup) {
                String[] parts = addresses.split(",");
                InetAddress[] resolved = new InetAddress[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    resolved[i] = address(host, parts[i]);
                }
                script.add(resolved);
            }
            answers.put(host, script);
            return this;
        }

        /** Keeps an IPv4-mapped IPv6 literal IPv6, as a DNS AAAA answer does (InetAddress would make it IPv4). */
        private static InetAddress address(String host, String literal) throws UnknownHostException {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            if (literal.contains(":") && bytes.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return Inet6Address.getByAddress(host, mapped, -1);
            }
            return InetAddress.getByAddress(host, bytes);
        }

        int lookups(String host) {
            return lookups.getOrDefault(host, new AtomicInteger()).get();
        }

        @Override
        public synchronized InetAddress[] addresses(String host) throws UnknownHostException {
            lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            Deque<InetAddress[]> script = answers.get(host);
            if (script == null) {
                throw new UnknownHostException(host);
            }
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    /** The production rule, except that 127.0.0.1 (WireMock) stands for a public server. */
    private static final Predicate<InetAddress> LOCAL_BUT_WIREMOCK = address ->
            LocalAddresses.isLocal(address) && !Arrays.equals(address.getAddress(), new byte[] {127, 0, 0, 1});

    private static FeedClient client(RebindingDns dns, Predicate<InetAddress> refused, Duration connectTimeout) {
        ReadLimits limits = new ReadLimits(ReadLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(5), connectTimeout,
                Duration.ofSeconds(5), 5, Optional.empty(), false);
        return new FeedClient(limits, ONCE, new PinningResolver(dns, refused));
    }

    private static FeedClient.Answer fetch(FeedClient client, String host, String path) {
        IcsSource source = IcsSource.parse("work", "http://" + host + ":" + server.port() + path);
        return client.fetch(source, Optional.empty(), Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "10.0.0.1", "192.168.1.1", "::ffff:127.0.0.2", "::1", "fd00::1",
        "0.0.0.0", "100.64.0.1"})
    void aLaterAnswerIsNeverUsed(String later) throws Exception {
        RebindingDns dns = new RebindingDns().answer("feed.example", "127.0.0.1", later);
        FeedClient client = client(dns, LOCAL_BUT_WIREMOCK, Duration.ofSeconds(2));
        assertThat(fetch(client, "feed.example", "/cal.ics")).isInstanceOf(FeedClient.Body.class);
        server.verify(1, anyRequestedFor(anyUrl()));
        assertThat(dns.lookups("feed.example")).isEqualTo(1); // checked once, connected to what was checked
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "::ffff:169.254.169.254", "::ffff:10.1.2.3", "127.0.0.2",
        "127.0.0.1,10.0.0.1", "fe80::1", "224.0.0.1"})
    void aForbiddenAnswerIsRefusedBeforeAnyConnection(String first) throws Exception {
        RebindingDns dns = new RebindingDns().answer("feed.example", first, "127.0.0.1");
        assertThatThrownBy(() -> fetch(client(dns, LOCAL_BUT_WIREMOCK, Duration.ofSeconds(2)), "feed.example",
                "/cal.ics"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("local or private")
                .hasMessageContaining("host feed.example").hasMessageContaining("http.allowPrivateAddresses");
        server.verify(0, anyRequestedFor(anyUrl()));
        assertThat(dns.lookups("feed.example")).isEqualTo(1);
    }

    @Test
    void withTheProductionRuleAPublicFirstAnswerIsWhereTheRequestGoes() throws Exception {
        // 203.0.113.7 is public (documentation range, unreachable): the request goes there and fails; the second
        // answer, the loopback WireMock, never sees it.
        RebindingDns dns = new RebindingDns().answer("feed.example", "203.0.113.7", "127.0.0.1");
        assertThatThrownBy(() -> fetch(client(dns, LocalAddresses::isLocal, Duration.ofMillis(300)), "feed.example",
                "/cal.ics"))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("source 'work'");
        server.verify(0, anyRequestedFor(anyUrl()));
        assertThat(dns.lookups("feed.example")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "10.0.0.1", "::ffff:127.0.0.1", "::1"})
    void aRedirectToAHostOnAForbiddenAddressIsRefused(String internal) throws Exception {
        server.stubFor(get(urlEqualTo("/old.ics")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://internal.example:" + server.port() + "/cal.ics")));
        RebindingDns dns = new RebindingDns().answer("feed.example", "127.0.0.1")
                .answer("internal.example", internal);
        assertThatThrownBy(() -> fetch(client(dns, LOCAL_BUT_WIREMOCK, Duration.ofSeconds(2)), "feed.example",
                "/old.ics"))
                .isInstanceOf(BadSettingsException.class).hasMessageContaining("host internal.example");
        server.verify(1, anyRequestedFor(anyUrl()));
        assertThat(dns.lookups("internal.example")).isEqualTo(1);
    }

    @Test
    void eachRedirectHopIsPinnedToItsOwnSingleLookup() throws Exception {
        server.stubFor(get(urlEqualTo("/old.ics")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://moved.example:" + server.port() + "/cal.ics")));
        RebindingDns dns = new RebindingDns().answer("feed.example", "127.0.0.1", "169.254.169.254")
                .answer("moved.example", "127.0.0.1", "10.0.0.1");
        FeedClient client = client(dns, LOCAL_BUT_WIREMOCK, Duration.ofSeconds(2));
        assertThat(fetch(client, "feed.example", "/old.ics")).isInstanceOf(FeedClient.Body.class);
        assertThat(List.of(dns.lookups("feed.example"), dns.lookups("moved.example"))).containsExactly(1, 1);
        server.verify(2, anyRequestedFor(anyUrl()));
    }
}
