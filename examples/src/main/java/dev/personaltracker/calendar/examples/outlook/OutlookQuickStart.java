package dev.personaltracker.calendar.examples.outlook;

import dev.personaltracker.calendar.auth.LoopbackRedirectReceiver;
import dev.personaltracker.calendar.auth.PendingAuthorization;
import dev.personaltracker.calendar.auth.PendingAuthorizations;
import dev.personaltracker.calendar.memory.InMemoryTokenStore;
import dev.personaltracker.calendar.outlook.OutlookCalendarProvider;
import dev.personaltracker.calendar.outlook.OutlookConnection;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.awt.Desktop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connects one Outlook / Microsoft 365 account and prints its calendars, next week's busy time and its working
 * hours.
 * <p>
 * Needs an Entra app registration (see {@code provider-outlook/README.md}). Reads {@code MICROSOFT_CLIENT_ID}
 * (required), {@code MICROSOFT_CLIENT_SECRET} (only for a registration with a client secret) and
 * {@code MICROSOFT_TENANT} (default {@code common}) from the environment or from a {@code .env} file in the
 * working directory. Run it with
 * {@code mvn -pl examples exec:java -Dexec.mainClass=dev.personaltracker.calendar.examples.outlook.OutlookQuickStart}.
 * The grant is kept in memory only: a real host uses the encrypted store of {@code storage-json}.
 */
public final class OutlookQuickStart {

    private OutlookQuickStart() {
    }

    /**
     * Runs the quick start.
     *
     * @param args  ignored
     */
    public static void main(String[] args) {
        Map<String, String> env = environment(Path.of(".env"));
        String clientId = env.get("MICROSOFT_CLIENT_ID");
        if (clientId == null || clientId.isBlank()) {
            System.err.println("""
                    OutlookQuickStart needs MICROSOFT_CLIENT_ID (and, for a registration with a secret,
                    MICROSOFT_CLIENT_SECRET), set in the environment or in a .env file in the working directory:

                        MICROSOFT_CLIENT_ID=<Application (client) ID of your Entra app registration>
                        MICROSOFT_CLIENT_SECRET=<client secret value>   # leave out for a desktop (public) client
                        MICROSOFT_TENANT=common                        # or organizations, consumers, a tenant id

                    provider-outlook/README.md explains the app registration.""");
            System.exit(2);
            return;
        }
        ProviderSettings.Builder builder = ProviderSettings.builder()
                .clientId(clientId.trim())
                .property("tenant", env.getOrDefault("MICROSOFT_TENANT", "common").trim());
        Optional.ofNullable(env.get("MICROSOFT_CLIENT_SECRET")).filter(s -> !s.isBlank())
                .ifPresent(secret -> builder.clientSecret(secret.trim()));
        ProviderSettings settings = builder.build();
        OutlookCalendarProvider provider = new OutlookCalendarProvider();

        AuthorizedAccount account;
        try (LoopbackRedirectReceiver receiver = LoopbackRedirectReceiver.start()) {
            PendingAuthorizations pending = PendingAuthorizations.create(Clock.systemUTC(), PendingAuthorizations.DEFAULT_LIFETIME);
            PendingAuthorization started = pending.begin("quickstart-user", provider.id(), receiver.redirectUri());
            URI url = provider.authorizationUrl(settings, new AuthorizationParameters(receiver.redirectUri(),
                    started.state(), started.pkce().challenge(), Optional.empty()));
            System.out.println("Open this URL to connect Outlook:\n  " + url);
            openBrowser(url);
            LoopbackRedirectReceiver.Callback callback = receiver.await(Duration.ofMinutes(5));
            PendingAuthorization completed = pending.complete(callback.state().orElse(""));
            account = provider.exchangeCode(settings, new AuthorizationCode(callback.code().orElseThrow(),
                    completed.redirectUri(), completed.pkce().verifier()));
        }
        System.out.println("Connected " + account.accountId());

        InMemoryTokenStore store = InMemoryTokenStore.create();
        TokenKey key = TokenKey.of("quickstart-user", provider.id(), account.accountId());
        store.save(key, account.token());
        try (OutlookConnection outlook = provider.connect(settings, Credentials.stored(store, key))) {
            List<CalendarInfo> calendars = outlook.calendars();
            calendars.forEach(c -> System.out.println("Calendar: " + c.name() + (c.primary() ? " (primary)" : "")));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Interval week = Interval.of(now, Duration.ofDays(7));
            List<BusyInterval> busy = outlook.busy(calendars.stream().map(CalendarInfo::id).toList(), week,
                    BusyPolicy.defaults());
            System.out.println("Busy in the next 7 days:");
            busy.forEach(b -> System.out.println("  " + b.interval()));
            outlook.workingHours().ifPresentOrElse(
                    hours -> System.out.println("Working hours (" + hours.zone() + "): " + hours.within(week)),
                    () -> System.out.println("No working hours set in Outlook"));
        }
    }

    /** The process environment, with a .env file's entries for names the environment does not set. */
    static Map<String, String> environment(Path dotEnv) {
        Map<String, String> out = new HashMap<>();
        if (Files.isRegularFile(dotEnv)) {
            try {
                for (String line : Files.readAllLines(dotEnv)) {
                    String trimmed = line.strip();
                    int eq = trimmed.indexOf('=');
                    if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                        continue;
                    }
                    String value = trimmed.substring(eq + 1).strip();
                    int comment = value.indexOf(" #");
                    value = comment >= 0 ? value.substring(0, comment).strip() : value;
                    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    out.put(trimmed.substring(0, eq).strip(), value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + dotEnv.toAbsolutePath(), e);
            }
        }
        out.putAll(System.getenv());
        return out;
    }

    private static void openBrowser(URI url) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(url);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            System.out.println("(Could not open a browser: open the URL yourself.)");
        }
    }
}
