package dev.personaltracker.calendar.outlook;

/** Graph event JSON shaped like the examples in the Graph docs (calendarView, delta, event resource). */
final class GraphJson {

    private GraphJson() {
    }

    /** A timed event in UTC, as calendarView returns it under {@code Prefer: outlook.timezone="UTC"}. */
    static String event(String id, String start, String end, String showAs, String response, String extra) {
        return "{\"@odata.etag\":\"W/\\\"" + id + "-etag\\\"\",\"id\":\"" + id + "\",\"subject\":\"Event " + id + "\","
                + "\"isAllDay\":false,\"isCancelled\":false,\"showAs\":\"" + showAs + "\",\"type\":\"singleInstance\","
                + "\"responseStatus\":{\"response\":\"" + response + "\",\"time\":\"0001-01-01T00:00:00Z\"},"
                + "\"originalStartTimeZone\":\"Pacific Standard Time\","
                + "\"start\":{\"dateTime\":\"" + start + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + end + ".0000000\",\"timeZone\":\"UTC\"}" + extra + "}";
    }

    static String busy(String id, String start, String end) {
        return event(id, start, end, "busy", "organizer", "");
    }

    static String page(String nextLink, String deltaLink, String... events) {
        return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#Collection(event)\",\"value\":["
                + String.join(",", events) + "]"
                + (nextLink == null ? "" : ",\"@odata.nextLink\":\"{{request.baseUrl}}" + nextLink + "\"")
                + (deltaLink == null ? "" : ",\"@odata.deltaLink\":\"{{request.baseUrl}}" + deltaLink + "\"")
                + "}";
    }

    static String removed(String id) {
        return "{\"@odata.type\":\"#microsoft.graph.event\",\"id\":\"" + id + "\",\"@removed\":{\"reason\":\"deleted\"}}";
    }

    static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":{\"date\":"
                + "\"2024-03-04T10:00:00\",\"request-id\":\"94fb3b52-452a-4535-a601-69e0a90e3aa2\","
                + "\"client-request-id\":\"94fb3b52-452a-4535-a601-69e0a90e3aa2\"}}}";
    }

    /** One of the library's study sessions as Graph returns it (event get, POST, PATCH): tagged, with its etag. */
    static String session(String id, String start, String end, String etag, String subject) {
        return "{\"@odata.etag\":\"" + etag.replace("\"", "\\\"") + "\",\"id\":\"" + id + "\",\"subject\":\"" + subject + "\","
                + "\"isAllDay\":false,\"transactionId\":\"personaltracker-sess-1\","
                + "\"start\":{\"dateTime\":\"" + start + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"" + end + ".0000000\",\"timeZone\":\"UTC\"},"
                + "\"singleValueExtendedProperties\":[{\"id\":\"" + GraphEvents.TAG_ID + "\",\"value\":\"sess-1\"}]}";
    }
}
