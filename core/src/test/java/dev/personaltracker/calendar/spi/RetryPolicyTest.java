package dev.personaltracker.calendar.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");
    private static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));

    @Property(tries = 300)
    void backoff_staysWithinTheDoublingCeiling(@ForAll @IntRange(min = 1, max = 40) int retry, @ForAll long seed) {
        long ceiling = Math.min(500L << Math.min(retry - 1, 20), 30_000L);
        Duration wait = POLICY.backoff(retry, Optional.empty(), new SplittableRandom(seed));
        assertThat(wait.toMillis()).isBetween(0L, ceiling);
    }

    @Property(tries = 200)
    void backoff_retryAfterWinsCappedAtMaxDelay(@ForAll @IntRange(min = 1, max = 10) int retry, @ForAll @LongRange(min = 0, max = 3600) long seconds) {
        Duration wait = POLICY.backoff(retry, Optional.of(Duration.ofSeconds(seconds)), new SplittableRandom(1));
        assertThat(wait).isEqualTo(Duration.ofSeconds(Math.min(seconds, 30)));
    }

    @Test
    void backoff_spreadsOverTheWholeRange() {
        // full jitter: over many draws, both small and large waits occur for the 4th retry (ceiling 4 s)
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long ms = POLICY.backoff(4, Optional.empty(), random).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(min).isLessThan(200);
        assertThat(max).isGreaterThan(3_800).isLessThanOrEqualTo(4_000);
    }

    @Test
    void backoff_isZeroWithoutInitialDelay() {
        assertThat(RetryPolicy.none().backoff(1, Optional.empty(), new SplittableRandom(1))).isZero();
    }

    @Test
    void backoff_rejectsRetryBelowOneNamingIt() {
        assertThatThrownBy(() -> POLICY.backoff(0, Optional.empty(), new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry").hasMessageContaining("0");
    }

    @ParameterizedTest
    @CsvSource({
            "120, PT2M",                               // delay-seconds
            "0, PT0S",
            "' 7 ', PT7S",                             // whitespace around
            "'Wed, 21 Oct 2015 07:28:30 GMT', PT30S",  // HTTP-date in the future
            "'Wed, 21 Oct 2015 07:27:00 GMT', PT0S",   // HTTP-date in the past: no wait
    })
    void parseRetryAfter_readsSecondsAndDates(String value, Duration expected) {
        assertThat(RetryPolicy.parseRetryAfter(value, NOW)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "soon", "-5x", "2015-10-21T07:28:30Z"})
    void parseRetryAfter_isEmptyForAbsentOrUnreadable(String value) {
        assertThat(RetryPolicy.parseRetryAfter(value, NOW)).isEmpty();
    }

    @Test
    void parseRetryAfter_negativeSecondsMeanNoWait() {
        assertThat(RetryPolicy.parseRetryAfter("-3", NOW)).contains(Duration.ZERO);
    }
}
