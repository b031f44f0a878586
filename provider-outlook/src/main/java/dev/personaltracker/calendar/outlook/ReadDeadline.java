package dev.personaltracker.calendar.outlook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The time budget of one operation of a connection (a read of busy time, a move, ...): every HTTP request, every
 * retry and every wait between them must end before it. It is bound to the thread running the operation, so the
 * OkHttp interceptor, the SDK's retry predicate and the token source all see the same budget.
 * <p>
 * The {@link Enforcer} interceptor cancels a request that is still running when the budget is spent (a server that
 * hangs, or sends its body drop by drop) and reads the whole body inside the budget.
 */
final class ReadDeadline {

    private static final ThreadLocal<ReadDeadline> CURRENT = new ThreadLocal<>();
    /** One daemon thread for every connection: it only cancels calls whose budget ran out. */
    private static final ScheduledThreadPoolExecutor CANCELLER = canceller();

    private final Duration budget;
    private final long endNanos;

    private ReadDeadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** @return the budget of the operation running on this thread, empty outside one */
    static Optional<ReadDeadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Runs {@code body} within a budget: the one already running on this thread, else a new one of {@code budget}.
     *
     * @return what {@code body} returned
     */
    static <T> T within(Duration budget, Supplier<T> body) {
        ReadDeadline outer = CURRENT.get();
        return outer != null ? body.get() : new ReadDeadline(budget).run(body);
    }

    /** Runs {@code body} on this thread (which may be another thread than the one that made this) within this budget. */
    <T> T run(Supplier<T> body) {
        ReadDeadline previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** @return the whole budget, for messages */
    Duration budget() {
        return budget;
    }

    /** @return what is left, zero when spent */
    Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** @return true if a wait of {@code wait} would still leave time for the request after it */
    boolean allowsWait(Duration wait) {
        return wait.compareTo(remaining()) < 0;
    }

    /** The request did not finish inside the operation's budget. */
    static final class Exceeded extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Exceeded(Duration budget) {
            super("no answer within the deadline of " + budget.toMillis() + " ms");
        }
    }

    /**
     * The outermost interceptor: refuses to start a request after the deadline, cancels one still running at the
     * deadline, bounds socket waits by the time left, and reads the body inside the budget (the SDK reads it only
     * after the interceptors returned, where nothing would bound it).
     */
    static final class Enforcer implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            ReadDeadline deadline = CURRENT.get();
            if (deadline == null) {
                return buffered(chain.proceed(chain.request()));
            }
            long left = deadline.remaining().toMillis();
            if (left <= 0) {
                throw new Exceeded(deadline.budget);
            }
            Call call = chain.call();
            ScheduledFuture<?> cancel = CANCELLER.schedule(call::cancel, left, TimeUnit.MILLISECONDS);
            int timeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, left));
            try {
                return buffered(chain.withConnectTimeout(timeout, TimeUnit.MILLISECONDS)
                        .withReadTimeout(timeout, TimeUnit.MILLISECONDS)
                        .withWriteTimeout(timeout, TimeUnit.MILLISECONDS)
                        .proceed(chain.request()));
            } catch (IOException e) {
                if (deadline.passed()) {
                    Exceeded exceeded = new Exceeded(deadline.budget);
                    exceeded.initCause(e);
                    throw exceeded;
                }
                throw e;
            } finally {
                cancel.cancel(false);
            }
        }

        private static Response buffered(Response response) throws IOException {
            ResponseBody body = response.body();
            if (body == null) {
                return response;
            }
            try (body) {
                return response.newBuilder().body(ResponseBody.create(GraphErrors.UnreadableBody.read(body),
                        body.contentType())).build();
            }
        }
    }

    private static ScheduledThreadPoolExecutor canceller() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outlook-deadline");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
