package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the provider remembers of one calendar between reads, kept in the {@link
 * dev.personaltracker.calendar.spi.SyncStateStore}: how it syncs, the last sync token, the time ranges whose events
 * are all held ({@code coverage}), and per resource its ETag and, where fetched, its iCalendar text.
 * <p>
 * A resource outside the coverage may be known by ETag only; the next read that needs its time range fetches it with
 * a time-range query. Encoded as lines of Base64 fields, so no server value can break the format. Immutable.
 *
 * @param sync  true to sync with {@code sync-collection}, false to compare ETags
 * @param token  the sync token, if any
 * @param coverage  the time ranges whose events are all held
 * @param resources  path to resource
 */
record CollectionState(boolean sync, Optional<String> token, IntervalSet coverage, Map<String, Resource> resources) {

    private static final String MAGIC = "caldav-state-1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    /**
     * One calendar object resource.
     *
     * @param etag  its ETag
     * @param data  its iCalendar text, if fetched
     */
    record Resource(String etag, Optional<String> data) {
    }

    CollectionState {
        resources = Map.copyOf(resources);
    }

    static CollectionState empty(boolean sync) {
        return new CollectionState(sync, Optional.empty(), IntervalSet.empty(), Map.of());
    }

    CollectionState with(Optional<String> newToken, Map<String, Resource> newResources) {
        return new CollectionState(sync, newToken, coverage, newResources);
    }

    CollectionState covering(Interval window) {
        return new CollectionState(sync, token, coverage.union(IntervalSet.of(window)), resources);
    }

    /** @return the iCalendar texts held, by path */
    Map<String, String> texts() {
        Map<String, String> result = new LinkedHashMap<>();
        resources.forEach((path, r) -> r.data().ifPresent(d -> result.put(path, d)));
        return result;
    }

    String encode() {
        StringBuilder out = new StringBuilder(MAGIC).append('\n');
        out.append(sync ? "sync" : "etag").append(' ').append(token.map(CollectionState::b64).orElse("-")).append('\n');
        List<String> ranges = new ArrayList<>();
        for (Interval i : coverage) {
            ranges.add(i.start() + "/" + i.end());
        }
        out.append(ranges.isEmpty() ? "-" : String.join(",", ranges)).append('\n');
        resources.forEach((path, r) -> out.append(b64(path)).append(' ').append(b64(r.etag())).append(' ')
                .append(r.data().map(CollectionState::b64).orElse("-")).append('\n'));
        return out.toString();
    }

    /** @return the state, empty if the text is not a state this version wrote (a full sync then starts over) */
    static Optional<CollectionState> decode(String text) {
        try {
            String[] lines = text.split("\n");
            if (lines.length < 3 || !lines[0].equals(MAGIC)) {
                return Optional.empty();
            }
            String[] head = lines[1].split(" ");
            boolean sync = head[0].equals("sync");
            Optional<String> token = head[1].equals("-") ? Optional.empty() : Optional.of(unb64(head[1]));
            List<Interval> ranges = new ArrayList<>();
            if (!lines[2].equals("-")) {
                for (String r : lines[2].split(",")) {
                    String[] ends = r.split("/");
                    ranges.add(Interval.of(Instant.parse(ends[0]), Instant.parse(ends[1])));
                }
            }
            Map<String, Resource> resources = new LinkedHashMap<>();
            for (int i = 3; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                resources.put(unb64(f[0]), new Resource(unb64(f[1]),
                        f[2].equals("-") ? Optional.empty() : Optional.of(unb64(f[2]))));
            }
            return Optional.of(new CollectionState(sync, token, IntervalSet.of(ranges), resources));
        } catch (RuntimeException e) {
            return Optional.empty(); // unreadable (hand-edited, or another version's): start over
        }
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(D64.decode(s), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CollectionState[" + (sync ? "sync" : "etag") + ", token=" + token.isPresent() + ", coverage=" + coverage
                + ", resources=" + resources.size() + "]";
    }
}
