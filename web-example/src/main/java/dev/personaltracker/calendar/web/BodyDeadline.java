package dev.personaltracker.calendar.web;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the time a request's body may take to arrive, as an {@link HttpChannel.Listener} on Jetty's connector: a body
 * has a grace plus one second per KiB (of its declared length, or of the largest body taken when it is chunked) of
 * the server <em>waiting for it</em>; a connection whose body is still owed then is closed. A client dripping a body
 * a byte at a time therefore holds a worker for that long at most.
 * <p>
 * Only time the server spends waiting for the client's bytes counts (checked every tenth of the grace, at most every
 * second: is the connection waiting to read?): a request queued behind busy workers, a page still computing before it
 * reads the body, or a body held back until the server asks for it ({@code Expect: 100-continue}) costs the client
 * nothing. The watch ends when the body is complete, the request fails or its exchange completes, so a connection
 * that stays open (keep-alive, pipelining) carries no watch into its next request.
 * <p>
 * It replaces Jetty's minimum request data rate, which measures from the first byte the application reads and so
 * refused ordinary requests whenever the server paused between two reads (a busy machine, a garbage collection) or the
 * body came in packets a moment apart: an empty body (every Google notification) after a pause of one millisecond, a
 * 150-byte form after 150 ms. Jetty threw 408 from inside the form read, and the page answered it as a server error.
 */
final class BodyDeadline implements HttpChannel.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
    private static final String WATCH = BodyDeadline.class.getName() + ".watch";
    private static final long BYTES_PER_SECOND = 1024;
    private static final Duration LONGEST_TICK = Duration.ofSeconds(1);

    private final Duration grace;
    private final long maxBody;
    private final Scheduler scheduler;
    private final Duration tick;

    /**
     * Creates the deadline.
     *
     * @param grace  the time every body has, beyond one second per KiB, positive
     * @param maxBody  the largest body taken, in bytes: what a chunked body is allowed time for, positive
     * @param scheduler  the connector's scheduler, not null
     */
    BodyDeadline(Duration grace, long maxBody, Scheduler scheduler) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("grace must be positive, but was " + grace);
        }
        if (maxBody < 1) {
            throw new IllegalArgumentException("maxBody must be positive, but was " + maxBody);
        }
        this.grace = grace;
        this.maxBody = maxBody;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Duration tenth = grace.dividedBy(10);
        this.tick = tenth.compareTo(LONGEST_TICK) > 0 ? LONGEST_TICK : tenth.isZero() ? Duration.ofMillis(1) : tenth;
    }

    /**
     * The time a body of some length has.
     *
     * @param contentLength  the declared length, negative when unknown (chunked)
     * @return the time the server may wait for it, not null
     */
    Duration allowed(long contentLength) {
        long bytes = contentLength < 0 ? maxBody : Math.min(contentLength, maxBody);
        return grace.plusMillis(bytes * 1000 / BYTES_PER_SECOND);
    }

    @Override
    public void onRequestBegin(Request request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            return;   // no body to wait for
        }
        Watch watch = new Watch(request.getHttpChannel().getEndPoint(), allowed(chunked ? -1 : length),
                request.getRemoteAddr());
        request.setAttribute(WATCH, watch);
        watch.next();
    }

    @Override
    public void onRequestContentEnd(Request request) {
        stop(request);
    }

    @Override
    public void onRequestFailure(Request request, Throwable failure) {
        stop(request);
    }

    @Override
    public void onComplete(Request request) {
        stop(request);
    }

    private static void stop(Request request) {
        if (request.getAttribute(WATCH) instanceof Watch watch) {
            request.removeAttribute(WATCH);
            watch.stop();
        }
    }

    /** One body's account: the time the server has waited for it, sampled every tick. */
    private final class Watch implements Runnable {

        private final EndPoint endPoint;
        private final Duration allowed;
        private final String client;
        /** Only the scheduler's runs of this watch touch it, one after another. */
        private Duration waited = Duration.ZERO;
        private volatile Scheduler.Task task;
        private volatile boolean stopped;

        Watch(EndPoint endPoint, Duration allowed, String client) {
            this.endPoint = endPoint;
            this.allowed = allowed;
            this.client = client;
        }

        void next() {
            task = scheduler.schedule(this, tick.toMillis(), TimeUnit.MILLISECONDS);
            if (stopped) {
                task.cancel();   // stopped while scheduling: stop() may have seen the previous task
            }
        }

        void stop() {
            stopped = true;
            Scheduler.Task current = task;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void run() {
            if (stopped || !endPoint.isOpen()) {
                return;
            }
            if (endPoint.isFillInterested()) {
                waited = waited.plus(tick);   // the server is waiting to read the body: the client's time
            }
            if (waited.compareTo(allowed) < 0) {
                next();
                return;
            }
            LOG.warn("Closed a connection from {}: its request's body did not arrive within {} s", client,
                    allowed.toSeconds());
            endPoint.close();
        }
    }
}
