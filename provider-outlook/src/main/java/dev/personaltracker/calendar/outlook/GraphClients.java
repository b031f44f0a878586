package dev.personaltracker.calendar.outlook;

import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestOption;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.options.RetryHandlerOption;
import com.microsoft.kiota.serialization.ParseNodeFactoryRegistry;
import com.microsoft.kiota.serialization.SerializationWriterFactoryRegistry;
import dev.personaltracker.calendar.spi.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Builds the Graph SDK client: the SDK's own middleware, our token source, retries from the {@link RetryPolicy}. */
final class GraphClients {

    private GraphClients() {
    }

    /**
     * Builds the HTTP client from the SDK's factory: a bare OkHttpClient would lose the /me rewrite, $-parameter
     * decoding and the retry handler. Our interceptors sit after them, next to the network, so every retry carries
     * a fresh token.
     */
    static OkHttpClient httpClient(OutlookSettings settings, TokenSource tokens) {
        OkHttpClient.Builder builder = GraphClientFactory.create(new RequestOption[] {new GraphClientOption(),
                        retryOption(settings.raw().retryPolicy())})
                .addInterceptor(new UnauthorizedRetry(tokens))
                .addInterceptor(new JsonErrorBodies());
        // Outermost, so that the deadline covers the SDK's retries and waits too.
        builder.interceptors().add(0, new ReadDeadline.Enforcer());
        return builder.build();
    }

    static GraphServiceClient graph(OutlookSettings settings, TokenSource tokens, OkHttpClient http) {
        URI base = settings.graphBaseUrl();
        ParseNodeFactoryRegistry parsers = new ParseNodeFactoryRegistry();
        parsers.contentTypeAssociatedFactories.put("application/json", new CaseInsensitiveEnumParseNodeFactory());
        var adapter = new BaseGraphRequestAdapter(new BaseBearerTokenAuthenticationProvider(new Provider(tokens, base)),
                parsers, SerializationWriterFactoryRegistry.defaultInstance, http, new GraphClientOption(),
                base.toString());
        return new GraphServiceClient(adapter);
    }

    /**
     * The SDK retries 429, 503 and 504, honouring Retry-After. Its limits are 10 retries and 180 s per delay; a
     * Retry-After longer than the policy's largest delay ends the retries, so the caller sees a rate-limit error
     * with the wait instead of a thread asleep for an hour.
     */
    static RetryHandlerOption retryOption(RetryPolicy policy) {
        int retries = Math.min(policy.maxAttempts() - 1, RetryHandlerOption.MAX_RETRIES);
        long delay = Math.min(policy.initialDelay().toSeconds(), RetryHandlerOption.MAX_DELAY);
        long maxDelay = policy.maxDelay().toSeconds();
        // The handler passes its configured delay here, not the server's Retry-After, so read that header itself.
        return new RetryHandlerOption((configured, attempt, request, response) -> {
            String header = response.header("Retry-After");
            Optional<Duration> asked = GraphErrors.parseRetryAfter(header);
            // The handler reads the header by its own rules (and waits up to 180 s for one it reads differently,
            // such as a number too large for an int): a header this library cannot read ends the retries too.
            if (header != null && !header.isBlank() && asked.isEmpty()
                    || asked.map(Duration::toSeconds).orElse(0L) > maxDelay) {
                return false;
            }
            Duration wait = asked.orElseGet(() -> handlerBackoff(configured, attempt));
            return ReadDeadline.current().map(d -> d.allowsWait(wait)).orElse(true);
        }, retries, delay);
    }

    /**
     * The longest wait the SDK's retry handler makes without a Retry-After: {@code delay + jitter(<1 s)} first, then
     * {@code (2^attempt - 1) / 2 + delay + jitter} seconds.
     */
    static Duration handlerBackoff(long delaySeconds, int attempt) {
        double seconds = attempt < 2 ? delaySeconds + 1 : (Math.pow(2, attempt) - 1) * 0.5 + delaySeconds + 1;
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** Hands the SDK the current token, only for the Graph host (nextLinks included, since they point there). */
    private static final class Provider implements AccessTokenProvider {
        private final TokenSource tokens;
        private final AllowedHostsValidator hosts;

        Provider(TokenSource tokens, URI base) {
            this.tokens = tokens;
            this.hosts = new AllowedHostsValidator(base.getHost());
        }

        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return hosts.isUrlHostValid(uri) ? tokens.accessToken() : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
        }
    }

    /** On a 401, renews the token once (if the grant allows) and sends the request again. */
    static final class UnauthorizedRetry implements Interceptor {
        private static final String BEARER = "Bearer ";
        private final TokenSource tokens;

        UnauthorizedRetry(TokenSource tokens) {
            this.tokens = tokens;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            Response response = chain.proceed(request);
            String sent = request.header("Authorization");
            if (response.code() != 401 || sent == null || !sent.startsWith(BEARER)) {
                return response;
            }
            Optional<String> renewed = tokens.renewAfterUnauthorized(sent.substring(BEARER.length()));
            if (renewed.isEmpty()) {
                return response;
            }
            response.close();
            return chain.proceed(request.newBuilder().header("Authorization", BEARER + renewed.get()).build());
        }
    }

    /**
     * Gives every error answer a Graph-shaped JSON body. Gateways and proxies in front of Graph answer some errors
     * (503 pages, 404s) in HTML or plain text, or with no body; the SDK then fails while parsing the error and the
     * HTTP status is lost, so a busy gateway would look like a malformed response instead of an outage.
     */
    static final class JsonErrorBodies implements Interceptor {
        private static final MediaType JSON = MediaType.get("application/json");

        @Override
        public Response intercept(Chain chain) throws IOException {
            Response response = chain.proceed(chain.request());
            if (response.code() < 400) {
                return response;
            }
            ResponseBody body = response.body();
            MediaType type = body == null ? null : body.contentType();
            if (type != null && type.subtype().toLowerCase(java.util.Locale.ROOT).contains("json")) {
                return response;
            }
            if (body != null) {
                body.close();
            }
            String json = "{\"error\":{\"code\":\"HttpStatus" + response.code() + "\",\"message\":\"The server answered "
                    + response.code() + " without a JSON error body\"}}";
            return response.newBuilder().body(ResponseBody.create(json, JSON))
                    .header("Content-Type", JSON.toString()).build();
        }
    }
}
