package dev.personaltracker.calendar.web;

import java.util.Objects;

/**
 * Escaping and the page layout. Everything that reaches a page from outside the code (event titles from
 * .ics files, file paths, form input, library messages) goes through {@link #esc(String)}.
 */
final class Html {

    private Html() {
    }

    /**
     * Escapes text for HTML element content and quoted attribute values (also inside inline SVG).
     *
     * @param text  the text, not null
     * @return the escaped text, not null
     */
    static String esc(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters other than tab and newline have no business in a page
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * Formats a coordinate for SVG: one decimal, always a dot.
     *
     * @param value  the number
     * @return the text, not null
     */
    static String num(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /**
     * Obtains the hidden CSRF field that every form carries.
     *
     * @param token  the session's token, not null
     * @return the input element, not null
     */
    static String csrfField(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
    }

    /**
     * Obtains a form that posts to {@code action} with the CSRF field and a submit button.
     *
     * @param action  the path, not null
     * @param token  the CSRF token, not null
     * @param hidden  extra hidden fields as name/value pairs, not null
     * @param label  the button's label, not null
     * @param id  the button's id (for tests and anchors), not null
     * @return the form, not null
     */
    static String postButton(String action, String token, String[][] hidden, String label, String id) {
        StringBuilder b = new StringBuilder("<form method=\"post\" class=\"inline\" action=\"").append(esc(action)).append("\">")
                .append(csrfField(token));
        for (String[] h : hidden) {
            b.append("<input type=\"hidden\" name=\"").append(esc(h[0])).append("\" value=\"").append(esc(h[1])).append("\">");
        }
        return b.append("<button type=\"submit\" id=\"").append(esc(id)).append("\">").append(esc(label)).append("</button></form>")
                .toString();
    }

    /**
     * Lays out a page: header with navigation, the flash message, the body.
     *
     * @param title  the page title, plain text, not null
     * @param active  the path of the active navigation entry, not null
     * @param flash  the one-time message, already chosen for this request, may be null
     * @param body  the page body, HTML, not null
     * @return the whole document, not null
     */
    static String page(String title, String active, Flash flash, String body) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · Personal Tracker</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>")
                .append("<header><span class=\"brand\">Personal Tracker</span><nav>");
        for (String[] item : new String[][] {{"/connect", "Connect"}, {"/settings", "Settings"}, {"/plan", "Plan"},
                {"/history", "History"}}) {
            b.append("<a href=\"").append(item[0]).append('"').append(item[0].equals(active) ? " class=\"active\"" : "")
                    .append(" id=\"nav-").append(item[1].toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(item[1]).append("</a>");
        }
        b.append("</nav></header><main>");
        b.append("<h1>").append(esc(title)).append("</h1>");
        if (flash != null) {
            b.append("<div class=\"flash ").append(flash.error() ? "error" : "ok").append("\" id=\"flash\" role=\"status\">");
            for (String line : flash.text().split("\n")) {
                b.append("<div>").append(esc(line)).append("</div>");
            }
            b.append("</div>");
        }
        b.append(body).append("</main></body></html>\n");
        return b.toString();
    }

    /**
     * A one-time message shown on the next page.
     *
     * @param text  the message, plain text, lines separated by newlines
     * @param error  true for a failure
     */
    record Flash(String text, boolean error) {

        static Flash ok(String text) {
            return new Flash(text, false);
        }

        static Flash error(String text) {
            return new Flash(text, true);
        }
    }
}
