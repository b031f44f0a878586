package dev.personaltracker.calendar.outlook;

import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.EventKind;
import dev.personaltracker.calendar.spi.EventStatus;
import dev.personaltracker.calendar.spi.SelfResponse;
import dev.personaltracker.calendar.time.Interval;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What incremental sync keeps per calendar in the {@link dev.personaltracker.calendar.spi.SyncStateStore}, as two
 * records: the <em>snapshot</em> (the window the delta round was started for and the events seen, which a delta
 * round must remember because it returns only changes) and the <em>link</em> (the {@code @odata.deltaLink}). Both
 * carry the same generation; a link whose generation differs from the snapshot's (a crash between the two writes)
 * is not used.
 * <p>
 * Splitting them means a round that changed no event (nothing happened, or only the library's own sessions, which
 * are not kept) rewrites only the short link record, never the snapshot. Only what busy time needs is kept per
 * event: its interval, its facts, its title and its series. One line per event, tab-separated; titles base64url-encoded.
 *
 * @param window  the calendarView window the delta link belongs to
 * @param deltaLink  the absolute {@code @odata.deltaLink}
 * @param events  the events by id (never the library's own sessions)
 * @param generation  ties the link to the snapshot it continues
 */
record DeltaState(Interval window, String deltaLink, Map<String, Cached> events, String generation) {

    private static final String SNAPSHOT = "outlook-delta/2";
    /** The link record's format: its first line; format 3 adds the line with when it was written. */
    private static final String LINK = "outlook-delta-link/3";
    private static final String LINK_V2 = "outlook-delta-link/2";
    /** The SyncStateStore "calendar" under which a calendar's link record is kept. */
    private static final String LINK_SUFFIX = "#deltaLink";

    /**
     * One remembered event.
     *
     * @param interval  when it happens
     * @param facts  its facts
     * @param title  its subject, if any
     * @param series  the id of its series master, for an occurrence or exception of a recurring series
     */
    record Cached(Interval interval, EventFacts facts, Optional<String> title, Optional<String> series) {
    }

    /** @return a state for a new snapshot */
    static DeltaState fresh(Interval window, String deltaLink, Map<String, Cached> events) {
        return new DeltaState(window, deltaLink, events, UUID.randomUUID().toString());
    }

    static String linkKey(String calendarId) {
        return calendarId + LINK_SUFFIX;
    }

    String encodeSnapshot() {
        StringBuilder out = new StringBuilder(SNAPSHOT).append('\n').append(generation).append('\n')
                .append(window.start()).append('\t').append(window.end()).append('\n');
        events.forEach((id, e) -> out.append(id).append('\t')
                .append(e.interval().start()).append('\t').append(e.interval().end()).append('\t')
                .append(e.facts().status()).append('\t').append(e.facts().availability()).append('\t')
                .append(e.facts().response()).append('\t').append(e.facts().allDay()).append('\t')
                .append(e.title().map(t -> Base64.getUrlEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8)))
                        .orElse("-"))
                .append('\t').append(e.series().orElse("-"))
                .append('\n'));
        return out.toString();
    }

    /**
     * Encodes the link record, with when it is written: a round that found nothing new writes nothing, so a state
     * written at that instant was in sync with Graph at least then.
     *
     * @param savedAt  now
     */
    String encodeLink(Instant savedAt) {
        return LINK + '\n' + generation + '\n' + savedAt + '\n' + deltaLink;
    }

    /**
     * Reads when a link record was written.
     *
     * @param link  the stored link record, if any
     * @return when written, empty if missing, unreadable, or written by a version that did not record it
     */
    static Optional<Instant> savedAt(Optional<String> link) {
        try {
            return link.map(l -> l.split("\n", 4)).filter(l -> l.length == 4 && l[0].equals(LINK)).map(l -> Instant.parse(l[2]));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /**
     * @return the state, empty if either record is missing, not one this version wrote, or the two do not belong
     *         together (the caller then syncs in full)
     */
    static Optional<DeltaState> decode(Optional<String> snapshot, Optional<String> link) {
        if (snapshot.isEmpty() || link.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] l = link.get().split("\n", link.get().startsWith(LINK + '\n') ? 4 : 3);
            if (l.length == 4) {
                Instant.parse(l[2]);
                l = new String[] {l[0], l[1], l[3]};
            } else if (!l[0].equals(LINK_V2)) {
                return Optional.empty();
            }
            String[] lines = snapshot.get().split("\n");
            if (l.length < 3 || lines.length < 3 || !lines[0].equals(SNAPSHOT) || !lines[1].equals(l[1])) {
                return Optional.empty();
            }
            String[] w = lines[2].split("\t");
            Interval window = Interval.of(Instant.parse(w[0]), Instant.parse(w[1]));
            Map<String, Cached> events = new LinkedHashMap<>();
            for (int i = 3; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                EventFacts facts = new EventFacts(EventStatus.valueOf(f[3]), Availability.valueOf(f[4]),
                        SelfResponse.valueOf(f[5]), EventKind.DEFAULT, Boolean.parseBoolean(f[6]));
                Optional<String> title = f[7].equals("-") ? Optional.empty()
                        : Optional.of(new String(Base64.getUrlDecoder().decode(f[7]), StandardCharsets.UTF_8));
                // the series column came later: a line without it is an event of no known series
                Optional<String> series = f.length > 8 && !f[8].equals("-") ? Optional.of(f[8]) : Optional.empty();
                events.put(f[0], new Cached(Interval.of(Instant.parse(f[1]), Instant.parse(f[2])), facts, title,
                        series));
            }
            return Optional.of(new DeltaState(window, l[2], events, l[1]));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "DeltaState[window=" + window + ", events=" + events.size() + ", generation=" + generation + "]";
    }
}
