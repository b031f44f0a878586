package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.RateLimitedException;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a source's text, fresh on every call (a cache would keep deleted events blocking): a file from disk, a
 * feed with {@link HttpClient}, retrying 5xx, 429 and connection faults by the {@link RetryPolicy}.
 * Thread-safe.
 */
final class SourceReader {

    private static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retry;

    SourceReader(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.requestTimeout = requestTimeout;
        this.retry = retry;
    }

    /**
     * @param source  the source
     * @return its text
     * @throws BadSettingsException if the file is missing or unreadable, or the feed answers 401, 403, 404 or 410
     * @throws ProviderUnavailableException if the feed keeps failing (5xx, connection faults) after the retries
     * @throws RateLimitedException if the feed keeps answering 429
     * @throws UnexpectedResponseException for any other status
     */
    String read(IcsSource source) {
        return source.isFeed() ? fetch(source) : readFile(source);
    }

    private static String readFile(IcsSource source) {
        try {
            return Files.readString(source.file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadSettingsException("ics: " + source.describe() + " does not exist: set property '"
                    + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "' to an existing .ics file", e);
        } catch (IOException e) {
            throw new BadSettingsException("ics: " + source.describe() + " cannot be read (" + e
                    + "): check the file and property '" + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'", e);
        }
    }

    private String fetch(IcsSource source) {
        HttpRequest request = HttpRequest.newBuilder(source.url())
                .timeout(requestTimeout)
                .header("Accept", "text/calendar, */*;q=0.5")
                .header("User-Agent", "personal-tracker-calendar-ics")
                .GET()
                .build();
        long started = System.nanoTime();
        Exception lastFailure = null;
        String lastProblem = "";
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            boolean throttled = false;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    LOG.debug("ics: read {} ({} bytes, attempt {})", source.describe(), response.body().length, attempt);
                    return new String(response.body(), StandardCharsets.UTF_8);
                }
                if (status == 401 || status == 403 || status == 404 || status == 410) {
                    throw new BadSettingsException("ics: " + source.describe() + " answered HTTP " + status
                            + ": the feed address is wrong, expired or not public; check property '"
                            + IcsCalendarProvider.SOURCE_PREFIX + source.name() + "'");
                }
                if (status != 429 && status < 500) {
                    throw new UnexpectedResponseException("ics: " + source.describe() + " answered HTTP " + status);
                }
                lastProblem = "HTTP " + status;
                lastFailure = null;
                if (status == 429) {
                    throttled = true;
                    retryAfter = retryAfter(response).orElse(null);
                }
            } catch (IOException e) {
                lastProblem = e.toString();
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailableException("ics: interrupted while reading " + source.describe(), e);
            }
            Duration wait = retry.backoff(attempt, Optional.ofNullable(retryAfter), ThreadLocalRandom.current());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (attempt >= retry.maxAttempts() || elapsed.plus(wait).compareTo(retry.maxElapsed()) > 0) {
                String message = "ics: " + source.describe() + " kept failing after " + attempt + " attempt(s) ("
                        + lastProblem + "); try again later";
                if (throttled) {
                    throw new RateLimitedException(message, retryAfter, lastFailure);
                }
                throw new ProviderUnavailableException(message, lastFailure);
            }
            LOG.debug("ics: {} failed ({}), attempt {}; retrying in {}", source.describe(), lastProblem, attempt, wait);
            sleep(wait, source);
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> RetryPolicy.parseRetryAfter(v, Instant.now()));
    }

    private static void sleep(Duration wait, IcsSource source) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("ics: interrupted while retrying " + source.describe(), e);
        }
    }
}
