package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.ics.FeedHeaderLimits;
import dev.personaltracker.calendar.ics.LocalAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a calendar source that passed {@link SourceGuard} on its own threads, within a total deadline and a size
 * limit, and checks what it read. The caller waits at most the deadline and holds no lock meanwhile; a feed that
 * sends a byte a second, a server that never answers, endless headers or an out-of-memory while parsing ends as a
 * {@link SourceException}, and the app keeps serving. No {@code Accept-Encoding} is sent and nothing is decoded, so
 * the size limit holds for every byte kept: a compressed "bomb" stays the few bytes it was sent as (and is no
 * calendar).
 * <p>
 * A feed's host is looked up once per connection, by the HTTP client's only resolver, which refuses an address on
 * this machine or the local network (unless the person allowed them) and hands exactly the addresses it checked to
 * the connection: a DNS server that answers a public address first and 127.0.0.1 next (DNS rebinding) gets no second
 * question to answer. Every redirect's target is checked the same way.
 */
final class SourceFetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFetcher.class);
    private static final int MAX_REDIRECTS = 5;
    /** The guard of the read running on this thread; the blocking client resolves on the calling thread. */
    private static final ThreadLocal<SourceGuard> GUARD = new ThreadLocal<>();

    /** Looks a host up; a seam so that tests can play a rebinding DNS server. */
    @FunctionalInterface
    interface Lookup {
        /**
         * @param host  a host name or literal address
         * @return its addresses
         * @throws UnknownHostException if it has none
         */
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** A host that resolved to an address the guard refuses; nothing was connected. */
    private static final class LocalAddress extends UnknownHostException {
        private static final long serialVersionUID = 1L;
        private final String address;

        LocalAddress(String host, String address) {
            super(host);
            this.address = address;
        }
    }

    private final Duration deadline;
    private final long maxBytes;
    private final ExecutorService pool;
    private final Lookup lookup;
    private final Predicate<InetAddress> local;
    private final CloseableHttpClient http;

    /**
     * Creates a fetcher on the system's name lookup.
     *
     * @param deadline  the most a read (with its redirects and the check) may take, not null
     * @param maxBytes  the largest source read
     */
    SourceFetcher(Duration deadline, long maxBytes) {
        this(deadline, maxBytes, InetAddress::getAllByName, LocalAddresses::isLocal);
    }

    /**
     * Creates a fetcher.
     *
     * @param deadline  the most a read (with its redirects and the check) may take, not null
     * @param maxBytes  the largest source read
     * @param lookup  how hosts are looked up, once per connection, not null
     * @param local  the addresses refused unless the guard allows the local network, not null
     */
    SourceFetcher(Duration deadline, long maxBytes, Lookup lookup, Predicate<InetAddress> local) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.lookup = lookup;
        this.local = local;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "web-example-source-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Timeout total = Timeout.ofMilliseconds(Math.max(1, deadline.toMillis()));
        Timeout connect = Timeout.ofMilliseconds(Math.max(1, Math.min(deadline.toMillis(), 10_000)));
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new DnsResolver() {
                            @Override
                            public InetAddress[] resolve(String host) throws UnknownHostException {
                                return pinned(host);
                            }

                            @Override
                            public String resolveCanonicalHostname(String host) {
                                return host;
                            }
                        })
                        .setConnectionFactory(FeedHeaderLimits.connectionFactory())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                                .setSocketTimeout(total).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(total)
                        .setResponseTimeout(total).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Looks a host up once and checks every address; the connection then uses exactly these. */
    private InetAddress[] pinned(String host) throws UnknownHostException {
        SourceGuard guard = GUARD.get();
        InetAddress[] addresses = lookup.addresses(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (guard == null || !guard.allowLocalNetwork()) {
            for (InetAddress a : addresses) {
                if (local.test(a)) {
                    throw new LocalAddress(host, a.getHostAddress());
                }
            }
        }
        return addresses.clone();
    }

    /**
     * Reads a source and checks its content.
     *
     * @param location  what the person typed, checked by {@code guard} on the fetcher's thread (a slow name lookup
     *                  counts toward the deadline too), not null
     * @param guard  checks the location and every redirect's target, not null
     * @param check  checks the bytes (throws {@link SourceException} when they are no calendar), not null
     * @return the bytes, not null
     * @throws SourceException if the source cannot be read, in time, within the size, or fails the check
     */
    byte[] fetch(String location, SourceGuard guard, Consumer<byte[]> check) {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        Future<byte[]> task = pool.submit(() -> {
            SourceGuard.Target target = guard.check(location);
            byte[] bytes = target instanceof SourceGuard.FileTarget f ? readFile(f, abort)
                    : readUrl(((SourceGuard.UrlTarget) target).uri(), guard, abort);
            check.accept(bytes);
            return bytes;
        });
        try {
            return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            abortQuietly(abort.get());
            throw new SourceException("'" + location + "' did not finish within " + deadline.toSeconds()
                    + " seconds (a slow or stuck server or file).");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceException s) {
                throw s;
            }
            // never the cause's message: parsers quote what they read
            LOG.warn("Reading '{}' failed: {}", location, cause.getClass().getName());
            throw new SourceException(cause instanceof OutOfMemoryError || cause instanceof StackOverflowError
                    ? "'" + location + "' is too large or too complex to read."
                    : "'" + location + "' could not be read.");
        } catch (CancellationException e) {
            throw new SourceException("'" + location + "' could not be read.");
        } catch (InterruptedException e) {
            task.cancel(true);
            abortQuietly(abort.get());
            Thread.currentThread().interrupt();
            throw new SourceException("Reading '" + location + "' was interrupted.");
        }
    }

    private byte[] readFile(SourceGuard.FileTarget f, AtomicReference<Runnable> abort) throws IOException {
        // checked again right before opening: a pipe or device swapped in meanwhile would block or never end
        BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new SourceException("'" + f.path() + "' is not a regular file (it is a folder, device or pipe).");
        }
        try (InputStream in = Files.newInputStream(f.path(), LinkOption.NOFOLLOW_LINKS)) {
            abort.set(() -> closeQuietly(in));
            return limited(in, "'" + f.path() + "'");
        }
    }

    private byte[] readUrl(URI start, SourceGuard guard, AtomicReference<Runnable> abort) throws IOException {
        GUARD.set(guard);
        try {
            URI uri = start;
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpGet get = new HttpGet(uri);
                get.setHeader("Accept", "text/calendar, */*");
                abort.set(get::cancel);
                try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
                    boolean whole = false;
                    try {
                        int status = response.getCode();
                        Header location = response.getFirstHeader("Location");
                        if (status >= 300 && status < 400 && location != null) {
                            URI next;
                            try {
                                next = uri.resolve(location.getValue().strip());
                            } catch (IllegalArgumentException e) {
                                throw new SourceException(host(uri) + " redirected to an invalid address.");
                            }
                            uri = guard.checkUrl(next).uri();
                            continue;
                        }
                        if (status != 200) {
                            throw new SourceException(host(uri) + " answered HTTP " + status + " instead of the calendar.");
                        }
                        HttpEntity entity = response.getEntity();
                        InputStream in = entity == null ? null : entity.getContent();
                        if (in == null) {
                            whole = true;
                            return new byte[0];
                        }
                        byte[] bytes = limited(in, host(uri));
                        whole = in.read() == -1;
                        return bytes;
                    } finally {
                        if (!whole) {
                            get.cancel();   // before the close, which would read the rest of an unread body
                        }
                    }
                } catch (MessageConstraintException e) {
                    throw new SourceException(host(uri) + " answered with " + FeedHeaderLimits.passed() + ".");
                } catch (LocalAddress e) {
                    throw SourceGuard.localNetwork(e.getMessage(), e.address);
                } catch (UnknownHostException e) {
                    throw new SourceException("The host '" + uri.getHost() + "' was not found: check the address.");
                }
            }
            throw new SourceException(host(start) + " redirected more than " + MAX_REDIRECTS + " times.");
        } finally {
            GUARD.remove();
        }
    }

    private byte[] limited(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new SourceException(what + " is larger than " + maxBytes / (1024 * 1024) + " MB.");
        }
        return bytes;
    }

    private static String host(URI uri) {
        return "The server " + uri.getHost();
    }

    private static void abortQuietly(Runnable abort) {
        if (abort != null) {
            try {
                abort.run();
            } catch (RuntimeException e) {
                LOG.debug("Stopping a stalled source failed", e);
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing a stalled source failed", e);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            http.close();
        } catch (IOException e) {
            LOG.debug("Closing the feed client failed", e);
        }
    }
}
