package dev.personaltracker.calendar.web;

import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpInput;
import org.eclipse.jetty.server.Request;

/**
 * Bounds the size of a request's body as it is read, as an {@link HttpChannel.Listener} on Jetty's connector: once
 * more than {@code max} bytes arrived, the read fails with a {@link BadMessageException} of status 413, wrapped in an
 * {@link java.io.IOException} by Jetty. Javalin refuses a body whose {@code Content-Length} is too large before
 * reading it, but reads a chunked body (no declared length) whole into memory, however large; this limit holds for
 * both.
 */
final class BodyLimit implements HttpChannel.Listener {

    private final long max;

    /**
     * Creates the limit.
     *
     * @param max  the most bytes a body may have, positive
     */
    BodyLimit(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, but was " + max);
        }
        this.max = max;
    }

    @Override
    public void onRequestBegin(Request request) {
        // Jetty drops a request's interceptors when it recycles the request: each request gets its own count
        request.getHttpInput().addInterceptor(new Count());
    }

    /** Counts the bytes of one body as the application reads them. */
    private final class Count implements HttpInput.Interceptor {

        private long bytes;

        @Override
        public HttpInput.Content readFrom(HttpInput.Content content) {
            // called once per piece of content, after the application read the previous piece whole
            if (!content.isSpecial()) {
                bytes += content.remaining();
                if (bytes > max) {
                    throw new BadMessageException(HttpStatus.PAYLOAD_TOO_LARGE_413, "Body over " + max + " bytes");
                }
            }
            return content;
        }
    }
}
