package dev.personaltracker.calendar.web;

import dev.personaltracker.calendar.auth.Pkce;
import dev.personaltracker.calendar.ics.IcsCalendarProvider;
import dev.personaltracker.calendar.spi.AuthorizationCode;
import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.spi.AuthorizationParameters;
import dev.personaltracker.calendar.spi.AuthorizedAccount;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.OAuthToken;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarInfo;
import dev.personaltracker.calendar.spi.SessionDetails;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.spi.StudyEvent;
import dev.personaltracker.calendar.time.Interval;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OAuth provider with id "google" that plays the authorization server: it remembers the PKCE challenge of each
 * state it built a URL for and accepts the code "good" only with the matching verifier. Its connections read a
 * local .ics file and write sessions to {@code google-sessions.ics} beside it (calendar id {@code study}).
 */
final class FakeOAuthProvider implements CalendarProvider {

    static final String ACCESS_TOKEN = "ya29.fake-access-token-do-not-store-in-clear";
    static final String REFRESH_TOKEN = "1//fake-refresh-token-do-not-store-in-clear";
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final Path calendar;

    FakeOAuthProvider(Path calendar) {
        this.calendar = calendar;
    }

    @Override
    public String id() {
        return "google";
    }

    @Override
    public URI authorizationUrl(ProviderSettings settings, AuthorizationParameters p) {
        challenges.put(p.redirectUri() + " " + p.codeChallenge(), p.state());
        return URI.create("https://accounts.example.test/auth?client_id=" + settings.clientId().orElseThrow()
                + "&redirect_uri=" + URLEncoder.encode(p.redirectUri().toString(), StandardCharsets.UTF_8)
                + "&state=" + p.state() + "&code_challenge=" + p.codeChallenge() + "&code_challenge_method="
                + p.codeChallengeMethod());
    }

    @Override
    public AuthorizedAccount exchangeCode(ProviderSettings settings, AuthorizationCode code) {
        String key = code.redirectUri() + " " + Pkce.challengeOf(code.codeVerifier());
        if (!code.code().equals("good") || challenges.remove(key) == null) {
            throw new AuthorizationException("The token endpoint refused the code (invalid_grant)");
        }
        return new AuthorizedAccount("pat@example.com", OAuthToken.of(ACCESS_TOKEN, Optional.of(REFRESH_TOKEN),
                Optional.of(Instant.parse("2026-03-09T07:00:00Z")), Set.of("calendar")));
    }

    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        CalendarConnection ics = new IcsCalendarProvider().connect(ProviderSettings.builder()
                .property("account", "pat@example.com").property("source.primary", calendar.toString())
                .property("output", calendar.resolveSibling("google-sessions.ics").toString())
                .property("output.id", "study").build(),
                Credentials.none());
        return new Connection(ics);
    }

    /** The .ics connection under this provider's id. */
    private record Connection(CalendarConnection ics) implements CalendarConnection {

        @Override
        public String providerId() {
            return "google";
        }

        @Override
        public String accountId() {
            return ics.accountId();
        }

        @Override
        public List<CalendarInfo> calendars() {
            // like a Google account: the primary calendar is read; the session calendar is another writable one
            return ics.calendars().stream().map(c -> new CalendarInfo(c.id(), c.name(), c.id().equals("primary"),
                    c.access(), c.zone())).toList();
        }

        @Override
        public List<BusyInterval> busy(Collection<String> calendarIds, Interval window, BusyPolicy policy) {
            return ics.busy(calendarIds, window, policy);
        }

        @Override
        public StudyEvent createSession(String calendarId, SessionKey key, Interval interval, SessionDetails details) {
            return ics.createSession(calendarId, key, interval, details);
        }

        @Override
        public List<StudyEvent> findSessions(String calendarId, Interval window) {
            return ics.findSessions(calendarId, window);
        }

        @Override
        public Optional<StudyEvent> findSession(String calendarId, SessionKey key) {
            return ics.findSession(calendarId, key);
        }

        @Override
        public StudyEvent moveSession(StudyEvent event, Interval to) {
            return ics.moveSession(event, to);
        }

        @Override
        public void deleteSession(StudyEvent event) {
            ics.deleteSession(event);
        }
    }
}
