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
 * Bounds the time a request's body may take to arrive, as an {@link HttpChannel.Listener} on Jetty's connector: from
 * the end of its headers, a body has a grace plus one second per KiB (of its declared length, or of the largest body
 * taken when it is chunked); a connection whose body is still arriving then is closed. A client dripping a body a byte
 * at a time therefore holds a worker for that long at most.
 * <p>
 * It replaces Jetty's minimum request data rate, which measures from the first byte the application reads and so
 * refused ordinary requests whenever the server paused between two reads (a busy machine, a garbage collection) or the
 * body came in packets a moment apart: an empty body (every Google notification) after a pause of one millisecond, a
 * 150-byte form after 150 ms. Jetty threw 408 from inside the form read, and the page answered it as a server error.
 */
final class BodyDeadline implements HttpChannel.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(BodyDeadline.class);
    private static final String TASK = BodyDeadline.class.getName() + ".task";
    private static final long BYTES_PER_SECOND = 1024;

    private final Duration grace;
    private final long maxBody;
    private final Scheduler scheduler;

    /**
     * Creates the deadline.
     *
     * @param grace  the time every body has, beyond one second per KiB, not null
     * @param maxBody  the largest body taken, in bytes: what a chunked body is allowed time for, positive
     * @param scheduler  the connector's scheduler, not null
     */
    BodyDeadline(Duration grace, long maxBody, Scheduler scheduler) {
        if (maxBody < 1) {
            throw new IllegalArgumentException("maxBody must be positive, but was " + maxBody);
        }
        this.grace = Objects.requireNonNull(grace, "grace");
        this.maxBody = maxBody;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * The time a body of some length has.
     *
     * @param contentLength  the declared length, negative when unknown (chunked)
     * @return the time from the end of the headers, not null
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
        EndPoint endPoint = request.getHttpChannel().getEndPoint();
        Duration allowed = allowed(chunked ? -1 : length);
        String client = request.getRemoteAddr();
        request.setAttribute(TASK, scheduler.schedule(() -> {
            if (endPoint.isOpen()) {
                LOG.warn("Closed a connection from {}: its request's body did not arrive within {} s", client,
                        allowed.toSeconds());
                endPoint.close();
            }
        }, allowed.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void onRequestContentEnd(Request request) {
        cancel(request);
    }

    @Override
    public void onComplete(Request request) {
        cancel(request);
    }

    private static void cancel(Request request) {
        if (request.getAttribute(TASK) instanceof Scheduler.Task task) {
            task.cancel();
            request.removeAttribute(TASK);
        }
    }
}
