package dev.personaltracker.calendar.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.AuthorizationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopbackRedirectReceiverTest {

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void await_returnsTheCodeAndStateTheBrowserBroughtBack() throws Exception {
        try (LoopbackRedirectReceiver r = LoopbackRedirectReceiver.start()) {
            assertThat(r.redirectUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/callback");
            HttpResponse<String> page = get(URI.create(r.redirectUri() + "?code=4%2FabcDEF&state=xyz"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Authorization received");
            LoopbackRedirectReceiver.Callback cb = r.await(Duration.ofSeconds(5));
            assertThat(cb.code()).contains("4/abcDEF");
            assertThat(cb.state()).contains("xyz");
            assertThat(cb.toString()).doesNotContain("abcDEF", "xyz");
        }
    }

    @Test
    void await_reportsTheServersError() throws Exception {
        try (LoopbackRedirectReceiver r = LoopbackRedirectReceiver.start()) {
            HttpResponse<String> page = get(URI.create(r.redirectUri() + "?error=access_denied&state=s"));
            assertThat(page.body()).contains("not completed");
            assertThatThrownBy(() -> r.await(Duration.ofSeconds(5))).isInstanceOf(AuthorizationException.class).hasMessageContaining("access_denied");
        }
    }

    @Test
    void await_timesOutWhenNobodyComesBack() {
        try (LoopbackRedirectReceiver r = LoopbackRedirectReceiver.start()) {
            assertThatThrownBy(() -> r.await(Duration.ofMillis(50))).isInstanceOf(AuthorizationException.class).hasMessageContaining("within");
        }
    }

    @Test
    void parseQuery_decodesAndKeepsTheFirstValue() {
        assertThat(LoopbackRedirectReceiver.parseQuery("a=1&b=x%20y&a=2&flag")).containsEntry("a", "1").containsEntry("b", "x y").containsEntry("flag", "");
        assertThat(LoopbackRedirectReceiver.parseQuery(null)).isEmpty();
    }
}
