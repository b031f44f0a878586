package dev.personaltracker.calendar.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Google's {@link HttpTransport} over the JDK's {@link HttpClient} ({@code java.net.http}).
 * <p>
 * Why not {@code NetHttpTransport}: it runs on {@code HttpURLConnection}, whose logger
 * ({@code sun.net.www.protocol.http.HttpURLConnection}) prints every request header, {@code Authorization: Bearer}
 * included, as soon as a host turns it to {@code FINE}. {@code java.net.http} logs headers only when the JVM is
 * started with {@code -Djdk.httpclient.HttpClient.log=headers}, never because of a logger's level. It also gives each
 * attempt one timeout for the whole exchange, body included, so a server that trickles bytes cannot outlast a read's
 * deadline.
 * <p>
 * {@code PATCH} is left to Google's method override ({@code POST} with {@code X-HTTP-Method-Override}), as on
 * {@code NetHttpTransport}. Thread-safe.
 */
final class JdkHttpTransport extends HttpTransport {

    /** Headers {@link HttpRequest.Builder} refuses to set; the client sets them itself. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * One client for the JVM, made at the first request: building one initialises TLS, which takes seconds on a
     * loaded machine, and a provider must be cheap to create.
     */
    private static final class Shared {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .proxy(ProxySelector.getDefault())   // the JVM's proxy settings, as HttpURLConnection used them
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new Request(method, url);
    }

    /** One request being built; google-http-client uses each from one thread. */
    private final class Request extends LowLevelHttpRequest {
        private final String method;
        private final String url;
        private final List<String[]> headers = new ArrayList<>();
        private long timeoutMillis = 30_000;

        Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        @Override
        public void addHeader(String name, String value) {
            headers.add(new String[] {name, value});
        }

        /** The whole exchange, response body included, must fit in the read timeout (or the connect one if longer). */
        @Override
        public void setTimeout(int connectTimeout, int readTimeout) {
            int longest = Math.max(connectTimeout, readTimeout);
            timeoutMillis = longest <= 0 ? 0 : longest;
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            URI uri = URI.create(url);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, body());
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                b.version(HttpClient.Version.HTTP_1_1);   // no h2c upgrade dance on plain connections
            }
            for (String[] h : headers) {
                if (!RESTRICTED.contains(h[0].toLowerCase(Locale.ROOT))) {
                    b.header(h[0], h[1]);
                }
            }
            if (getContentType() != null) {
                b.setHeader("Content-Type", getContentType());
            }
            if (getContentEncoding() != null) {
                b.setHeader("Content-Encoding", getContentEncoding());
            }
            CompletableFuture<HttpResponse<byte[]>> exchange = Shared.CLIENT.sendAsync(b.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            try {
                return new Response(timeoutMillis > 0 ? exchange.get(timeoutMillis, TimeUnit.MILLISECONDS)
                        : exchange.get());
            } catch (TimeoutException e) {
                exchange.cancel(true);
                throw new HttpTimeoutException(method + " " + uri.getHost() + " took longer than " + timeoutMillis
                        + " ms");
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for " + uri.getHost());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException("The request to " + uri.getHost() + " failed", cause);
            }
        }

        private HttpRequest.BodyPublisher body() throws IOException {
            if (getStreamingContent() == null) {
                return HttpRequest.BodyPublishers.noBody();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            getStreamingContent().writeTo(out);
            return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
        }
    }

    /** A response whose body was read in full within the exchange's timeout. */
    private static final class Response extends LowLevelHttpResponse {
        private final HttpResponse<byte[]> response;
        private final List<String[]> headers = new ArrayList<>();

        Response(HttpResponse<byte[]> response) {
            this.response = response;
            HttpHeaders all = response.headers();
            for (Map.Entry<String, List<String>> e : all.map().entrySet()) {
                if (e.getKey().startsWith(":")) {
                    continue;   // HTTP/2 pseudo-headers
                }
                for (String v : e.getValue()) {
                    headers.add(new String[] {e.getKey(), v});
                }
            }
        }

        @Override
        public InputStream getContent() {
            byte[] body = response.body();
            return body == null ? null : new ByteArrayInputStream(body);
        }

        @Override
        public String getContentEncoding() {
            return response.headers().firstValue("Content-Encoding").orElse(null);
        }

        @Override
        public long getContentLength() {
            return response.body() == null ? 0 : response.body().length;
        }

        @Override
        public String getContentType() {
            return response.headers().firstValue("Content-Type").orElse(null);
        }

        @Override
        public String getStatusLine() {
            return (response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2 " : "HTTP/1.1 ") + response.statusCode();
        }

        @Override
        public int getStatusCode() {
            return response.statusCode();
        }

        @Override
        public String getReasonPhrase() {
            return null;   // java.net.http does not keep it
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.get(index)[0];
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.get(index)[1];
        }
    }
}
