package dev.personaltracker.calendar.examples.google;

import dev.personaltracker.calendar.auth.LoopbackRedirectReceiver;
import dev.personaltracker.calendar.auth.PendingAuthorization;
import dev.personaltracker.calendar.auth.PendingAuthorizations;
import dev.personaltracker.calendar.google.GoogleCalendarProvider;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.awt.Desktop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connects a Google account and prints its free time for the coming week.
 * <p>
 * Needs an OAuth client of type "Desktop app" from the Google Cloud console (see {@code provider-google/README.md}):
 * set {@code GOOGLE_CLIENT_ID} and {@code GOOGLE_CLIENT_SECRET} in the environment or in a {@code .env} file in the
 * working directory. Run it with
 * {@code mvn -q -pl examples exec:java -Dexec.mainClass=dev.personaltracker.calendar.examples.google.GoogleQuickStart}.
 * It opens the browser at Google's consent page, receives the redirect on {@code http://127.0.0.1:<port>/callback},
 * exchanges the code (PKCE), reads the primary calendar's busy time and prints what is left free.
 * The grant is kept in memory only; a real host stores it with {@code storage-json}'s encrypted token store.
 */
public final class GoogleQuickStart {

    static final String CLIENT_ID = "GOOGLE_CLIENT_ID";
    static final String CLIENT_SECRET = "GOOGLE_CLIENT_SECRET";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE dd MMM HH:mm");

    private GoogleQuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args  ignored
     */
    public static void main(String[] args) {
        ProviderSettings settings;
        try {
            settings = settingsFrom(System.getenv(), Path.of(".env"));
        } catch (IllegalStateException missing) {
            System.err.println(missing.getMessage());
            System.exit(2);
            return;
        }
        GoogleCalendarProvider google = new GoogleCalendarProvider();
        TokenStore tokens = InMemoryTokenStore.create();
        TokenKey key = authorize(google, settings, tokens);
        ZoneId zone = ZoneId.systemDefault();
        LocalDate today = LocalDate.now(zone);
        Interval week = Interval.of(today.plusDays(1).atStartOfDay(zone).toInstant(),
                today.plusDays(8).atStartOfDay(zone).toInstant());
        try (CalendarConnection calendar = google.connect(settings, Credentials.stored(tokens, key))) {
            List<Interval> busy = calendar.busy(List.of("primary"), week, BusyPolicy.defaults()).stream()
                    .map(BusyInterval::interval).toList();
            IntervalSet free = IntervalSet.of(busy).complement(week);
            System.out.println("Free time of " + key.accountId() + " from " + WHEN.format(week.start().atZone(zone))
                    + " to " + WHEN.format(week.end().atZone(zone)) + " (" + zone + "):");
            for (Interval i : free.intervals()) {
                System.out.println("  " + WHEN.format(i.start().atZone(zone)) + " - "
                        + WHEN.format(i.end().atZone(zone)) + "  (" + i.duration().toMinutes() + " min)");
            }
            System.out.println("Total free: " + free.totalDuration().toHours() + " h, busy blocks: " + busy.size());
        }
    }

    /** Runs the authorization code flow with PKCE through the loopback redirect and stores the grant. */
    private static TokenKey authorize(GoogleCalendarProvider google, ProviderSettings settings, TokenStore tokens) {
        PendingAuthorizations pending = PendingAuthorizations.create(Clock.systemUTC(),
                PendingAuthorizations.DEFAULT_LIFETIME);
        try (LoopbackRedirectReceiver receiver = LoopbackRedirectReceiver.start()) {
            PendingAuthorization started = pending.begin("quickstart", google.id(), receiver.redirectUri());
            URI url = google.authorizationUrl(settings, new AuthorizationParameters(receiver.redirectUri(),
                    started.state(), started.pkce().challenge(), Optional.empty()));
            System.out.println("Open this address to connect your Google Calendar:\n  " + url);
            openBrowser(url);
            LoopbackRedirectReceiver.Callback callback = receiver.await(Duration.ofMinutes(5));
            PendingAuthorization back = pending.complete(callback.state().orElseThrow(() ->
                    new AuthorizationException("The redirect carried no state: start again")));
            String code = callback.code().orElseThrow(() ->
                    new AuthorizationException("The redirect carried no authorization code: start again"));
            AuthorizedAccount account = google.exchangeCode(settings,
                    new AuthorizationCode(code, back.redirectUri(), back.pkce().verifier()));
            TokenKey key = TokenKey.of("quickstart", google.id(), account.accountId());
            tokens.save(key, account.token());
            return key;
        }
    }

    private static void openBrowser(URI url) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(url);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            System.out.println("(Could not open a browser: open the address yourself.)");
        }
    }

    /**
     * Builds the settings from the environment, falling back to a {@code .env} file for missing variables.
     *
     * @param environment  the environment variables, not null
     * @param dotEnv  the {@code .env} file; it need not exist
     * @return the settings, not null
     * @throws IllegalStateException naming the missing variables and how to set them
     */
    static ProviderSettings settingsFrom(Map<String, String> environment, Path dotEnv) {
        Map<String, String> values = new HashMap<>(readDotEnv(dotEnv));
        environment.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                values.put(k, v);
            }
        });
        List<String> missing = new ArrayList<>();
        for (String name : List.of(CLIENT_ID, CLIENT_SECRET)) {
            if (values.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("GoogleQuickStart needs " + String.join(" and ", missing)
                    + ": create an OAuth client of type \"Desktop app\" in the Google Cloud console "
                    + "(APIs & Services > Credentials; see provider-google/README.md), then set " + CLIENT_ID + " and "
                    + CLIENT_SECRET + " in the environment or in a .env file in " + dotEnv.toAbsolutePath().getParent());
        }
        return ProviderSettings.builder().clientId(values.get(CLIENT_ID)).clientSecret(values.get(CLIENT_SECRET)).build();
    }

    /** Reads {@code NAME=value} lines; blank lines, {@code #} comments and an {@code export} prefix are allowed. */
    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> out = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
                    continue;
                }
                if (l.startsWith("export ")) {
                    l = l.substring("export ".length()).strip();
                }
                String name = l.substring(0, l.indexOf('=')).strip();
                String value = l.substring(l.indexOf('=') + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                out.put(name, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }
}
