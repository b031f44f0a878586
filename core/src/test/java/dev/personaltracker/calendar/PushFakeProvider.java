package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.ChangeChannel;
import dev.personaltracker.calendar.spi.ChangeChannels;
import dev.personaltracker.calendar.spi.ChangeNotice;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.NotificationDecoder;
import dev.personaltracker.calendar.spi.NotificationRequest;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.spi.TokenKey;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FakeCalendarProvider} whose connections have push channels, and whose notifications are three headers:
 * {@code X-Fake-Channel}, {@code X-Fake-Secret}, {@code X-Fake-Kind}. Counts busy reads (the "delta reads").
 */
final class PushFakeProvider implements CalendarProvider {

    final FakeCalendarProvider fake;
    final Map<String, ChangeChannel> open = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger renewed = new AtomicInteger();
    final AtomicInteger stopped = new AtomicInteger();
    final AtomicInteger busyReads = new AtomicInteger();

    PushFakeProvider(String id) {
        this.fake = new FakeCalendarProvider(id);
    }

    @Override
    public String id() {
        return fake.id();
    }

    @Override
    public boolean usesOAuth() {
        return true;
    }

    @Override
    public URI authorizationUrl(ProviderSettings settings, AuthorizationParameters parameters) {
        return fake.authorizationUrl(settings, parameters);
    }

    @Override
    public AuthorizedAccount exchangeCode(ProviderSettings settings, AuthorizationCode code) {
        return fake.exchangeCode(settings, code);
    }

    @Override
    public Optional<NotificationDecoder> notificationDecoder() {
        return Optional.of(request -> request.header("X-Fake-Channel").map(channel -> NotificationDecoder.Decoded.notices(List.of(
                new ChangeNotice(channel, request.header("X-Fake-Secret").orElse(""),
                        ChangeNotice.Kind.valueOf(request.header("X-Fake-Kind").orElse("CHANGED")))))));
    }

    static NotificationRequest notice(String channel, String secret, String kind) {
        return new NotificationRequest(Map.of("x-fake-channel", List.of(channel), "X-FAKE-SECRET", List.of(secret),
                "X-Fake-Kind", List.of(kind)), Map.of(), "");
    }

    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        CalendarConnection inner = fake.connect(settings, credentials);
        TokenKey key = credentials.tokenKey()
                .orElseGet(() -> TokenKey.of(credentials.userId().orElse("nobody"), id(), inner.accountId()));
        return new CalendarConnection() {
            @Override
            public String providerId() {
                return inner.providerId();
            }

            @Override
            public String accountId() {
                return inner.accountId();
            }

            @Override
            public List<CalendarInfo> calendars() {
                return inner.calendars();
            }

            @Override
            public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
                busyReads.incrementAndGet();
                return inner.busy(calendarIds, window, policy);
            }

            @Override
            public StudyEvent createSession(String calendarId, SessionKey k, Interval interval, SessionDetails details) {
                return inner.createSession(calendarId, k, interval, details);
            }

            @Override
            public List<StudyEvent> findSessions(String calendarId, Interval window) {
                return inner.findSessions(calendarId, window);
            }

            @Override
            public Optional<StudyEvent> findSession(String calendarId, SessionKey k) {
                return inner.findSession(calendarId, k);
            }

            @Override
            public StudyEvent moveSession(StudyEvent event, Interval to) {
                return inner.moveSession(event, to);
            }

            @Override
            public void deleteSession(StudyEvent event) {
                inner.deleteSession(event);
            }

            @Override
            public Optional<ChangeChannels> changeChannels() {
                return Optional.of(new ChangeChannels() {
                    @Override
                    public ChangeChannel open(String calendarId, URI address, String secret, Instant expiry) {
                        ChangeChannel c = new ChangeChannel("ch-" + opened.incrementAndGet(),
                                TokenKey.of(key.userId(), id(), inner.accountId()), calendarId, "res-" + calendarId, expiry, secret);
                        open.put(c.channelId(), c);
                        return c;
                    }

                    @Override
                    public ChangeChannel renew(ChangeChannel channel, URI address, Instant expiry) {
                        renewed.incrementAndGet();
                        ChangeChannel c = channel.renewed(channel.channelId(), channel.resourceId(), expiry);
                        open.put(c.channelId(), c);
                        return c;
                    }

                    @Override
                    public void stop(ChangeChannel channel) {
                        stopped.incrementAndGet();
                        open.remove(channel.channelId());
                    }
                });
            }
        };
    }
}
