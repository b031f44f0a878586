package dev.personaltracker.calendar.web;

import java.util.List;
import java.util.Optional;

/**
 * What every page's frame needs: its title, the active navigation entry, the one-time message and the CSRF token of
 * this browser (every form carries it).
 *
 * @param title  the page title, plain text
 * @param active  the path of the active navigation entry
 * @param flash  the one-time message, if any
 * @param csrf  the browser's CSRF token
 */
record Layout(String title, String active, Optional<Flash> flash, String csrf) {

    /** One navigation entry. */
    record Nav(String path, String label, String id) {
    }

    /** The navigation entries, in order. */
    static final List<Nav> NAV = List.of(new Nav("/plan", "Plan", "nav-plan"), new Nav("/history", "History", "nav-history"),
            new Nav("/connect", "Connect", "nav-connect"), new Nav("/settings", "Settings", "nav-settings"));

    /** @return the navigation entries, not null */
    List<Nav> nav() {
        return NAV;
    }
}
