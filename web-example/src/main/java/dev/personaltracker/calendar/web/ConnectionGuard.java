package dev.personaltracker.calendar.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what one client can hold, as a {@link Connection.Listener} and {@link HttpChannel.Listener} on Jetty's
 * connector: at most {@code max} open connections per client address (one more is closed as soon as it opens), and a
 * connection whose first request's headers are not complete within {@code headerDeadline} is closed (a slowloris client
 * drips them a byte at a time, which the connector's idle timeout alone would allow). So is a kept-alive connection
 * that has begun its next request but not completed its headers within {@code headerDeadline} of the previous
 * exchange's end; one that sends nothing is left to the idle timeout, silently (browsers keep connections open). Jetty's
 * non-blocking I/O means a half-open connection holds no worker thread meanwhile. A connection's deadline is cancelled
 * when its request begins and when it closes, so none is left in the scheduler.
 */
final class ConnectionGuard implements Connection.Listener, HttpChannel.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private final int max;
    private final Duration headerDeadline;
    private final Scheduler scheduler;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Each connection's client, remembered at open: a closed channel no longer knows its remote address. */
    private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();
    /** Each open connection's header deadline, cancelled when it closes. */
    private final Map<Connection, Scheduler.Task> headerTasks = new ConcurrentHashMap<>();

    /**
     * Creates the guard.
     *
     * @param max  the most connections one address may hold open, positive
     * @param headerDeadline  the time a new connection has to send its first request's headers, not null
     * @param scheduler  the connector's scheduler, not null
     */
    ConnectionGuard(int max, Duration headerDeadline, Scheduler scheduler) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        this.max = max;
        this.headerDeadline = headerDeadline;
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client == null) {
            return;
        }
        clients.put(connection, client);
        int now = open.merge(client, 1, Integer::sum);
        if (now > max) {
            LOG.warn("Closed a connection from {}: it already holds {} open connections", client.getHostAddress(), max);
            connection.getEndPoint().close();
            return;
        }
        armHeaderDeadline(connection, client, true);
    }

    @Override
    public void onRequestBegin(Request request) {
        cancelHeaderDeadline(request.getHttpChannel().getConnection());   // its headers are complete
    }

    @Override
    public void onComplete(Request request) {
        Connection connection = request.getHttpChannel().getConnection();
        InetAddress client = clients.get(connection);
        if (client != null && connection.getEndPoint().isOpen()) {
            armHeaderDeadline(connection, client, false);   // kept alive: the next request's headers
        }
    }

    /**
     * Closes the connection if no further request's headers are complete within the deadline: a new connection in any
     * case, a kept-alive one only if it has begun a request (bytes arrived).
     */
    private void armHeaderDeadline(Connection connection, InetAddress client, boolean first) {
        long requests = connection.getMessagesIn();
        long bytes = connection.getBytesIn();
        Scheduler.Task task = scheduler.schedule(() -> {
            boolean waiting = connection.getMessagesIn() == requests && (first || connection.getBytesIn() > bytes);
            if (connection.getEndPoint().isOpen() && waiting) {
                LOG.warn("Closed a connection from {}: no complete request within {} s", client.getHostAddress(),
                        headerDeadline.toSeconds());
                connection.getEndPoint().close();
            }
        }, headerDeadline.toMillis(), TimeUnit.MILLISECONDS);
        Scheduler.Task previous = headerTasks.put(connection, task);
        if (previous != null) {
            previous.cancel();
        }
        if (!clients.containsKey(connection)) {
            cancelHeaderDeadline(connection);   // closed meanwhile: onClosed may have looked before the put
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clients.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        }
        cancelHeaderDeadline(connection);
    }

    /** Cancels a connection's header deadline: a closed connection leaves no task (nor itself) in the scheduler. */
    private void cancelHeaderDeadline(Connection connection) {
        Scheduler.Task task = headerTasks.remove(connection);
        if (task != null) {
            task.cancel();
        }
    }

    /** @return the connections open now, for tests */
    int openConnections() {
        return clients.size();
    }

    private static InetAddress client(Connection connection) {
        InetSocketAddress remote = connection.getEndPoint().getRemoteAddress();
        return remote == null ? null : remote.getAddress();
    }
}
