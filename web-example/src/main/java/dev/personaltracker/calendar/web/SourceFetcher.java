package dev.personaltracker.calendar.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a calendar source that passed {@link SourceGuard} on its own threads, within a total deadline and a size
 * limit, and checks what it read. The caller waits at most the deadline and holds no lock meanwhile; a feed that
 * sends a byte a second, a server that never answers or an out-of-memory while parsing ends as a
 * {@link SourceException}, and the app keeps serving.
 */
final class SourceFetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFetcher.class);
    private static final int MAX_REDIRECTS = 5;
    private final Duration deadline;
    private final long maxBytes;
    private final ExecutorService pool;
    private final HttpClient http;

    /**
     * Creates a fetcher.
     *
     * @param deadline  the most a read (with its redirects and the check) may take, not null
     * @param maxBytes  the largest source read
     */
    SourceFetcher(Duration deadline, long maxBytes) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "web-example-source-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(deadline.compareTo(Duration.ofSeconds(10)) < 0 ? deadline : Duration.ofSeconds(10))
                .executor(pool).build();
    }

    /**
     * Reads a source and checks its content.
     *
     * @param location  what the person typed, checked by {@code guard} on the fetcher's thread (a slow name lookup
     *                  counts toward the deadline too), not null
     * @param guard  checks the location and every redirect's target, not null
     * @param check  checks the bytes (throws {@link SourceException} when they are no calendar), not null
     * @return the bytes, not null
     * @throws SourceException if the source cannot be read, in time, within the size, or fails the check
     */
    byte[] fetch(String location, SourceGuard guard, Consumer<byte[]> check) {
        AtomicReference<InputStream> stream = new AtomicReference<>();
        Future<byte[]> task = pool.submit(() -> {
            SourceGuard.Target target = guard.check(location);
            byte[] bytes = target instanceof SourceGuard.FileTarget f ? readFile(f, stream)
                    : readUrl(((SourceGuard.UrlTarget) target).uri(), guard, stream);
            check.accept(bytes);
            return bytes;
        });
        try {
            return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            closeQuietly(stream.get());
            throw new SourceException("'" + location + "' did not finish within " + deadline.toSeconds()
                    + " seconds (a slow or stuck server or file).");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SourceException s) {
                throw s;
            }
            // never the cause's message: parsers quote what they read
            LOG.warn("Reading '{}' failed: {}", location, cause.getClass().getName());
            throw new SourceException(cause instanceof OutOfMemoryError || cause instanceof StackOverflowError
                    ? "'" + location + "' is too large or too complex to read."
                    : "'" + location + "' could not be read.");
        } catch (CancellationException e) {
            throw new SourceException("'" + location + "' could not be read.");
        } catch (InterruptedException e) {
            task.cancel(true);
            closeQuietly(stream.get());
            Thread.currentThread().interrupt();
            throw new SourceException("Reading '" + location + "' was interrupted.");
        }
    }

    private byte[] readFile(SourceGuard.FileTarget f, AtomicReference<InputStream> stream) throws IOException {
        // checked again right before opening: a pipe or device swapped in meanwhile would block or never end
        BasicFileAttributes a = Files.readAttributes(f.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new SourceException("'" + f.path() + "' is not a regular file (it is a folder, device or pipe).");
        }
        try (InputStream in = Files.newInputStream(f.path(), LinkOption.NOFOLLOW_LINKS)) {
            stream.set(in);
            return limited(in, "'" + f.path() + "'");
        }
    }

    private byte[] readUrl(URI start, SourceGuard guard, AtomicReference<InputStream> stream)
            throws IOException, InterruptedException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(deadline).header("Accept", "text/calendar, */*")
                    .GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                stream.set(in);
                int status = response.statusCode();
                if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                    URI next;
                    try {
                        next = uri.resolve(response.headers().firstValue("Location").get());
                    } catch (IllegalArgumentException e) {
                        throw new SourceException(host(uri) + " redirected to an invalid address.");
                    }
                    uri = guard.checkUrl(next).uri();
                    continue;
                }
                if (status != 200) {
                    throw new SourceException(host(uri) + " answered HTTP " + status + " instead of the calendar.");
                }
                return limited(in, host(uri));
            }
        }
        throw new SourceException(host(start) + " redirected more than " + MAX_REDIRECTS + " times.");
    }

    private byte[] limited(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new SourceException(what + " is larger than " + maxBytes / (1024 * 1024) + " MB.");
        }
        return bytes;
    }

    private static String host(URI uri) {
        return "The server " + uri.getHost();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing a stalled source failed", e);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
