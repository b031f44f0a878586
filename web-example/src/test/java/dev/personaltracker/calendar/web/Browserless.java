package dev.personaltracker.calendar.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A plain HTTP client that keeps its cookies and never follows redirects: to see every 303 and 403. */
final class Browserless {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final TestApp app;
    final Map<String, String> cookies = new LinkedHashMap<>();

    Browserless(TestApp app) {
        this.app = app;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(app.url(path)).GET());
    }

    HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        return postWith(path, null, fields);
    }

    HttpResponse<String> postWith(String path, String origin, String... fields) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b);
    }

    static String form(String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** Opens a page and returns the CSRF token of its forms. */
    String csrf(String path) throws IOException, InterruptedException {
        HttpResponse<String> page = get(path);
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("No CSRF field on " + path);
        }
        return m.group(1);
    }

    /** Adds an iCalendar file or feed on the Connect page, with no owner address. */
    HttpResponse<String> connectIcs(String name, String location) throws IOException, InterruptedException {
        return post("/connect/ics", "csrf", csrf("/connect"), "name", name, "location", location, "owner", "");
    }

    /** Sets the person's time zone on the Settings page, the other settings as they are by default. */
    HttpResponse<String> zone(String id) throws IOException, InterruptedException {
        return post("/settings", SettingsPageTest.form(csrf("/settings"), "zone", id));
    }

    /** The HTML of a page, with entities for quotes turned back, for simple contains checks. */
    String page(String path) throws IOException, InterruptedException {
        return get(path).body().replace("&#39;", "'").replace("&quot;", "\"");
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        b.timeout(Duration.ofSeconds(30));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : setCookies(r)) {
            int eq = set.indexOf('=');
            int end = set.indexOf(';') < 0 ? set.length() : set.indexOf(';');
            cookies.put(set.substring(0, eq), set.substring(eq + 1, end));
        }
        return r;
    }

    static List<String> setCookies(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie");
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
    }
}
