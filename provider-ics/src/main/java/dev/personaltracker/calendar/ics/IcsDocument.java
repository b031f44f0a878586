package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
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

/**
 * One parsed iCalendar file: ical4j does the lexing (unfolding, parameters, escapes); date values are read here
 * from their text, because ical4j cannot read a DATE with a TZID (Outlook writes those) and drops the {@code Z} of
 * UTC periods when it prints them back.
 */
final class IcsDocument {

    /** A date property whose values are all DATEs: name and parameters (quoted values may hold ':'), values. */
    private static final Pattern DATE_ONLY_LINE = Pattern.compile(
            "(?im)^((?:DTSTART|DTEND|EXDATE|RDATE|RECURRENCE-ID)(?:\"[^\"]*\"|[^:\"\r\n])*):(\\d{8}(?:,\\d{8})*)[ \\t]*$");
    private static final Pattern TZID_PARAM = Pattern.compile("(?i);TZID=(?:\"[^\"]*\"|[^;]*)");
    /** A content line's name and parameters (quoted values may hold ':' and ';'). */
    private static final Pattern NAME_AND_PARAMS = Pattern.compile("(?m)^([A-Za-z0-9-]+)(;(?:\"[^\"]*\"|[^:\"\r\n])*):");
    private static final Pattern TZID_VALUE = Pattern.compile("(?i);TZID=(\"[^\"]*\"|[^;]*)");
    private static final Pattern VTIMEZONE = Pattern.compile("(?ms)^BEGIN:VTIMEZONE\\s*$.*?^END:VTIMEZONE[ \\t]*(?:\\r?\\n)?");
    private static final Pattern VTIMEZONE_TZID = Pattern.compile("(?m)^TZID:(.*?)[ \\t]*\\r?$");
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
        String body = withOwnZones(withoutTzidOnDates(text.startsWith("\uFEFF") ? text.substring(1) : text));
        CalendarBuilder builder = new CalendarBuilder(CalendarParserFactory.getInstance().get(),
                new ContentHandlerContext().withSuppressInvalidProperties(true)
                        .withParameterFactorySupplier(() -> PARAMETERS)
                        .withPropertyFactorySupplier(() -> PROPERTIES)
                        .withComponentFactorySupplier(() -> COMPONENTS),
                TimeZoneRegistryFactory.getInstance().createRegistry());
        Calendar calendar;
        try {
            calendar = builder.build(new StringReader(body));
        } catch (ParserException e) {
            throw new UnexpectedResponseException("ics: " + description + " is not a valid iCalendar file (line "
                    + e.getLineNo() + "): " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnexpectedResponseException("ics: " + description + " is not a valid iCalendar file: " + e, e);
        }
        Set<String> tzids = new HashSet<>();
        for (VTimeZone tz : calendar.<VTimeZone>getComponents(Component.VTIMEZONE)) {
            tz.getProperty(Property.TZID).ifPresent(p -> tzids.add(p.getValue()));
        }
        return new IcsDocument(calendar, new ZoneResolver(personZone, builder.getRegistry(), tzids, description));
    }

    /**
     * Drops TZID from properties whose values are DATEs: a day has no zone (all-day dates are read in the person's
     * zone), Outlook writes one anyway, and ical4j cannot read the combination.
     */
    static String withoutTzidOnDates(String text) {
        return DATE_ONLY_LINE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                TZID_PARAM.matcher(m.group(1)).replaceAll("") + ":" + m.group(2)));
    }

    /**
     * Hides from ical4j the zones that need no VTIMEZONE (IANA ids, Windows names): their TZID parameters become
     * {@value #OWN_TZID} and their VTIMEZONEs go. ical4j would otherwise build zone rules from each VTIMEZONE and
     * load its own definition of every TZID (about half a second per zone), only for us to ignore both. TZIDs
     * that only the file defines (Outlook's "Customized Time Zone") stay for ical4j.
     */
    static String withOwnZones(String text) {
        String rewritten = NAME_AND_PARAMS.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + TZID_VALUE.matcher(m.group(2)).replaceAll(p -> Matcher.quoteReplacement(
                        ZoneResolver.wellKnown(p.group(1)).isPresent() ? ";" + OWN_TZID + "=" + p.group(1) : p.group()))
                + ":"));
        return VTIMEZONE.matcher(rewritten).replaceAll(m -> {
            Matcher tzid = VTIMEZONE_TZID.matcher(m.group());
            boolean known = tzid.find() && ZoneResolver.wellKnown(tzid.group(1)).isPresent();
            return known ? "" : Matcher.quoteReplacement(m.group());
        });
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
        return component.getProperty(propertyName).flatMap(p -> {
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
            throw new DateTimeException("not an iCalendar DATE or DATE-TIME: '" + value + "'");
        }
        LocalDateTime local = LocalDateTime.of(num(dt, 1), num(dt, 2), num(dt, 3), num(dt, 4), num(dt, 5),
                dt.group(6) == null ? 0 : num(dt, 6));
        if (!dt.group(7).isEmpty()) {
            return new IcsTime.Moment(local.atZone(ZoneOffset.UTC));
        }
        ZoneId zone = tzid.map(zones::zone).orElse(zones.personZone());
        return new IcsTime.Moment(ZonedDateTime.of(local, zone));
    }

    /**
     * Converts a value ical4j already parsed (the start of an RDATE period).
     *
     * @param temporal  the value
     * @param tzid  the property's TZID, which replaces ical4j's own zone
     */
    IcsTime time(Temporal temporal, Optional<String> tzid) {
        if (temporal instanceof LocalDate d) {
            return new IcsTime.Day(d);
        }
        if (temporal instanceof OffsetDateTime odt) {
            return new IcsTime.Moment(odt.toZonedDateTime());
        }
        if (temporal instanceof ZonedDateTime zdt) {
            return new IcsTime.Moment(tzid.isPresent() ? ZonedDateTime.of(zdt.toLocalDateTime(), zones.zone(tzid.get())) : zdt);
        }
        if (temporal instanceof LocalDateTime ldt) {
            return new IcsTime.Moment(ZonedDateTime.of(ldt, tzid.map(zones::zone).orElse(zones.personZone())));
        }
        if (temporal instanceof java.time.Instant i) {
            return new IcsTime.Moment(i.atZone(ZoneOffset.UTC));
        }
        throw new DateTimeException("unsupported date value " + temporal);
    }

    /** @return the text of a property, if present and not blank */
    static Optional<String> text(Component component, String propertyName) {
        return component.getProperty(propertyName).map(Property::getValue).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static Optional<String> tzid(Property property) {
        return property.getParameter(OWN_TZID).or(() -> property.getParameter(Parameter.TZID)).map(Parameter::getValue);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
