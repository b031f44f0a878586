package dev.personaltracker.calendar.ics.internal;

import dev.personaltracker.calendar.zone.WindowsZones;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
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
 * often write only the current year's rules there; except where the VTIMEZONE {@link #contradicts} a fixed-offset
 * name (a "GMT" with British summer time).
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
        String tzid = IcsText.unquote(rawTzid);
        boolean fileDefines = definedTzids.contains(rawTzid) || definedTzids.contains(tzid);
        // the file's VTIMEZONE reaches ical4j for a known name only when it contradicts the name (see contradicts)
        if (fileDefines) {
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
        if (known.isPresent()) {
            return known.get();
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
        String tzid = IcsText.unquote(rawTzid);
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

    /**
     * Whether a file's VTIMEZONE for a name we know says the name means another zone: the name is a fixed offset
     * ({@code GMT}, {@code UTC}, {@code Etc/GMT-1}) and the VTIMEZONE has an observance at another offset (Lotus Notes
     * and others call London "GMT" and give it British summer time). For any other known name the IANA rules win.
     *
     * @param known  the zone the name resolves to
     * @param zoneLines  the VTIMEZONE's content lines, names upper case
     * @return true if the file's definition must be read instead of {@code known}
     */
    static boolean contradicts(ZoneId known, List<String> zoneLines) {
        ZoneRules rules = known.getRules();
        if (!rules.isFixedOffset()) {
            return false;
        }
        int fixed = rules.getOffset(Instant.EPOCH).getTotalSeconds();
        for (String line : zoneLines) {
            if (line.startsWith("TZOFFSETTO:") || line.startsWith("TZOFFSETFROM:")) {
                Optional<ZoneOffset> offset = ObservanceRepair.offset(line.substring(line.indexOf(':') + 1).strip());
                if (offset.isPresent() && offset.get().getTotalSeconds() != fixed) {
                    return true;
                }
            }
        }
        return false;
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
