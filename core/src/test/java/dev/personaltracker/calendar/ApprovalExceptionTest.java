package dev.personaltracker.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.ProviderUnavailableException;
import dev.personaltracker.calendar.spi.SessionKey;
import dev.personaltracker.calendar.time.Interval;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalExceptionTest {

    private static final Proposal PROPOSAL =
            new Proposal(SessionKey.of("s-1"), Interval.of(Instant.parse("2026-03-02T07:00:00Z"), Duration.ofHours(1)));

    @Test
    void accessors_returnWhatWasGiven() {
        ApprovalException e = new ApprovalException("failed", List.of(), List.of(PROPOSAL),
                new ProviderUnavailableException("down"));

        assertThat(e.scheduled()).isEmpty();
        assertThat(e.notScheduled()).containsExactly(PROPOSAL);
    }

    @Test
    void accessors_afterSerialization_areEmptyNotNull() throws Exception {
        ApprovalException e = new ApprovalException("failed", List.of(), List.of(PROPOSAL),
                new ProviderUnavailableException("down"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        ApprovalException copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ApprovalException) in.readObject();
        }

        assertThat(copy.getMessage()).isEqualTo("failed");
        assertThat(copy.scheduled()).isNotNull().isEmpty();
        assertThat(copy.notScheduled()).isNotNull().isEmpty();
    }
}
