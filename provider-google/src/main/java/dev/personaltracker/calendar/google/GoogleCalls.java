package dev.personaltracker.calendar.google;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.util.Sleeper;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Google API requests with the library's retry rules and turns failures into the SPI's typed errors.
 * <p>
 * Retried, with exponential backoff and full jitter by the {@link RetryPolicy}, a {@code Retry-After} header winning
 * (capped at the policy's largest delay): 429, 403 {@code rateLimitExceeded}/{@code userRateLimitExceeded}, 5xx and
 * connection faults. Never retried: any other 4xx. Google's own client would retry only 5xx and ignore
 * {@code Retry-After}, so requests are sent with its backoff off and this class decides.
 * <p>
 * Thread-safe.
 */
final class GoogleCalls {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleCalls.class);
    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    /**
     * What a request came to: the response ({@code status} 200, {@code http} present) or one of the error statuses
     * the caller said it handles itself ({@code http} empty, {@code reason} as Google gave it).
     */
    record Response(int status, Optional<HttpResponse> http, String reason) {
        boolean ok() {
            return http.isPresent();
        }
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final AuthState auth;

    /** @return now, on this connection's clock */
    Instant now() {
        return clock.instant();
    }

    GoogleCalls(RetryPolicy policy, Sleeper sleeper, RandomGenerator random, LongSupplier nanoTime, Clock clock,
            AuthState auth) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.auth = auth;
    }

    /**
     * Sends a request, retrying as the policy allows within its {@link RetryPolicy#maxElapsed()} budget.
     *
     * @param operation  what is asked, for messages ("events.list"), not null
     * @param calendarId  the calendar it concerns, not null
     * @param request  the request, not null
     * @param handled  error statuses the caller handles: returned instead of thrown
     * @return the response (or a handled error status), not null
     * @throws CalendarException a typed error for every other failure
     */
    Response send(String operation, String calendarId, AbstractGoogleClientRequest<?> request, int... handled) {
        return send(operation, calendarId, request, writeBudget(), handled);
    }

    /** @return a deadline of the policy's whole budget ({@link RetryPolicy#maxElapsed()}) from now */
    Deadline writeBudget() {
        return Deadline.after(policy.maxElapsed(), nanoTime);
    }

    /**
     * Starts the deadline of one read: {@code readDeadline}, or the policy's budget if that is shorter.
     *
     * @param readDeadline  the settings' read deadline, positive
     * @return the deadline, not null
     */
    Deadline readDeadline(Duration readDeadline) {
        return Deadline.after(readDeadline, nanoTime).min(Deadline.after(policy.maxElapsed(), nanoTime));
    }

    /**
     * @param deadline  a deadline, not null
     * @return the time left before it on this connection's clock, negative once passed
     */
    Duration remaining(Deadline deadline) {
        return deadline.remaining(nanoTime);
    }

    /**
     * Sends a request, retrying as the policy allows; every attempt and every wait ends by {@code deadline}.
     *
     * @param operation  what is asked, for messages ("events.list"), not null
     * @param calendarId  the calendar it concerns, not null
     * @param request  the request, not null
     * @param deadline  when the whole call must be over, not null
     * @param handled  error statuses the caller handles: returned instead of thrown
     * @return the response (or a handled error status), not null
     * @throws CalendarException a typed error for every other failure; {@link ProviderUnavailableException} (or
     *     {@link RateLimitedException}) when the deadline passes first
     */
    Response send(String operation, String calendarId, AbstractGoogleClientRequest<?> request, Deadline deadline,
            int... handled) {
        auth.checkUsable();
        for (int attempt = 1; ; attempt++) {
            Duration left = deadline.remaining(nanoTime);
            if (left.isNegative() || left.isZero()) {
                throw outOfTime(operation, calendarId, deadline, null);
            }
            Failure failure;
            try {
                HttpResponse response = AttemptTimeout.within(left, request::executeUnparsed);
                return new Response(200, Optional.of(response), "");
            } catch (TokenResponseException e) {
                throw tokenFailure(e);
            } catch (HttpResponseException e) {
                int status = e.getStatusCode();
                String reason = reasonOf(e);
                boolean rateLimited = status == 403 && RATE_LIMIT_REASONS.contains(reason);
                if (!rateLimited && Arrays.stream(handled).anyMatch(h -> h == status)) {
                    return new Response(status, Optional.empty(), reason);
                }
                failure = classify(operation, calendarId, e, status, reason);
            } catch (IOException e) {
                failure = new Failure(true, null,
                        () -> new ProviderUnavailableException(describe(operation, calendarId)
                                + " failed: cannot reach Google Calendar (" + e.getClass().getSimpleName() + ")", e));
            } catch (CalendarException e) {
                throw e;
            } catch (RuntimeException e) {
                // Google's JSON parser rejects a token response that is not JSON (an HTML page) this way
                throw new UnexpectedResponseException(describe(operation, calendarId) + ": Google sent an answer "
                        + "that cannot be read (" + e.getClass().getSimpleName() + ")", e);
            }
            if (!failure.retryable()) {
                throw failure.error().get();
            }
            Duration delay = delayFor(attempt, failure.retryAfter());
            if (attempt >= policy.maxAttempts()) {
                LOG.warn("{} gave up after {} attempts", describe(operation, calendarId), attempt);
                throw failure.error().get();
            }
            if (deadline.remaining(nanoTime).compareTo(delay) <= 0) {
                LOG.warn("{} gave up after {} attempts: no time left for another", describe(operation, calendarId),
                        attempt);
                throw outOfTime(operation, calendarId, deadline, failure.error().get());
            }
            LOG.debug("{} failed (attempt {}), retrying in {} ms", describe(operation, calendarId), attempt,
                    delay.toMillis());
            sleep(delay);
        }
    }

    /** The deadline passed: the last failure's type (rate limited stays rate limited), saying so. */
    private static CalendarException outOfTime(String operation, String calendarId, Deadline deadline,
            CalendarException last) {
        String message = describe(operation, calendarId) + " did not succeed within its deadline of "
                + deadline.budget().toMillis() + " ms (ProviderSettings.readDeadline, RetryPolicy.maxElapsed)"
                + (last == null ? "" : ": " + last.getMessage()) + "; try again later";
        if (last instanceof RateLimitedException r) {
            return new RateLimitedException(message, r.retryAfter().orElse(null), last);
        }
        if (last != null && !(last instanceof ProviderUnavailableException)) {
            return last;
        }
        return new ProviderUnavailableException(message, last);
    }

    /**
     * Sends a request that must succeed and parses its body.
     *
     * @param <T>  the body type
     * @param operation  what is asked, not null
     * @param calendarId  the calendar, not null
     * @param request  the request, not null
     * @param type  the body type, not null
     * @return the parsed body, not null
     */
    <T> T execute(String operation, String calendarId, AbstractGoogleClientRequest<?> request, Class<T> type) {
        return parse(operation, calendarId, send(operation, calendarId, request).http().orElseThrow(), type);
    }

    /**
     * Sends a request that must succeed by {@code deadline} and parses its body.
     *
     * @param <T>  the body type
     * @param operation  what is asked, not null
     * @param calendarId  the calendar, not null
     * @param request  the request, not null
     * @param deadline  when the whole call must be over, not null
     * @param type  the body type, not null
     * @return the parsed body, not null
     */
    <T> T execute(String operation, String calendarId, AbstractGoogleClientRequest<?> request, Deadline deadline,
            Class<T> type) {
        return parse(operation, calendarId, send(operation, calendarId, request, deadline).http().orElseThrow(), type);
    }

    /**
     * Parses a response body; anything that is not the expected JSON becomes an {@link UnexpectedResponseException}.
     */
    static <T> T parse(String operation, String calendarId, HttpResponse response, Class<T> type) {
        try {
            // Google's parser reads JSON null (and an empty body) as an empty object, so a page without items would
            // pass as an empty calendar: every answer the library reads is a JSON object, anything else is refused.
            String text = response.parseAsString();
            if (!text.stripLeading().startsWith("{")) {
                throw new UnexpectedResponseException(describe(operation, calendarId) + ": Google sent "
                        + (text.isBlank() ? "an empty body" : "a body that is not a JSON object")
                        + " where " + type.getSimpleName() + " JSON was expected");
            }
            T body = response.getRequest().getParser().parseAndClose(new java.io.StringReader(text), type);
            if (body == null) {
                throw new UnexpectedResponseException(describe(operation, calendarId) + ": Google sent an empty body");
            }
            return body;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnexpectedResponseException u) {
                throw u;
            }
            throw new UnexpectedResponseException(describe(operation, calendarId)
                    + ": Google sent a body that is not the expected " + type.getSimpleName() + " JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            disconnect(response);
        }
    }

    /** Building a request declares IOException but does no I/O. */
    interface RequestBuilder<T> {
        T build() throws IOException;
    }

    /**
     * Builds a request (which does no I/O, though Google's builders declare {@link IOException}).
     *
     * @param <T>  the request type
     * @param builder  what builds it
     * @return the request
     */
    static <T> T build(RequestBuilder<T> builder) {
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Building a Google Calendar request failed", e);
        }
    }

    static void disconnect(HttpResponse response) {
        try {
            response.disconnect();
        } catch (IOException e) {
            LOG.trace("Closing a response failed", e);
        }
    }

    static String describe(String operation, String calendarId) {
        return "Google Calendar " + operation + " on calendar '" + calendarId + "'";
    }

    /** A failed attempt: whether to retry, how long Google asked to wait, and the error if no retry follows. */
    private record Failure(boolean retryable, Duration retryAfter, Supplier<CalendarException> error) {
    }

    private Failure classify(String operation, String calendarId, HttpResponseException e, int status, String reason) {
        String where = describe(operation, calendarId);
        Duration retryAfter = retryAfter(e.getHeaders()).orElse(null);
        if (status == 429 || (status == 403 && RATE_LIMIT_REASONS.contains(reason))) {
            return new Failure(true, retryAfter, () -> new RateLimitedException(where + " was rate limited ("
                    + status + " " + reason + "): wait and try again", retryAfter, e));
        }
        if (status >= 500) {
            return new Failure(true, retryAfter, () -> new ProviderUnavailableException(where
                    + " failed with " + status + " " + reason + ": Google Calendar is unavailable, try again later", e));
        }
        if (status == 401) {
            return new Failure(false, null, () -> auth.refused(where, e));
        }
        if (status == 403 && "quotaExceeded".equals(reason)) {
            return new Failure(false, null, () -> new RateLimitedException(where
                    + " exceeded the project's daily quota (403 quotaExceeded): wait, or raise the quota", null, e));
        }
        String hint = switch (status) {
            case 403 -> ": the account may not do this (check the granted scopes and the calendar's sharing)";
            case 404 -> ": no such calendar or event (check the id)";
            case 400 -> ": Google refused the request as malformed";
            default -> "";
        };
        return new Failure(false, null,
                () -> new CalendarException(where + " failed with " + status + " " + reason + hint, e));
    }

    private CalendarException tokenFailure(TokenResponseException e) {
        String error = e.getDetails() == null || e.getDetails().getError() == null ? "" : e.getDetails().getError();
        int status = e.getStatusCode();
        if (status >= 500 || status == 429) {
            return new ProviderUnavailableException("Google's token endpoint failed with " + status
                    + ": try again later", e);
        }
        if (error.isBlank()) {
            // no OAuth error: a proxy's or gateway's page, not Google refusing the grant
            return new UnexpectedResponseException("Google's token endpoint answered " + status + " without an OAuth "
                    + "error for account '" + auth.accountId() + "' (a proxy or gateway in between?): the grant is "
                    + "kept; try again later", e);
        }
        if ("temporarily_unavailable".equals(error) || "server_error".equals(error)) {
            return new ProviderUnavailableException("Google's token endpoint is unavailable (" + error
                    + "): try again later", e);
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new BadSettingsException("Google's token endpoint refused the OAuth client (" + error
                    + "): check clientId and clientSecret", e);
        }
        return new ReauthorizationRequiredException("Google refused to refresh the grant of account '"
                + auth.accountId() + "' (" + error + "): ask the person to authorize again", e);
    }

    static String reasonOf(HttpResponseException e) {
        if (e instanceof GoogleJsonResponseException g && g.getDetails() != null) {
            GoogleJsonError details = g.getDetails();
            if (details.getErrors() != null && !details.getErrors().isEmpty()
                    && details.getErrors().get(0).getReason() != null) {
                return details.getErrors().get(0).getReason();
            }
        }
        return e.getStatusMessage() == null ? "" : e.getStatusMessage();
    }

    /** Reads {@code Retry-After}: delta-seconds or an HTTP date. */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        Object raw = headers == null ? null : headers.get("retry-after");
        if (raw instanceof java.util.List<?> list && !list.isEmpty()) {
            raw = list.get(0);
        }
        return raw == null ? Optional.empty() : RetryPolicy.parseRetryAfter(raw.toString(), clock.instant());
    }

    /** Full jitter by the policy; a Retry-After wins, capped at maxDelay. */
    Duration delayFor(int attempt, Duration retryAfter) {
        return policy.backoff(attempt, Optional.ofNullable(retryAfter), random);
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting to retry a Google Calendar request", e);
        }
    }
}
