package dev.personaltracker.calendar.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: the JDK's {@link HttpServer}, sessions, CSRF checks, security headers and routing to the pages.
 * <p>
 * Every POST must carry the session's CSRF token (and, when the browser sends an {@code Origin}, come from this
 * app's own origin), else it is refused with 403. The session cookie is {@code HttpOnly; SameSite=Lax}, plus
 * {@code Secure} when the public URL is https.
 */
final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final String COOKIE = "tracker_session";
    private static final Duration SESSION_IDLE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 10_000;
    /** No scripts at all, styles from our stylesheet only, forms may only post here (and redirect to the OAuth hosts). */
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self' https://accounts.google.com https://login.microsoftonline.com; "
            + "frame-ancestors 'none'; base-uri 'none'";

    /** A page or action. */
    interface Route {
        void handle(Request request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean secureCookies;
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();

    private WebServer(HttpServer server, ExecutorService executor, boolean secureCookies) {
        this.server = server;
        this.executor = executor;
        this.secureCookies = secureCookies;
    }

    /**
     * Binds the port (not yet serving): the port is then known, for the OAuth redirect URIs.
     *
     * @param host  the address to bind, not null
     * @param port  the port, 0 for a free one
     * @param secureCookies  true to mark the cookie Secure
     * @return the bound server, not null
     * @throws IOException if the port cannot be bound
     */
    static WebServer bind(String host, int port, boolean secureCookies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "web-example-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        return new WebServer(server, executor, secureCookies);
    }

    /** @return the bound port */
    int port() {
        return server.getAddress().getPort();
    }

    /**
     * Adds a route.
     *
     * @param method  GET or POST, not null
     * @param path  the exact path, not null
     * @param route  the handler, not null
     * @return this
     */
    WebServer route(String method, String path, Route route) {
        routes.put(method + " " + path, Objects.requireNonNull(route, "route"));
        return this;
    }

    /** Starts serving. */
    void start() {
        server.createContext("/", this::dispatch);
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders(exchange.getResponseHeaders());
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (method.equals("GET") && path.equals("/static/app.css")) {
                stylesheet(exchange);
                return;
            }
            Route route = routes.get(method + " " + path);
            if (route == null) {
                boolean otherMethod = routes.keySet().stream().anyMatch(k -> k.endsWith(" " + path));
                plain(exchange, otherMethod ? 405 : 404, otherMethod ? "Method not allowed" : "Not found");
                return;
            }
            WebSession session = session(exchange);
            Map<String, List<String>> form = Map.of();
            if (method.equals("POST")) {
                form = Request.readForm(exchange);
                if (form == null) {
                    plain(exchange, 413, "Form too large");
                    return;
                }
                String refusal = session == null ? "no session" : !validCsrf(session, form) ? "no valid CSRF token"
                        : !sameOrigin(exchange) ? "another origin" : null;
                if (refusal != null) {
                    LOG.warn("Refused a POST to {}: {} (Origin {})", path, refusal,
                            exchange.getRequestHeaders().getFirst("Origin"));
                    plain(exchange, 403, "Forbidden: the form's security token is missing or stale. "
                            + "Reload the page and try again.");
                    return;
                }
            }
            if (session == null) {
                session = newSession(exchange);
            }
            try {
                route.handle(Request.of(exchange, session, form));
            } catch (RuntimeException e) {
                LOG.error("Request {} {} failed", method, path, e);
                plain(exchange, 500, "Something went wrong: " + e.getClass().getSimpleName()
                        + ". The server log has the details.");
            }
        }
    }

    private static void securityHeaders(Headers h) {
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer Chrome sends "Origin: null" with our own form posts
        h.set("Referrer-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
    }

    private WebSession session(HttpExchange exchange) {
        String id = cookie(exchange.getRequestHeaders(), COOKIE);
        if (id == null) {
            return null;
        }
        WebSession s = sessions.get(id);
        if (s == null) {
            return null;
        }
        Instant now = Instant.now();
        if (s.lastSeen().plus(SESSION_IDLE).isBefore(now)) {
            sessions.remove(id);
            return null;
        }
        s.touch(now);
        return s;
    }

    private WebSession newSession(HttpExchange exchange) {
        Instant now = Instant.now();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.lastSeen().plus(SESSION_IDLE).isBefore(now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.clear();
            }
        }
        WebSession s = new WebSession(now);
        sessions.put(s.id(), s);
        String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-Proto");
        boolean secure = secureCookies || "https".equalsIgnoreCase(forwarded);
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
        return s;
    }

    static String cookie(Headers headers, String name) {
        for (String header : headers.getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static boolean validCsrf(WebSession session, Map<String, List<String>> form) {
        List<String> sent = form.get("csrf");
        if (sent == null || sent.size() != 1) {
            return false;
        }
        return MessageDigest.isEqual(sent.get(0).getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** A browser's cross-site POST carries its Origin: it must name this host. Clients without Origin pass. */
    private static boolean sameOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null) {
            return true;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void stylesheet(HttpExchange exchange) throws IOException {
        try (InputStream in = WebServer.class.getResourceAsStream("app.css")) {
            byte[] css = Objects.requireNonNull(in, "app.css").readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/css; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
            exchange.sendResponseHeaders(200, css.length);
            exchange.getResponseBody().write(css);
        }
    }
}
