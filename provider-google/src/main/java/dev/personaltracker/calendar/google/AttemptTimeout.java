package dev.personaltracker.calendar.google;

import com.google.api.client.http.HttpRequest;
import java.time.Duration;

/**
 * The time one HTTP attempt may take, handed from {@link GoogleCalls} (which knows the call's deadline) to the
 * request initializers (which Google's client runs while it builds the request, token refreshes included). The
 * attempt's whole exchange, body included, is bounded by it (see {@link JdkHttpTransport}).
 */
final class AttemptTimeout {

    /** The longest single attempt when no deadline is nearer. */
    static final Duration LONGEST = Duration.ofSeconds(30);

    private static final ThreadLocal<Duration> CURRENT = new ThreadLocal<>();

    private AttemptTimeout() {
    }

    /** Runs {@code action} with attempts bounded by {@code limit} on this thread. */
    static <T, E extends Exception> T within(Duration limit, Attempt<T, E> action) throws E {
        Duration before = CURRENT.get();
        CURRENT.set(limit);
        try {
            return action.run();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** Sets a request's connect and read timeouts to this thread's limit (at most {@link #LONGEST}). */
    static void apply(HttpRequest request) {
        Duration limit = CURRENT.get();
        long millis = limit == null ? LONGEST.toMillis() : Math.max(1, Math.min(LONGEST.toMillis(), ceilMillis(limit)));
        request.setConnectTimeout((int) millis);
        request.setReadTimeout((int) millis);
    }

    private static long ceilMillis(Duration d) {
        return (d.toNanos() + 999_999) / 1_000_000;
    }

    /** An attempt that may throw. */
    interface Attempt<T, E extends Exception> {
        T run() throws E;
    }
}
