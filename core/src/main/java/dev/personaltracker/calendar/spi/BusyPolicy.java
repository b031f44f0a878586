package dev.personaltracker.calendar.spi;

import java.util.Objects;

/**
 * The one rule, shared by every provider, that decides whether a calendar event blocks study time.
 * <p>
 * Rules are applied top to bottom; the first that matches decides:
 * <table>
 * <caption>Which events block</caption>
 * <tr><th>#</th><th>the event</th><th>blocks?</th></tr>
 * <tr><td>1</td><td>is cancelled ({@link EventStatus#CANCELLED})</td><td>no</td></tr>
 * <tr><td>2</td><td>was declined by the owner ({@link SelfResponse#DECLINED})</td><td>no</td></tr>
 * <tr><td>3</td><td>is a working-location note or a birthday ({@link EventKind#WORKING_LOCATION},
 *     {@link EventKind#BIRTHDAY})</td><td>no</td></tr>
 * <tr><td>4</td><td>is out of office ({@link EventKind#OUT_OF_OFFICE} or {@link Availability#OUT_OF_OFFICE})</td><td>yes</td></tr>
 * <tr><td>5</td><td>shows as free / transparent ({@link Availability#FREE}) or working elsewhere
 *     ({@link Availability#WORKING_ELSEWHERE})</td><td>no</td></tr>
 * <tr><td>6</td><td>is an unanswered invitation ({@link SelfResponse#NEEDS_ACTION})</td>
 *     <td>{@link #unansweredBlocks()} (default yes)</td></tr>
 * <tr><td>7</td><td>is tentative: the owner answered tentatively, the event is tentative, or it shows as
 *     tentative</td><td>{@link #tentativeBlocks()} (default yes)</td></tr>
 * <tr><td>8</td><td>anything else (busy, unknown)</td><td>yes</td></tr>
 * </table>
 * All-day events follow the same table: an all-day event marked free does not block, one marked busy blocks the
 * whole local day. The library's own study-session events never reach this policy: providers return them
 * separately.
 * <p>
 * Unanswered invitations count as busy on Google and as free on Microsoft by those services' own defaults; this
 * policy normalises both to {@link #unansweredBlocks()}.
 * <p>
 * This class is immutable and thread-safe.
 *
 * @param tentativeBlocks  whether tentative events block
 * @param unansweredBlocks  whether unanswered invitations block
 * @param includeTitles  whether providers copy event titles into {@link BusySource#title()} (off by default: titles
 *                       are private details the host rarely needs)
 */
public record BusyPolicy(boolean tentativeBlocks, boolean unansweredBlocks, boolean includeTitles) {

    private static final BusyPolicy DEFAULT = new BusyPolicy(true, true, false);

    /** @return the default policy: tentative and unanswered block, no titles */
    public static BusyPolicy defaults() {
        return DEFAULT;
    }

    /**
     * @param value  whether tentative events block
     * @return a copy with that setting
     */
    public BusyPolicy withTentativeBlocks(boolean value) {
        return new BusyPolicy(value, unansweredBlocks, includeTitles);
    }

    /**
     * @param value  whether unanswered invitations block
     * @return a copy with that setting
     */
    public BusyPolicy withUnansweredBlocks(boolean value) {
        return new BusyPolicy(tentativeBlocks, value, includeTitles);
    }

    /**
     * @param value  whether providers copy event titles into busy sources
     * @return a copy with that setting
     */
    public BusyPolicy withIncludeTitles(boolean value) {
        return new BusyPolicy(tentativeBlocks, unansweredBlocks, value);
    }

    /**
     * Checks if an event blocks study time, by the table in the class documentation.
     *
     * @param facts  the event's facts, not null
     * @return true if the event's time is busy
     */
    public boolean blocks(EventFacts facts) {
        Objects.requireNonNull(facts, "facts");
        if (facts.status() == EventStatus.CANCELLED || facts.response() == SelfResponse.DECLINED) {
            return false;
        }
        if (facts.kind() == EventKind.WORKING_LOCATION || facts.kind() == EventKind.BIRTHDAY) {
            return false;
        }
        if (facts.kind() == EventKind.OUT_OF_OFFICE || facts.availability() == Availability.OUT_OF_OFFICE) {
            return true;
        }
        if (facts.availability() == Availability.FREE || facts.availability() == Availability.WORKING_ELSEWHERE) {
            return false;
        }
        if (facts.response() == SelfResponse.NEEDS_ACTION) {
            return unansweredBlocks;
        }
        if (facts.response() == SelfResponse.TENTATIVE || facts.status() == EventStatus.TENTATIVE
                || facts.availability() == Availability.TENTATIVE) {
            return tentativeBlocks;
        }
        return true;
    }
}
