package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.ResponseHeaders;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.ReauthorizationRequiredException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Turns what the Graph SDK throws into the library's typed errors. Messages carry no token. */
final class GraphErrors {

    private GraphErrors() {
    }

    /** @return the HTTP status of a Graph error answer, or 0 if the failure was not an answer */
    static int status(Throwable e) {
        return e instanceof ApiException a ? a.getResponseStatusCode() : 0;
    }

    /** @return Graph's error code ({@code syncStateNotFound}, {@code ErrorItemNotFound}, ...), or "" */
    static String code(Throwable e) {
        if (e instanceof ODataError o && o.getError() != null && o.getError().getCode() != null) {
            return o.getError().getCode();
        }
        return "";
    }

    /**
     * @param e  what the SDK threw
     * @param request  which request, for the message, such as {@code "GET calendarView of calendar 'AAMk…'"}
     * @return the typed error to throw
     */
    static CalendarException translate(RuntimeException e, String request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CalendarException c) {
                return c;
            }
        }
        int status = status(e);
        String code = code(e);
        String answer = "Microsoft Graph answered " + status + (code.isEmpty() ? "" : " " + code) + " to " + request;
        if (status == 401) {
            return new ReauthorizationRequiredException(answer + ": the access token was refused; "
                    + "ask the person to authorize Outlook again", e);
        }
        if (status == 403) {
            return new NotConnectedException(answer + ": the grant lacks a permission (or the mailbox is not "
                    + "accessible); authorize again with the provider's scopes", e);
        }
        if (status == 429 || status == 503 && isThrottle(code)) {
            return new RateLimitedException(answer + " after the configured retries: wait and try again",
                    retryAfter(e).orElse(null), e);
        }
        if (status >= 500) {
            return new ProviderUnavailableException(answer + " after the configured retries: try again later", e);
        }
        if (status != 0) {
            return new UnexpectedResponseException(answer, e);
        }
        if (isConnectionFault(e)) {
            return new ProviderUnavailableException("Microsoft Graph could not be reached for " + request
                    + " (" + rootCause(e).getClass().getSimpleName() + "): try again later", e);
        }
        return new UnexpectedResponseException("Microsoft Graph sent a response that cannot be read for " + request
                + " (" + rootCause(e).getClass().getSimpleName() + ")", e);
    }

    /** @return true if the failure is a broken or refused connection, not a body that could not be parsed */
    static boolean isConnectionFault(Throwable e) {
        boolean io = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("com.google.gson.")) {
                return false; // Gson reports a truncated body as an EOFException wrapped in its own exception
            }
            if (t instanceof UnreadableBody) {
                return false;
            }
            io |= t instanceof IOException;
        }
        return io;
    }

    /**
     * A body that arrived but cannot be decoded (declared gzip but not gzip, a broken deflate stream): a bad answer,
     * not a connection fault, so it is neither retried nor reported as an outage.
     */
    static final class UnreadableBody extends IOException {
        private static final long serialVersionUID = 1L;

        private UnreadableBody(IOException cause) {
            super("the response body cannot be decoded (" + cause.getClass().getSimpleName() + ")", cause);
        }

        /** @return the whole body; a decoding failure (okio's gzip or inflater source) as {@link UnreadableBody} */
        static byte[] read(okhttp3.ResponseBody body) throws IOException {
            try {
                return body.bytes();
            } catch (IOException e) {
                for (StackTraceElement frame : e.getStackTrace()) {
                    if (frame.getClassName().startsWith("okio.GzipSource")
                            || frame.getClassName().startsWith("okio.InflaterSource")) {
                        throw new UnreadableBody(e);
                    }
                }
                throw e;
            }
        }
    }

    private static boolean isThrottle(String code) {
        return Set.of("TooManyRequests", "ApplicationThrottled", "MailboxConcurrency").contains(code);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    static Optional<Duration> retryAfter(RuntimeException e) {
        if (!(e instanceof ApiException a) || a.getResponseHeaders() == null) {
            return Optional.empty();
        }
        ResponseHeaders headers = a.getResponseHeaders();
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase("Retry-After")) {
                for (String value : headers.get(name)) {
                    Optional<Duration> d = parseRetryAfter(value.trim());
                    if (d.isPresent()) {
                        return d;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @return a Retry-After header's wait (seconds, or an HTTP date counted from now), empty if absent or unreadable */
    static Optional<Duration> parseRetryAfter(String header) {
        return RetryPolicy.parseRetryAfter(header, Instant.now());
    }
}
