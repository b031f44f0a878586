package dev.personaltracker.calendar;

import dev.personaltracker.calendar.spi.CalendarException;
import java.util.List;
import java.util.Objects;

/**
 * Some of a person's accounts could not be read, and the host's {@link PartialReadPolicy} does not allow planning
 * without them (no snapshot recent enough, or the policy refuses). Nothing was planned or written. The message names
 * each failing account and why it failed; {@link #report()} has every account's read.
 * <p>
 * What to do: try again later, or choose a policy that plans on snapshots
 * ({@link StudyTracker.Builder#partialReads}).
 */
public final class PartialReadException extends CalendarException {
    private static final long serialVersionUID = 1L;

    /** Immutable (a record of records and strings). */
    private final ReadReport report;

    /**
     * Creates the exception.
     *
     * @param report  every account's read, with at least one failure, not null
     */
    public PartialReadException(ReadReport report) {
        super(message(Objects.requireNonNull(report, "report")));
        this.report = report;
    }

    /**
     * Gets every account's read, the failed ones and those read fine.
     *
     * @return the report, not null
     */
    public ReadReport report() {
        return report;
    }

    /**
     * Lists the accounts whose read failed.
     *
     * @return the failed reads, not null
     */
    public List<AccountRead> failedAccounts() {
        return report.failed();
    }

    private static String message(ReadReport report) {
        StringBuilder out = new StringBuilder().append(report.failed().size()).append(" of ")
                .append(report.accounts().size()).append(" accounts could not be read, so nothing was planned:");
        for (AccountRead failed : report.failed()) {
            out.append("\n  ").append(failed.describe());
        }
        return out.append("\nTry again later, or let the tracker plan on recent snapshots "
                + "(StudyTracker.builder().partialReads(PartialReadPolicy.snapshots(...)))").toString();
    }
}
