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

/**
 * What incremental sync keeps per calendar in the {@link dev.personaltracker.calendar.spi.SyncStateStore}: the window
 * the delta round was started for, the delta link, and the events seen so far (a delta round returns only changes,
 * so the events themselves must be remembered). One line per item, tab-separated; titles base64url-encoded.
 *
 * @param window  the calendarView window the delta link belongs to
 * @param deltaLink  the absolute {@code @odata.deltaLink}
 * @param events  the events by id
 */
record DeltaState(Interval window, String deltaLink, Map<String, Cached> events) {

    private static final String VERSION = "outlook-delta/1";

    /**
     * One remembered event.
     *
     * @param interval  when it happens
     * @param facts  its facts
     * @param own  whether it is one of our own study sessions
     * @param title  its subject, if any
     */
    record Cached(Interval interval, EventFacts facts, boolean own, Optional<String> title) {
    }

    String encode() {
        StringBuilder out = new StringBuilder(VERSION).append('\n')
                .append(window.start()).append('\t').append(window.end()).append('\n')
                .append(deltaLink).append('\n');
        events.forEach((id, e) -> out.append(id).append('\t')
                .append(e.interval().start()).append('\t').append(e.interval().end()).append('\t')
                .append(e.facts().status()).append('\t').append(e.facts().availability()).append('\t')
                .append(e.facts().response()).append('\t').append(e.facts().allDay()).append('\t')
                .append(e.own()).append('\t')
                .append(e.title().map(t -> Base64.getUrlEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8)))
                        .orElse("-"))
                .append('\n'));
        return out.toString();
    }

    /** @return the state, empty if the text is not a state this version wrote (the caller then syncs in full) */
    static Optional<DeltaState> decode(String text) {
        try {
            String[] lines = text.split("\n");
            if (lines.length < 3 || !lines[0].equals(VERSION)) {
                return Optional.empty();
            }
            String[] w = lines[1].split("\t");
            Interval window = Interval.of(Instant.parse(w[0]), Instant.parse(w[1]));
            Map<String, Cached> events = new LinkedHashMap<>();
            for (int i = 3; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                EventFacts facts = new EventFacts(EventStatus.valueOf(f[3]), Availability.valueOf(f[4]),
                        SelfResponse.valueOf(f[5]), EventKind.DEFAULT, Boolean.parseBoolean(f[6]));
                Optional<String> title = f[8].equals("-") ? Optional.empty()
                        : Optional.of(new String(Base64.getUrlDecoder().decode(f[8]), StandardCharsets.UTF_8));
                events.put(f[0], new Cached(Interval.of(Instant.parse(f[1]), Instant.parse(f[2])), facts,
                        Boolean.parseBoolean(f[7]), title));
            }
            return Optional.of(new DeltaState(window, lines[2], events));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "DeltaState[window=" + window + ", events=" + events.size() + "]";
    }
}
