package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.ProposedSession;
import dev.personaltracker.calendar.plan.Schedule;
import dev.personaltracker.calendar.plan.ScheduledSession;
import dev.personaltracker.calendar.plan.StudyPlan;
import dev.personaltracker.calendar.plan.StudyPlanner;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planning part of a {@link UserTracker}: free time over every connected account and the work hours, and
 * proposals with their stable keys. Called with the user's lock held.
 */
final class SessionPlanning {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);

    private final StudyTracker tracker;
    private final String userId;
    private final UserAccounts accounts;
    private final UserSettings settings;

    SessionPlanning(StudyTracker tracker, String userId, UserAccounts accounts, UserSettings settings) {
        this.tracker = tracker;
        this.userId = userId;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** The free time in a window: busy time of every account's read calendars and the work hours taken out. */
    FreeTime freeTime(Interval window) {
        List<BusyReader.Request> requests = accounts.all().stream()
                .map(a -> new BusyReader.Request(a, settings.readCalendars(a.ref()))).toList();
        BusyReader.Result read = new BusyReader(tracker, userId).read(requests, window);
        IntervalSet work = settings.workHours().map(h -> h.within(window)).orElse(IntervalSet.empty());
        return FreeTime.of(window, read.busy(), work, read.report());
    }

    /** Proposes sessions in the future part of a window and records them; see {@link UserTracker#propose}. */
    Proposals propose(Interval window) {
        StudyPreferences prefs = settings.requirePreferences("propose");
        Instant now = tracker.clock().instant();
        if (!window.end().isAfter(now)) {
            return new Proposals(window, List.of(), new StudyPlan(List.of(), Duration.ZERO, List.of()));
        }
        Interval future = window.start().isBefore(now) ? Interval.of(now, window.end()) : window;
        // busy time just beyond the window's edges still needs its buffer kept
        FreeTime free = freeTime(future.padded(prefs.buffer(), prefs.buffer()));
        // each existing session counts toward its own goal (a goal the preferences no longer hold: toward none)
        Schedule existing = Schedule.of(history(weeksAround(future, prefs.zone())).stream()
                .filter(r -> r.status() == SessionStatus.SCHEDULED || r.status() == SessionStatus.COMPLETED)
                .map(r -> ScheduledSession.of(r.goalId(), r.interval()))
                .toList());
        StudyPlan plan = StudyPlanner.create(prefs).propose(future, free.blocked(), existing);

        List<SessionRecord> stale = new ArrayList<>(history(future).stream()
                .filter(r -> r.status() == SessionStatus.PROPOSED).toList());
        List<Proposal> proposals = new ArrayList<>();
        for (ProposedSession session : plan.sessions()) {
            SessionKey key = keyFor(session.interval());
            stale.removeIf(r -> r.key().equals(key));
            tracker.lifecycle().proposed(userId, key, session.goalId(), session.interval());
            proposals.add(new Proposal(key, session.interval(), session.goalId()));
        }
        for (SessionRecord r : stale) {
            tracker.historyStore().delete(userId, r.key());
        }
        LOG.debug("User '{}': proposed {} sessions in {}", userId, proposals.size(), future);
        return new Proposals(future, proposals, plan, free.reads());
    }

    /** The user's recorded sessions overlapping a range. */
    List<SessionRecord> history(Interval range) {
        return tracker.historyStore().query(userId, range);
    }

    /** The whole ISO weeks (Monday 00:00 in the zone) that a window touches, so existing sessions count per week. */
    static Interval weeksAround(Interval window, ZoneId zone) {
        Instant from = window.start().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant();
        Instant to = window.end().atZone(zone).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant();
        return Interval.of(from, to);
    }

    /**
     * Derives a session's key from the user and its proposed time, so that proposing the same plan twice gives the
     * same keys (and records); a key already taken by a session past the proposal stage gets the next variant.
     */
    private SessionKey keyFor(Interval interval) {
        for (int variant = 0; ; variant++) {
            SessionKey key = derivedKey(userId, interval, variant);
            Optional<SessionRecord> taken = tracker.historyStore().find(userId, key);
            if (taken.isEmpty() || taken.get().status() == SessionStatus.PROPOSED) {
                return key;
            }
        }
    }

    /** The most variants {@link #isDerivedFrom} tries: far more sessions than one person ever has at one time. */
    private static final int MAX_VARIANTS = 1_000;

    /** The key of the given variant of a proposal of this user at this time. */
    static SessionKey derivedKey(String userId, Interval interval, int variant) {
        return SessionKey.of("s-" + sha256(userId + "|" + interval.start() + "|" + interval.end() + "|" + variant)
                .substring(0, 32));
    }

    /**
     * Tells whether a key is one that {@link #keyFor} gives this user for this time (the user id is part of the
     * derivation, so no other user's proposal passes), for a proposal whose record was lost.
     */
    static boolean isDerivedFrom(String userId, Interval interval, SessionKey key) {
        for (int variant = 0; variant < MAX_VARIANTS; variant++) {
            if (derivedKey(userId, interval, variant).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
