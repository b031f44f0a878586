package dev.personaltracker.calendar.caldav;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Well-known CalDAV services: their discovery URL, so a person picks a name instead of typing a URL. Both require
 * an app-specific password (see the module README).
 */
public enum CaldavPreset {
    /** Apple iCloud: {@code https://caldav.icloud.com/}, user name = the Apple ID e-mail address. */
    ICLOUD("iCloud", URI.create("https://caldav.icloud.com/")),
    /** Fastmail: {@code https://caldav.fastmail.com/}, user name = the Fastmail e-mail address. */
    FASTMAIL("Fastmail", URI.create("https://caldav.fastmail.com/"));

    private final String displayName;
    private final URI url;

    CaldavPreset(String displayName, URI url) {
        this.displayName = displayName;
        this.url = url;
    }

    /** @return the service's name for people, such as "iCloud" */
    public String displayName() {
        return displayName;
    }

    /** @return the URL discovery starts from, not null */
    public URI url() {
        return url;
    }

    /**
     * Finds a preset by name, ignoring case: {@code icloud} or {@code fastmail}.
     *
     * @param name  the name, not null
     * @return the preset, empty if the name is no preset's
     */
    public static Optional<CaldavPreset> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }
}
