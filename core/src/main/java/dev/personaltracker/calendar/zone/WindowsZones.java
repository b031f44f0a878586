package dev.personaltracker.calendar.zone;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps Windows time-zone names to IANA zone ids.
 * <p>
 * Outlook, Exchange, Microsoft Graph and .ics files exported from Outlook name zones the Windows way
 * ({@code "W. Europe Standard Time"}, {@code "AUS Eastern Standard Time"}, {@code "UTC"}); {@code java.time} knows
 * only IANA ids ({@code "Europe/Berlin"}). This class holds the mapping of the Unicode CLDR {@code windowsZones}
 * table, territory {@code 001} (the zone a Windows name stands for when no country is known), for every Windows
 * name CLDR lists, plus a few retired names that older Exchange servers still send
 * ({@code "Mid-Atlantic Standard Time"}, {@code "Kamchatka Standard Time"}, {@code "Mexico Standard Time"},
 * {@code "Mexico Standard Time 2"}, {@code "Armenian Standard Time"}).
 * <p>
 * Lookups ignore case and leading or trailing white space. Note that a Windows name such as
 * {@code "Pacific Standard Time"} covers the whole zone, daylight saving included, just as its IANA zone does.
 * <p>
 * This class is immutable and thread-safe.
 */
public final class WindowsZones {

    /** Windows name, IANA id: CLDR windowsZones, territory 001, in Windows' own order (west to east). */
    private static final String[] CLDR = {
            "Dateline Standard Time", "Etc/GMT+12",
            "UTC-11", "Etc/GMT+11",
            "Aleutian Standard Time", "America/Adak",
            "Hawaiian Standard Time", "Pacific/Honolulu",
            "Marquesas Standard Time", "Pacific/Marquesas",
            "Alaskan Standard Time", "America/Anchorage",
            "UTC-09", "Etc/GMT+9",
            "Pacific Standard Time (Mexico)", "America/Tijuana",
            "UTC-08", "Etc/GMT+8",
            "Pacific Standard Time", "America/Los_Angeles",
            "US Mountain Standard Time", "America/Phoenix",
            "Mountain Standard Time (Mexico)", "America/Mazatlan",
            "Mountain Standard Time", "America/Denver",
            "Yukon Standard Time", "America/Whitehorse",
            "Central America Standard Time", "America/Guatemala",
            "Central Standard Time", "America/Chicago",
            "Easter Island Standard Time", "Pacific/Easter",
            "Central Standard Time (Mexico)", "America/Mexico_City",
            "Canada Central Standard Time", "America/Regina",
            "SA Pacific Standard Time", "America/Bogota",
            "Eastern Standard Time (Mexico)", "America/Cancun",
            "Eastern Standard Time", "America/New_York",
            "Haiti Standard Time", "America/Port-au-Prince",
            "Cuba Standard Time", "America/Havana",
            "US Eastern Standard Time", "America/Indianapolis",
            "Turks And Caicos Standard Time", "America/Grand_Turk",
            "Paraguay Standard Time", "America/Asuncion",
            "Atlantic Standard Time", "America/Halifax",
            "Venezuela Standard Time", "America/Caracas",
            "Central Brazilian Standard Time", "America/Cuiaba",
            "SA Western Standard Time", "America/La_Paz",
            "Pacific SA Standard Time", "America/Santiago",
            "Newfoundland Standard Time", "America/St_Johns",
            "Tocantins Standard Time", "America/Araguaina",
            "E. South America Standard Time", "America/Sao_Paulo",
            "SA Eastern Standard Time", "America/Cayenne",
            "Argentina Standard Time", "America/Buenos_Aires",
            "Greenland Standard Time", "America/Godthab",
            "Montevideo Standard Time", "America/Montevideo",
            "Magallanes Standard Time", "America/Punta_Arenas",
            "Saint Pierre Standard Time", "America/Miquelon",
            "Bahia Standard Time", "America/Bahia",
            "UTC-02", "Etc/GMT+2",
            "Azores Standard Time", "Atlantic/Azores",
            "Cape Verde Standard Time", "Atlantic/Cape_Verde",
            "UTC", "Etc/UTC",
            "GMT Standard Time", "Europe/London",
            "Greenwich Standard Time", "Atlantic/Reykjavik",
            "Sao Tome Standard Time", "Africa/Sao_Tome",
            "Morocco Standard Time", "Africa/Casablanca",
            "W. Europe Standard Time", "Europe/Berlin",
            "Central Europe Standard Time", "Europe/Budapest",
            "Romance Standard Time", "Europe/Paris",
            "Central European Standard Time", "Europe/Warsaw",
            "W. Central Africa Standard Time", "Africa/Lagos",
            "Jordan Standard Time", "Asia/Amman",
            "GTB Standard Time", "Europe/Bucharest",
            "Middle East Standard Time", "Asia/Beirut",
            "Egypt Standard Time", "Africa/Cairo",
            "E. Europe Standard Time", "Europe/Chisinau",
            "Syria Standard Time", "Asia/Damascus",
            "West Bank Standard Time", "Asia/Hebron",
            "South Africa Standard Time", "Africa/Johannesburg",
            "FLE Standard Time", "Europe/Kiev",
            "Israel Standard Time", "Asia/Jerusalem",
            "South Sudan Standard Time", "Africa/Juba",
            "Kaliningrad Standard Time", "Europe/Kaliningrad",
            "Sudan Standard Time", "Africa/Khartoum",
            "Libya Standard Time", "Africa/Tripoli",
            "Namibia Standard Time", "Africa/Windhoek",
            "Arabic Standard Time", "Asia/Baghdad",
            "Turkey Standard Time", "Europe/Istanbul",
            "Arab Standard Time", "Asia/Riyadh",
            "Belarus Standard Time", "Europe/Minsk",
            "Russian Standard Time", "Europe/Moscow",
            "E. Africa Standard Time", "Africa/Nairobi",
            "Volgograd Standard Time", "Europe/Volgograd",
            "Iran Standard Time", "Asia/Tehran",
            "Arabian Standard Time", "Asia/Dubai",
            "Astrakhan Standard Time", "Europe/Astrakhan",
            "Azerbaijan Standard Time", "Asia/Baku",
            "Russia Time Zone 3", "Europe/Samara",
            "Mauritius Standard Time", "Indian/Mauritius",
            "Saratov Standard Time", "Europe/Saratov",
            "Georgian Standard Time", "Asia/Tbilisi",
            "Caucasus Standard Time", "Asia/Yerevan",
            "Afghanistan Standard Time", "Asia/Kabul",
            "West Asia Standard Time", "Asia/Tashkent",
            "Qyzylorda Standard Time", "Asia/Qyzylorda",
            "Ekaterinburg Standard Time", "Asia/Yekaterinburg",
            "Pakistan Standard Time", "Asia/Karachi",
            "India Standard Time", "Asia/Calcutta",
            "Sri Lanka Standard Time", "Asia/Colombo",
            "Nepal Standard Time", "Asia/Katmandu",
            "Central Asia Standard Time", "Asia/Bishkek",
            "Bangladesh Standard Time", "Asia/Dhaka",
            "Omsk Standard Time", "Asia/Omsk",
            "Myanmar Standard Time", "Asia/Rangoon",
            "SE Asia Standard Time", "Asia/Bangkok",
            "Altai Standard Time", "Asia/Barnaul",
            "W. Mongolia Standard Time", "Asia/Hovd",
            "North Asia Standard Time", "Asia/Krasnoyarsk",
            "N. Central Asia Standard Time", "Asia/Novosibirsk",
            "Tomsk Standard Time", "Asia/Tomsk",
            "China Standard Time", "Asia/Shanghai",
            "North Asia East Standard Time", "Asia/Irkutsk",
            "Singapore Standard Time", "Asia/Singapore",
            "W. Australia Standard Time", "Australia/Perth",
            "Taipei Standard Time", "Asia/Taipei",
            "Ulaanbaatar Standard Time", "Asia/Ulaanbaatar",
            "Aus Central W. Standard Time", "Australia/Eucla",
            "Transbaikal Standard Time", "Asia/Chita",
            "Tokyo Standard Time", "Asia/Tokyo",
            "North Korea Standard Time", "Asia/Pyongyang",
            "Korea Standard Time", "Asia/Seoul",
            "Yakutsk Standard Time", "Asia/Yakutsk",
            "Cen. Australia Standard Time", "Australia/Adelaide",
            "AUS Central Standard Time", "Australia/Darwin",
            "E. Australia Standard Time", "Australia/Brisbane",
            "AUS Eastern Standard Time", "Australia/Sydney",
            "West Pacific Standard Time", "Pacific/Port_Moresby",
            "Tasmania Standard Time", "Australia/Hobart",
            "Vladivostok Standard Time", "Asia/Vladivostok",
            "Lord Howe Standard Time", "Australia/Lord_Howe",
            "Bougainville Standard Time", "Pacific/Bougainville",
            "Russia Time Zone 10", "Asia/Srednekolymsk",
            "Magadan Standard Time", "Asia/Magadan",
            "Norfolk Standard Time", "Pacific/Norfolk",
            "Sakhalin Standard Time", "Asia/Sakhalin",
            "Central Pacific Standard Time", "Pacific/Guadalcanal",
            "Russia Time Zone 11", "Asia/Kamchatka",
            "New Zealand Standard Time", "Pacific/Auckland",
            "UTC+12", "Etc/GMT-12",
            "Fiji Standard Time", "Pacific/Fiji",
            "Chatham Islands Standard Time", "Pacific/Chatham",
            "UTC+13", "Etc/GMT-13",
            "Tonga Standard Time", "Pacific/Tongatapu",
            "Samoa Standard Time", "Pacific/Apia",
            "Line Islands Standard Time", "Pacific/Kiritimati"
    };

    /** Names Windows has retired but older servers and old .ics exports still carry. */
    private static final String[] LEGACY = {
            "Mid-Atlantic Standard Time", "Etc/GMT+2",
            "Kamchatka Standard Time", "Asia/Kamchatka",
            "Mexico Standard Time", "America/Mexico_City",
            "Mexico Standard Time 2", "America/Chihuahua",
            "Armenian Standard Time", "Asia/Yerevan"
    };

    /** Lower-cased Windows name to zone, in table order. */
    private static final Map<String, ZoneId> BY_LOWER_NAME;
    /** Windows names as Windows spells them. */
    private static final Set<String> NAMES;

    static {
        Map<String, ZoneId> byLowerName = new LinkedHashMap<>();
        Map<String, ZoneId> byName = new LinkedHashMap<>();
        for (String[] table : new String[][] {CLDR, LEGACY}) {
            for (int i = 0; i < table.length; i += 2) {
                ZoneId zone;
                try {
                    zone = ZoneId.of(table[i + 1]);
                } catch (DateTimeException unknownToThisJdk) {
                    // a JDK with very old time-zone data: leave the name out rather than fail the whole class
                    continue;
                }
                byLowerName.put(key(table[i]), zone);
                byName.put(table[i], zone);
            }
        }
        BY_LOWER_NAME = Collections.unmodifiableMap(byLowerName);
        NAMES = Collections.unmodifiableSet(byName.keySet());
    }

    private WindowsZones() {
    }

    /**
     * Obtains the IANA zone that a Windows time-zone name stands for.
     * <p>
     * The match ignores case and leading or trailing white space, so {@code " w. europe standard time "} finds
     * {@code Europe/Berlin}. IANA ids are not Windows names: {@code toZoneId("Europe/Berlin")} is empty (use
     * {@link #resolve(String)} to accept both).
     *
     * @param windowsName  the Windows name, such as {@code "W. Europe Standard Time"}, not null
     * @return the zone, or empty if the name is not a known Windows name
     * @throws NullPointerException if {@code windowsName} is null
     */
    public static Optional<ZoneId> toZoneId(String windowsName) {
        Objects.requireNonNull(windowsName, "windowsName");
        return Optional.ofNullable(BY_LOWER_NAME.get(key(windowsName)));
    }

    /**
     * Obtains the zone for a name that is either a Windows time-zone name or a {@code java.time} zone id.
     * <p>
     * White space around the name is ignored. A Windows name wins over a zone id of the same spelling (only
     * {@code "UTC"} has both, and both mean UTC). Otherwise the name goes to {@link ZoneId#of(String)}, which
     * accepts IANA region ids ({@code "America/New_York"}), {@code "Z"}, offsets ({@code "+05:30"}) and prefixed
     * offsets ({@code "UTC+01:00"}); the three-letter abbreviations of {@link ZoneId#SHORT_IDS} are not accepted
     * because they are ambiguous.
     *
     * @param anyName  a Windows name or a zone id, not null
     * @return the zone, not null
     * @throws NullPointerException if {@code anyName} is null
     * @throws IllegalArgumentException if the name is neither a known Windows name nor a valid zone id; the message
     *     names the value
     */
    public static ZoneId resolve(String anyName) {
        Objects.requireNonNull(anyName, "anyName");
        Optional<ZoneId> windows = toZoneId(anyName);
        if (windows.isPresent()) {
            return windows.get();
        }
        try {
            return ZoneId.of(anyName.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone '" + anyName
                    + "': expected an IANA zone id such as 'Europe/Berlin' or a Windows zone name such as"
                    + " 'W. Europe Standard Time'", e);
        }
    }

    /**
     * Checks if a name is a known Windows time-zone name (ignoring case and surrounding white space).
     *
     * @param name  the name to check, not null
     * @return true if {@link #toZoneId(String)} finds a zone for it
     * @throws NullPointerException if {@code name} is null
     */
    public static boolean isWindowsName(String name) {
        return toZoneId(name).isPresent();
    }

    /**
     * Obtains every Windows name this class knows, spelled as Windows spells them.
     *
     * @return the names, in the order of the Windows zone list (west to east), then the retired names;
     *     unmodifiable, not null
     */
    public static Set<String> windowsNames() {
        return NAMES;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
