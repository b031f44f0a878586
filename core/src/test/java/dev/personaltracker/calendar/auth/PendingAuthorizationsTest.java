package dev.personaltracker.calendar.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.spi.AuthorizationException;
import dev.personaltracker.calendar.testing.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingAuthorizationsTest {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:5000/callback");

    @Test
    void complete_returnsWhatBeginRemembered() {
        PendingAuthorizations p = PendingAuthorizations.create(Clock.systemUTC(), Duration.ofMinutes(5));
        PendingAuthorization started = p.begin("alice", "google", REDIRECT);
        PendingAuthorization done = p.complete(started.state());
        assertThat(done).isEqualTo(started);
        assertThat(done.userId()).isEqualTo("alice");
        assertThat(done.redirectUri()).isEqualTo(REDIRECT);
    }

    @Test
    void complete_refusesAReusedState() {
        PendingAuthorizations p = PendingAuthorizations.create(Clock.systemUTC(), Duration.ofMinutes(5));
        String state = p.begin("alice", "google", REDIRECT).state();
        p.complete(state);
        assertThatThrownBy(() -> p.complete(state)).isInstanceOf(AuthorizationException.class).hasMessageContaining("already used");
    }

    @Test
    void complete_refusesAnUnknownStateWithoutEchoingIt() {
        PendingAuthorizations p = PendingAuthorizations.create(Clock.systemUTC(), Duration.ofMinutes(5));
        p.begin("alice", "google", REDIRECT);
        assertThatThrownBy(() -> p.complete("forged-state-value"))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageNotContaining("forged-state-value");
    }

    @Test
    void complete_refusesAnExpiredState() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        PendingAuthorizations p = PendingAuthorizations.create(clock, Duration.ofMinutes(5));
        String state = p.begin("alice", "outlook", REDIRECT).state();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThatThrownBy(() -> p.complete(state)).isInstanceOf(AuthorizationException.class).hasMessageContaining("expired");
    }

    @Test
    void complete_acceptsAStateAtItsLastValidInstant() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        PendingAuthorizations p = PendingAuthorizations.create(clock, Duration.ofMinutes(5));
        String state = p.begin("alice", "outlook", REDIRECT).state();
        clock.advance(Duration.ofMinutes(5));
        assertThat(p.complete(state).providerId()).isEqualTo("outlook");
    }

    @Test
    void begin_makesDistinctStatesAndPurgesExpiredOnes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        PendingAuthorizations p = PendingAuthorizations.create(clock, Duration.ofMinutes(1));
        String a = p.begin("alice", "google", REDIRECT).state();
        String b = p.begin("alice", "google", REDIRECT).state();
        assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(43);
        assertThat(p.size()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(2));
        p.begin("bob", "google", REDIRECT);
        assertThat(p.size()).isEqualTo(1);
    }

    @Test
    void create_rejectsNonPositiveLifetime() {
        assertThatThrownBy(() -> PendingAuthorizations.create(Clock.systemUTC(), Duration.ZERO)).hasMessageContaining("PT0S");
    }

    @Test
    void completeForUser_refusesAnotherUsersStateWithoutUsingItUp() {
        PendingAuthorizations p = PendingAuthorizations.create(Clock.systemUTC(), Duration.ofMinutes(5));
        String state = p.begin("alice", "google", REDIRECT).state();
        assertThatThrownBy(() -> p.complete(state, "mallory"))
                .isInstanceOf(AuthorizationException.class).hasMessageContaining("another user").hasMessageContaining("mallory");
        assertThat(p.complete(state, "alice").userId()).isEqualTo("alice");
        assertThatThrownBy(() -> p.complete(state, "alice")).isInstanceOf(AuthorizationException.class).hasMessageContaining("already used");
    }

    @Test
    void completeForUser_refusesUnknownAndExpiredStates() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        PendingAuthorizations p = PendingAuthorizations.create(clock, Duration.ofMinutes(5));
        assertThatThrownBy(() -> p.complete("nope", "alice")).isInstanceOf(AuthorizationException.class).hasMessageContaining("unknown");
        String state = p.begin("alice", "outlook", REDIRECT).state();
        clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> p.complete(state, "alice")).isInstanceOf(AuthorizationException.class).hasMessageContaining("expired");
    }
}
