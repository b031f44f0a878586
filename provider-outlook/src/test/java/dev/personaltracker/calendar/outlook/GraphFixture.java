package dev.personaltracker.calendar.outlook;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.testing.AnswerSequence;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import dev.personaltracker.calendar.spi.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One WireMock server for a test class: Graph over http, the identity platform over https (MSAL accepts only
 * https authorities). Response templating is on, so stubs can build absolute {@code @odata.nextLink}s from
 * {@code {{request.baseUrl}}}. Registered as a JUnit extension ({@code @RegisterExtension static}), it forgets
 * every stub and request before each test and stops after the class.
 */
final class GraphFixture implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT_SECRET = "client-secret-value-xyz";
    static final String USER = "ada@contoso.com";
    static final URI REDIRECT = URI.create("http://127.0.0.1:53682/callback");
    static final String TOKEN_PATH = "/common/oauth2/v2.0/token";
    static final String CODE = "0.AAAA-authorization-code-secret";
    /** {@code GET /me/calendars} as the Graph reference shows it, with one (default) calendar. */
    static final String CALENDARS = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('ada')/calendars",
             "value":[{"id":"AAMkAGI2TGuLAAA=","name":"Calendar","isDefaultCalendar":true,"canEdit":true}]}""";

    static {
        trustWireMockCertificate();
    }

    final Rendezvous rendezvous = new Rendezvous();
    /** Answers in the order requests arrive, for stubs naming {@link AnswerSequence#NAME} (requests at once). */
    final AnswerSequence answers = new AnswerSequence();
    /** Many threads: the fault tests leave answers hanging for a minute, each holding one of the server's threads. */
    final WireMockServer server = new WireMockServer(options().dynamicPort().dynamicHttpsPort().globalTemplating(true)
            .containerThreads(200).extensions(rendezvous, answers));

    GraphFixture() {
        server.start();
    }

    String graphBase() {
        return "http://localhost:" + server.port() + "/v1.0";
    }

    URI authBase() {
        return URI.create("https://localhost:" + server.httpsPort() + "/");
    }

    /** Settings pointing at this server, with retries that do not sleep. */
    ProviderSettings.Builder settings() {
        return ProviderSettings.builder()
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .apiBaseUrl(URI.create(graphBase()))
                .authBaseUrl(authBase())
                .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(1)));
    }

    /** A token response as the v2.0 endpoint sends it, with the ID token and client_info MSAL needs for an account. */
    static String tokenResponse(String accessToken, String refreshToken, int expiresIn) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = System.currentTimeMillis() / 1000;
        String payload = b64("{\"aud\":\"" + CLIENT_ID + "\",\"iss\":\"https://login.microsoftonline.com/"
                + "9188040d-6c67-4c5b-b112-36a304b66dad/v2.0\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":"
                + (now + 3600) + ",\"name\":\"Ada Lovelace\",\"oid\":\"00000000-0000-0000-66f3-3332eca7ea81\","
                + "\"preferred_username\":\"" + USER + "\",\"sub\":\"sub-1\",\"tid\":"
                + "\"9188040d-6c67-4c5b-b112-36a304b66dad\",\"ver\":\"2.0\"}");
        String clientInfo = b64("{\"uid\":\"00000000-0000-0000-66f3-3332eca7ea81\","
                + "\"utid\":\"9188040d-6c67-4c5b-b112-36a304b66dad\"}");
        return "{\"token_type\":\"Bearer\",\"scope\":\"Calendars.ReadWrite MailboxSettings.Read openid profile "
                + "offline_access\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn
                + ",\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"" + refreshToken
                + "\",\"id_token\":\"" + header + "." + payload + ".c2lnbmF0dXJl\",\"client_info\":\"" + clientInfo + "\"}";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** WireMock's https certificate is self-signed; MSAL uses the JVM's default https settings. Test JVM only. */
    private static void trustWireMockCertificate() {
        try {
            TrustManager[] trustAll = {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }};
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustAll, new SecureRandom());
            HttpsURLConnection.setDefaultSSLSocketFactory(context.getSocketFactory());
            // MSAL's requests go over java.net.http (MsalHttp), which uses the default context and checks host names
            SSLContext.setDefault(context);
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> "localhost".equals(host));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
        rendezvous.expect(0);
    }

    /**
     * Holds each request until {@code parties} requests are held at once (or 10 s passed): proof that a client sent
     * that many requests concurrently, without timing assumptions. Inert until {@link #expect} is called.
     */
    static final class Rendezvous implements ResponseDefinitionTransformerV2 {
        private volatile CountDownLatch latch = new CountDownLatch(0);
        private final AtomicBoolean reached = new AtomicBoolean();
        private final AtomicBoolean timedOut = new AtomicBoolean();

        void expect(int parties) {
            reached.set(false);
            timedOut.set(false);
            latch = new CountDownLatch(parties);
        }

        /** @return true if the expected number of requests were held at the same time, none waiting in vain */
        boolean met() {
            return reached.get() && !timedOut.get();
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            CountDownLatch current = latch;
            if (current.getCount() > 0) {
                current.countDown();
                try {
                    (current.await(10, TimeUnit.SECONDS) ? reached : timedOut).set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return event.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "rendezvous";
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }
}
