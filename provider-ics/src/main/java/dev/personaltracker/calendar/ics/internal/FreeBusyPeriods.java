package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.time.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VFreeBusy;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The busy periods of VFREEBUSY components (RFC 5545 3.6.4): a free/busy publication, such as Outlook's Internet
 * Free/Busy or an Exchange, Zimbra or Nextcloud free/busy URL, has no VEVENT at all. Each FREEBUSY period of type
 * BUSY (the default), BUSY-UNAVAILABLE or BUSY-TENTATIVE (read as a tentative event) is an occurrence; FREE periods
 * are not. A period is {@code start/end} or {@code start/duration}, in UTC or with a TZID.
 */
final class FreeBusyPeriods {

    /** FREEBUSY lines travel past ical4j under this name, so that it keeps their text whatever their form. */
    static final String FREEBUSY = "X-PERSONALTRACKER-FREEBUSY";

    private static final Logger LOG = LoggerFactory.getLogger(FreeBusyPeriods.class);

    private final IcsDocument doc;
    private final String description;

    FreeBusyPeriods(IcsDocument doc, String description) {
        this.doc = doc;
        this.description = description;
    }

    /**
     * @param window  the window
     * @return the busy periods overlapping it, in file order
     */
    List<Occurrence> overlapping(Interval window) {
        List<Occurrence> out = new ArrayList<>();
        for (VFreeBusy freeBusy : doc.calendar().<VFreeBusy>getComponents(Component.VFREEBUSY)) {
            String uid = IcsDocument.text(freeBusy, Property.UID).orElse("freebusy");
            for (Property line : freeBusy.<Property>getProperties(FREEBUSY)) {
                String type = line.getParameter(Parameter.FBTYPE).map(Parameter::getValue).orElse("BUSY")
                        .toUpperCase(Locale.ROOT);
                if (type.equals("FREE")) {
                    continue;
                }
                VEvent standIn = new VEvent(false).add(new Uid(uid));
                if (type.equals("BUSY-TENTATIVE")) {
                    standIn.add(new Status(Status.VALUE_TENTATIVE));
                }
                read(line, uid, window, standIn, out);
            }
        }
        return out;
    }

    private void read(Property line, String uid, Interval window, VEvent standIn, List<Occurrence> out) {
        Optional<String> tzid = IcsDocument.tzid(line);
        for (String value : line.getValue().split(",")) {
            try {
                int slash = value.indexOf('/');
                IcsTime from = doc.time(value.substring(0, slash), tzid);
                String second = value.substring(slash + 1).strip();
                Instant start = from.instant(doc.personZone());
                Instant end;
                if (second.startsWith("P") || second.startsWith("+P")) {
                    TemporalAmount length = NominalDuration.parse(second);
                    end = from instanceof IcsTime.Moment m ? m.time().plus(length).toInstant()
                            : start.plus(Duration.ofDays(1));
                } else {
                    end = doc.time(second, tzid).instant(doc.personZone());
                }
                if (!end.isAfter(start)) {
                    continue;
                }
                Interval period = Interval.of(start, end);
                if (period.overlaps(window)) {
                    out.add(new Occurrence(standIn, uid + "_" + from.recurrenceId(), period, false));
                }
            } catch (RuntimeException e) {
                LOG.warn("ics: {} has an unreadable FREEBUSY period in '{}' ({}); its other periods count",
                        description, uid, e.getClass().getSimpleName());
            }
        }
    }
}
