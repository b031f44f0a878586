package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.AccountRef;
import dev.personaltracker.calendar.ProviderRegistry;
import dev.personaltracker.calendar.StudyTracker;
import dev.personaltracker.calendar.UserTracker;
import dev.personaltracker.calendar.caldav.CaldavCalendarProvider;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SyncStateStore;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.spi.TokenStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CalDAV accounts (iCloud, Fastmail, any CalDAV server) on the Connect page: the server (a preset or a URL), the user
 * name and an app-specific password. The password goes only into the token store, the provider's documented way
 * ({@link CaldavCalendarProvider#saveAccount}); it is never put back into a form, logged or shown. The account is
 * checked by listing its calendars once; an account that does not answer is removed again, grant and all.
 */
final class CaldavAccounts {

    /** The provider id. */
    static final String ID = CaldavCalendarProvider.ID;
    /** The servers offered by name: preset id and label. */
    static final Map<String, String> PRESETS = Map.of("icloud", "iCloud", "fastmail", "Fastmail");
    private static final int MAX_FIELD = 500;

    /**
     * What the CalDAV form shows: as typed after a refusal (never the password), else empty.
     *
     * @param server  {@code icloud}, {@code fastmail} or {@code url}
     * @param url  the server URL, for {@code url}
     * @param user  the user name
     * @param error  why connecting failed, if it did
     */
    record Form(String server, String url, String user, Optional<String> error) {

        /** @return the empty form, iCloud chosen */
        static Form blank() {
            return new Form("icloud", "", "", Optional.empty());
        }
    }

    private CaldavAccounts() {
    }

    /**
     * Gives the CalDAV provider its settings: the sync state store (so an unchanged calendar costs one request after
     * a restart), the clock and the person's zone at start-up.
     *
     * @param b  the tracker's builder, not null
     * @param providers  the providers on the class path, not null
     * @param clock  the clock, not null
     * @param sync  the sync state store, not null
     */
    static void configure(StudyTracker.Builder b, ProviderRegistry providers, Clock clock, SyncStateStore sync) {
        if (providers.contains(ID)) {
            b.settings(ID, ProviderSettings.builder().clock(clock).syncStateStore(sync).build());
        }
    }

    /**
     * Saves and connects a CalDAV account, then lists its calendars once to check the server, user name and password.
     *
     * @param user  the person's tracker, not null
     * @param tokens  the token store, not null
     * @param form  the server and user name, not null
     * @param password  the app-specific password, not null; never logged or shown
     * @return the connected account, not null
     * @throws IllegalArgumentException if a field is missing or malformed, in plain words
     * @throws CalendarException if the server refuses or cannot be reached (the account is removed again)
     */
    static AccountRef connect(UserTracker user, TokenStore tokens, Form form, String password) {
        String server = form.server().equals("url") ? form.url().strip() : form.server();
        if (!form.server().equals("url") && !PRESETS.containsKey(server)) {
            throw new IllegalArgumentException("Pick iCloud, Fastmail or “Other server”.");
        }
        if (server.isEmpty() || server.length() > MAX_FIELD) {
            throw new IllegalArgumentException("Type the server's address, such as https://cloud.example.org/remote.php/dav.");
        }
        String name = form.user().strip();
        if (name.isEmpty() || name.length() > MAX_FIELD || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("Type your user name (for iCloud your Apple ID e-mail, for Fastmail the "
                    + "full address).");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("Type the app-specific password you made for this app (not your main "
                    + "password).");
        }
        AccountRef ref = AccountRef.of(ID, name);
        if (user.accounts().contains(ref)) {
            throw new IllegalArgumentException("“" + name + "” is connected already; disconnect it first to change it.");
        }
        TokenKey key = TokenKey.of(user.userId(), ID, name);
        try {
            CaldavCalendarProvider.saveAccount(tokens, key, server, password);
        } catch (CalendarException e) {
            throw new IllegalArgumentException("The server “" + server + "” is not an address this app can use: "
                    + "type a https:// URL or a domain, such as cloud.example.org.", e);
        }
        try {
            List<AccountRef> added = user.connectStoredAccounts();
            if (!added.contains(ref)) {
                throw new IllegalStateException("the CalDAV provider is not available");
            }
            user.calendars(ref);
            return ref;
        } catch (CalendarException | IllegalStateException e) {
            if (!user.disconnect(ref)) {
                tokens.delete(key);
            }
            throw e;
        }
    }
}
