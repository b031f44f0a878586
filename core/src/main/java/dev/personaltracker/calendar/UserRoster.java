package dev.personaltracker.calendar;

import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who a {@link BackgroundReconciler} reconciles, and when: the users with a scheduled session in the coming horizon,
 * listed once per interval, each with a {@link UserSchedule} whose polls fall at a fixed offset inside the interval
 * drawn from the user id, so that the work spreads over the interval.
 * <p>
 * Thread-safe: the schedules live in a concurrent map and each of their steps is atomic; the time of the next listing
 * is volatile (two ticks at once may both list the users).
 */
final class UserRoster {

    private final Function<Interval, Collection<String>> users;
    private final Duration interval;
    private final Duration tickEvery;
    private final Duration horizon;
    private final Duration fullPollEvery;
    private final Predicate<String> pushCovered;

    private final Map<String, UserSchedule> states = new ConcurrentHashMap<>();
    private volatile Instant nextListing = Instant.MIN;

    /**
     * @param users  the users with scheduled sessions in a range
     * @param pushCovered  true for a user whose every calendar has a live push channel
     */
    UserRoster(Function<Interval, Collection<String>> users, Duration interval, Duration tickEvery, Duration horizon,
            Duration fullPollEvery, Predicate<String> pushCovered) {
        this.users = users;
        this.interval = interval;
        this.tickEvery = tickEvery;
        this.horizon = horizon;
        this.fullPollEvery = fullPollEvery;
        this.pushCovered = pushCovered;
    }

    /** @return the reconcile window of a run at {@code now}: {@code [now, now + horizon)} */
    Interval window(Instant now) {
        return Interval.of(now, horizon);
    }

    /**
     * Lists the users again if an interval has passed since the last listing: each listed user gets a schedule, and
     * users no longer listed with nothing pending are forgotten.
     *
     * @throws RuntimeException if the users cannot be listed; the users already known stay
     */
    void refresh(Instant now) {
        if (now.isBefore(nextListing)) {
            return;
        }
        Set<String> listed = new HashSet<>(users.apply(window(now)));
        nextListing = now.plus(interval);
        listed.forEach(userId -> schedule(userId, now));
        states.entrySet().removeIf(e -> !listed.contains(e.getKey()) && e.getValue().idle());
    }

    /** @return the user's schedule, created with its first poll at its offset after {@code now} if the user is new */
    UserSchedule schedule(String userId, Instant now) {
        return states.computeIfAbsent(userId, u -> new UserSchedule(now.plus(offset(u))));
    }

    /** @return the schedule of a user whose run starts, created if a listing forgot the user meanwhile */
    UserSchedule forRun(String userId) {
        return states.computeIfAbsent(userId, u -> new UserSchedule(Instant.MIN));
    }

    /** @return the user's schedule, empty if the user is not known */
    Optional<UserSchedule> find(String userId) {
        return Optional.ofNullable(states.get(userId));
    }

    /** Hands every known user and their schedule to an action. */
    void forEach(BiConsumer<String, UserSchedule> action) {
        states.forEach(action);
    }

    /** @return the number of users known */
    int size() {
        return states.size();
    }

    /** Marks a user queued if a run is due now; the caller then dispatches it. */
    boolean claimIfDue(String userId, UserSchedule s, Instant now) {
        return s.claimIfDue(now, () -> pushCovered.test(userId), interval, fullPollEvery);
    }

    /** The user's fixed tick inside the interval, so that polls spread over it. */
    private Duration offset(String userId) {
        int h = userId.hashCode() * 0x9E3779B9;
        long slots = Math.max(1, interval.toMillis() / tickEvery.toMillis());
        return tickEvery.multipliedBy(Math.floorMod((long) (h ^ (h >>> 16)), slots));
    }
}
