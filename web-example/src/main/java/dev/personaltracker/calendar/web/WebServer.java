package dev.personaltracker.calendar.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.SessionTrackingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.session.SessionHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: Javalin on Jetty, with what a local app reachable from any website needs.
 * <ul>
 * <li>Only the names this app is bound to are answered ({@link HostGuard}: DNS rebinding), and a request whose
 *     {@code Origin} is another site is refused, as is anything but a top-level GET navigation that the browser
 *     marks as made by another site ({@code Sec-Fetch-Site}).</li>
 * <li>Every POST carries this browser's CSRF token ({@link Csrf}); the session (a Jetty session, cookie
 *     {@code tracker_session}) is made only by such a post, so page views from anywhere create nothing, and at most
 *     {@value #MAX_SESSIONS} are kept, the least recently used going first ({@link SessionLimit}).</li>
 * <li>Jetty's connector closes idle connections, a connection must send its first request within a deadline and a
 *     client address may hold only so many connections ({@link ConnectionGuard}); a body has a deadline counted while
 *     the server waits for it ({@link BodyDeadline}) and bodies over 64 KiB get 413, also chunked ones
 *     ({@link BodyLimit}); every POST's body is read by the guard first ({@link RequestBody}), so a body cut off,
 *     too large, broken or in a charset Javalin cannot use gets a 4xx before any page sees it.</li>
 * <li>Every answer carries a Content-Security-Policy that allows no script and no inline style.</li>
 * </ul>
 */
final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** The cookie with the browser's random id (the CSRF token is derived from it). */
    static final String BROWSER_COOKIE = "tracker_browser";
    /** Jetty's session cookie. */
    static final String SESSION_COOKIE = "tracker_session";
    /** The most sessions kept. */
    static final int MAX_SESSIONS = 10_000;
    /** The most connections one client address may hold. */
    static final int MAX_CONNECTIONS_PER_CLIENT = 32;
    /** Form bodies larger than this are refused: the pages never send more. */
    static final long MAX_BODY = 64 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    /** The time a request's body has to arrive, beyond one second per KiB of it (see {@link BodyDeadline}). */
    static final Duration BODY_GRACE = Duration.ofSeconds(10);
    private static final Duration SESSION_IDLE = Duration.ofHours(12);
    /** No scripts at all, styles from our stylesheet only, forms may only post here (and redirect to the OAuth hosts). */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self' https://accounts.google.com https://login.microsoftonline.com; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final String CSRF_ATTRIBUTE = "csrf";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private final Javalin javalin;
    private final Csrf csrf = new Csrf();
    private final SessionLimit sessionLimit;
    private final boolean secureCookies;
    private final String host;
    private final Optional<URI> publicUrl;
    private volatile HostGuard hosts;

    private WebServer(String host, int port, boolean secureCookies, Optional<URI> publicUrl, int maxSessions,
            Duration bodyGrace) {
        this.sessionLimit = new SessionLimit(maxSessions);
        this.host = host;
        this.secureCookies = secureCookies;
        this.publicUrl = publicUrl;
        this.javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY;
            config.http.prefer405over404 = true;
            QueuedThreadPool threads = new QueuedThreadPool(16, 2);
            threads.setName("web-example-http");
            threads.setDaemon(true);
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                // no minimum request data rate: Jetty measures it from the first byte read and so refuses ordinary
                // bodies after a short pause of the server; BodyDeadline bounds slow bodies instead
                // behind an https proxy the session cookie gets Secure
                http.addCustomizer((connector, channelConfig, request) -> {
                    if ("https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))) {
                        request.setSecure(true);
                    }
                });
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                connector.addBean(new ConnectionGuard(MAX_CONNECTIONS_PER_CLIENT, HEADER_DEADLINE,
                        connector.getScheduler()));
                connector.addBean(new BodyDeadline(bodyGrace, MAX_BODY, connector.getScheduler()));
                connector.addBean(new BodyLimit(MAX_BODY));
                server.addBean(new ConnectionLimit(512, server));
                return connector;
            });
            config.jetty.modifyServletContextHandler(handler -> handler.setSessionHandler(sessions()));
        });
        javalin.before(this::guard);
        javalin.exception(Refusal.class, (e, ctx) -> plain(ctx, e.status(), e.getMessage()));
        javalin.exception(HttpResponseException.class, (e, ctx) -> plain(ctx, e.getStatus(),
                e.getStatus() == 413 ? RequestBody.TOO_LARGE : e.getMessage()));
        javalin.exception(Exception.class, (e, ctx) -> {
            Optional<Refusal> unreadable = RequestBody.unreadable(e, ctx);
            if (unreadable.isPresent()) {
                // a body read outside the guard that failed the same way (the guard reads every POST's body first)
                plain(ctx, unreadable.get().status(), unreadable.get().getMessage());
                return;
            }
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), e);
            plain(ctx, 500, "Something went wrong on this page. The server log has the details; other pages still work.");
        });
        javalin.error(404, ctx -> plain(ctx, 404, "Not found"));
        javalin.error(405, ctx -> plain(ctx, 405, "Method not allowed"));
        javalin.get("/static/app.css", WebServer::stylesheet);
    }

    private SessionHandler sessions() {
        SessionHandler sessions = new SessionHandler();
        sessions.getSessionCookieConfig().setName(SESSION_COOKIE);
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.getSessionCookieConfig().setSecure(secureCookies);
        sessions.setSecureRequestOnly(true);
        sessions.setMaxInactiveInterval((int) SESSION_IDLE.toSeconds());
        sessions.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        sessions.addEventListener(sessionLimit);
        return sessions;
    }

    /**
     * Creates the server (not yet listening).
     *
     * @param host  the address to bind, not null
     * @param port  the port, 0 for a free one
     * @param secureCookies  true to mark the cookies Secure
     * @param publicUrl  the public base URL behind a proxy, if configured, not null
     * @return the server, not null
     */
    static WebServer create(String host, int port, boolean secureCookies, Optional<URI> publicUrl) {
        return create(host, port, secureCookies, publicUrl, MAX_SESSIONS);
    }

    /**
     * Creates the server with another session cap (tests).
     *
     * @param host  the address to bind, not null
     * @param port  the port, 0 for a free one
     * @param secureCookies  true to mark the cookies Secure
     * @param publicUrl  the public base URL behind a proxy, if configured, not null
     * @param maxSessions  the most sessions kept, positive
     * @return the server, not null
     */
    static WebServer create(String host, int port, boolean secureCookies, Optional<URI> publicUrl, int maxSessions) {
        return create(host, port, secureCookies, publicUrl, maxSessions, BODY_GRACE);
    }

    /**
     * Creates the server with another session cap and body grace (tests).
     *
     * @param host  the address to bind, not null
     * @param port  the port, 0 for a free one
     * @param secureCookies  true to mark the cookies Secure
     * @param publicUrl  the public base URL behind a proxy, if configured, not null
     * @param maxSessions  the most sessions kept, positive
     * @param bodyGrace  the time a body has beyond one second per KiB (see {@link BodyDeadline}), positive
     * @return the server, not null
     */
    static WebServer create(String host, int port, boolean secureCookies, Optional<URI> publicUrl, int maxSessions,
            Duration bodyGrace) {
        return new WebServer(Objects.requireNonNull(host, "host"), port, secureCookies, publicUrl, maxSessions,
                Objects.requireNonNull(bodyGrace, "bodyGrace"));
    }

    /** @return the routes, to add pages to */
    Javalin routes() {
        return javalin;
    }

    /** Starts listening; the port is known afterwards. */
    void start() {
        javalin.start();
        hosts = HostGuard.of(host, javalin.port(), publicUrl);
        LOG.info("Answering {}", hosts);
    }

    /** @return the bound port */
    int port() {
        return javalin.port();
    }

    /** @return the sessions kept now */
    int sessionCount() {
        return sessionLimit.size();
    }

    @Override
    public void close() {
        javalin.stop();
    }

    /** Every request: security headers, Host and Origin, the browser cookie, and the CSRF token of a POST. */
    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer Chrome sends "Origin: null" with our own form posts
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        HostGuard guard = hosts;
        String hostHeader = ctx.header("Host");
        if (guard == null) {
            throw new Refusal(503, "Starting up: try again in a moment.");
        }
        if (hostHeader == null || hostHeader.isBlank()) {
            throw new Refusal(400, "Bad request: the Host header is missing.");
        }
        if (!guard.allowsHost(hostHeader)) {
            LOG.warn("Refused a request for host '{}' (DNS rebinding?)", hostHeader);
            throw new Refusal(421, "This app answers only to its own address, such as http://localhost:" + port() + ".");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !guard.allowsOrigin(origin)) {
            LOG.warn("Refused a {} to {} from origin '{}'", ctx.method(), ctx.path(), origin);
            throw new Refusal(403, "Forbidden: this request came from another website.");
        }
        if (embeddedByAnotherSite(ctx)) {
            LOG.warn("Refused a {} to {} made by another site's page ({} {})", ctx.method(), ctx.path(),
                    ctx.header("Sec-Fetch-Mode"), ctx.header("Sec-Fetch-Dest"));
            throw new Refusal(403, "Forbidden: another website's page asked for this. Open this app's address itself.");
        }
        if (ctx.path().startsWith("/static/")) {
            return;
        }
        // Javalin decodes the query, the form and the body in the Content-Type's charset, and throws on one it lacks
        Charset charset = RequestBody.charset(ctx).orElseThrow(() -> new Refusal(400,
                "Bad request: the Content-Type header names a charset this app does not know."));
        if (ctx.path().equals(PushEndpoint.PATH)) {
            if (ctx.method() == HandlerType.POST) {
                RequestBody.read(ctx);   // read at once, so that a failed read is answered here as for every form
            }
            return;   // calendar services' notifications, checked by the library against each channel's secret
        }
        String browser = ctx.cookie(BROWSER_COOKIE);
        boolean known = browser != null && Csrf.isBrowserId(browser);
        ctx.attribute(CSRF_ATTRIBUTE, new Browser(csrf, known ? browser : null,
                secureCookies || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))));
        if (ctx.method() == HandlerType.POST) {
            String type = Optional.ofNullable(ctx.contentType()).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
            if (!type.equals(FORM_TYPE) && !type.startsWith(FORM_TYPE + ";")) {
                // the pages post plain forms only: a multipart or JSON body is no form of theirs, and a broken one
                // would otherwise end in the parser as a server error
                throw new Refusal(415, "Unsupported form: this app takes only its own pages' forms "
                        + "(application/x-www-form-urlencoded).");
            }
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw new Refusal(415, "Unsupported form: this app takes forms in UTF-8 only, as its pages send them.");
            }
            if (!FormBody.wellFormed(RequestBody.read(ctx))) {
                LOG.warn("Refused a POST to {}: its form is not well-formed", ctx.path());
                throw new Refusal(400, "Bad request: the form is broken (a bad %-escape, or text that is not UTF-8). "
                        + "Reload the page and send it again.");
            }
            String sent = ctx.formParam("csrf");
            if (!known || sent == null || !csrf.valid(browser, sent)) {
                LOG.warn("Refused a POST to {}: {}", ctx.path(), !known ? "no browser cookie" : "no valid CSRF token");
                throw new Refusal(403, "Forbidden: the form's security token is missing or stale. "
                        + "Reload the page and try again.");
            }
        }
    }

    /**
     * Tells whether a browser says another site's page made this request ({@code Sec-Fetch-Site} other than
     * {@code same-origin} or {@code none}) and it is not the person following a link there: only a top-level GET
     * navigation to a document may come from elsewhere (a link, the OAuth provider's redirect back). An image, script,
     * frame or fetch of any page, and a form posted from another site, are refused even without an {@code Origin}
     * header, so that no other site can make a page that changes something (the Plan page reconciles) run. Browsers
     * that send no {@code Sec-Fetch-*} headers fall back to the Origin and CSRF checks.
     */
    private static boolean embeddedByAnotherSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site == null || site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none")) {
            return false;
        }
        String dest = ctx.header("Sec-Fetch-Dest");
        boolean navigation = "navigate".equalsIgnoreCase(ctx.header("Sec-Fetch-Mode"))
                && (dest == null || dest.equalsIgnoreCase("document"));
        return !(navigation && (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD));
    }

    /** The browser of a request: its id once it has one (a page with forms gives it one), and its CSRF token. */
    private static final class Browser {

        private final Csrf csrf;
        private final boolean secure;
        private String id;

        Browser(Csrf csrf, String id, boolean secure) {
            this.csrf = csrf;
            this.id = id;
            this.secure = secure;
        }

        String token(Context ctx) {
            if (id == null) {
                id = Csrf.newBrowserId();
                ctx.res().addHeader("Set-Cookie", BROWSER_COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax"
                        + (secure ? "; Secure" : ""));
            }
            return csrf.token(id);
        }
    }

    /**
     * Gets this browser's CSRF token, for the forms of a page.
     *
     * @param ctx  the request, not null
     * @return the token, not null
     */
    static String csrf(Context ctx) {
        Browser browser = Objects.requireNonNull(ctx.attribute(CSRF_ATTRIBUTE), "browser");
        return browser.token(ctx);
    }

    static void plain(Context ctx, int status, String text) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
    }

    private static void stylesheet(Context ctx) {
        try (InputStream in = WebServer.class.getResourceAsStream("app.css")) {
            byte[] css = Objects.requireNonNull(in, "app.css").readAllBytes();
            ctx.header("Cache-Control", "max-age=300");
            ctx.contentType("text/css; charset=utf-8").result(css);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
