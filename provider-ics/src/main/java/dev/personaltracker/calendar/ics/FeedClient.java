package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a feed with {@link HttpClient}, safely: http and https only, a total deadline for each request including
 * its whole body (a server sending one byte a second fails at the deadline), a size limit, a bounded number of
 * redirects that never change the scheme, optionally no loopback or private addresses (checked for every hop),
 * conditional requests ({@code If-None-Match}, {@code If-Modified-Since}), and retries of 5xx, 429 and connection
 * faults by the {@link RetryPolicy}. No lock is held while waiting. Messages name the source by host only.
 * Thread-safe.
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
    /** Built on the first feed read: an HttpClient starts a selector thread, which a files-only connection needs not. */
    private volatile HttpClient http;

    FeedClient(ReadLimits limits, RetryPolicy retry) {
        this.limits = limits;
        this.retry = retry;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(limits.connectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    http = client;
                }
            }
        }
        return client;
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
                    return new Body(new String(exchange.body, StandardCharsets.UTF_8),
                            exchange.response.headers().firstValue("ETag"),
                            exchange.response.headers().firstValue("Last-Modified"));
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
                    retryAfter = exchange.response.headers().firstValue("Retry-After")
                            .flatMap(v -> RetryPolicy.parseRetryAfter(v, Instant.now())).orElse(null);
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
                lastFailure = e;
            } catch (TimeoutException e) {
                lastProblem = "no complete answer within " + limits.requestTimeout() + " (property '"
                        + IcsCalendarProvider.REQUEST_TIMEOUT + "')";
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException("ics: interrupted while reading " + source.describe(), e);
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

    private record Exchange(int status, HttpResponse<byte[]> response, byte[] body) {
    }

    /** One attempt: the request and its redirects, all within one deadline. */
    private Exchange follow(IcsSource source, Optional<String> etag, Optional<String> lastModified)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
        URI uri = source.url();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        for (int hop = 0; ; hop++) {
            checkAddress(source, uri);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(limits.requestTimeout())
                    .header("Accept", "text/calendar, */*;q=0.5")
                    .header("User-Agent", "personal-tracker-calendar-ics")
                    .GET();
            etag.ifPresent(v -> request.header("If-None-Match", v));
            lastModified.ifPresent(v -> request.header("If-Modified-Since", v));
            LimitedBody body = new LimitedBody(limits.maxBytes());
            CompletableFuture<HttpResponse<byte[]>> pending = http().sendAsync(request.build(), info -> body);
            HttpResponse<byte[]> response;
            try {
                long left = deadline - System.nanoTime();
                response = pending.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                body.abort();
                pending.cancel(true);
                throw e;
            } catch (InterruptedException e) {
                body.abort();
                pending.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (body.tooLarge()) {
                    throw new BadSettingsException("ics: " + source.describe() + " sent more than " + limits.maxBytes()
                            + " bytes (property '" + IcsCalendarProvider.MAX_BYTES + "'); it is not read");
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause == null ? "failed" : cause.getClass().getSimpleName(), cause);
            }
            int status = response.statusCode();
            if (status < 300 || status >= 400 || status == 304) {
                return new Exchange(status, response, response.body() == null ? new byte[0] : response.body());
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                return new Exchange(status, response, new byte[0]);
            }
            if (hop >= limits.maxRedirects()) {
                throw new BadSettingsException("ics: " + source.describe() + " redirected more than "
                        + limits.maxRedirects() + " times (property '" + IcsCalendarProvider.MAX_REDIRECTS
                        + "'); set the source to the feed's final address");
            }
            URI next;
            try {
                next = uri.resolve(location.get().strip());
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

    /** Refuses loopback, private, link-local and other local addresses when the settings ask for it. */
    private void checkAddress(IcsSource source, URI uri) {
        if (limits.allowPrivateAddresses()) {
            return;
        }
        String host = uri.getHost();
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isLocal(address)) {
                    throw new BadSettingsException("ics: " + source.describe() + " points to a local or private"
                            + " address (host " + host + "), which this application does not allow (property '"
                            + IcsCalendarProvider.ALLOW_PRIVATE_ADDRESSES + "')");
                }
            }
        } catch (UnknownHostException e) {
            throw new ProviderUnavailableException("ics: " + source.describe() + " has a host that cannot be resolved"
                    + "; check the address and the network", e);
        }
    }

    /**
     * @param address  an address
     * @return true for loopback, any-local, link-local, site-local (10/8, 172.16/12, 192.168/16), shared (100.64/10),
     *     unique-local IPv6 (fc00::/7), multicast and IPv4-mapped forms of these
     */
    static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // fc00::/7
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return isLocal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration wait, IcsSource source) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("ics: interrupted while retrying " + source.describe(), e);
        }
    }

    /** Thrown inside the body subscriber when the body passes the limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("body over the size limit");
        }
    }

    /** Collects a body up to a limit; cancels the stream past it or when aborted. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        private volatile boolean tooLarge;

        LimitedBody(long max) {
            this.max = max;
        }

        boolean tooLarge() {
            return tooLarge;
        }

        void abort() {
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(new IOException("aborted at the deadline"));
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer buffer : items) {
                if (bytes.size() + (long) buffer.remaining() > max) {
                    tooLarge = true;
                    subscription.get().cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
