package dev.personaltracker.calendar;

import dev.personaltracker.calendar.plan.DroppedTime;
import dev.personaltracker.calendar.plan.Move;
import dev.personaltracker.calendar.plan.Reconciliation;
import dev.personaltracker.calendar.plan.Schedule;
import dev.personaltracker.calendar.plan.ScheduledSession;
import dev.personaltracker.calendar.plan.StudyPlanner;
import dev.personaltracker.calendar.plan.StudyPreferences;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.ChangeKind;
import dev.personaltracker.calendar.spi.EventChangedException;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.SessionChange;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import dev.personaltracker.calendar.time.IntervalSet;
import dev.personaltracker.calendar.time.Weeks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile part of a {@link UserTracker}: one run of {@link UserTracker#reconcile}, which settles the scheduled
 * sessions of a window against their events and moves or drops those that busy time, work hours or the preferences now
 * rule out. One instance per run, to keep the run's working state together. Called with the user's lock held.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(UserTracker.class);
    /**
     * How much older than this run a connection's synced state may be when it answers the run's session lookups: a
     * change the person made in that second is seen by the next run (and a move of a stale event is refused by its
     * version check), while a loaded machine's scheduling delay does not cost a request per session.
     */
    private static final Duration LOOKUP_SLACK = Duration.ofSeconds(1);

    private final StudyTracker tracker;
    private final String userId;
    private final UserAccounts accounts;
    private final UserSettings settings;
    private final SessionPlanning planning;
    private final Interval window;
    private final Instant now;
    private final List<SessionUpdate> updates = new ArrayList<>();
    private final List<SessionKey> unchanged = new ArrayList<>();
    private final List<ReconcileReport.Conflict> conflicts = new ArrayList<>();
    private final List<DroppedTime> shortfalls = new ArrayList<>();
    private final List<ReconcileReport.Failure> failures = new ArrayList<>();

    /** A future session the library may move: its record, its event as read, and its account. */
    private record Movable(SessionRecord record, StudyEvent event, ConnectedAccount account) {
    }

    Reconciler(StudyTracker tracker, String userId, UserAccounts accounts, UserSettings settings,
               SessionPlanning planning, Interval window) {
        this.tracker = tracker;
        this.userId = userId;
        this.accounts = accounts;
        this.settings = settings;
        this.planning = planning;
        this.window = window;
        this.now = tracker.clock().instant();
    }

    ReconcileReport run() {
        long started = System.nanoTime();
        List<SessionRecord> scheduled = planning.history(window).stream()
                .filter(r -> r.status() == SessionStatus.SCHEDULED && r.event().isPresent())
                .toList();
        for (SessionRecord r : scheduled) {
            EventRef ref = r.event().get();
            accounts.get(AccountRef.of(ref.providerId(), ref.accountId()));
        }
        // sessions that overlap the window's edges are judged, and moved, with the busy time around them too
        Interval reach = scheduled.stream().map(SessionRecord::interval).reduce(window, Interval::span);
        // and busy time just beyond that reach still needs its buffer kept
        Duration buffer = settings.preferences().map(StudyPreferences::buffer).orElse(Duration.ZERO);
        FreeTime free = planning.freeTime(reach.padded(buffer, buffer));
        // the sessions' events, from the state the busy read above just synced where a connection keeps one
        Map<SessionKey, Optional<StudyEvent>> events = findEvents(scheduled, started);
        List<Movable> movable = new ArrayList<>();
        for (SessionRecord r : scheduled) {
            EventRef ref = r.event().get();
            ConnectedAccount account = accounts.get(AccountRef.of(ref.providerId(), ref.accountId()));
            Optional<StudyEvent> event = events.get(r.key());
            SessionRecord current = settle(r, event);
            if (current.status() != SessionStatus.SCHEDULED) {
                continue;
            }
            boolean placedByPerson = placedByPerson(current);
            if (event.isEmpty() || current.interval().start().isBefore(now) || placedByPerson) {
                // under way, deleted while under way (settled once it ends), or placed by the person: stays put
                List<BusyInterval> overlapping = free.busyDuring(current.interval());
                if (placedByPerson && !overlapping.isEmpty()) {
                    conflicts.add(new ReconcileReport.Conflict(current.key(), current.interval(), overlapping));
                } else if (current == r) {
                    unchanged.add(r.key());
                }
            } else {
                movable.add(new Movable(current, event.get(), account));
            }
        }
        if (!movable.isEmpty()) {
            rearrange(movable, free, reach);
        }
        if (!failures.isEmpty()) {
            LOG.warn("User '{}': {} session(s) could not be moved or deleted; they stay as they were (see the report)",
                    userId, failures.size());
        }
        return new ReconcileReport(window, updates, unchanged, conflicts, shortfalls, failures);
    }

    /** One calendar of one account. */
    private record CalendarOf(AccountRef account, String calendarId) {
    }

    /**
     * Finds the events of the sessions with one batch per account and calendar; a key a connection leaves out of its
     * answer is asked about on its own (never taken for deleted).
     */
    private Map<SessionKey, Optional<StudyEvent>> findEvents(List<SessionRecord> scheduled, long started) {
        Map<CalendarOf, List<SessionKey>> byCalendar = new LinkedHashMap<>();
        for (SessionRecord r : scheduled) {
            EventRef ref = r.event().get();
            byCalendar.computeIfAbsent(new CalendarOf(AccountRef.of(ref.providerId(), ref.accountId()), ref.calendarId()),
                    k -> new ArrayList<>()).add(r.key());
        }
        Map<SessionKey, Optional<StudyEvent>> out = new HashMap<>();
        byCalendar.forEach((calendar, keys) -> {
            CalendarConnection connection = accounts.get(calendar.account()).connection();
            // state synced since this run began; the slack covers a thread descheduled between here and the lookup
            Duration maxAge = Duration.ofNanos(System.nanoTime() - started).plus(LOOKUP_SLACK);
            Map<SessionKey, Optional<StudyEvent>> found = connection.findSessions(calendar.calendarId(), keys, maxAge);
            for (SessionKey key : keys) {
                Optional<StudyEvent> event = found.get(key);
                out.put(key, event != null ? event : connection.findSession(calendar.calendarId(), key));
            }
        });
        return out;
    }

    /** Settles a session against its event now, reporting every change the lifecycle recorded. */
    private SessionRecord settle(SessionRecord before, Optional<StudyEvent> event) {
        SessionRecord after = tracker.lifecycle().settle(userId, before.key(), event, now);
        for (SessionChange change : after.changes().subList(before.changes().size(), after.changes().size())) {
            updates.add(new SessionUpdate(after.key(), change));
        }
        return after;
    }

    private void rearrange(List<Movable> movable, FreeTime free, Interval span) {
        StudyPreferences prefs = settings.requirePreferences("reconcile");
        Map<ScheduledSession, Deque<Movable>> bySession = new HashMap<>();
        List<ScheduledSession> sessions = new ArrayList<>();
        Set<SessionKey> movableKeys = new HashSet<>();
        for (Movable m : movable) {
            ScheduledSession s = ScheduledSession.of(m.record().goalId(), m.record().interval());
            bySession.computeIfAbsent(s, k -> new ArrayDeque<>()).add(m);
            sessions.add(s);
            movableKeys.add(m.record().key());
        }
        Interval planWindow = span.start().isBefore(now) ? Interval.of(now, span.end()) : span;
        // Every other session of the weeks involved (studied, under way, placed by the person, or outside the
        // window) stays where it is but still counts: for maxPerDay, its goal and the break. The planner
        // keeps, without judging, the sessions not wholly inside its window; one wholly inside (placed by the
        // person) would be judged and perhaps moved, so it is handed over as busy time instead.
        List<Interval> fixed = new ArrayList<>();
        Map<ScheduledSession, Integer> context = new HashMap<>();
        for (SessionRecord r : planning.history(SessionPlanning.weeksAround(span, prefs.zone()))) {
            boolean counts = r.status() == SessionStatus.SCHEDULED || r.status() == SessionStatus.COMPLETED;
            if (!counts || movableKeys.contains(r.key())) {
                continue;
            }
            if (planWindow.encloses(r.interval())) {
                fixed.add(r.interval());
            } else {
                ScheduledSession s = ScheduledSession.of(r.goalId(), r.interval());
                sessions.add(s);
                context.merge(s, 1, Integer::sum);
            }
        }
        // each session moves within its own goal and ISO week (the planner's Schedule form keeps both)
        Reconciliation plan = StudyPlanner.create(prefs)
                .reconcile(planWindow, free.blocked().union(IntervalSet.of(fixed)), Schedule.of(sessions));
        for (ScheduledSession kept : plan.keptSessions()) {
            if (context.getOrDefault(kept, 0) > 0) {
                context.merge(kept, -1, Integer::sum);
                continue;
            }
            unchanged.add(bySession.get(kept).poll().record().key());
        }
        for (Move move : plan.moved()) {
            Movable m = bySession.get(ScheduledSession.of(move.goalId(), move.from())).poll();
            Cause cause = Cause.of(move.from(), free, prefs.buffer());
            try {
                StudyEvent moved = m.account().connection().moveSession(m.event(), move.to());
                if (!moved.interval().equals(move.to())) {
                    EventRef ref = m.record().event().orElseThrow();
                    throw new UnexpectedResponseException("Provider '" + ref.providerId() + "' (account '"
                            + ref.accountId() + "', event '" + ref.eventId() + "') answered a move to " + move.to()
                            + " with the event at " + moved.interval() + "; the session is left as recorded");
                }
                record(tracker.lifecycle().movedByLibrary(userId, m.record().key(), m.record().interval(),
                        moved.interval(), cause.source(), cause.reason()));
            } catch (EventChangedException e) {
                if (e.current().map(c -> c.interval().equals(move.to())).orElse(false)) {
                    // our own write landed and only its response was lost (a retry then saw a new version)
                    LOG.debug("User '{}': session {} already stands at {}; recording the library's move",
                            userId, m.record().key(), move.to());
                    record(tracker.lifecycle().movedByLibrary(userId, m.record().key(), m.record().interval(),
                            move.to(), cause.source(), cause.reason()));
                } else {
                    personChangedMeanwhile(m.record(), e);
                }
            } catch (RuntimeException e) {
                failed(m, "move it to " + move.to(), e);
            }
        }
        for (ScheduledSession dropped : plan.droppedSessions()) {
            Movable m = bySession.get(dropped).poll();
            Cause cause = Cause.of(dropped.interval(), free, prefs.buffer());
            LocalDate week = Weeks.containing(dropped.interval().start(), prefs.zone()).start().atZone(prefs.zone())
                    .toLocalDate();
            String reason = cause.reason() + "; no free slot was left for it in its ISO week (week of " + week
                    + ") for goal '" + dropped.goalId() + "'";
            try {
                m.account().connection().deleteSession(m.event());
                record(tracker.lifecycle().cancelled(userId, m.record().key(), cause.source(), reason));
                dropped(dropped, week);
            } catch (EventChangedException e) {
                if (e.current().isEmpty()) {
                    // gone either way (our delete landed and its response was lost, or the person deleted it
                    // too): the busy time is why the session is cancelled
                    record(tracker.lifecycle().cancelled(userId, m.record().key(), cause.source(), reason));
                    dropped(dropped, week);
                } else {
                    personChangedMeanwhile(m.record(), e);
                }
            } catch (RuntimeException e) {
                failed(m, "delete it (no free slot left)", e);
            }
        }
    }

    /**
     * A provider refused a move or delete, or answered with something other than what was asked: the session stays as
     * it was, its history says why, the report lists it, and the other sessions go ahead. An untyped exception is
     * wrapped in {@link UnexpectedResponseException} naming provider, account and event.
     */
    private void failed(Movable m, String tried, RuntimeException e) {
        CalendarException error = ProviderFailures.typed(m.record().event().orElseThrow(), tried, e);
        LOG.warn("User '{}': could not {} for session {}: {}", userId, tried, m.record().key(), error.getMessage());
        failures.add(new ReconcileReport.Failure(m.record().key(), error));
        record(tracker.lifecycle().failed(userId, m.record().key(), "could not " + tried + ": " + error.getMessage()));
    }

    /**
     * Counts a session actually dropped toward its goal's and week's shortfall (one the person changed meanwhile is
     * not dropped, so it is not counted), keeping the report ordered by week, then goal id.
     */
    private void dropped(ScheduledSession session, LocalDate week) {
        Duration time = session.interval().duration();
        for (int i = 0; i < shortfalls.size(); i++) {
            DroppedTime d = shortfalls.get(i);
            if (d.goalId().equals(session.goalId()) && d.weekStart().equals(week)) {
                shortfalls.set(i, new DroppedTime(d.goalId(), week, d.time().plus(time)));
                return;
            }
        }
        shortfalls.add(new DroppedTime(session.goalId(), week, time));
        shortfalls.sort(Comparator.comparing(DroppedTime::weekStart).thenComparing(DroppedTime::goalId));
    }

    /** The person changed or deleted the event between our read and our write: their change wins. */
    private void personChangedMeanwhile(SessionRecord r, EventChangedException e) {
        LOG.debug("User '{}': session {} changed in the calendar during reconcile; respecting it", userId, r.key());
        if (settle(r, e.current()) == r) {
            unchanged.add(r.key());
        }
    }

    private SessionRecord record(SessionRecord r) {
        updates.add(new SessionUpdate(r.key(), r.changes().get(r.changes().size() - 1)));
        return r;
    }

    /** Checks if the person ever moved the session themselves: such a session is never moved by the library. */
    private static boolean placedByPerson(SessionRecord record) {
        return record.changes().stream().anyMatch(c -> c.kind() == ChangeKind.MOVED_BY_PERSON);
    }

    /** Why a session had to move: the busy interval nearest to it (within the buffer), or work hours, or the rules. */
    private record Cause(Optional<BusySource> source, String reason) {
        static Cause of(Interval session, FreeTime free, Duration buffer) {
            List<BusyInterval> hits = free.busyDuring(session.padded(buffer, buffer));
            if (!hits.isEmpty()) {
                BusySource s = hits.get(0).source();
                return new Cause(Optional.of(s), "busy time now overlaps it: " + describe(s));
            }
            if (!free.workHours().intersection(IntervalSet.of(session)).isEmpty()) {
                return new Cause(Optional.empty(), "it now falls in work hours");
            }
            return new Cause(Optional.empty(), "it no longer fits the study preferences");
        }

        private static String describe(BusySource s) {
            return s.title().map(t -> "'" + t + "' ").orElse("") + "(event " + s.eventId() + " in calendar "
                    + s.calendarId() + " of " + s.providerId() + " account " + s.accountId() + ")";
        }
    }
}
