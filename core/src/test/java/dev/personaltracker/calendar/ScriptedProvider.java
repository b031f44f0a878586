package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySnapshot;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.CalendarAccess;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.ReadOnlyCalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A read-only fake calendar service whose accounts' reads the test scripts: each account (named by the settings'
 * {@code account} property) answers {@code busy} with what its {@link Script} does (block on a latch, throw, answer
 * garbage), and may offer a snapshot. Records every connect with its settings and credentials.
 */
final class ScriptedProvider implements CalendarProvider {

    /** How one account answers. */
    interface Script {
        List<BusyInterval> busy(String accountId, Collection<String> calendarIds, Interval window) throws Exception;
    }

    /** One connect call. */
    record Connect(String accountId, ProviderSettings settings, Credentials credentials) {
    }

    private final String id;
    final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final Map<String, BusySnapshot> snapshots = new ConcurrentHashMap<>();
    final List<Connect> connects = new CopyOnWriteArrayList<>();

    ScriptedProvider(String id) {
        this.id = id;
    }

    /** A busy interval of an account's primary calendar. */
    BusyInterval busy(String accountId, Interval interval) {
        return new BusyInterval(interval, new BusySource(id, accountId, "primary", "e-" + interval.start(),
                Optional.empty()), EventFacts.busy());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean usesOAuth() {
        return false;
    }

    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        String account = settings.property("account").orElse("token-account");
        connects.add(new Connect(account, settings, credentials));
        return new ReadOnlyCalendarConnection() {
            @Override
            public String providerId() {
                return id;
            }

            @Override
            public String accountId() {
                return account;
            }

            @Override
            public List<CalendarInfo> calendars() {
                return List.of(new CalendarInfo("primary", "primary", true, CalendarAccess.OWNER, Optional.empty()));
            }

            @Override
            public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
                try {
                    return scripts.getOrDefault(account, (a, c, w) -> List.of()).busy(account, calendarIds, window);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Optional<BusySnapshot> lastKnownBusy(Collection<String> calendarIds, Interval window,
                                                        BusyPolicy policy) {
                return Optional.ofNullable(snapshots.get(account));
            }
        };
    }
}
