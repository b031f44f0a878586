package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a feed with Apache HttpClient, safely: http and https only, a total deadline for each request including
 * its whole body (a server sending one byte a second fails at the deadline), a size limit, a bounded number of
 * redirects that never change the scheme, optionally no loopback or private addresses (checked for every hop, on
 * the very addresses the connection then uses, see {@link PinningResolver}), conditional requests
 * ({@code If-None-Match}, {@code If-Modified-Since}), and retries of 5xx, 429 and connection faults by the
 * {@link RetryPolicy}. No lock is held while waiting. Messages name the source by host only. Thread-safe.
 */
final class FeedClient {

    private static final Logger LOG = LoggerFactory.getLogger(FeedClient.class);

    /** What the feed answered: a new body with its validators, or "not modified". */
    sealed interface Answer permits Body, NotModified {
    }

    /**
     * A 2xx body.
     *
     * @param text  the body as UTF-8
     * @param etag  the ETag, if sent
     * @param lastModified  the Last-Modified, if sent
     */
    record Body(String text, Optional<String> etag, Optional<String> lastModified) implements Answer {
    }

    /** A 304: the copy the request named is current. */
    record NotModified() implements Answer {
    }

    private final ReadLimits limits;
    private final RetryPolicy retry;
    private final PinningResolver resolver;
    /** Built on the first feed read: a files-only connection needs no connection pool. */
    private volatile CloseableHttpClient http;

    FeedClient(ReadLimits limits, RetryPolicy retry) {
        this(limits, retry, PinningResolver.system(limits.allowPrivateAddresses()));
    }

    /**
     * @param limits  the limits of every request
     * @param retry  when to retry
     * @param resolver  resolves and checks each new connection's host once (tests play a rebinding DNS server)
     */
    FeedClient(ReadLimits limits, RetryPolicy retry, PinningResolver resolver) {
        this.limits = limits;
        this.retry = retry;
        this.resolver = resolver;
    }

    private CloseableHttpClient http() {
        CloseableHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClients.custom()
                            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                    .setDnsResolver(resolver)
                                    .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                                    .setConnectionFactory(FeedHeaderLimits.connectionFactory())
                                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                                            .setConnectTimeout(timeout(min(limits.connectTimeout(),
                                                    limits.requestTimeout())))
                                            .setSocketTimeout(timeout(limits.requestTimeout()))
                                            .build())
                                    .setMaxConnPerRoute(16)
                                    .setMaxConnTotal(64)
                                    .build())
                            .setDefaultRequestConfig(RequestConfig.custom()
                                    .setConnectionRequestTimeout(timeout(limits.requestTimeout()))
                                    .setResponseTimeout(timeout(limits.requestTimeout()))
                                    .build())
                            .disableRedirectHandling()
                            .disableAutomaticRetries()
                            .disableContentCompression()
                            .disableCookieManagement()
                            .disableAuthCaching()
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(Math.max(1, duration.toMillis()));
    }

    /**
     * @param source  the feed
     * @param etag  the ETag of the copy held, if any
     * @param lastModified  the Last-Modified of the copy held, if any
     * @return the answer
     * @throws BadSettingsException for 401, 403, 404, 410, a refused address, scheme or redirect, a too large body
     * @throws ProviderUnavailableException if the feed keeps failing or missing its deadline after the retries
     * @throws RateLimitedException if the feed keeps answering 429
     * @throws UnexpectedResponseException for any other status
     */
    Answer fetch(IcsSource source, Optional<String> etag, Optional<String> lastModified) {
        long started = System.nanoTime();
        Exception lastFailure = null;
        String lastProblem = "";
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            boolean throttled = false;
            try {
                Exchange exchange = follow(source, etag, lastModified);
                int status = exchange.status;
                if (status == 304 && (etag.isPresent() || lastModified.isPresent())) {
                    LOG.debug("ics: {} not modified (attempt {})", source.describe(), attempt);
                    return new NotModified();
                }
                if (status >= 200 && status < 300) {
                    LOG.debug("ics: read {} ({} bytes, attempt {})", source.describe(), exchange.body.length, attempt);
                    return new Body(new String(exchange.body, StandardCharsets.UTF_8), exchange.etag,
                            exchange.lastModified);
                }
                if (status == 401 || status == 403 || status == 404 || status == 410) {
                    throw new BadSettingsException("ics: " + source.describe() + " answered HTTP " + status
                            + ": the feed address is wrong, expired or not public; check property '"
                            + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'");
                }
                if (status != 429 && status < 500) {
                    throw new UnexpectedResponseException("ics: " + source.describe() + " answered HTTP " + status);
                }
                lastProblem = "HTTP " + status;
                lastFailure = null;
                if (status == 429) {
                    throttled = true;
                    retryAfter = exchange.retryAfter
                            .flatMap(v -> RetryPolicy.parseRetryAfter(v, Instant.now())).orElse(null);
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
                lastFailure = e;
            } catch (TimeoutException e) {
                lastProblem = "no complete answer within " + limits.requestTimeout() + " (property '"
                        + IcsCalendarProvider.REQUEST_TIMEOUT + "')";
                lastFailure = e;
            }
            Duration wait = retry.backoff(attempt, Optional.ofNullable(retryAfter), ThreadLocalRandom.current());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (attempt >= retry.maxAttempts() || elapsed.plus(wait).compareTo(retry.maxElapsed()) > 0) {
                String message = "ics: " + source.describe() + " kept failing after " + attempt + " attempt(s) ("
                        + lastProblem + "); try again later";
                if (throttled) {
                    throw new RateLimitedException(message, retryAfter, lastFailure);
                }
                throw new ProviderUnavailableException(message, lastFailure);
            }
            LOG.debug("ics: {} failed ({}), attempt {}; retrying in {}", source.describe(), lastProblem, attempt, wait);
            sleep(wait, source);
        }
    }

    /** One hop's answer: its status, the headers the caller needs, and the body of a 2xx. */
    private record Exchange(int status, Optional<String> etag, Optional<String> lastModified,
                            Optional<String> retryAfter, Optional<String> location, byte[] body) {
    }

    /** One attempt: the request and its redirects, all within one deadline. */
    private Exchange follow(IcsSource source, Optional<String> etag, Optional<String> lastModified)
            throws IOException, TimeoutException {
        long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
        URI uri = source.url();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        for (int hop = 0; ; hop++) {
            Exchange exchange = send(source, uri, etag, lastModified, deadline);
            int status = exchange.status;
            if (status < 300 || status >= 400 || status == 304 || exchange.location.isEmpty()) {
                return exchange;
            }
            if (hop >= limits.maxRedirects()) {
                throw new BadSettingsException("ics: " + source.describe() + " redirected more than "
                        + limits.maxRedirects() + " times (property '" + IcsCalendarProvider.MAX_REDIRECTS
                        + "'); set the source to the feed's final address");
            }
            URI next;
            try {
                next = uri.resolve(exchange.location.get().strip());
            } catch (IllegalArgumentException e) {
                throw new UnexpectedResponseException("ics: " + source.describe() + " redirected to a malformed"
                        + " address");
            }
            if (next.getScheme() == null || !next.getScheme().equalsIgnoreCase(scheme) || next.getHost() == null) {
                throw new BadSettingsException("ics: " + source.describe() + " redirected to another scheme ("
                        + (next.getScheme() == null ? "none" : next.getScheme().toLowerCase(Locale.ROOT))
                        + "); only " + scheme + " is followed. Set the source to the feed's final address");
            }
            LOG.debug("ics: {} redirected (HTTP {}) to host {}", source.describe(), status, next.getHost());
            uri = next;
        }
    }

    /**
     * One request. A timer aborts it at the deadline, wherever it is (connecting, waiting, reading the body); the
     * connection is dropped unless the body was read to its end.
     */
    private Exchange send(IcsSource source, URI uri, Optional<String> etag, Optional<String> lastModified,
                          long deadline) throws IOException, TimeoutException {
        HttpGet request = new HttpGet(uri);
        request.setHeader("Accept", "text/calendar, */*;q=0.5");
        request.setHeader("User-Agent", "personal-tracker-calendar-ics");
        etag.ifPresent(v -> request.setHeader("If-None-Match", v));
        lastModified.ifPresent(v -> request.setHeader("If-Modified-Since", v));
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("deadline passed");
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> alarm = Deadlines.at(() -> {
            late.set(true);
            request.cancel();
        }, left);
        boolean complete = false;
        ClassicHttpResponse response = null;
        try {
            response = http().executeOpen(null, request, null);
            int status = response.getCode();
            byte[] body = new byte[0];
            if (status >= 200 && status < 300 && response.getEntity() != null) {
                body = read(source, response.getEntity());
                complete = true;
            }
            return new Exchange(status, header(response, "ETag"), header(response, "Last-Modified"),
                    header(response, "Retry-After"), header(response, "Location"), body);
        } catch (PinningResolver.RefusedAddress e) {
            throw new BadSettingsException("ics: " + source.describe() + " points to a local or private"
                    + " address (host " + uri.getHost() + "), which this application does not allow (property '"
                    + IcsCalendarProvider.ALLOW_PRIVATE_ADDRESSES + "')");
        } catch (MessageConstraintException e) {
            throw new UnexpectedResponseException("ics: " + source.describe() + " answered with "
                    + FeedHeaderLimits.passed() + "; check the feed address");
        } catch (UnknownHostException e) {
            throw new ProviderUnavailableException("ics: " + source.describe() + " has a host that cannot be resolved"
                    + "; check the address and the network", e);
        } catch (IOException e) {
            if (late.get()) {
                throw new TimeoutException("deadline passed");
            }
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new ProviderUnavailableException("ics: interrupted while reading " + source.describe(), e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
            if (!complete) {
                request.cancel(); // drop the connection rather than drain an unread body
            }
            if (response != null) {
                try {
                    response.close();
                } catch (IOException e) {
                    LOG.debug("ics: closing the answer of {} failed: {}", source.describe(), e.toString());
                }
            }
        }
    }

    private static Optional<String> header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
    }

    /** Reads a body up to the size limit; refuses it, unread, past the limit. */
    private byte[] read(IcsSource source, HttpEntity entity) throws IOException {
        long max = limits.maxBytes();
        if (entity.getContentLength() > max) {
            throw tooLarge(source);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = entity.getContent();
        if (in == null) {
            return new byte[0];
        }
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (bytes.size() + (long) n > max) {
                throw tooLarge(source);
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    private BadSettingsException tooLarge(IcsSource source) {
        return new BadSettingsException("ics: " + source.describe() + " sent more than " + limits.maxBytes()
                + " bytes (property '" + IcsCalendarProvider.MAX_BYTES + "'); it is not read");
    }

    private static void sleep(Duration wait, IcsSource source) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("ics: interrupted while retrying " + source.describe(), e);
        }
    }

}
