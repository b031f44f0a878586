package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsFixtures.fixtureConnection;
import static dev.personaltracker.calendar.ics.IcsFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.SelfResponse;
import dev.personaltracker.calendar.time.Interval;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared {@link BusyPolicy} table, row by row, on iCalendar events (busy-policy.ics: one event per case, owner
 * me@example.com). Row 3 (working-location notes, birthdays) has no iCalendar form: iCalendar has no event types,
 * and Outlook's working-elsewhere status is row 5.
 */
class IcsBusyPolicyTest {

    private static final Interval DAY = window("2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z");
    private final CalendarConnection connection = fixtureConnection("busy-policy.ics", "UTC");

    @ParameterizedTest(name = "{0}: default {1}, tentative off {2}, unanswered off {3}")
    @CsvSource({
        // event uid,              default, tentativeBlocks=false, unansweredBlocks=false
        "r1-cancelled,             false,   false, false", // 1: STATUS:CANCELLED
        "r2-declined,              false,   false, false", // 2: owner's PARTSTAT=DECLINED (address case ignored)
        "r2-declined-email-param,  false,   false, false", // 2: the owner named by EMAIL= (RFC 7986), value a URN
        "r2-delegated,             false,   false, false", // 2: DELEGATED counts as declined
        "r4-out-of-office,         true,    true,  true",  // 4: Outlook OOF blocks even when TRANSPARENT
        "r5-transparent,           false,   false, false", // 5: TRANSP:TRANSPARENT
        "r5-outlook-free,          false,   false, false", // 5: BUSYSTATUS:FREE wins over TRANSP:OPAQUE
        "r5-working-elsewhere,     false,   false, false", // 5: BUSYSTATUS:WORKINGELSEWHERE
        "r6-needs-action,          true,    true,  false", // 6: unanswered invitation (iCloud writes OPAQUE)
        "r6-no-partstat,           true,    true,  false", // 6: no PARTSTAT means NEEDS-ACTION (RFC 5545)
        "r7-tentative-answer,      true,    false, true",  // 7: owner answered tentatively
        "r7-tentative-status,      true,    false, true",  // 7: STATUS:TENTATIVE
        "r7-outlook-tentative,     true,    false, true",  // 7: BUSYSTATUS:TENTATIVE
        "r8-plain,                 true,    true,  true",  // 8: no status, no TRANSP: busy
        "r8-accepted,              true,    true,  true",  // 8: accepted
        "r8-organizer,             true,    true,  true",  // 8: the owner organizes it
        "r8-someone-else-declined, true,    true,  true",  // 8: another attendee's answer is not the owner's
        "own-session,              false,   false, false", // the library's own session never blocks
    })
    void busy_followsThePolicyTable(String uid, boolean byDefault, boolean tentativeOff, boolean unansweredOff) {
        assertThat(blockingUids(BusyPolicy.defaults()).contains(uid)).as("default").isEqualTo(byDefault);
        assertThat(blockingUids(BusyPolicy.defaults().withTentativeBlocks(false)).contains(uid))
                .as("tentative off").isEqualTo(tentativeOff);
        assertThat(blockingUids(BusyPolicy.defaults().withUnansweredBlocks(false)).contains(uid))
                .as("unanswered off").isEqualTo(unansweredOff);
    }

    @Test
    void busy_keepsTheFactsThePolicyJudged() {
        List<BusyInterval> busy = connection.busy(List.of("cal"), DAY, BusyPolicy.defaults());
        BusyInterval ooo = busy.stream().filter(b -> b.source().eventId().equals("r4-out-of-office")).findFirst()
                .orElseThrow();
        assertThat(ooo.facts().availability()).isEqualTo(Availability.OUT_OF_OFFICE);
        BusyInterval organizer = busy.stream().filter(b -> b.source().eventId().equals("r8-organizer")).findFirst()
                .orElseThrow();
        assertThat(organizer.facts().response()).isEqualTo(SelfResponse.ORGANIZER);
    }

    @Test
    void busy_withoutOwnerSetting_treatsNoEventAsAnInvitation() {
        CalendarConnection anonymous = IcsFixtures.connect("source.cal",
                IcsFixtures.fixture("busy-policy.ics").toString(), "zone", "UTC");
        Set<String> uids = anonymous.busy(List.of("cal"), DAY, BusyPolicy.defaults().withUnansweredBlocks(false))
                .stream().map(b -> b.source().eventId()).collect(Collectors.toSet());
        // without knowing who the person is, a declined invitation cannot be told apart from a plain event
        assertThat(uids).contains("r2-declined", "r6-needs-action").doesNotContain("r1-cancelled", "own-session");
    }

    @Test
    void busy_copiesTitlesOnlyWhenThePolicyAsks() {
        List<BusyInterval> without = connection.busy(List.of("cal"), DAY, BusyPolicy.defaults());
        List<BusyInterval> with = connection.busy(List.of("cal"), DAY, BusyPolicy.defaults().withIncludeTitles(true));
        assertThat(without).allSatisfy(b -> assertThat(b.source().title()).isEmpty());
        assertThat(with).allSatisfy(b -> assertThat(b.source().title()).contains(b.source().eventId()));
    }

    @Test
    void busy_namesItsSource() {
        BusyInterval first = connection.busy(List.of("cal"), DAY, BusyPolicy.defaults()).get(0);
        assertThat(first.source().providerId()).isEqualTo("ics");
        assertThat(first.source().accountId()).isEqualTo("cal");
        assertThat(first.source().calendarId()).isEqualTo("cal");
        assertThat(first.source().eventId()).isEqualTo("r4-out-of-office");
        assertThat(first.interval()).isEqualTo(window("2026-11-02T03:00:00Z", "2026-11-02T03:30:00Z"));
    }

    private Set<String> blockingUids(BusyPolicy policy) {
        return connection.busy(List.of("cal"), DAY, policy).stream().map(b -> b.source().eventId())
                .collect(Collectors.toSet());
    }
}
