package dev.personaltracker.calendar;

import dev.personaltracker.calendar.Profile.WriteTarget;
import dev.personaltracker.calendar.ProfileAccount.Link;
import dev.personaltracker.calendar.ProfileAccount.Saved;
import dev.personaltracker.calendar.plan.StudyGoal;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.time.WeeklyHours;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text encoding of a {@link Profile}, the document a {@link dev.personaltracker.calendar.spi.ProfileStore} keeps.
 * It needs nothing beyond the JDK, is deterministic (one profile, one text), and is read back by every later version
 * of the library.
 * <p>
 * <b>Format, version 1.</b> UTF-8 text, one item per line ({@code \n}); each line is a kind and its fields, separated
 * by single spaces, every field percent-encoded ({@link URLEncoder}, UTF-8), so that no field contains a space or a
 * line end:
 * <pre>
 * tracker-calendar-profile 1
 * account &lt;provider&gt; &lt;account&gt; none|grant|access-token tracker|own
 * setting &lt;provider&gt; &lt;account&gt; clientId|redirectUri|scope|apiBaseUrl|authBaseUrl &lt;value&gt;
 * setting &lt;provider&gt; &lt;account&gt; readOnly true
 * setting &lt;provider&gt; &lt;account&gt; property &lt;name&gt; &lt;value&gt;
 * read &lt;provider&gt; &lt;account&gt; [&lt;calendar id&gt; ...]
 * write &lt;provider&gt; &lt;account&gt; &lt;calendar id&gt;
 * work-hours &lt;zone&gt; [&lt;DAY&gt;/&lt;from&gt;/&lt;to&gt; ...]
 * preferences &lt;zone&gt; weeklyGoal=&lt;ISO duration&gt; minSession=.. maxSession=.. maxPerDay=.. buffer=.. break=.. granularity=..
 * study-hours &lt;zone&gt; [&lt;DAY&gt;/&lt;from&gt;/&lt;to&gt; ...]
 * preferred-hours &lt;zone&gt; [&lt;DAY&gt;/&lt;from&gt;/&lt;to&gt; ...]
 * </pre>
 * <b>Version 2</b> (the multi-goal change) adds, after the preferences, one line per {@code StudyGoal} of the
 * preferences, in their order, and one line per goal with preferred hours of its own:
 * <pre>
 * goal weekly &lt;id&gt; &lt;per week, ISO duration&gt; - priority=&lt;int&gt; [minSession=.. maxSession=..]
 * goal by-deadline &lt;id&gt; &lt;total, ISO duration&gt; &lt;due, ISO instant&gt; priority=&lt;int&gt; [minSession=.. maxSession=..]
 * goal-hours &lt;id&gt; &lt;zone&gt; [&lt;DAY&gt;/&lt;from&gt;/&lt;to&gt; ...]
 * </pre>
 * When {@code goal} lines are present they are the preferences' goals and the {@code weeklyGoal} field of the
 * {@code preferences} line (then their sum) is not used; a document without them (every version 1 document) has the
 * single weekly goal of {@code weeklyGoal}.
 * {@code account} lines come in connection order; {@code tracker} means the account uses the tracker's settings for
 * its provider, {@code own} that its {@code setting} lines hold the non-secret part of the settings it was connected
 * with. A {@code read} line appears only when calendars were chosen (with none listed: read none). Hours are
 * {@link WeeklyHours.Range}s, {@code to} 00:00 meaning 24:00. Durations and zones are ISO ({@link Duration#parse},
 * {@link ZoneId#of}).
 * <p>
 * <b>Versions.</b> A reader accepts every version up to {@link #VERSION} and refuses a newer one with
 * {@link ProfileUnreadableException} ("upgrade the library") rather than dropping what it does not know; it refuses
 * unknown kinds and fields within a version for the same reason. To add an item (as version 2 added the
 * {@code goal} lines): write the new lines, add their reader to {@link #READERS}, raise {@link #VERSION}, and keep
 * reading the older versions unchanged (a version 1 document simply has no such lines). The round-trip test compares
 * {@code StudyPreferences.toString()} before and after, so a preference the encoding forgets fails it.
 * <p>
 * Never a secret: {@link Profile} holds none.
 */
final class ProfileCodec {

    /** The first line's tag. */
    static final String FORMAT = "tracker-calendar-profile";
    /** The version this library writes; it reads every version from 1 up to this one. */
    static final int VERSION = 2;

    /** Reads one line (its fields after the kind) into the profile being built. */
    @FunctionalInterface
    private interface LineReader {
        void read(Decoding into, List<String> fields);
    }

    /** The readers of each line kind: the extension point for new items (see the class documentation). */
    private static final Map<String, LineReader> READERS = Map.ofEntries(
            Map.entry("account", Decoding::account),
            Map.entry("setting", Decoding::setting),
            Map.entry("read", Decoding::read),
            Map.entry("write", Decoding::write),
            Map.entry("work-hours", (d, f) -> d.workHours = Optional.of(hours(f))),
            Map.entry("preferences", Decoding::preferences),
            Map.entry("study-hours", (d, f) -> d.studyHours = Optional.of(hours(f))),
            Map.entry("preferred-hours", (d, f) -> d.preferredHours = Optional.of(hours(f))),
            Map.entry("goal", Decoding::goal),
            Map.entry("goal-hours", Decoding::goalHours));

    private ProfileCodec() {
    }

    /**
     * Encodes a profile.
     *
     * @param profile  the profile, not null
     * @return the document, not null
     */
    static String encode(Profile profile) {
        StringBuilder out = new StringBuilder();
        line(out, FORMAT, Integer.toString(VERSION));
        for (ProfileAccount a : profile.accounts()) {
            String provider = a.ref().providerId();
            String account = a.ref().accountId();
            line(out, "account", provider, account, a.link().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    a.settings().isPresent() ? "own" : "tracker");
            a.settings().ifPresent(s -> {
                s.clientId().ifPresent(v -> line(out, "setting", provider, account, "clientId", v));
                s.redirectUri().ifPresent(v -> line(out, "setting", provider, account, "redirectUri", v.toString()));
                s.scopes().forEach(v -> line(out, "setting", provider, account, "scope", v));
                s.apiBaseUrl().ifPresent(v -> line(out, "setting", provider, account, "apiBaseUrl", v.toString()));
                s.authBaseUrl().ifPresent(v -> line(out, "setting", provider, account, "authBaseUrl", v.toString()));
                if (s.readOnly()) {
                    line(out, "setting", provider, account, "readOnly", "true");
                }
                s.properties().forEach((k, v) -> line(out, "setting", provider, account, "property", k, v));
            });
            a.readCalendars().ifPresent(ids -> {
                List<String> fields = new ArrayList<>(List.of(provider, account));
                fields.addAll(ids);
                line(out, "read", fields.toArray(String[]::new));
            });
        }
        profile.writeTo().ifPresent(t -> line(out, "write", t.account().providerId(), t.account().accountId(), t.calendarId()));
        profile.workHours().ifPresent(h -> hoursLine(out, "work-hours", h));
        profile.preferences().ifPresent(p -> {
            line(out, "preferences", p.zone().getId(), "weeklyGoal=" + p.weeklyGoal(), "minSession=" + p.minSession(),
                    "maxSession=" + p.maxSession(), "maxPerDay=" + p.maxPerDay(), "buffer=" + p.buffer(),
                    "break=" + p.breakBetweenSessions(), "granularity=" + p.granularity());
            hoursLine(out, "study-hours", p.studyHours());
            p.preferredHours().ifPresent(h -> hoursLine(out, "preferred-hours", h));
            for (StudyGoal g : p.goals()) {
                goalLine(out, g);
            }
            for (StudyGoal g : p.goals()) {
                g.preferredHours().ifPresent(h -> hoursLine(out, "goal-hours", h, g.id()));
            }
        });
        return out.toString();
    }

    /**
     * Decodes a profile.
     *
     * @param userId  whose profile it is, for messages, not null
     * @param document  the document, not null
     * @return the profile, not null
     * @throws ProfileUnreadableException if the document is of a newer version or not a profile document; the message
     *     names the user and the line, not the content
     */
    static Profile decode(String userId, String document) {
        String[] lines = document.split("\n", -1);
        int lineNo = 0;
        try {
            List<String> header = fields(lines[0]);
            if (header.size() != 2 || !header.get(0).equals(FORMAT)) {
                throw new IllegalArgumentException("it is not a " + FORMAT + " document");
            }
            int version = Integer.parseInt(header.get(1));
            if (version > VERSION) {
                throw new ProfileUnreadableException("The profile of user '" + userId + "' was written in version " + version
                        + " of the profile format, but this library reads versions 1 to " + VERSION
                        + ": upgrade the library (nothing was changed)", userId, null);
            }
            if (version < 1) {
                throw new IllegalArgumentException("version " + version + " does not exist");
            }
            Decoding decoding = new Decoding();
            for (lineNo = 1; lineNo < lines.length; lineNo++) {
                if (lines[lineNo].isEmpty() && lineNo == lines.length - 1) {
                    break;
                }
                List<String> line = fields(lines[lineNo]);
                LineReader reader = READERS.get(line.get(0));
                if (reader == null) {
                    throw new IllegalArgumentException("unknown item '" + line.get(0) + "'");
                }
                reader.read(decoding, line.subList(1, line.size()));
            }
            return decoding.profile();
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException e) {
            String where = lineNo == 0 ? "its first line" : "line " + (lineNo + 1);
            throw new ProfileUnreadableException("The profile of user '" + userId + "' cannot be read: " + where + " is"
                    + " malformed (" + e.getClass().getSimpleName() + (e instanceof IllegalArgumentException ? ": " + e.getMessage() : "")
                    + "). Nothing was changed: restore it from a backup, or delete it with ProfileStore.delete so that"
                    + " the person sets up again", userId, e);
        }
    }

    /** The profile being decoded. */
    private static final class Decoding {
        final Map<AccountRef, ProfileAccount> accounts = new LinkedHashMap<>();
        final Map<AccountRef, SavedBuilder> settings = new HashMap<>();
        Optional<WriteTarget> writeTo = Optional.empty();
        Optional<WeeklyHours> workHours = Optional.empty();
        Optional<List<String>> preferences = Optional.empty();
        Optional<WeeklyHours> studyHours = Optional.empty();
        Optional<WeeklyHours> preferredHours = Optional.empty();
        final Map<String, StudyGoal> goals = new LinkedHashMap<>();

        void account(List<String> f) {
            exactly(f, 4, "account");
            AccountRef ref = AccountRef.of(f.get(0), f.get(1));
            Link link = Link.valueOf(f.get(2).toUpperCase(Locale.ROOT).replace('-', '_'));
            boolean own = switch (f.get(3)) {
                case "own" -> true;
                case "tracker" -> false;
                default -> throw new IllegalArgumentException("account settings must be 'own' or 'tracker'");
            };
            if (accounts.put(ref, new ProfileAccount(ref, link, Optional.empty(), Optional.empty())) != null) {
                throw new IllegalArgumentException("account " + ref + " appears twice");
            }
            if (own) {
                settings.put(ref, new SavedBuilder());
            }
        }

        void setting(List<String> f) {
            AccountRef ref = known(f);
            SavedBuilder s = settings.get(ref);
            if (s == null) {
                throw new IllegalArgumentException("a setting of account " + ref + ", which uses the tracker's settings");
            }
            String name = f.get(2);
            if (name.equals("property")) {
                exactly(f, 5, "setting property");
                s.properties.put(f.get(3), f.get(4));
                return;
            }
            exactly(f, 4, "setting " + name);
            String value = f.get(3);
            switch (name) {
                case "clientId" -> s.clientId = Optional.of(value);
                case "redirectUri" -> s.redirectUri = Optional.of(URI.create(value));
                case "scope" -> s.scopes.add(value);
                case "apiBaseUrl" -> s.apiBaseUrl = Optional.of(URI.create(value));
                case "authBaseUrl" -> s.authBaseUrl = Optional.of(URI.create(value));
                case "readOnly" -> s.readOnly = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown setting '" + name + "'");
            }
        }

        void read(List<String> f) {
            AccountRef ref = known(f);
            accounts.put(ref, accounts.get(ref).withReadCalendars(Optional.of(List.copyOf(f.subList(2, f.size())))));
        }

        void write(List<String> f) {
            exactly(f, 3, "write");
            writeTo = Optional.of(new WriteTarget(AccountRef.of(f.get(0), f.get(1)), f.get(2)));
        }

        void preferences(List<String> f) {
            exactly(f, 8, "preferences");
            preferences = Optional.of(f);
        }

        void goal(List<String> f) {
            if (f.size() < 5) {
                throw new IllegalArgumentException("'goal' has " + f.size() + " fields instead of at least 5");
            }
            String id = f.get(1);
            Duration amount = Duration.parse(f.get(2));
            StudyGoal g = switch (f.get(0)) {
                case "weekly" -> {
                    if (!f.get(3).equals("-")) {
                        throw new IllegalArgumentException("a weekly goal has no due");
                    }
                    yield StudyGoal.weekly(id, amount);
                }
                case "by-deadline" -> StudyGoal.byDeadline(id, amount, Instant.parse(f.get(3)));
                default -> throw new IllegalArgumentException("a goal must be 'weekly' or 'by-deadline'");
            };
            Map<String, String> named = new HashMap<>();
            for (String field : f.subList(4, f.size())) {
                int eq = field.indexOf('=');
                if (eq < 0 || named.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException("goal field without '=' or given twice");
                }
            }
            if (!named.containsKey("priority") || !Set.of("priority", "minSession", "maxSession").containsAll(named.keySet())
                    || named.containsKey("minSession") != named.containsKey("maxSession")) {
                throw new IllegalArgumentException("goal fields must be priority and, together, minSession and maxSession");
            }
            g = g.withPriority(Integer.parseInt(named.get("priority")));
            if (named.containsKey("minSession")) {
                g = g.withSessionLength(Duration.parse(named.get("minSession")), Duration.parse(named.get("maxSession")));
            }
            if (goals.put(id, g) != null) {
                throw new IllegalArgumentException("goal '" + id + "' appears twice");
            }
        }

        void goalHours(List<String> f) {
            if (f.isEmpty()) {
                throw new IllegalArgumentException("goal-hours without a goal");
            }
            StudyGoal g = goals.get(f.get(0));
            if (g == null) {
                throw new IllegalArgumentException("goal-hours of a goal without its goal line");
            }
            goals.put(g.id(), g.withPreferredHours(hours(f.subList(1, f.size()))));
        }

        private AccountRef known(List<String> f) {
            if (f.size() < 2) {
                throw new IllegalArgumentException("too few fields");
            }
            AccountRef ref = AccountRef.of(f.get(0), f.get(1));
            if (!accounts.containsKey(ref)) {
                throw new IllegalArgumentException("account " + ref + " is used before its account line");
            }
            return ref;
        }

        Profile profile() {
            List<ProfileAccount> list = new ArrayList<>();
            accounts.forEach((ref, a) -> list.add(settings.containsKey(ref)
                    ? new ProfileAccount(ref, a.link(), Optional.of(settings.get(ref).build()), a.readCalendars()) : a));
            return new Profile(list, writeTo, workHours, preferences.map(this::buildPreferences));
        }

        private StudyPreferences buildPreferences(List<String> f) {
            Map<String, Duration> d = new HashMap<>();
            for (String field : f.subList(1, f.size())) {
                int eq = field.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("preference field without '='");
                }
                d.put(field.substring(0, eq), Duration.parse(field.substring(eq + 1)));
            }
            Set<String> names = Set.of("weeklyGoal", "minSession", "maxSession", "maxPerDay", "buffer", "break", "granularity");
            if (!d.keySet().equals(names)) {
                throw new IllegalArgumentException("preferences must have exactly the fields " + new TreeSet<>(names));
            }
            StudyPreferences.Builder b = StudyPreferences.builder(ZoneId.of(f.get(0)))
                    .sessionLength(d.get("minSession"), d.get("maxSession"))
                    .maxPerDay(d.get("maxPerDay"))
                    .buffer(d.get("buffer"))
                    .breakBetweenSessions(d.get("break"))
                    .granularity(d.get("granularity"))
                    .studyHours(studyHours.orElseThrow(() -> new IllegalArgumentException("preferences without study-hours")));
            preferredHours.ifPresent(b::preferredHours);
            if (goals.isEmpty()) {
                b.weeklyGoal(d.get("weeklyGoal"));
            } else {
                b.goals(List.copyOf(goals.values()));
            }
            return b.build();
        }
    }

    /** The non-secret settings of one account, as they are read. */
    private static final class SavedBuilder {
        Optional<String> clientId = Optional.empty();
        Optional<URI> redirectUri = Optional.empty();
        final Set<String> scopes = new TreeSet<>();
        Optional<URI> apiBaseUrl = Optional.empty();
        Optional<URI> authBaseUrl = Optional.empty();
        boolean readOnly;
        final Map<String, String> properties = new LinkedHashMap<>();

        Saved build() {
            return new Saved(clientId, redirectUri, scopes, apiBaseUrl, authBaseUrl, readOnly, properties);
        }
    }

    private static void goalLine(StringBuilder out, StudyGoal g) {
        List<String> fields = new ArrayList<>(List.of(g.isDeadline() ? "by-deadline" : "weekly", g.id(),
                g.amount().toString(), g.due().map(Instant::toString).orElse("-"), "priority=" + g.priority()));
        if (g.minSession().isPresent() && g.maxSession().isPresent()) {
            fields.add("minSession=" + g.minSession().get());
            fields.add("maxSession=" + g.maxSession().get());
        }
        line(out, "goal", fields.toArray(String[]::new));
    }

    private static void hoursLine(StringBuilder out, String kind, WeeklyHours hours, String... before) {
        List<String> fields = new ArrayList<>(List.of(before));
        fields.add(hours.zone().getId());
        for (WeeklyHours.Range r : hours.ranges()) {
            fields.add(r.day() + "/" + r.from() + "/" + r.to());
        }
        line(out, kind, fields.toArray(String[]::new));
    }

    private static WeeklyHours hours(List<String> f) {
        if (f.isEmpty()) {
            throw new IllegalArgumentException("hours without a zone");
        }
        WeeklyHours.Builder b = WeeklyHours.builder(ZoneId.of(f.get(0)));
        for (String range : f.subList(1, f.size())) {
            String[] parts = range.split("/", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("an hours range is not DAY/from/to");
            }
            b.add(DayOfWeek.valueOf(parts[0]), LocalTime.parse(parts[1]), LocalTime.parse(parts[2]));
        }
        return b.build();
    }

    private static void exactly(List<String> f, int count, String what) {
        if (f.size() != count) {
            throw new IllegalArgumentException("'" + what + "' has " + f.size() + " fields instead of " + count);
        }
    }

    private static void line(StringBuilder out, String kind, String... fields) {
        out.append(kind);
        for (String field : fields) {
            out.append(' ').append(URLEncoder.encode(field, StandardCharsets.UTF_8));
        }
        out.append('\n');
    }

    private static List<String> fields(String line) {
        if (line.isEmpty()) {
            throw new IllegalArgumentException("empty line");
        }
        return Arrays.stream(line.split(" ", -1)).map(f -> URLDecoder.decode(f, StandardCharsets.UTF_8)).toList();
    }
}
