package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.EventKind;
import dev.personaltracker.calendar.spi.EventStatus;
import dev.personaltracker.calendar.spi.SelfResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;

/**
 * Maps a VEVENT's properties to the {@link EventFacts} that the shared {@link BusyPolicy} judges:
 * <ul>
 * <li>status: {@code STATUS:CANCELLED} / {@code TENTATIVE}, otherwise confirmed;</li>
 * <li>availability: Outlook's {@code X-MICROSOFT-CDO-BUSYSTATUS} (FREE, TENTATIVE, BUSY, OOF, WORKINGELSEWHERE),
 *     else {@code X-MICROSOFT-CDO-INTENDEDSTATUS}, else {@code TRANSP} (TRANSPARENT is free; OPAQUE, the RFC
 *     default, is busy);</li>
 * <li>response: the {@code PARTSTAT} of the owner's {@code ATTENDEE}, found by its address or its {@code EMAIL}
 *     parameter (an attendee without PARTSTAT has not
 *     answered, as RFC 5545 says; DELEGATED counts as declined), else {@link SelfResponse#ORGANIZER} if the owner
 *     organizes it, else {@link SelfResponse#NONE};</li>
 * <li>kind: always {@link EventKind#DEFAULT} (iCalendar has no event types; out of office comes as OOF).</li>
 * </ul>
 */
final class EventClassifier {

    static final String BUSY_STATUS = "X-MICROSOFT-CDO-BUSYSTATUS";
    static final String INTENDED_STATUS = "X-MICROSOFT-CDO-INTENDEDSTATUS";

    private final Set<String> owners;

    /** @param owners  the person's addresses, normalized by {@link BusyRequest.normalizeAddress} */
    EventClassifier(Set<String> owners) {
        this.owners = owners;
    }

    EventFacts facts(Component event, boolean allDay) {
        return new EventFacts(status(event), availability(event), response(event), EventKind.DEFAULT, allDay);
    }

    private static EventStatus status(Component event) {
        String status = upper(IcsDocument.text(event, Property.STATUS));
        switch (status) {
            case "CANCELLED":
                return EventStatus.CANCELLED;
            case "TENTATIVE":
                return EventStatus.TENTATIVE;
            default:
                return EventStatus.CONFIRMED;
        }
    }

    private static Availability availability(Component event) {
        Optional<String> outlook = IcsDocument.text(event, BUSY_STATUS)
                .or(() -> IcsDocument.text(event, INTENDED_STATUS));
        if (outlook.isPresent()) {
            switch (upper(outlook)) {
                case "FREE":
                    return Availability.FREE;
                case "TENTATIVE":
                    return Availability.TENTATIVE;
                case "BUSY":
                    return Availability.BUSY;
                case "OOF":
                    return Availability.OUT_OF_OFFICE;
                case "WORKINGELSEWHERE":
                    return Availability.WORKING_ELSEWHERE;
                default:
                    break; // unknown Outlook value: fall back to TRANSP
            }
        }
        return "TRANSPARENT".equals(upper(IcsDocument.text(event, Property.TRANSP)))
                ? Availability.FREE : Availability.BUSY;
    }

    private SelfResponse response(Component event) {
        if (owners.isEmpty()) {
            return SelfResponse.NONE;
        }
        for (Property attendee : event.getProperties(Property.ATTENDEE)) {
            if (isOwner(attendee)) {
                String partstat = attendee.getParameter(Parameter.PARTSTAT)
                        .map(p -> p.getValue().strip().toUpperCase(Locale.ROOT)).orElse("NEEDS-ACTION");
                switch (partstat) {
                    case "ACCEPTED":
                        return SelfResponse.ACCEPTED;
                    case "DECLINED":
                    case "DELEGATED":
                        return SelfResponse.DECLINED;
                    case "TENTATIVE":
                        return SelfResponse.TENTATIVE;
                    case "NEEDS-ACTION":
                        return SelfResponse.NEEDS_ACTION;
                    default:
                        return SelfResponse.ACCEPTED; // COMPLETED, IN-PROCESS, x-values: the person took part
                }
            }
        }
        boolean organizes = event.getProperty(Property.ORGANIZER)
                .map(this::isOwner).orElse(false);
        return organizes ? SelfResponse.ORGANIZER : SelfResponse.NONE;
    }

    /**
     * @return true if the property's address is one of the owner's, or its {@code EMAIL} parameter (RFC 7986 6.2:
     *     iCloud and Apple's server write {@code ATTENDEE;EMAIL=sam@example.com:urn:uuid:...}) is
     */
    private boolean isOwner(Property address) {
        return owners.contains(BusyRequest.normalizeAddress(address.getValue()))
                || address.getParameter("EMAIL").map(e -> owners.contains(BusyRequest.normalizeAddress(e.getValue())))
                        .orElse(false);
    }

    private static String upper(Optional<String> text) {
        return text.map(t -> t.toUpperCase(Locale.ROOT)).orElse("");
    }
}
