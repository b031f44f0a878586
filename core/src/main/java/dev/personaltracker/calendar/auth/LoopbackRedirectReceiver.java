package dev.personaltracker.calendar.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.personaltracker.calendar.spi.AuthorizationException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an OAuth redirect on the loopback interface for desktop hosts (RFC 8252): listens on
 * {@code http://127.0.0.1:<free port>/callback}, answers the browser with a short page and hands the
 * {@code code} and {@code state} to the waiting caller. Close it when done.
 *
 */
public final class LoopbackRedirectReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackRedirectReceiver.class);

    /**
     * What came back to the redirect URI. {@link #toString()} never shows the code or the state.
     *
     * @param code  the authorization code, if the provider sent one (secret)
     * @param state  the {@code state} parameter, if present
     * @param error  the provider's {@code error} parameter, if the person refused or the request failed
     */
    public record Callback(Optional<String> code, Optional<String> state, Optional<String> error) {
        /**
         * Validates the components.
         *
         * @param code  the authorization code, if the provider sent one (secret)
         * @param state  the {@code state} parameter, if present
         * @param error  the provider's {@code error} parameter, if the person refused or the request failed
         */
        public Callback {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String toString() {
            return "Callback[code=" + (code.isPresent() ? "(redacted)" : "(none)") + ", state="
                    + (state.isPresent() ? "(redacted)" : "(none)") + ", error=" + error.orElse("(none)") + "]";
        }
    }

    private final HttpServer server;
    private final CompletableFuture<Callback> result = new CompletableFuture<>();

    private LoopbackRedirectReceiver(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts listening on 127.0.0.1 at a free port.
     *
     * @return the running receiver, not null
     * @throws java.io.UncheckedIOException if no port can be opened
     */
    public static LoopbackRedirectReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackRedirectReceiver receiver = new LoopbackRedirectReceiver(server);
            server.createContext("/callback", receiver::handle);
            server.start();
            LOG.debug("Loopback redirect receiver listening on {}", receiver.redirectUri());
            return receiver;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot open a loopback port for the OAuth redirect", e);
        }
    }

    /** @return the redirect URI to register and send, {@code http://127.0.0.1:<port>/callback} */
    public URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    /**
     * Waits for the browser to come back.
     *
     * @param timeout  how long to wait, not null
     * @return the callback, not null
     * @throws AuthorizationException if nothing came back in time, or the server reported an error
     */
    public Callback await(Duration timeout) {
        try {
            Callback cb = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (cb.error().isPresent()) {
                throw new AuthorizationException("The authorization server refused: " + cb.error().get());
            }
            return cb;
        } catch (TimeoutException e) {
            throw new AuthorizationException("No authorization came back to " + redirectUri() + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthorizationException("Interrupted while waiting for the authorization", e);
        } catch (ExecutionException e) {
            throw new AuthorizationException("The authorization callback failed", e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        Callback cb = new Callback(Optional.ofNullable(query.get("code")), Optional.ofNullable(query.get("state")),
                Optional.ofNullable(query.get("error")));
        boolean first = result.complete(cb);
        String body = first && cb.error().isEmpty()
                ? "<!doctype html><title>Connected</title><p>Authorization received. You can close this window."
                : "<!doctype html><title>Not connected</title><p>Authorization was not completed. You can close this window.";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
        result.cancel(false);
    }
}
