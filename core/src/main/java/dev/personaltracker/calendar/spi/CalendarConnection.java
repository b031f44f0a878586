package dev.personaltracker.calendar.spi;

import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open connection to one account at one calendar service, made by {@link CalendarProvider#connect}.
 * <p>
 * Reads return busy time classified by a {@link BusyPolicy}; writes touch only the library's own study-session
 * events, which are tagged so they can be found again and which never come back as busy time.
 * <p>
 * Failures are typed: {@link NotConnectedException} / {@link ReauthorizationRequiredException},
 * {@link RateLimitedException}, {@link ProviderUnavailableException}, {@link EventChangedException},
 * {@link BadSettingsException}, {@link UnexpectedResponseException}. Implementations are thread-safe.
 */
public interface CalendarConnection extends AutoCloseable {

    /** @return the provider id, not null */
    String providerId();

    /** @return the account this connection reads and writes, not null */
    String accountId();

    /**
     * Lists the calendars the account can see.
     *
     * @return the calendars, primary first, not null
     */
    List<CalendarInfo> calendars();

    /**
     * Reads the busy time of chosen calendars inside a window: every event that the policy says blocks, clipped to
     * the window, recurring events expanded, the library's own study sessions left out.
     *
     * @param calendarIds  the calendars to read, not null
     * @param window  the window, not null
     * @param policy  which events block, not null
     * @return the busy intervals, sorted by start, not null
     */
    List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy);

    /**
     * Creates a study-session event, idempotently: if an event for {@code key} already exists on the calendar
     * (for example because an earlier attempt's response was lost), that event is returned and no second one is
     * made.
     *
     * @param calendarId  the calendar to write to, not null
     * @param key  the session's stable key, not null
     * @param interval  when, not null
     * @param details  title and description, not null
     * @return the event as created (or as found), not null
     */
    StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details);

    /**
     * Finds the library's study-session events that overlap a window.
     *
     * @param calendarId  the calendar, not null
     * @param window  the window, not null
     * @return the events, sorted by start, not null
     */
    List<StudyEvent> findSessions(String calendarId, Interval window);

    /**
     * Finds the study-session event of one session.
     *
     * @param calendarId  the calendar, not null
     * @param key  the session's key, not null
     * @return the event, empty if there is none (never created, or deleted)
     */
    Optional<StudyEvent> findSession(String calendarId, SessionKey key);

    /**
     * Finds the study-session events of several sessions of one calendar at once: for a reconcile, which has just read
     * the account's busy time. A connection that keeps the calendar's events in sync (a sync token, a delta link) may
     * answer from that synced state when it was brought up to date with the service within {@code maxAge} (so a
     * change the person made is seen as surely as by {@link #findSession}), asking the service only about sessions
     * that state cannot answer for; otherwise it asks as {@link #findSession} does. The default calls
     * {@link #findSession} once per key.
     *
     * @param calendarId  the calendar, not null
     * @param keys  the sessions' keys, not null
     * @param maxAge  how long ago the synced state may have been brought up to date, not null or negative
     * @return for every key asked (in the order asked), its event, empty if there is none
     */
    default Map<SessionKey, Optional<StudyEvent>> findSessions(String calendarId, Collection<SessionKey> keys,
            Duration maxAge) {
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(maxAge, "maxAge");
        Map<SessionKey, Optional<StudyEvent>> out = new LinkedHashMap<>();
        for (SessionKey key : keys) {
            out.put(Objects.requireNonNull(key, "keys contains null"), findSession(calendarId, key));
        }
        return out;
    }

    /**
     * Moves a study-session event, but only if it is still as {@code event} describes it (compared by version, or
     * by its interval where the service has no versions).
     *
     * @param event  the event as last read, not null
     * @param to  the new time, not null
     * @return the moved event, not null
     * @throws EventChangedException if someone else changed, moved or deleted the event since it was read
     */
    StudyEvent moveSession(StudyEvent event, Interval to);

    /**
     * Deletes a study-session event. Deleting an event that is already gone succeeds. Providers with versions delete
     * only the version read; if the event changed meanwhile only in ways that do not matter (a new title), they
     * delete the new version.
     *
     * @param event  the event as last read, not null
     * @throws EventChangedException if someone else moved the event since it was read (it is not deleted; the
     *     exception carries the event as it is now)
     */
    void deleteSession(StudyEvent event);

    /**
     * Gives the busy time of chosen calendars in a window as last synced, from the connection's stored sync state,
     * without a request to the service. The facade asks for it when a {@link #busy} read failed, to plan on the last
     * known state (and say so) instead of on nothing. It must be quick and must not block on the network.
     * <p>
     * The default, and any provider without stored state, answers empty: the account then counts as failed. A
     * provider answers empty too when its stored state does not cover every calendar asked for over the whole window.
     *
     * @param calendarIds  the calendars, not null
     * @param window  the window, not null
     * @param policy  which events block, not null
     * @return the snapshot with the time it was synced, empty if there is none that covers the request
     * @since 0.2
     */
    default Optional<BusySnapshot> lastKnownBusy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
        return Optional.empty();
    }

    /** @return whether the grant behind this connection still works, as last observed */
    default TokenHealth tokenHealth() {
        return TokenHealth.HEALTHY;
    }

    /**
     * Gets this connection's push channels; empty (the default) if the service cannot call the host back when a
     * calendar changes, in which case the background reconciler polls.
     *
     * @return the channels, empty if the service has none
     */
    default Optional<ChangeChannels> changeChannels() {
        return Optional.empty();
    }

    /** Releases resources; the default does nothing. */
    @Override
    default void close() {
    }
}
