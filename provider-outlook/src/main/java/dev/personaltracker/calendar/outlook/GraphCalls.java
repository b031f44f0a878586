package dev.personaltracker.calendar.outlook;

import com.microsoft.kiota.ApiException;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Graph SDK calls the way every operation of a connection needs them: inside the operation's
 * {@link ReadDeadline}, repeated after connection faults when idempotent, and with every failure (an error status,
 * a body that cannot be parsed, an empty answer, a hang) turned into a typed {@link CalendarException}.
 */
final class GraphCalls {

    private static final Logger LOG = LoggerFactory.getLogger(GraphCalls.class);

    private final RetryPolicy policy;
    private final Duration deadline;

    GraphCalls(OutlookSettings settings) {
        this.policy = settings.raw().retryPolicy();
        // RetryPolicy.maxElapsed is the older, per-call budget: whichever is shorter holds.
        Duration read = settings.raw().readDeadline();
        this.deadline = read.compareTo(policy.maxElapsed()) <= 0 ? read : policy.maxElapsed();
    }

    /**
     * Runs one operation (which may make several requests) within the deadline; any untyped failure becomes typed.
     *
     * @param what  the operation, for messages
     */
    <T> T operation(String what, Supplier<T> body) {
        return ReadDeadline.within(deadline, () -> {
            try {
                return body.get();
            } catch (CalendarException e) {
                throw e;
            } catch (RuntimeException e) {
                throw translate(e, what);
            }
        });
    }

    /** Runs an idempotent call: repeated after a connection fault while attempts and time are left, typed. */
    <T> T read(String request, Supplier<T> call) {
        return retrying(request, () -> typed(request, call));
    }

    /** Runs one call that must not be repeated blindly; failures typed. */
    <T> T once(String request, Supplier<T> call) {
        return typed(request, call);
    }

    /**
     * Runs one call for a caller that looks at the HTTP status itself: an {@link ApiException} (Graph's error
     * answer) passes through; every other failure is typed; an empty answer is an {@link UnexpectedResponseException}.
     */
    <T> T attempt(String request, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (ApiException | CalendarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, request);
        }
        return present(result, request);
    }

    private <T> T typed(String request, Supplier<T> call) {
        try {
            return attempt(request, call);
        } catch (ApiException e) {
            throw translate(e, request);
        }
    }

    /**
     * Repeats an idempotent call (reads, deletes, creates carrying a transactionId) after a connection fault, which
     * the SDK's retry handler does not cover, with the policy's backoff, while attempts and time are left.
     */
    <T> T retrying(String request, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ProviderUnavailableException e) {
                Duration delay = policy.backoff(attempt, java.util.Optional.empty(), java.util.concurrent.ThreadLocalRandom.current());
                boolean timeLeft = ReadDeadline.current().map(d -> d.allowsWait(delay)).orElse(true);
                if (attempt >= policy.maxAttempts() || !GraphErrors.isConnectionFault(e) || !timeLeft) {
                    throw e;
                }
                LOG.debug("Connection fault on {} (attempt {}); retrying in {}", request, attempt, delay);
                sleep(delay, request);
            }
        }
    }

    /** Types a failure; one that happened because the deadline passed says so. */
    CalendarException translate(RuntimeException e, String request) {
        if (e instanceof CalendarException c) {
            return c;
        }
        boolean late = ReadDeadline.current().map(ReadDeadline::passed).orElse(false) && GraphErrors.isConnectionFault(e);
        if (late || causedBy(e, ReadDeadline.Exceeded.class)) {
            return new ProviderUnavailableException("Microsoft Graph did not finish " + request + " within the read "
                    + "deadline of " + deadline.toMillis() + " ms (ProviderSettings.readDeadline): the service is slow "
                    + "or unreachable; try again later", e);
        }
        return GraphErrors.translate(e, request);
    }

    /** @return the value, or an {@link UnexpectedResponseException} for an answer without the expected body */
    static <T> T present(T value, String request) {
        if (value == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent an empty answer to " + request
                    + " where a JSON body was expected");
        }
        return value;
    }

    /** @return a collection page's items; a page without a {@code value} array is malformed, not empty */
    static <T> List<T> items(List<T> value, String request) {
        if (value == null) {
            throw new UnexpectedResponseException("Microsoft Graph sent an answer to " + request
                    + " without its \"value\" array");
        }
        return value;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration delay, String request) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("Interrupted while waiting to retry " + request, e);
        }
    }

    @Override
    public String toString() {
        return "GraphCalls[" + policy + ", deadline=" + Objects.toString(deadline) + "]";
    }
}
