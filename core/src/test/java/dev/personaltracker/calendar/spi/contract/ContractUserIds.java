package dev.personaltracker.calendar.spi.contract;

import dev.personaltracker.calendar.spi.UserIds;
import java.util.List;

/** User ids every store refuses (see {@link UserIds#require}). */
final class ContractUserIds {

    private ContractUserIds() {
    }

    /** Blank-free ids that break the rule: a NUL, a line break, only a NUL, one character too long. */
    static final List<String> INVALID = List.of("sam\0", "sam\n", "\u0000", "x".repeat(UserIds.MAX_LENGTH + 1));
}
