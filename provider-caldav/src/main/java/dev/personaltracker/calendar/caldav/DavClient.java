package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends WebDAV requests with the JDK's {@link HttpClient}: Basic authorization from the {@link Grant}, redirects
 * followed by hand (the method and body are kept, as WebDAV needs; the password goes to a new origin only over
 * https), and retries by the {@link RetryPolicy} for 429, 423, 5xx, timeouts and connection faults, honouring
 * {@code Retry-After}. Every request has its own timeout, and one operation ({@link #call}) never runs past the
 * policy's {@link RetryPolicy#maxElapsed() maxElapsed} in all, so a hanging server ends in a typed error.
 * <p>
 * A 401 marks the grant and throws {@link dev.personaltracker.calendar.spi.ReauthorizationRequiredException},
 * unless its challenge offers no Basic at all (a Digest-only server): that is a {@link BadSettingsException} naming
 * the schemes, with the grant left healthy, since the password was never judged;
 * every other answer is returned for the caller to judge. Logs name the method, the path and the status, never a
 * header. Thread-safe.
 */
final class DavClient {

    private static final Logger LOG = LoggerFactory.getLogger(DavClient.class);
    private static final Set<Integer> RETRIED = Set.of(423, 429, 500, 502, 503, 504);
    private static final int MAX_REDIRECTS = 5;
    /** The largest answer read: a year of a busy calendar is a few MB; this leaves room and bounds the heap. */
    private static final long MAX_BODY = 64L * 1024 * 1024;

    private final HttpClient http;
    private final Grant grant;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final Clock clock;
    private final ThreadLocal<Instant> callDeadline = new ThreadLocal<>();

    /**
     * Deadlines run on the real clock, not on {@code ProviderSettings.clock()}: a host's fixed or simulated clock
     * must not stop a hanging request from timing out.
     */
    DavClient(Grant grant, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.grant = grant;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.clock = Clock.systemUTC();
    }

    /**
     * Runs one public operation (a read or a write, however many requests it takes) under one deadline:
     * {@link RetryPolicy#maxElapsed()} from now. Nested calls share the outer deadline.
     *
     * @param action  the operation
     * @return its result
     */
    <T> T call(Supplier<T> action) {
        if (callDeadline.get() != null) {
            return action.get();
        }
        callDeadline.set(clock.instant().plus(retry.maxElapsed()));
        try {
            return action.get();
        } finally {
            callDeadline.remove();
        }
    }

    /**
     * Sends a request, following redirects and retrying transient failures.
     *
     * @param request  the request
     * @return the final answer: any status but 401 and the retried ones
     * @throws dev.personaltracker.calendar.spi.ReauthorizationRequiredException on 401
     * @throws RateLimitedException if the server kept answering 429
     * @throws ProviderUnavailableException if it kept failing, locking, timing out or could not be reached
     */
    DavResponse send(DavRequest request) {
        Instant deadline = callDeadline.get() != null ? callDeadline.get() : clock.instant().plus(retry.maxElapsed());
        boolean freshConnectionTried = false;
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = attempt(request, deadline);
            if (outcome.response != null && !RETRIED.contains(outcome.response.status())) {
                return outcome.response;
            }
            if (!freshConnectionTried && outcome.response == null
                    && !(outcome.failure instanceof HttpTimeoutException)) {
                // A pooled connection the server had closed fails before any answer; that is no server fault, so
                // the request goes once more at once, outside the policy's count (it is safe: every request the
                // provider sends is a read, conditional or idempotent).
                freshConnectionTried = true;
                attempt--;
                LOG.debug("caldav: {} failed on the connection ({}); trying once more at once", request.what(),
                        outcome.failure.toString());
                continue;
            }
            Optional<Duration> retryAfter = outcome.response == null ? Optional.empty()
                    : RetryPolicy.parseRetryAfter(outcome.response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant());
            Duration wait = retry.backoff(attempt, retryAfter, ThreadLocalRandom.current());
            boolean more = attempt < retry.maxAttempts() && clock.instant().plus(wait).isBefore(deadline);
            if (!more) {
                throw giveUp(request, outcome, attempt, retryAfter);
            }
            LOG.debug("caldav: {} failed ({}), retry {} in {} ms", request.what(), outcome.describe(), attempt,
                    wait.toMillis());
            sleep(wait, request);
        }
    }

    private Outcome attempt(DavRequest request, Instant deadline) {
        DavRequest current = request;
        boolean sendCredentials = true;
        String firstOrigin = DavPaths.origin(request.uri());
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return new Outcome(null, new HttpTimeoutException("no time left of " + retry.maxElapsed()));
            }
            HttpResponse<String> response;
            Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
            CompletableFuture<HttpResponse<String>> pending = http.sendAsync(build(current, sendCredentials, timeout),
                    LimitedBody.handler(MAX_BODY));
            try {
                // the request timeout covers the answer's headers only; this bounds the whole body too
                response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                return new Outcome(null, new HttpTimeoutException("no complete answer within " + timeout));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LimitedBody.TooLarge tooLarge) {
                    throw new UnexpectedResponseException("caldav: " + request.what() + " was refused: "
                            + tooLarge.getMessage() + "; the server may be sending garbage", tooLarge);
                }
                return new Outcome(null, e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException("caldav: interrupted during " + request.what(), e);
            }
            int status = response.statusCode();
            LOG.debug("caldav: {} {} -> {}", current.method(), current.uri().getPath(), status);
            if (status == 401 && !sendCredentials) {
                throw new BadSettingsException("caldav: " + request.what() + " was redirected to " + current.uri()
                        + ", another origin over plain http, which asks for the password; it was not sent there:"
                        + " use the https URL of the server");
            }
            if (status == 401) {
                List<String> schemes = Challenges.schemes(response.headers().allValues("WWW-Authenticate"));
                if (!schemes.isEmpty() && !schemes.contains("basic")) {
                    throw new BadSettingsException("caldav: " + request.what() + " was refused (401) by a server that"
                            + " accepts only " + String.join(", ", schemes) + " authentication (WWW-Authenticate), not"
                            + " Basic; this provider signs in with HTTP Basic over https only and does not support"
                            + " Digest: enable Basic authentication on the server (Baikal: admin settings, WebDAV"
                            + " authentication type 'Basic'); the saved password was left as it is");
                }
                throw grant.rejected(response.request().headers().firstValue("Authorization"));
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent()) {
                URI target = current.uri().resolve(location.get().strip());
                if (!"http".equalsIgnoreCase(target.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())) {
                    return new Outcome(new DavResponse(status, current.uri(), response.headers(), response.body()), null);
                }
                boolean sameOrigin = DavPaths.origin(target).equals(firstOrigin);
                sendCredentials = sameOrigin || ("https".equalsIgnoreCase(target.getScheme())
                        && "https".equalsIgnoreCase(request.uri().getScheme()));
                LOG.debug("caldav: {} redirected ({}) to {}", request.what(), status, target);
                current = status == 303 ? current.at(target).asGet() : current.at(target);
                continue;
            }
            return new Outcome(new DavResponse(status, current.uri(), response.headers(), response.body()), null);
        }
        return new Outcome(null, new IOException("more than " + MAX_REDIRECTS + " redirects"));
    }

    private HttpRequest build(DavRequest request, boolean sendCredentials, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .method(request.method(), request.body()
                        .map(text -> HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        if (sendCredentials) {
            b.header("Authorization", grant.authorization());
        }
        return b.build();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private RuntimeException giveUp(DavRequest request, Outcome outcome, int attempts, Optional<Duration> retryAfter) {
        String tries = " after " + attempts + " attempt" + (attempts == 1 ? "" : "s");
        if (outcome.response != null && outcome.response.status() == 429) {
            return new RateLimitedException("caldav: the server kept refusing " + request.what()
                    + " as too many requests (429)" + tries + retryAfter.map(d -> "; it asked to wait " + d).orElse("")
                    + "; wait and try again", retryAfter.orElse(null), null);
        }
        if (outcome.response != null && outcome.response.status() == 423) {
            return new ProviderUnavailableException("caldav: the resource of " + request.what()
                    + " stayed locked (423 Locked)" + tries + "; another client holds a WebDAV lock, try again later");
        }
        if (outcome.response != null) {
            return new ProviderUnavailableException("caldav: the server kept failing " + request.what() + " ("
                    + outcome.response.status() + ")" + tries + "; try again later");
        }
        String cause = outcome.failure instanceof HttpTimeoutException
                ? "timed out (request timeout " + requestTimeout + ", deadline " + retry.maxElapsed() + ")"
                : "could not reach the server (" + outcome.failure + ")";
        return new ProviderUnavailableException("caldav: " + request.what() + " " + cause + tries
                + "; check the server URL and try again later", outcome.failure);
    }

    private static void sleep(Duration wait, DavRequest request) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("caldav: interrupted while waiting to retry " + request.what(), e);
        }
    }

    /** One attempt's result: a response, or the failure that kept it from coming. */
    private record Outcome(DavResponse response, Exception failure) {
        String describe() {
            return response != null ? "status " + response.status() : String.valueOf(failure);
        }
    }
}
