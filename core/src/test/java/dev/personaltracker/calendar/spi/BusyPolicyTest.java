package dev.personaltracker.calendar.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BusyPolicyTest {

    private static final EventFacts BUSY = EventFacts.busy();

    static Stream<Arguments> table() {
        return Stream.of(
                // rule 1: cancelled never blocks, even out of office
                Arguments.of("cancelled", BUSY.withStatus(EventStatus.CANCELLED), false),
                Arguments.of("cancelled out-of-office", BUSY.withStatus(EventStatus.CANCELLED).withKind(EventKind.OUT_OF_OFFICE), false),
                // rule 2: declined never blocks
                Arguments.of("declined", BUSY.withResponse(SelfResponse.DECLINED), false),
                Arguments.of("declined all-day", BUSY.withResponse(SelfResponse.DECLINED).withAllDay(true), false),
                // rule 3: working location and birthdays are notes, not commitments
                Arguments.of("working location", BUSY.withKind(EventKind.WORKING_LOCATION), false),
                Arguments.of("birthday", BUSY.withKind(EventKind.BIRTHDAY), false),
                // rule 4: out of office blocks, by kind or by availability
                Arguments.of("out-of-office kind", BUSY.withKind(EventKind.OUT_OF_OFFICE), true),
                Arguments.of("shows as oof", BUSY.withAvailability(Availability.OUT_OF_OFFICE), true),
                Arguments.of("oof unanswered", BUSY.withAvailability(Availability.OUT_OF_OFFICE).withResponse(SelfResponse.NEEDS_ACTION), true),
                // rule 5: free / transparent and working elsewhere do not block
                Arguments.of("free", BUSY.withAvailability(Availability.FREE), false),
                Arguments.of("free all-day", BUSY.withAvailability(Availability.FREE).withAllDay(true), false),
                Arguments.of("free but tentative", BUSY.withAvailability(Availability.FREE).withStatus(EventStatus.TENTATIVE), false),
                Arguments.of("working elsewhere", BUSY.withAvailability(Availability.WORKING_ELSEWHERE), false),
                // rule 6: unanswered invitations block by default
                Arguments.of("unanswered", BUSY.withResponse(SelfResponse.NEEDS_ACTION), true),
                // rule 7: tentative blocks by default
                Arguments.of("answered tentative", BUSY.withResponse(SelfResponse.TENTATIVE), true),
                Arguments.of("event tentative", BUSY.withStatus(EventStatus.TENTATIVE), true),
                Arguments.of("shows tentative", BUSY.withAvailability(Availability.TENTATIVE), true),
                // rule 8: everything else blocks
                Arguments.of("busy", BUSY, true),
                Arguments.of("busy all-day", BUSY.withAllDay(true), true),
                Arguments.of("unknown availability", BUSY.withAvailability(Availability.UNKNOWN), true),
                Arguments.of("accepted", BUSY.withResponse(SelfResponse.ACCEPTED), true),
                Arguments.of("organizer", BUSY.withResponse(SelfResponse.ORGANIZER), true),
                Arguments.of("focus time", BUSY.withKind(EventKind.FOCUS_TIME), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void defaults_followTheTable(String name, EventFacts facts, boolean blocks) {
        assertThat(BusyPolicy.defaults().blocks(facts)).as(name).isEqualTo(blocks);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void lenientPolicy_freesOnlyTentativeAndUnanswered(String name, EventFacts facts, boolean blocksByDefault) {
        BusyPolicy lenient = BusyPolicy.defaults().withTentativeBlocks(false).withUnansweredBlocks(false);
        boolean tentativeOrUnanswered = facts.response() == SelfResponse.NEEDS_ACTION
                || facts.response() == SelfResponse.TENTATIVE || facts.status() == EventStatus.TENTATIVE
                || facts.availability() == Availability.TENTATIVE;
        boolean overridden = blocksByDefault && tentativeOrUnanswered
                && facts.kind() != EventKind.OUT_OF_OFFICE && facts.availability() != Availability.OUT_OF_OFFICE;
        assertThat(lenient.blocks(facts)).as(name).isEqualTo(blocksByDefault && !overridden);
    }

    @Property(tries = 300)
    void cancelledOrDeclined_neverBlocks(@ForAll("facts") EventFacts facts, @ForAll boolean tentative, @ForAll boolean unanswered) {
        BusyPolicy policy = new BusyPolicy(tentative, unanswered, false);
        assertThat(policy.blocks(facts.withStatus(EventStatus.CANCELLED))).isFalse();
        assertThat(policy.blocks(facts.withResponse(SelfResponse.DECLINED))).isFalse();
    }

    @Property(tries = 300)
    void allDayFlag_neverChangesTheAnswer(@ForAll("facts") EventFacts facts, @ForAll boolean tentative, @ForAll boolean unanswered) {
        BusyPolicy policy = new BusyPolicy(tentative, unanswered, false);
        assertThat(policy.blocks(facts.withAllDay(true))).isEqualTo(policy.blocks(facts.withAllDay(false)));
    }

    @Property(tries = 300)
    void lenientPolicy_neverBlocksMoreThanDefault(@ForAll("facts") EventFacts facts) {
        BusyPolicy lenient = BusyPolicy.defaults().withTentativeBlocks(false).withUnansweredBlocks(false);
        if (lenient.blocks(facts)) {
            assertThat(BusyPolicy.defaults().blocks(facts)).isTrue();
        }
    }

    @Provide
    Arbitrary<EventFacts> facts() {
        return Combinators.combine(Arbitraries.of(EventStatus.class), Arbitraries.of(Availability.class),
                Arbitraries.of(SelfResponse.class), Arbitraries.of(EventKind.class), Arbitraries.of(true, false))
                .as(EventFacts::new);
    }

    @org.junit.jupiter.api.Test
    void blocks_rejectsNull() {
        assertThrows(NullPointerException.class, () -> BusyPolicy.defaults().blocks(null));
    }

    @org.junit.jupiter.api.Test
    void withers_changeOneSettingEach() {
        BusyPolicy p = BusyPolicy.defaults();
        assertThat(p).isEqualTo(new BusyPolicy(true, true, false));
        assertThat(p.withTentativeBlocks(false)).isEqualTo(new BusyPolicy(false, true, false));
        assertThat(p.withUnansweredBlocks(false)).isEqualTo(new BusyPolicy(true, false, false));
        assertThat(p.withIncludeTitles(true)).isEqualTo(new BusyPolicy(true, true, true));
    }
}
