package dev.personaltracker.calendar.web;

import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's body as the pages see it: read once (Javalin keeps it for {@code formParam} and {@code body}), with each
 * way a client can fail to send it turned into an {@link Refusal} answer instead of a server error, and the charset
 * Javalin decodes it in.
 */
final class RequestBody {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBody.class);
    /** The answer to a body over the limit. */
    static final String TOO_LARGE = "Form too large";

    private RequestBody() {
    }

    /**
     * Reads a request's body: a body over the limit, also chunked ({@link BodyLimit}), is refused with 413; a body Jetty
     * cannot parse (a broken chunk) with Jetty's 400; a body cut off (its client closed the connection before the
     * declared length, or {@link BodyDeadline} did) with 400. Each is logged as a warning, never as a server error.
     *
     * @param ctx  the request, not null
     * @return the body's bytes, not null
     * @throws Refusal if the client did not send a body that could be read
     */
    static byte[] read(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) {
            Optional<Refusal> unreadable = unreadable(e, ctx);
            if (unreadable.isPresent()) {
                throw unreadable.get();
            }
            throw e;
        }
    }

    /**
     * Tells whether a failure is a body read that failed by the client's doing (for a read outside {@link #read}).
     *
     * @param e  the failure, not null
     * @param ctx  its request, not null
     * @return the answer to give, if it is such a failure
     */
    static Optional<Refusal> unreadable(Exception e, Context ctx) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadMessageException bad) {
                LOG.warn("Refused {} {}: its body was not readable ({} {})", ctx.method(), ctx.path(), bad.getCode(),
                        bad.getReason());
                return Optional.of(new Refusal(bad.getCode(), bad.getCode() == 413 ? TOO_LARGE
                        : "Bad request: its body could not be read. Send it again."));
            }
            if (t instanceof ClosedChannelException || t instanceof EofException) {
                LOG.warn("Refused {} {}: its connection ended before the body arrived whole", ctx.method(), ctx.path());
                return Optional.of(new Refusal(400, "Bad request: the body ended before all of it arrived. "
                        + "Send it again."));
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes bytes as UTF-8, strictly: bytes that are not UTF-8 are reported, never replaced.
     *
     * @param bytes  the bytes, not null
     * @return the text, empty if the bytes are not UTF-8
     */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The charset Javalin decodes a request's query, form and body in: the Content-Type's, UTF-8 when it names none.
     *
     * @param ctx  the request, not null
     * @return the charset; empty when Javalin cannot use it ({@code charset=nope}, a bare {@code charset}, a quoted
     *         name), whereupon its query, form and body reads would throw
     */
    static Optional<Charset> charset(Context ctx) {
        try {
            String charset = ctx.characterEncoding();
            return Charset.isSupported(charset) ? Optional.of(Charset.forName(charset)) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
