package dev.personaltracker.calendar;

import dev.personaltracker.calendar.history.SessionLifecycle;
import dev.personaltracker.calendar.spi.CalendarException;
import dev.personaltracker.calendar.spi.EventRef;
import dev.personaltracker.calendar.spi.NotConnectedException;
import dev.personaltracker.calendar.spi.SessionRecord;
import dev.personaltracker.calendar.spi.SessionStatus;
import dev.personaltracker.calendar.spi.StudyEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approval part of a {@link UserTracker}: writing approved proposals as study-session events, idempotently.
 * Called with the user's lock held.
 */
final class SessionApproval {

    private final StudyTracker tracker;
    private final String userId;
    private final UserAccounts accounts;
    private final UserSettings settings;

    SessionApproval(StudyTracker tracker, String userId, UserAccounts accounts, UserSettings settings) {
        this.tracker = tracker;
        this.userId = userId;
        this.accounts = accounts;
        this.settings = settings;
    }

    /** Approves proposals; see {@link UserTracker#approve}. */
    List<SessionRecord> approve(List<Proposal> todo) {
        Profile.WriteTarget write = settings.writeTarget().orElseThrow(() -> new NotConnectedException("User '" + userId
                + "' has no calendar to write study sessions to: call writeTo(account, calendarId) first (connected: "
                + accounts.refs() + ")"));
        AccountRef writeAccount = write.account();
        String writeCalendar = write.calendarId();
        ConnectedAccount target = accounts.get(writeAccount);
        // a session written after it began would stand at its time and be settled as studied: refuse up front
        Instant now = tracker.clock().instant();
        // each proposal's record, read once: the checks and the writes below see the same state
        List<Optional<SessionRecord>> records = new ArrayList<>();
        for (Proposal p : todo) {
            // only this user's own proposals: a key from another user's tracker (or made up) is refused, so that no
            // one adopts, in a calendar two users share, an event that another user's session wrote. A proposal whose
            // record was lost is still this user's if its key derives from this user and its time.
            Optional<SessionRecord> own = tracker.historyStore().find(userId, p.key());
            records.add(own);
            if (own.isEmpty() && !SessionPlanning.isDerivedFrom(userId, p.interval(), p.key())) {
                throw new IllegalArgumentException("Proposal " + p.key() + " (" + p.interval() + ") is not a proposal"
                        + " of user '" + userId + "' (it came from another user's tracker, or was made up); nothing"
                        + " was written: approve only proposals this user's propose returned");
            }
            boolean pending = own.map(r -> r.status() == SessionStatus.PROPOSED).orElse(true);
            if (pending && p.interval().start().isBefore(now)) {
                throw new IllegalArgumentException("Proposal " + p.key() + " (" + p.interval() + ") began before "
                        + "now (" + now + ") and cannot be approved; nothing was written: propose again and "
                        + "approve the new proposals");
            }
        }
        // the events first, then every record of the batch in one saveAll (one transaction in PostgreSQL)
        List<Optional<SessionRecord>> known = new ArrayList<>();
        List<SessionLifecycle.Scheduling> written = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            Proposal p = todo.get(i);
            Optional<SessionRecord> stored = records.get(i);
            Optional<SessionRecord> found = stored.filter(r -> r.status() != SessionStatus.PROPOSED);
            known.add(found);
            if (found.isPresent()) {
                continue;
            }
            // the goal recorded when it was proposed wins (a host may rebuild a Proposal without its goal)
            String goalId = stored.map(SessionRecord::goalId).orElse(p.goalId());
            try {
                StudyEvent event = target.connection().createSession(writeCalendar, p.key(), p.interval(),
                        tracker.sessionDetails().forGoal(goalId));
                written.add(new SessionLifecycle.Scheduling(p.key(), Optional.of(goalId), new EventRef(
                        writeAccount.providerId(), writeAccount.accountId(), event.calendarId(), event.eventId()),
                        event.interval()));
            } catch (RuntimeException e) {
                CalendarException error = ProviderFailures.typed(new EventRef(writeAccount.providerId(),
                        writeAccount.accountId(), writeCalendar, "(session " + p.key().value() + ")"),
                        "write it at " + p.interval(), e);
                List<SessionRecord> done = record(todo.subList(0, i), known, written);
                if (stored.isPresent()) {
                    // the proposal's history says why it is still only proposed
                    tracker.lifecycle().failed(userId, p.key(), "could not write it to the calendar: "
                            + error.getMessage());
                }
                throw new ApprovalException("Approving failed at session " + p.key() + " (" + p.interval() + "): "
                        + done.size() + " of " + todo.size() + " sessions were scheduled, the rest were not; "
                        + "approve the same proposals again to finish (nothing is written twice). Cause: "
                        + error.getMessage(), done, todo.subList(i, todo.size()), error);
            }
        }
        return record(todo, known, written);
    }

    /**
     * Saves the records of the written sessions in one step and returns, in the order of {@code todo}, the records
     * of its sessions (those already scheduled before, and the written ones).
     *
     * @throws ApprovalException if the records could not be saved: none was, and every written session is reported
     *     as not scheduled (approving again finds its event and writes no second one)
     */
    private List<SessionRecord> record(List<Proposal> todo, List<Optional<SessionRecord>> known,
            List<SessionLifecycle.Scheduling> written) {
        List<SessionRecord> saved;
        try {
            saved = written.isEmpty() ? List.of() : tracker.lifecycle().scheduledAll(userId, written);
        } catch (RuntimeException e) {
            List<SessionRecord> before = known.stream().flatMap(Optional::stream).toList();
            List<Proposal> unrecorded = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                if (known.get(i).isEmpty()) {
                    unrecorded.add(todo.get(i));
                }
            }
            throw new ApprovalException("Approving wrote the events of " + written.size() + " sessions, but their "
                    + "history could not be saved, so none of them counts as scheduled: approve the same proposals "
                    + "again to finish (the events are found, not written twice). Cause: " + e.getMessage(),
                    before, unrecorded, e);
        }
        List<SessionRecord> done = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < todo.size(); i++) {
            done.add(known.get(i).isPresent() ? known.get(i).get() : saved.get(next++));
        }
        return List.copyOf(done);
    }
}
