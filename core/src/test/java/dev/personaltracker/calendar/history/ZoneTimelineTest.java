package dev.personaltracker.calendar.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ZoneTimelineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant MOVE = Instant.parse("2026-05-05T12:00:00Z");

    @Test
    void zoneAt_switchesAtTheChangeInstant() {
        ZoneTimeline t = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);

        assertThat(t.zoneAt(MOVE.minusNanos(1))).isEqualTo(BERLIN);
        assertThat(t.zoneAt(MOVE)).isEqualTo(NEW_YORK);
        assertThat(t.zoneAt(Instant.parse("1999-01-01T00:00:00Z"))).isEqualTo(BERLIN);
    }

    @Test
    void dateOf_usesTheZoneOfThatInstant() {
        ZoneTimeline t = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);
        // 02:00Z on May 6 is May 6 in Berlin but still May 5 in New York, where the person is by then
        assertThat(t.dateOf(Instant.parse("2026-05-06T02:00:00Z"))).isEqualTo(LocalDate.of(2026, 5, 5));
        assertThat(ZoneTimeline.of(BERLIN).dateOf(Instant.parse("2026-05-06T02:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 5, 6));
    }

    @Test
    void withChange_outOfOrder_isRefusedNamingBothInstants() {
        ZoneTimeline t = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);
        assertThatThrownBy(() -> t.withChange(MOVE, BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MOVE.toString()).hasMessageContaining("not after");
    }

    @Test
    void isLived_falseForTheDateApiaSkipped() {
        ZoneTimeline apia = ZoneTimeline.of(ZoneId.of("Pacific/Apia"));
        assertThat(apia.isLived(LocalDate.of(2011, 12, 29))).isTrue();
        assertThat(apia.isLived(LocalDate.of(2011, 12, 30))).isFalse();
        assertThat(apia.isLived(LocalDate.of(2011, 12, 31))).isTrue();
    }

    @Test
    void isLived_falseForADateSkippedByFlyingEastOverTheDateLine() {
        // Pago Pago (UTC-11) to Kiritimati (UTC+14): at 10:30Z on June 11 it is 23:30 June 10 in Pago Pago and
        // 00:30 June 12 in Kiritimati, so June 11 never happens for the traveller
        Instant flight = Instant.parse("2026-06-11T10:30:00Z");
        ZoneTimeline t = ZoneTimeline.of(ZoneId.of("Pacific/Pago_Pago")).withChange(flight, ZoneId.of("Pacific/Kiritimati"));

        assertThat(t.isLived(LocalDate.of(2026, 6, 10))).isTrue();
        assertThat(t.isLived(LocalDate.of(2026, 6, 11))).isFalse();
        assertThat(t.isLived(LocalDate.of(2026, 6, 12))).isTrue();
    }

    @Test
    void isLived_trueForEveryDateAcrossDstChanges() {
        ZoneTimeline t = ZoneTimeline.of(BERLIN);
        for (LocalDate d = LocalDate.of(2026, 3, 27); d.isBefore(LocalDate.of(2026, 4, 2)); d = d.plusDays(1)) {
            assertThat(t.isLived(d)).as(d.toString()).isTrue();
        }
    }

    @Test
    void earliestStartAndLatestEnd_coverTheDateInEveryZone() {
        ZoneTimeline t = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);
        LocalDate d = LocalDate.of(2026, 5, 5);

        assertThat(t.earliestStartOf(d)).isEqualTo(Instant.parse("2026-05-04T22:00:00Z"));
        assertThat(t.latestEndOf(d)).isEqualTo(Instant.parse("2026-05-06T04:00:00Z"));
    }

    @Test
    void equalsAndToString_byContent() {
        ZoneTimeline a = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);
        ZoneTimeline b = ZoneTimeline.of(BERLIN).withChange(MOVE, NEW_YORK);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(ZoneTimeline.of(BERLIN));
        assertThat(a).hasToString("ZoneTimeline[Europe/Berlin, 2026-05-05T12:00:00Z America/New_York]");
    }
}
