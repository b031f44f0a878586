package dev.personaltracker.calendar.web;

import static dev.personaltracker.calendar.web.Html.esc;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.AuthorizationRequest;
import dev.personaltracker.calendar.spi.CalendarException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Connect page: Google and Outlook through the OAuth redirect flow (state and PKCE by the library, the state
 * also bound to this browser's session), and .ics calendars by file path or URL.
 */
final class ConnectPage {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectPage.class);
    private final TrackerApp app;

    ConnectPage(TrackerApp app) {
        this.app = app;
    }

    void register(WebServer server) {
        server.route("GET", "/connect", this::show)
                .route("POST", "/connect/oauth", this::beginOAuth)
                .route("POST", "/connect/disconnect", this::disconnect)
                .route("POST", "/connect/ics", this::addIcs)
                .route("POST", "/connect/ics/remove", this::removeIcs)
                .route("POST", "/connect/samples", this::samples)
                .route("POST", "/connect/write", this::chooseWriteTarget);
        for (String id : TrackerApp.oauthProviders()) {
            server.route("GET", "/oauth/" + id + "/callback", r -> callback(r, id));
        }
    }

    private void show(Request r) throws IOException {
        String csrf = r.session().csrfToken();
        StringBuilder b = new StringBuilder();
        b.append("<section><h2>Calendar accounts</h2><p class=\"hint\">Busy time from every connected account counts. "
                + "Grants are kept only in the encrypted token store.</p><div class=\"cards\">");
        for (String id : TrackerApp.oauthProviders()) {
            String name = TrackerApp.displayName(id);
            b.append("<div class=\"card\"><h3>").append(esc(name)).append("</h3>");
            Optional<String> unavailable = app.oauthUnavailable(id);
            if (unavailable.isPresent()) {
                b.append("<button type=\"button\" disabled id=\"connect-").append(id).append("\">Connect ")
                        .append(esc(name)).append("</button><p class=\"hint\" id=\"why-").append(id).append("\">")
                        .append(esc(unavailable.get())).append("</p>");
            } else {
                b.append(Html.postButton("/connect/oauth", csrf, new String[][] {{"provider", id}}, "Connect " + name,
                        "connect-" + id));
            }
            for (AccountRef a : app.oauthAccounts()) {
                if (a.providerId().equals(id)) {
                    b.append("<p class=\"account\">Connected: ").append(esc(a.accountId())).append(' ')
                            .append(Html.postButton("/connect/disconnect", csrf,
                                    new String[][] {{"provider", a.providerId()}, {"account", a.accountId()}},
                                    "Disconnect", "disconnect-" + a.providerId()))
                            .append("</p>");
                }
            }
            b.append("</div>");
        }
        b.append("</div></section>");

        WebSettings s = app.settings();
        Map<String, AccountRef> ics = app.icsAccounts();
        Map<String, String> errors = app.sourceErrors();
        b.append("<section><h2>iCalendar (.ics) calendars</h2><p class=\"hint\">Files or feeds (university timetables, "
                + "exports of any calendar app); no account needed.</p>");
        b.append("<table id=\"ics-calendars\"><thead><tr><th>Name</th><th>File or URL</th><th>Your address</th>"
                + "<th>Status</th><th></th></tr></thead><tbody>");
        if (s.samples()) {
            b.append("<tr><td>sample-work, sample-timetable</td><td>Bundled sample calendars</td><td>alice@example.com</td>"
                    + "<td>connected</td><td>")
                    .append(Html.postButton("/connect/samples", csrf, new String[][] {{"on", "false"}},
                            "Stop using the samples", "samples-off"))
                    .append("</td></tr>");
        }
        s.sources().forEach((name, src) -> {
            String status = errors.containsKey(name) ? "not readable: " + errors.get(name)
                    : ics.containsKey(name) ? "connected" : "not connected";
            b.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(src.location())).append("</td><td>")
                    .append(esc(src.owner())).append("</td><td>").append(esc(status)).append("</td><td>")
                    .append(Html.postButton("/connect/ics/remove", csrf, new String[][] {{"name", name}}, "Remove",
                            "remove-" + name))
                    .append("</td></tr>");
        });
        b.append("</tbody></table>");
        if (!s.samples()) {
            b.append("<p>").append(Html.postButton("/connect/samples", csrf, new String[][] {{"on", "true"}},
                    "Use the bundled sample calendars", "samples-on")).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/connect/ics\" class=\"stack\" id=\"add-ics\">")
                .append(Html.csrfField(csrf))
                .append("<label>Name <input name=\"name\" id=\"ics-name\" required pattern=\"[a-z0-9][a-z0-9-]{0,39}\" "
                        + "placeholder=\"uni\"></label>")
                .append("<label>File path or URL <input name=\"location\" id=\"ics-location\" required size=\"50\" "
                        + "placeholder=\"/home/me/timetable.ics or https://example.edu/me.ics\"></label>")
                .append("<label>Your e-mail in it (optional) <input name=\"owner\" id=\"ics-owner\" type=\"email\"></label>")
                .append("<button type=\"submit\" id=\"add-ics-submit\">Add calendar</button></form>");
        b.append("</section><section><h2>Where approved sessions go</h2>")
                .append("<form method=\"post\" action=\"/connect/write\" class=\"stack\" id=\"write-form\">")
                .append(Html.csrfField(csrf)).append("<label>Calendar <select name=\"target\" id=\"write-target\">");
        String current = app.writeTargetId();
        for (TrackerApp.WriteTarget t : app.writeTargets()) {
            b.append("<option value=\"").append(esc(t.id())).append('"').append(t.id().equals(current) ? " selected" : "")
                    .append('>').append(esc(t.label())).append("</option>");
        }
        b.append("</select></label><button type=\"submit\" id=\"write-submit\">Use this calendar</button></form>")
                .append("<p class=\"hint\">The local file is <code>").append(esc(app.sessionsFile().toString()))
                .append("</code>: subscribe to it or import it in your calendar app.</p></section>");
        r.html(200, Html.page("Connect", "/connect", r.session().takeFlash(), b.toString()));
    }

    private void beginOAuth(Request r) throws IOException {
        String id = r.form("provider").filter(TrackerApp::isOAuthProvider).orElse("");
        if (id.isEmpty()) {
            r.redirect("/connect", Html.Flash.error("Unknown calendar provider"));
            return;
        }
        Optional<String> unavailable = app.oauthUnavailable(id);
        if (unavailable.isPresent()) {
            r.redirect("/connect", Html.Flash.error(unavailable.get()));
            return;
        }
        AuthorizationRequest request;
        try {
            request = app.user().beginAuthorization(id);
        } catch (CalendarException e) {
            r.redirect("/connect", Html.Flash.error("Cannot start signing in to " + TrackerApp.displayName(id) + ": "
                    + e.getMessage()));
            return;
        }
        r.session().addOAuthState(request.state());
        r.redirect(request.authorizationUrl().toString());
    }

    private void callback(Request r, String id) throws IOException {
        Optional<String> error = r.query("error");
        if (error.isPresent()) {
            r.redirect("/connect", Html.Flash.error(TrackerApp.displayName(id) + " did not grant access ("
                    + error.get() + r.query("error_description").map(d -> ": " + d).orElse("") + ")."));
            return;
        }
        Optional<String> state = r.query("state");
        Optional<String> code = r.query("code");
        if (state.isEmpty() || code.isEmpty() || !r.session().takeOAuthState(state.get())) {
            LOG.warn("Refused an OAuth callback for {} whose state this browser session did not start", id);
            r.html(400, Html.page("Connect", "/connect", Html.Flash.error("This sign-in was not started from this "
                    + "browser session, or it was already used. Start again from the Connect page."), ""));
            return;
        }
        try {
            AccountRef account = app.user().completeAuthorization(state.get(), code.get());
            r.redirect("/connect", Html.Flash.ok("Connected " + TrackerApp.displayName(id) + " account "
                    + account.accountId() + "."));
        } catch (CalendarException e) {
            r.redirect("/connect", Html.Flash.error("Connecting " + TrackerApp.displayName(id) + " failed: "
                    + e.getMessage()));
        }
    }

    private void disconnect(Request r) throws IOException {
        Optional<String> provider = r.form("provider");
        Optional<String> account = r.form("account");
        if (provider.isEmpty() || account.isEmpty() || provider.get().equals("ics")) {
            r.redirect("/connect", Html.Flash.error("Which account? Use the Disconnect button of an account."));
            return;
        }
        boolean removed = app.disconnect(AccountRef.of(provider.get(), account.get()));
        r.redirect("/connect", removed ? Html.Flash.ok("Disconnected " + account.get() + "; its grant was deleted.")
                : Html.Flash.error("That account was not connected."));
    }

    private void addIcs(Request r) throws IOException {
        String name = r.formOr("name", "");
        try {
            app.addSource(name, r.formOr("location", ""), r.formOr("owner", ""));
            r.redirect("/connect", Html.Flash.ok("Added calendar '" + name.strip() + "'."));
        } catch (IllegalArgumentException | CalendarException e) {
            r.redirect("/connect", Html.Flash.error(e.getMessage()));
        }
    }

    private void removeIcs(Request r) throws IOException {
        String name = r.formOr("name", "");
        r.redirect("/connect", app.removeSource(name) ? Html.Flash.ok("Removed calendar '" + name + "'.")
                : Html.Flash.error("There is no calendar named '" + name + "'."));
    }

    private void chooseWriteTarget(Request r) throws IOException {
        try {
            app.chooseWriteTarget(r.formOr("target", ""));
            r.redirect("/connect", Html.Flash.ok("Approved sessions now go to the chosen calendar."));
        } catch (IllegalArgumentException e) {
            r.redirect("/connect", Html.Flash.error(e.getMessage()));
        }
    }

    private void samples(Request r) throws IOException {
        boolean on = Boolean.parseBoolean(r.formOr("on", "false"));
        app.useSamples(on);
        r.redirect("/connect", Html.Flash.ok(on ? "Using the bundled sample calendars." : "The sample calendars are off."));
    }
}
