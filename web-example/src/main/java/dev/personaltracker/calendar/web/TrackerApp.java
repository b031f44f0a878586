package dev.personaltracker.calendar.web;

import com.google.crypto.tink.KeysetHandle;
import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.PushChannels;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one person's tracker behind the pages: builds the {@link StudyTracker} on the encrypted JSON stores, keeps
 * the .ics calendars (bundled samples, the person's own, the study-session file) connected as the settings say, and
 * hands the pages the {@link UserTracker}.
 * <p>
 * Thread-safe: changes to the settings and the connected calendars are serialised; the {@link UserTracker} is
 * thread-safe itself.
 */
final class TrackerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerApp.class);
    /** The calendar id of the local study-session file. */
    static final String SESSIONS_CALENDAR = "study-sessions";
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final String[] SAMPLES = {"work", "timetable"};
    private static final String SAMPLE_OWNER = "alice@example.com";

    private final WebConfig config;
    private final Stores stores;
    private final StudyTracker tracker;
    private final UserTracker user;
    private final Path settingsFile;
    private final CalendarSources sources;
    private final AutoReconcile reconcile;
    /** The last re-read of the person's calendars started by opening a page: at most one runs at a time. */
    private CompletableFuture<Void> refreshing =
            CompletableFuture.completedFuture(null);
    private Instant refreshedAt = Instant.EPOCH;
    private WebSettings settings;
    private AccountRef local;

    private TrackerApp(WebConfig config, StudyTracker tracker, Stores stores) {
        this.config = config;
        this.stores = stores;
        this.tracker = tracker;
        this.user = tracker.forUser(config.userId());
        this.settingsFile = config.dataDir().resolve("settings.properties");
        this.settings = WebSettings.load(settingsFile, config.defaultZone(), config.dataDir(), user.workHours(),
                user.preferences());
        this.sources = new CalendarSources(tracker, user, config.dataDir(), config.sourceDeadline());
        this.reconcile = new AutoReconcile(this, config.publicUrl().filter(u -> "https".equalsIgnoreCase(u.getScheme()))
                .map(u -> PushChannels.create(tracker, stores.channels(), u.resolve(PushEndpoint.PATH))));
    }

    /**
     * Opens the stores, builds the tracker and connects the calendars.
     *
     * @param config  the configuration, not null
     * @param baseUrl  the public base URL, for OAuth redirect URIs, not null
     * @return the app, not null
     */
    static TrackerApp open(WebConfig config, URI baseUrl) {
        Path data = config.dataDir();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + data, e);
        }
        KeysetHandle keys = SecretKeys.resolve(config.env(), data);
        ProviderRegistry providers = config.providers().orElseGet(ProviderRegistry::discover);
        Stores stores = Stores.open(config.env(), data, keys);
        try {
            StudyTracker.Builder b = StudyTracker.builder()
                    .providers(providers)
                    .tokenStore(stores.tokens())
                    .historyStore(stores.history())
                    .profileStore(stores.profiles())
                    .clock(config.clock())
                    .busyPolicy(BusyPolicy.defaults().withIncludeTitles(true));
            OAuthClients.configure(b, providers, config.env(), baseUrl, config.clock(), stores.sync());
            CaldavAccounts.configure(b, providers, config.clock(), stores.sync());
            TrackerApp app = new TrackerApp(config, b.build(), stores);
            app.start();
            return app;
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    private void start() {
        synchronized (this) {
            startCalendars();
        }
        reconcile.start(config.backgroundEvery());
    }

    private void startCalendars() {
        copySamples();
        reconnectCalendars();
        try {
            List<AccountRef> stored = user.connectStoredAccounts();
            if (!stored.isEmpty()) {
                LOG.info("Reconnected {} stored account(s)", stored.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not reconnect the stored accounts: {}", e.getMessage());
        }
        applyWriteTarget();
        applyPlanningSettings(settings);
    }

    /**
     * Lists the calendars approved sessions can go to: the local file, then the writable calendars of the OAuth
     * accounts (asks their providers; an account that fails is left out with a warning).
     *
     * @return the targets, not null
     */
    synchronized List<WriteTarget> writeTargets() {
        List<WriteTarget> out = new ArrayList<>();
        out.add(new WriteTarget(local, localCalendar()));
        for (AccountRef ref : oauthAccounts()) {
            try {
                user.calendars(ref).stream().filter(CalendarInfo::writable).forEach(c -> out.add(new WriteTarget(ref, c)));
            } catch (RuntimeException e) {
                LOG.warn("Could not list the calendars of {}: {}", ref, e.getMessage());
            }
        }
        return out;
    }

    /** @return the id of the target in use: the saved one if it is connected, else the local file */
    synchronized String writeTargetId() {
        return currentTarget().id();
    }

    /**
     * Chooses where approved sessions go, and keeps the choice.
     *
     * @param id  a {@link WriteTarget#id()} of {@link #writeTargets()}, not null
     * @throws IllegalArgumentException if it is not one of them
     */
    synchronized void chooseWriteTarget(String id) {
        WriteTarget target = writeTargets().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a calendar sessions can be written to"));
        settings = settings.withWriteTo(target.account().providerId().equals("ics") ? "" : id);
        settings.save(settingsFile);
        applyWriteTarget();
    }

    /**
     * Connects a CalDAV account; its app-specific password goes only into the token store.
     *
     * @param form  the server and user name, not null
     * @param password  the app-specific password, not null; never logged or shown
     * @return the account, not null
     * @throws IllegalArgumentException if a field is missing or malformed, in plain words
     * @throws dev.personaltracker.calendar.spi.CalendarException if the server refuses or cannot be reached
     */
    synchronized AccountRef connectCaldav(CaldavAccounts.Form form, String password) {
        AccountRef ref = CaldavAccounts.connect(user, stores.tokens(), form, password);
        applyWriteTarget();
        return ref;
    }

    /**
     * Disconnects an OAuth account (its grant is deleted); sessions go to the local file again if they went there.
     *
     * @param account  the account, not null
     * @return true if it was connected
     */
    synchronized boolean disconnect(AccountRef account) {
        boolean removed = user.disconnect(account);
        applyWriteTarget();
        return removed;
    }

    private WriteTarget currentTarget() {
        String saved = settings.writeTo();
        if (!saved.isEmpty()) {
            String[] parts = saved.split("\\|", 3);
            if (parts.length == 3) {
                AccountRef ref = AccountRef.of(parts[0], parts[1]);
                if (user.accounts().contains(ref)) {
                    return new WriteTarget(ref, new CalendarInfo(parts[2], parts[2], false, CalendarAccess.WRITER,
                            Optional.empty()));
                }
            }
        }
        return new WriteTarget(local, localCalendar());
    }

    private void applyWriteTarget() {
        WriteTarget target = currentTarget();
        user.writeTo(target.account(), target.calendar().id());
    }

    private static CalendarInfo localCalendar() {
        return new CalendarInfo(SESSIONS_CALENDAR, "study-sessions.ics", true, CalendarAccess.OWNER, Optional.empty());
    }

    /** @return the person's tracker, not null */
    UserTracker user() {
        return user;
    }

    /** @return the shared tracker, not null */
    StudyTracker tracker() {
        return tracker;
    }

    /** @return the configuration, not null */
    WebConfig config() {
        return config;
    }

    /** @return the current settings, not null */
    synchronized WebSettings settings() {
        return settings;
    }

    /** @return the file approved sessions are written to, not null */
    Path sessionsFile() {
        return config.dataDir().resolve("study-sessions.ics");
    }

    /** @return how each of the person's own calendars stands, by name */
    Map<String, CalendarSources.Status> sourceStatuses() {
        return sources.statuses();
    }

    /** @return the background reconciliation */
    AutoReconcile reconciliation() {
        return reconcile;
    }

    /**
     * Checks whether an OAuth provider can be used, and why not.
     *
     * @param providerId  {@code google} or {@code outlook}, not null
     * @return empty when ready, else the reason to show, not null
     */
    Optional<String> oauthUnavailable(String providerId) {
        return OAuthClients.unavailable(providerId, tracker.providers(), config.env());
    }

    /**
     * Saves new planning settings (zone, work hours, preferences) after checking them.
     *
     * @param next  the settings, not null
     * @throws IllegalArgumentException naming the bad value
     */
    synchronized void updateSettings(WebSettings next) {
        next.preferences();
        next.weeklyWorkHours();
        boolean zoneChanged = !next.zone().equals(settings.zone());
        next.save(settingsFile);
        settings = next;
        if (zoneChanged) {
            reconnectCalendars();
        }
        applyPlanningSettings(next);
    }

    /**
     * Saves the person's subjects (the library's goals) after checking that they fit the other settings; the
     * library's profile keeps them across restarts.
     *
     * @param subjects  the subjects, in order, not null
     * @throws IllegalArgumentException naming the bad value
     */
    synchronized void updateSubjects(List<WebSettings.Subject> subjects) {
        WebSettings s = settings;
        updateSettings(s.withZoneWorkAndPlan(s.zone(), s.workHours(), s.plan().withSubjects(subjects), s.autoCredit()));
    }

    /**
     * Turns the bundled sample calendars on or off.
     *
     * @param on  true to read them
     */
    synchronized void useSamples(boolean on) {
        settings = settings.withSamples(on);
        settings.save(settingsFile);
        reconnectCalendars();
    }

    /**
     * Sets where local calendar files may come from and whether feeds on the local network are allowed.
     *
     * @param folders  the folders, absolute, not null
     * @param localNetwork  true to allow feeds on this machine or the local network
     */
    synchronized void sourceRules(List<Path> folders, boolean localNetwork) {
        settings = settings.withSourceRules(folders, localNetwork);
        settings.save(settingsFile);
    }

    /**
     * Adds one of the person's own .ics calendars after reading and checking it. The reading happens on the
     * fetcher's threads within its deadline, outside this app's lock: other pages keep working meanwhile.
     *
     * @param name  a short name, lowercase letters, digits and '-', not null
     * @param location  a file path or http(s)/webcal URL, not null
     * @param owner  the person's e-mail address in it, may be empty, not null
     * @throws SourceException if the name or location is refused or the calendar cannot be read, in plain words
     */
    void addSource(String name, String location, String owner) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (!SOURCE_NAME.matcher(n).matches() || n.startsWith("sample-") || n.equals("local") || n.equals("check")) {
            throw new SourceException("A calendar's name is 1 to 40 lowercase letters, digits and dashes, such as "
                    + "“uni” (not “local”, “check” or “sample-…”).");
        }
        WebSettings now = settings();
        if (now.sources().containsKey(n)) {
            throw new SourceException("There is already a calendar named “" + n + "”: pick another name, or remove "
                    + "that one first.");
        }
        WebSettings.Source source = new WebSettings.Source(location.strip(), owner.strip());
        byte[] bytes = sources.read(source, now.sourceGuard(), now.zone());
        synchronized (this) {
            if (settings.sources().containsKey(n)) {
                throw new SourceException("There is already a calendar named “" + n + "”.");
            }
            sources.keep(n, bytes, source, settings.zone());
            settings = settings.withSource(n, Optional.of(source));
            settings.save(settingsFile);
        }
    }

    /**
     * Starts reading the person's calendars again on a thread of its own, unless a read is running (then that one) or
     * one started less than {@code maxAge} ago by the app's clock (then nothing); a page waits for it only as long as
     * it likes, so a slow feed never holds a page longer than that.
     *
     * @param maxAge  how old the last read may be, not null
     * @return the read, done at once when nothing needed reading
     */
    synchronized CompletableFuture<Void> refreshSourcesSoon(Duration maxAge) {
        Instant now = config.clock().instant();
        if (!refreshing.isDone() || now.isBefore(refreshedAt.plus(maxAge))) {
            return refreshing;
        }
        refreshedAt = now;
        refreshing = CompletableFuture.runAsync(this::refreshSources, task -> {
            Thread t = new Thread(task, "calendar-refresh");
            t.setDaemon(true);
            t.start();
        });
        return refreshing;
    }

    /**
     * Reads every calendar of the person again (outside the lock, each within the deadline); one that fails keeps its
     * last copy and is flagged.
     */
    void refreshSources() {
        WebSettings now = settings();
        now.sources().forEach((name, source) -> {
            try {
                byte[] bytes = sources.read(source, now.sourceGuard(), now.zone());
                synchronized (this) {
                    if (source.equals(settings.sources().get(name))) {
                        sources.keep(name, bytes, source, settings.zone());
                    }
                }
            } catch (SourceException e) {
                sources.failed(name, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Refreshing calendar '{}' failed", name, e);
                sources.failed(name, "it could not be read");
            }
        });
    }

    /**
     * Removes one of the person's own .ics calendars.
     *
     * @param name  its name, not null
     * @return true if it was there
     */
    synchronized boolean removeSource(String name) {
        if (!settings.sources().containsKey(name)) {
            return false;
        }
        settings = settings.withSource(name, Optional.empty());
        settings.save(settingsFile);
        sources.remove(name);
        return true;
    }

    /** Connects the .ics accounts the settings name (again), in the settings' zone; reads no source. */
    private void reconnectCalendars() {
        // every .ics account is this app's: also those the profile brought back, which may be out of date
        for (AccountRef ref : user.accounts()) {
            if (ref.providerId().equals("ics")) {
                user.disconnect(ref);
            }
        }
        Map<String, String> output = Map.of("output", sessionsFile().toString(), "output.id", SESSIONS_CALENDAR);
        local = connectIcs("local", output, "");
        applyWriteTarget();
        if (settings.samples()) {
            for (String sample : SAMPLES) {
                connectIcs("sample-" + sample,
                        Map.of("source." + sample, samplesDir().resolve(sample + ".ics").toString()), SAMPLE_OWNER);
            }
        }
        sources.connectCopies(settings.sources(), settings.zone());
    }

    private AccountRef connectIcs(String account, Map<String, String> properties, String owner) {
        ProviderSettings.Builder b = ProviderSettings.builder().property("account", account)
                .property("zone", settings.zone().getId()).clock(config.clock());
        properties.forEach(b::property);
        if (!owner.isBlank()) {
            b.property("owner", owner);
        }
        return user.connect("ics", b.build());
    }

    private void applyPlanningSettings(WebSettings s) {
        // both at once: a new zone moves the person (work hours and preferences) in one change of the profile
        user.relocate(s.weeklyWorkHours(), s.preferences());
    }

    private Path samplesDir() {
        return config.dataDir().resolve("samples");
    }

    private void copySamples() {
        try {
            Files.createDirectories(samplesDir());
            for (String sample : SAMPLES) {
                try (InputStream in = Objects.requireNonNull(TrackerApp.class.getResourceAsStream(
                        "samples/" + sample + ".ics"), "sample " + sample)) {
                    Files.copy(in, samplesDir().resolve(sample + ".ics"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the sample calendars to " + samplesDir(), e);
        }
    }

    /** @return the connected OAuth accounts (everything that is not an .ics calendar), not null */
    List<AccountRef> oauthAccounts() {
        List<AccountRef> out = new ArrayList<>();
        for (AccountRef ref : user.accounts()) {
            if (!ref.providerId().equals("ics")) {
                out.add(ref);
            }
        }
        return out;
    }

    /** Stops the background work and the source readers. */
    @Override
    public void close() {
        reconcile.close();
        sources.close();
        stores.close();
    }

    /** @return where the person's data is kept, not null */
    Stores stores() {
        return stores;
    }
}
