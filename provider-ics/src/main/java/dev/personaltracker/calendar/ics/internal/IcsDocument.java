package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarParserFactory;
import net.fortuna.ical4j.data.ContentHandlerContext;
import net.fortuna.ical4j.data.DefaultComponentFactorySupplier;
import net.fortuna.ical4j.data.DefaultParameterFactorySupplier;
import net.fortuna.ical4j.data.DefaultPropertyFactorySupplier;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentFactory;
import net.fortuna.ical4j.model.ParameterFactory;
import net.fortuna.ical4j.model.PropertyFactory;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One parsed iCalendar file: ical4j does the lexing (unfolding, parameters, escapes); date values are read here
 * from their text, because ical4j cannot read a DATE with a TZID (Outlook writes those) and drops the {@code Z} of
 * UTC periods when it prints them back.
 */
final class IcsDocument {

    private static final Logger LOG = LoggerFactory.getLogger(IcsDocument.class);
    /** Where a zone we resolve ourselves travels past ical4j, which would load its own copy of the zone (slowly). */
    static final String OWN_TZID = "X-PERSONALTRACKER-TZID";
    private static final Pattern DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})?(Z?)");

    /*
     * ical4j's default suppliers build every factory afresh for each property it parses, which made parsing about
     * ten times slower; the factories are stateless, so one list serves every parse.
     */
    private static final List<ParameterFactory<?>> PARAMETERS = new DefaultParameterFactorySupplier().get();
    private static final List<PropertyFactory<?>> PROPERTIES = new DefaultPropertyFactorySupplier().get();
    private static final List<ComponentFactory<?>> COMPONENTS = new DefaultComponentFactorySupplier().get();

    private final Calendar calendar;
    private final ZoneResolver zones;

    private IcsDocument(Calendar calendar, ZoneResolver zones) {
        this.calendar = calendar;
        this.zones = zones;
    }

    /**
     * Parses a calendar.
     *
     * @param text  the file's text
     * @param personZone  the zone for floating times and all-day dates
     * @param description  the source, for messages
     * @return the document
     * @throws UnexpectedResponseException naming the source if the text is not iCalendar
     */
    static IcsDocument parse(String text, ZoneId personZone, String description) {
        IcsText.Normalized body = IcsText.normalize(text, description);
        CalendarBuilder builder;
        Calendar calendar;
        while (true) {
            builder = new CalendarBuilder(CalendarParserFactory.getInstance().get(),
                    new ContentHandlerContext().withSuppressInvalidProperties(true)
                            .withParameterFactorySupplier(() -> PARAMETERS)
                            .withPropertyFactorySupplier(() -> PROPERTIES)
                            .withComponentFactorySupplier(() -> COMPONENTS),
                    TimeZoneRegistryFactory.getInstance().createRegistry());
            try {
                calendar = builder.build(new StringReader(body.text()));
                break;
            } catch (ParserException e) {
                Optional<IcsText.Normalized> without = body.withoutZoneAt(e.getLineNo());
                if (without.isPresent()) {
                    // one zone ical4j cannot build (an onset in UTC, none at all) must not cost the whole file
                    LOG.warn("ics: {} has a VTIMEZONE that cannot be read (line {}); the times that name it are read"
                            + " in the person's zone", description, body.fileLine(e.getLineNo()));
                    body = without.get();
                    continue;
                }
                // ical4j's message and cause quote the line: neither may reach a message a host could show
                throw new UnexpectedResponseException("ics: " + description + " is not a valid iCalendar file (line "
                        + body.fileLine(e.getLineNo()) + "): the iCalendar parser cannot read that line; check the"
                        + " source's content");
            } catch (IOException | RuntimeException e) {
                throw new UnexpectedResponseException("ics: " + description + " is not a valid iCalendar file: the"
                        + " iCalendar parser failed (" + e.getClass().getSimpleName() + "); check the source's"
                        + " content");
            }
        }
        Set<String> tzids = new HashSet<>();
        for (VTimeZone tz : calendar.<VTimeZone>getComponents(Component.VTIMEZONE)) {
            tz.getProperty(Property.TZID).ifPresent(p -> tzids.add(p.getValue()));
        }
        return new IcsDocument(calendar, new ZoneResolver(personZone, builder.getRegistry(), tzids, description));
    }

    /** @return an empty document, for an output file that does not exist yet */
    static IcsDocument empty(ZoneId personZone) {
        return new IcsDocument(new Calendar(), new ZoneResolver(personZone,
                TimeZoneRegistryFactory.getInstance().createRegistry(), Set.of(), "(new file)"));
    }

    /** @return the ical4j calendar (mutable: writers change it and print it back) */
    Calendar calendar() {
        return calendar;
    }

    /** @return the zone for floating times and all-day dates */
    ZoneId personZone() {
        return zones.personZone();
    }

    /** @return the VEVENTs, in file order */
    List<VEvent> events() {
        return new ArrayList<>(calendar.<VEvent>getComponents(Component.VEVENT));
    }

    /**
     * Reads a single-valued date property (DTSTART, DTEND, RECURRENCE-ID).
     *
     * @return the value, empty if the property is absent or unreadable
     */
    Optional<IcsTime> time(Component component, String propertyName) {
        return property(component, propertyName).flatMap(p -> {
            try {
                return Optional.of(time(p.getValue(), tzid(p)));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Reads every value of a list-valued date property (EXDATE, RDATE without PERIOD).
     *
     * @throws DateTimeException if a value is malformed
     */
    List<IcsTime> times(Property property) {
        List<IcsTime> result = new ArrayList<>();
        Optional<String> tzid = tzid(property);
        for (String value : property.getValue().split(",")) {
            if (!value.isBlank()) {
                result.add(time(value, tzid));
            }
        }
        return result;
    }

    /**
     * Reads a DATE or DATE-TIME value.
     *
     * @param value  the text, such as {@code 20261102}, {@code 20261102T090000} or {@code 20261102T090000Z}
     * @param tzid  the TZID parameter, if any (ignored for DATE and UTC values)
     * @throws DateTimeException if the text is neither
     */
    IcsTime time(String value, Optional<String> tzid) {
        String v = value.strip();
        Matcher date = DATE.matcher(v);
        if (date.matches()) {
            return new IcsTime.Day(LocalDate.of(num(date, 1), num(date, 2), num(date, 3)));
        }
        Matcher dt = DATE_TIME.matcher(v);
        if (!dt.matches()) {
            throw new DateTimeException("not an iCalendar DATE or DATE-TIME");
        }
        LocalDateTime local = LocalDateTime.of(num(dt, 1), num(dt, 2), num(dt, 3), num(dt, 4), num(dt, 5),
                dt.group(6) == null ? 0 : num(dt, 6));
        if (!dt.group(7).isEmpty()) {
            return new IcsTime.Moment(local.atZone(ZoneOffset.UTC));
        }
        ZoneId zone = tzid.map(zones::zone).orElse(zones.personZone());
        return new IcsTime.Moment(ZonedDateTime.of(local, zone), local);
    }

    /** @return the text of a property, if present and not blank */
    static Optional<String> text(Component component, String propertyName) {
        return property(component, propertyName).map(Property::getValue).map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * Finds a property of a component by its iCalendar name, also when the reader renamed it to keep it from ical4j
     * ({@link IcsText#eventName}: a parsed VEVENT's DTSTART is such a property, one a writer added is not).
     *
     * @param component  the component
     * @param propertyName  the iCalendar name, such as {@code DTSTART}
     * @return the first such property, if any
     */
    static Optional<Property> property(Component component, String propertyName) {
        String internal = IcsText.eventName(propertyName);
        Optional<Property> renamed = internal.equals(propertyName) ? Optional.empty() : component.getProperty(internal);
        return renamed.isPresent() ? renamed : component.getProperty(propertyName);
    }

    /**
     * Sets a property of a component: removes every property of its name, also under the name the reader gave it
     * ({@link IcsText#eventName}), and adds the new one.
     *
     * @param component  the component, changed
     * @param property  the new property
     */
    static void set(Component component, Property property) {
        String internal = IcsText.eventName(property.getName());
        if (!internal.equals(property.getName())) {
            component.removeAll(internal);
        }
        component.replace(property);
    }

    static Optional<String> tzid(Property property) {
        return property.getParameter(OWN_TZID).or(() -> property.getParameter(Parameter.TZID)).map(Parameter::getValue);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
