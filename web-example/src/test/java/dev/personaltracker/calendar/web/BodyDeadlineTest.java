package dev.personaltracker.calendar.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.Test;

/** The time a body has: a grace plus one second per KiB, of its declared length or, chunked, of the largest body. */
class BodyDeadlineTest {

    private final BodyDeadline deadline = new BodyDeadline(Duration.ofSeconds(10), 64 * 1024, new ScheduledExecutorScheduler());

    @Test
    void aBodyHasTheGracePlusASecondPerKiB_ofItsDeclaredLength() {
        assertThat(deadline.allowed(1)).isEqualTo(Duration.ofMillis(10_000));
        assertThat(deadline.allowed(2048)).isEqualTo(Duration.ofSeconds(12));
        assertThat(deadline.allowed(1536)).isEqualTo(Duration.ofMillis(11_500));
    }

    @Test
    void aChunkedOrOversizedBody_hasTheTimeOfTheLargestBodyTaken() {
        assertThat(deadline.allowed(-1)).isEqualTo(Duration.ofSeconds(10 + 64));
        assertThat(deadline.allowed(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10 + 64));
    }

    @Test
    void aLargestBodyOfNothing_isRefused() {
        assertThatThrownBy(() -> new BodyDeadline(Duration.ofSeconds(1), 0, new ScheduledExecutorScheduler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBody").hasMessageContaining("0");
    }
}
