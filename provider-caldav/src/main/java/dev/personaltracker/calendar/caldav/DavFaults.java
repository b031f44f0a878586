package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an answer the caller did not expect into a typed error that names the request, the status, the WebDAV
 * precondition the server named (RFC 4918 section 16, RFC 4791 section 1.3) and what to do.
 */
final class DavFaults {

    /** The first element inside {@code <error>}: the precondition that failed, such as {@code valid-sync-token}. */
    private static final Pattern CONDITION = Pattern.compile(
            "<(?:[A-Za-z0-9_-]+:)?error\\b[^>]*>\\s*<(?:[A-Za-z0-9_-]+:)?([A-Za-z0-9_-]+)");

    private DavFaults() {
    }

    /**
     * @param response  the answer
     * @param what  the request
     * @return the exception to throw
     */
    static CalendarException unexpected(DavResponse response, String what) {
        String condition = condition(response).map(c -> ", precondition " + c).orElse("");
        int status = response.status();
        String head = "caldav: " + what + " answered " + status + condition;
        return switch (status) {
            case 403 -> new BadSettingsException(head + " (Forbidden): the account may not do this here; check that"
                    + " the calendar is the account's own or shared with write access, and choose another calendar");
            case 404, 410 -> new BadSettingsException(head + " (not found): the calendar or home does not exist (any"
                    + " more); list the calendars again and use an id from calendars()");
            case 405 -> new BadSettingsException(head + " (Method Not Allowed): the URL is not a CalDAV collection;"
                    + " check the server URL");
            case 409 -> new UnexpectedResponseException(head + " (Conflict): the server refused the change as"
                    + " inconsistent with what it holds (a missing calendar or a UID held by another resource);"
                    + " read the calendar again");
            default -> new UnexpectedResponseException(head + "; body starts with: " + DavXml.preview(response.body()));
        };
    }

    /** @return the name of the precondition in a WebDAV error body, if any */
    static Optional<String> condition(DavResponse response) {
        if (response.body() == null) {
            return Optional.empty();
        }
        Matcher m = CONDITION.matcher(response.body());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
