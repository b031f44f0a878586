package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.zone.WindowsZones;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns TZID parameter values into zones, in this order: an IANA id or a Windows name ({@link WindowsZones});
 * a globally unique TZID ({@code /mozilla.org/20050126_1/Europe/Berlin}) by its IANA tail; a VTIMEZONE the file
 * defines (through ical4j, for names such as Outlook's "Customized Time Zone"); and, for a TZID nobody defines, the
 * person's zone, with a warning. Real IANA rules win over a file's VTIMEZONE for names we know, because exporters
 * often write only the current year's rules there.
 */
final class ZoneResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneResolver.class);

    private final ZoneId personZone;
    private final TimeZoneRegistry registry;
    private final Set<String> definedTzids;
    private final String sourceDescription;
    private final Map<String, ZoneId> cache = new ConcurrentHashMap<>();

    ZoneResolver(ZoneId personZone, TimeZoneRegistry registry, Set<String> definedTzids, String sourceDescription) {
        this.personZone = personZone;
        this.registry = registry;
        this.definedTzids = definedTzids;
        this.sourceDescription = sourceDescription;
    }

    /** @return the person's zone, for floating times and all-day dates */
    ZoneId personZone() {
        return personZone;
    }

    /**
     * @param tzid  a TZID parameter value
     * @return its zone, never null
     */
    ZoneId zone(String tzid) {
        return cache.computeIfAbsent(tzid, this::lookUp);
    }

    private ZoneId lookUp(String rawTzid) {
        Optional<ZoneId> known = wellKnown(rawTzid);
        if (known.isPresent()) {
            return known.get();
        }
        String tzid = unquote(rawTzid);
        if (definedTzids.contains(rawTzid) || definedTzids.contains(tzid)) {
            try {
                ZoneId defined = registry.getZoneId(definedTzids.contains(rawTzid) ? rawTzid : tzid);
                if (defined != null) {
                    return defined;
                }
            } catch (RuntimeException e) {
                LOG.warn("ics: {} defines time zone '{}' in a way that cannot be used: {}", sourceDescription, tzid,
                        e.toString());
            }
        }
        LOG.warn("ics: {} uses unknown time zone '{}' without a usable VTIMEZONE; reading its times in {}",
                sourceDescription, tzid, personZone);
        return personZone;
    }

    /**
     * Resolves a TZID that needs no VTIMEZONE: an IANA id or Windows name, or a globally unique id whose tail is
     * one ({@code /mozilla.org/20050126_1/Europe/Berlin}). Surrounding quotes are ignored.
     *
     * @param rawTzid  the TZID parameter value
     * @return the zone, empty if the TZID needs the file's VTIMEZONE (or is unknown)
     */
    static Optional<ZoneId> wellKnown(String rawTzid) {
        String tzid = unquote(rawTzid);
        ZoneId known = known(tzid);
        if (known == null && tzid.startsWith("/")) {
            // globally unique ids: try ever shorter tails, "Europe/Berlin" before "Berlin"
            String[] parts = tzid.substring(1).split("/");
            for (int i = 1; i < parts.length && known == null; i++) {
                known = known(String.join("/", Arrays.copyOfRange(parts, i, parts.length)));
            }
        }
        return Optional.ofNullable(known);
    }

    private static String unquote(String rawTzid) {
        String tzid = rawTzid.strip();
        if (tzid.length() > 1 && tzid.startsWith("\"") && tzid.endsWith("\"")) {
            tzid = tzid.substring(1, tzid.length() - 1).strip();
        }
        return tzid;
    }

    private static ZoneId known(String name) {
        try {
            ZoneId zone = WindowsZones.resolve(name);
            zone.getRules(); // an id of the right shape but unknown to the tz data fails here
            return zone;
        } catch (IllegalArgumentException | DateTimeException e) {
            // IANA ids match without regard to case (the tz database says so; files write "europe/berlin")
            String id = IANA_BY_LOWER_CASE.get(name.toLowerCase(Locale.ROOT));
            return id == null ? null : ZoneId.of(id);
        }
    }

    private static final Map<String, String> IANA_BY_LOWER_CASE = ZoneId.getAvailableZoneIds().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), id -> id,
                    (a, b) -> a));
}
