package dev.personaltracker.calendar.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.personaltracker.calendar.time.IntervalSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreeBusyScheduleTest {

    @Test
    void constructor_rejectsNulls() {
        assertThatThrownBy(() -> new FreeBusySchedule(null, IntervalSet.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("address");
        assertThatThrownBy(() -> new FreeBusySchedule("a@b.c", null, Optional.empty()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("busy");
        assertThatThrownBy(() -> new FreeBusySchedule("a@b.c", IntervalSet.empty(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("error");
    }

    @Test
    void equality_isByComponents() {
        assertThat(new FreeBusySchedule("a@b.c", IntervalSet.empty(), Optional.of("x")))
                .isEqualTo(new FreeBusySchedule("a@b.c", IntervalSet.empty(), Optional.of("x")))
                .isNotEqualTo(new FreeBusySchedule("a@b.c", IntervalSet.empty(), Optional.empty()));
    }
}
