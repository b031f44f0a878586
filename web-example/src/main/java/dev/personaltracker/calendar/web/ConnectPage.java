package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.AuthorizationRequest;
import dev.personaltracker.calendar.spi.CalendarException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect page: Google and Outlook through the OAuth redirect flow (state and PKCE by the library, the state
 * also bound to this browser's session), and .ics calendars by file path or URL, read safely by
 * {@link CalendarSources}.
 */
final class ConnectPage {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectPage.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private final TrackerApp app;

    /**
     * An OAuth provider's card.
     *
     * @param id  the provider id
     * @param name  its display name
     * @param unavailable  why it cannot be used, if so
     * @param accounts  its connected accounts
     */
    record Card(String id, String name, Optional<String> unavailable, List<String> accounts) {
    }

    /**
     * One of the person's own calendars.
     *
     * @param name  its name
     * @param location  its path or URL
     * @param owner  the person's address in it
     * @param status  how it stands, plain words
     * @param broken  true if the last read failed
     */
    record Row(String name, String location, String owner, String status, boolean broken) {
    }

    /**
     * A calendar sessions can go to.
     *
     * @param id  the form value
     * @param label  what the person sees
     * @param selected  true for the one in use
     */
    record Target(String id, String label, boolean selected) {
    }

    /**
     * The page.
     *
     * @param layout  the frame
     * @param cards  Google and Outlook
     * @param samples  true if the samples are on
     * @param rows  the person's own calendars
     * @param name  the add form's typed name
     * @param location  the add form's typed location
     * @param owner  the add form's typed address
     * @param addError  why adding failed, if it did
     * @param folders  the folders local files may be in, one per line
     * @param localNetwork  true if feeds on the local network are allowed
     * @param targets  where sessions can go
     * @param sessionsFile  the local session file
     * @param caldav  the CalDAV form (never with a password)
     * @param caldavAccounts  the connected CalDAV accounts
     * @param caldavUnavailable  why CalDAV cannot be used, if so
     */
    record View(Layout layout, List<Card> cards, boolean samples, List<Row> rows, String name, String location,
            String owner, Optional<String> addError, String folders, boolean localNetwork, List<Target> targets,
            String sessionsFile, CaldavAccounts.Form caldav, List<String> caldavAccounts,
            Optional<String> caldavUnavailable) {
    }

    ConnectPage(TrackerApp app) {
        this.app = app;
    }

    void register(Javalin server) {
        server.get("/connect", ctx -> show(ctx, 200, "", "", "", Optional.empty()))
                .post("/connect/caldav", this::connectCaldav)
                .post("/connect/oauth", this::beginOAuth)
                .post("/connect/disconnect", this::disconnect)
                .post("/connect/ics", this::addIcs)
                .post("/connect/ics/remove", this::removeIcs)
                .post("/connect/samples", this::samples)
                .post("/connect/write", this::chooseWriteTarget)
                .post("/connect/rules", this::rules);
        for (String id : OAuthClients.ids()) {
            server.get("/oauth/" + id + "/callback", ctx -> callback(ctx, id));
        }
    }

    private void show(Context ctx, int status, String name, String location, String owner, Optional<String> addError) {
        show(ctx, status, name, location, owner, addError, CaldavAccounts.Form.blank());
    }

    private void show(Context ctx, int status, String name, String location, String owner, Optional<String> addError,
            CaldavAccounts.Form caldav) {
        List<Card> cards = new ArrayList<>();
        for (String id : OAuthClients.ids()) {
            cards.add(new Card(id, OAuthClients.displayName(id), app.oauthUnavailable(id), app.oauthAccounts().stream()
                    .filter(a -> a.providerId().equals(id)).map(AccountRef::accountId).toList()));
        }
        WebSettings s = app.settings();
        ZoneId zone = s.zone();
        Map<String, CalendarSources.Status> statuses = app.sourceStatuses();
        List<Row> rows = new ArrayList<>();
        s.sources().forEach((n, src) -> {
            CalendarSources.Status st = statuses.get(n);
            String text;
            boolean broken = st == null || st.problem().isPresent();
            if (st == null) {
                text = "not read yet";
            } else if (st.problem().isPresent()) {
                text = "Cannot be read: " + st.problem().get() + st.readAt()
                        .map(t -> " Showing the copy read " + WHEN.format(t.atZone(zone)) + ".")
                        .orElse(" It is left out of the week until it can be read.");
            } else {
                text = "connected" + st.readAt().map(t -> ", read " + WHEN.format(t.atZone(zone))).orElse("");
            }
            rows.add(new Row(n, src.location(), src.owner(), text, broken));
        });
        String current = app.writeTargetId();
        List<Target> targets = app.writeTargets().stream()
                .map(t -> new Target(t.id(), t.label(), t.id().equals(current))).toList();
        Layout layout = new Layout("Connect", "/connect", BrowserSession.takeFlash(ctx), WebServer.csrf(ctx));
        Templates.page(ctx, status, "connect.jte", new View(layout, cards, s.samples(), rows, name, location, owner,
                addError, String.join("\n", s.folders().stream().map(Path::toString).toList()), s.allowLocalNetwork(),
                targets, app.sessionsFile().toString(), caldav, app.oauthAccounts().stream()
                        .filter(a -> a.providerId().equals(CaldavAccounts.ID)).map(AccountRef::accountId).toList(),
                app.tracker().providers().contains(CaldavAccounts.ID) ? Optional.empty()
                        : Optional.of("The CalDAV provider (tracker-calendar-provider-caldav) is not on the class path.")));
    }

    private void beginOAuth(Context ctx) {
        String id = Optional.ofNullable(ctx.formParam("provider")).filter(OAuthClients::isOffered).orElse("");
        if (id.isEmpty()) {
            BrowserSession.redirect(ctx, "/connect", Flash.error("Unknown calendar provider."));
            return;
        }
        Optional<String> unavailable = app.oauthUnavailable(id);
        if (unavailable.isPresent()) {
            BrowserSession.redirect(ctx, "/connect", Flash.error(unavailable.get()));
            return;
        }
        AuthorizationRequest request;
        try {
            request = app.user().beginAuthorization(id);
        } catch (CalendarException e) {
            BrowserSession.redirect(ctx, "/connect", Flash.error("Cannot start signing in to " + OAuthClients.displayName(id)
                    + ": " + e.getMessage()));
            return;
        }
        BrowserSession.addOAuthState(ctx, request.state());
        ctx.redirect(request.authorizationUrl().toString(), HttpStatus.SEE_OTHER);
    }

    private void callback(Context ctx, String id) {
        Optional<String> state = Optional.ofNullable(ctx.queryParam("state")).filter(s -> !s.isBlank());
        // anything the provider says is shown only to the browser that started this sign-in
        if (state.isEmpty() || !BrowserSession.takeOAuthState(ctx, state.get())) {
            LOG.warn("Refused an OAuth callback for {} whose state this browser did not start", id);
            WebServer.plain(ctx, 400, "This sign-in was not started from this browser, or it was already used. "
                    + "Start again from the Connect page.");
            return;
        }
        Optional<String> error = Optional.ofNullable(ctx.queryParam("error")).filter(s -> !s.isBlank());
        if (error.isPresent()) {
            String description = Optional.ofNullable(ctx.queryParam("error_description")).filter(d -> !d.isBlank())
                    .map(d -> ": " + shorten(d)).orElse("");
            BrowserSession.redirect(ctx, "/connect", Flash.error(OAuthClients.displayName(id) + " did not grant access ("
                    + shorten(error.get()) + description + ")."));
            return;
        }
        Optional<String> code = Optional.ofNullable(ctx.queryParam("code")).filter(s -> !s.isBlank());
        if (code.isEmpty()) {
            WebServer.plain(ctx, 400, "The sign-in came back without a code. Start again from the Connect page.");
            return;
        }
        try {
            AccountRef account = app.user().completeAuthorization(state.get(), code.get());
            BrowserSession.renewSession(ctx);
            BrowserSession.redirect(ctx, "/connect", Flash.ok("Connected " + OAuthClients.displayName(id) + " account "
                    + account.accountId() + "."));
        } catch (CalendarException e) {
            BrowserSession.redirect(ctx, "/connect", Flash.error("Connecting " + OAuthClients.displayName(id) + " failed: "
                    + e.getMessage()));
        }
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    /** Connects a CalDAV account; a refusal shows the form again with the server and user name, never the password. */
    private void connectCaldav(Context ctx) {
        CaldavAccounts.Form form = new CaldavAccounts.Form(Optional.ofNullable(ctx.formParam("server")).orElse(""),
                Optional.ofNullable(ctx.formParam("url")).orElse(""), Optional.ofNullable(ctx.formParam("user")).orElse(""),
                Optional.empty());
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        Optional<String> error;
        try {
            AccountRef ref = app.connectCaldav(form, password);
            BrowserSession.renewSession(ctx);
            BrowserSession.redirect(ctx, "/connect", Flash.ok("Connected " + ref.accountId() + " (CalDAV): its busy time "
                    + "counts now, and sessions can go to its calendars (below)."));
            return;
        } catch (IllegalArgumentException e) {
            error = Optional.of(e.getMessage());
        } catch (CalendarException e) {
            LOG.info("Connecting a CalDAV account failed: {}", e.getMessage());
            error = Optional.of("Could not connect: " + e.getMessage() + " Check the server, the user name and the "
                    + "app-specific password, then try again.");
        }
        show(ctx, 400, "", "", "", Optional.empty(), new CaldavAccounts.Form(form.server(), form.url(), form.user(), error));
    }

    private void disconnect(Context ctx) {
        String provider = ctx.formParam("provider");
        String account = ctx.formParam("account");
        if (provider == null || account == null || provider.isBlank() || account.isBlank() || provider.equals("ics")) {
            BrowserSession.redirect(ctx, "/connect", Flash.error("Which account? Use the Disconnect button of an account."));
            return;
        }
        boolean removed = app.disconnect(AccountRef.of(provider, account));
        BrowserSession.redirect(ctx, "/connect", removed ? Flash.ok("Disconnected " + account + "; its grant was deleted.")
                : Flash.error("That account was not connected."));
    }

    private void addIcs(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        String location = Optional.ofNullable(ctx.formParam("location")).orElse("");
        String owner = Optional.ofNullable(ctx.formParam("owner")).orElse("");
        try {
            app.addSource(name, location, owner);
            BrowserSession.redirect(ctx, "/connect", Flash.ok("Added calendar '" + name.strip().toLowerCase(Locale.ROOT) + "'."));
        } catch (SourceException e) {
            // the page again, with what was typed and why it did not work
            show(ctx, 400, name, location, owner, Optional.of(e.getMessage()));
        }
    }

    private void removeIcs(Context ctx) {
        String name = Optional.ofNullable(ctx.formParam("name")).orElse("");
        BrowserSession.redirect(ctx, "/connect", app.removeSource(name) ? Flash.ok("Removed calendar '" + name + "'.")
                : Flash.error("There is no calendar named '" + name + "'."));
    }

    private void chooseWriteTarget(Context ctx) {
        try {
            app.chooseWriteTarget(Optional.ofNullable(ctx.formParam("target")).orElse(""));
            BrowserSession.redirect(ctx, "/connect", Flash.ok("Approved sessions now go to the chosen calendar."));
        } catch (IllegalArgumentException e) {
            BrowserSession.redirect(ctx, "/connect", Flash.error(e.getMessage()));
        }
    }

    private void samples(Context ctx) {
        boolean on = Boolean.parseBoolean(ctx.formParam("on"));
        app.useSamples(on);
        BrowserSession.redirect(ctx, "/connect", Flash.ok(on ? "Using the bundled sample calendars." : "The sample calendars are off."));
    }

    private void rules(Context ctx) {
        List<Path> folders = new ArrayList<>();
        for (String line : Optional.ofNullable(ctx.formParam("folders")).orElse("").split("\\R")) {
            String f = line.strip();
            if (f.isEmpty()) {
                continue;
            }
            Path p;
            try {
                p = Path.of(f);
            } catch (java.nio.file.InvalidPathException e) {
                BrowserSession.redirect(ctx, "/connect", Flash.error("'" + f + "' is not a folder path. Nothing was changed."));
                return;
            }
            if (!p.isAbsolute() || p.getNameCount() == 0) {
                BrowserSession.redirect(ctx, "/connect", Flash.error("'" + f + "' is not a full folder path (nor may it be "
                        + "the whole disk). Nothing was changed."));
                return;
            }
            folders.add(p.normalize());
        }
        app.sourceRules(folders, ctx.formParam("local-network") != null);
        BrowserSession.redirect(ctx, "/connect", Flash.ok("Saved where calendars may be read from."));
    }
}
