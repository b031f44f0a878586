package dev.personaltracker.calendar;

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
        for (Proposal p : todo) {
            boolean pending = tracker.historyStore().find(userId, p.key())
                    .map(r -> r.status() == SessionStatus.PROPOSED).orElse(true);
            if (pending && p.interval().start().isBefore(now)) {
                throw new IllegalArgumentException("Proposal " + p.key() + " (" + p.interval() + ") began before "
                        + "now (" + now + ") and cannot be approved; nothing was written: propose again and "
                        + "approve the new proposals");
            }
        }
        List<SessionRecord> done = new ArrayList<>();
        for (int i = 0; i < todo.size(); i++) {
            Proposal p = todo.get(i);
            Optional<SessionRecord> known = tracker.historyStore().find(userId, p.key());
            if (known.isPresent() && known.get().status() != SessionStatus.PROPOSED) {
                done.add(known.get());
                continue;
            }
            // the goal recorded when it was proposed wins (a host may rebuild a Proposal without its goal)
            String goalId = known.map(SessionRecord::goalId).orElse(p.goalId());
            try {
                StudyEvent event = target.connection().createSession(writeCalendar, p.key(), p.interval(),
                        tracker.sessionDetails().forGoal(goalId));
                EventRef ref = new EventRef(writeAccount.providerId(), writeAccount.accountId(), event.calendarId(),
                        event.eventId());
                done.add(tracker.lifecycle().scheduled(userId, p.key(), goalId, ref, event.interval()));
            } catch (RuntimeException e) {
                CalendarException error = ProviderFailures.typed(new EventRef(writeAccount.providerId(),
                        writeAccount.accountId(), writeCalendar, "(session " + p.key().value() + ")"),
                        "write it at " + p.interval(), e);
                if (known.isPresent()) {
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
        return List.copyOf(done);
    }
}
