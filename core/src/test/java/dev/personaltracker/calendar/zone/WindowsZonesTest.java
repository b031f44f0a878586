package dev.personaltracker.calendar.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowsZonesTest {

    private static final Instant JANUARY = Instant.parse("2026-01-15T12:00:00Z");
    private static final Instant JULY = Instant.parse("2026-07-15T12:00:00Z");

    @Test
    void windowsNames_coverTheWholeCldrTableAndTheRetiredNames() {
        // 139 names of CLDR windowsZones plus 5 retired ones; none dropped for want of tz data on this JDK
        assertThat(WindowsZones.windowsNames()).hasSize(144)
                .contains("W. Europe Standard Time", "Lord Howe Standard Time", "UTC", "Mid-Atlantic Standard Time");
    }

    @Test
    void toZoneId_resolvesEveryNameToAZoneThisJdkKnows() {
        for (String name : WindowsZones.windowsNames()) {
            ZoneId zone = WindowsZones.toZoneId(name).orElseThrow();
            // getRules fails for an id the JDK's tz data does not hold
            assertThat(zone.getRules().getOffset(JANUARY)).as(name).isNotNull();
            assertThat(ZoneId.of(zone.getId())).as(name).isEqualTo(zone);
        }
    }

    @Test
    void toZoneId_utcOffsetNamesHaveTheirOffset() {
        Pattern utcName = Pattern.compile("UTC([+-]\\d\\d)");
        int checked = 0;
        for (String name : WindowsZones.windowsNames()) {
            Matcher m = utcName.matcher(name);
            if (m.matches()) {
                ZoneOffset expected = ZoneOffset.ofHours(Integer.parseInt(m.group(1)));
                assertThat(WindowsZones.toZoneId(name).orElseThrow().getRules().getOffset(JULY)).as(name)
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6); // UTC-11, -09, -08, -02, +12, +13
    }

    @ParameterizedTest
    @CsvSource({
        "W. Europe Standard Time,       Europe/Berlin",
        "Pacific Standard Time,         America/Los_Angeles",
        "Pacific Standard Time (Mexico), America/Tijuana",
        "Eastern Standard Time,         America/New_York",
        "India Standard Time,           Asia/Calcutta",
        "AUS Eastern Standard Time,     Australia/Sydney",
        "Lord Howe Standard Time,       Australia/Lord_Howe",
        "GMT Standard Time,             Europe/London",
        "Romance Standard Time,         Europe/Paris",
        "China Standard Time,           Asia/Shanghai",
        "Tokyo Standard Time,           Asia/Tokyo",
        "UTC,                           Etc/UTC",
        "Dateline Standard Time,        Etc/GMT+12",
    })
    void toZoneId_mapsSamplesToTheCldrDefaultZone(String windowsName, String iana) {
        assertThat(WindowsZones.toZoneId(windowsName)).contains(ZoneId.of(iana));
    }

    @ParameterizedTest
    @CsvSource({
        // name,                     January offset, July offset
        "W. Europe Standard Time,     +01:00, +02:00",
        "India Standard Time,         +05:30, +05:30",
        "AUS Eastern Standard Time,   +11:00, +10:00",
        "Lord Howe Standard Time,     +11:00, +10:30", // half-hour daylight saving
        "Nepal Standard Time,         +05:45, +05:45",
        "Pacific Standard Time,       -08:00, -07:00",
        "Newfoundland Standard Time,  -03:30, -02:30",
    })
    void toZoneId_zonesKeepTheirDaylightSavingRules(String windowsName, String january, String july) {
        ZoneId zone = WindowsZones.toZoneId(windowsName).orElseThrow();
        assertThat(zone.getRules().getOffset(JANUARY)).isEqualTo(ZoneOffset.of(january));
        assertThat(zone.getRules().getOffset(JULY)).isEqualTo(ZoneOffset.of(july));
    }

    @Test
    void toZoneId_ignoresCaseAndSurroundingWhiteSpace() {
        assertThat(WindowsZones.toZoneId("  w. EUROPE standard time\t")).contains(ZoneId.of("Europe/Berlin"));
        assertThat(WindowsZones.isWindowsName(" utc ")).isTrue();
    }

    @Test
    void toZoneId_isEmptyForIanaIdsAndUnknownNames() {
        assertThat(WindowsZones.toZoneId("Europe/Berlin")).isEmpty();
        assertThat(WindowsZones.toZoneId("Mars Standard Time")).isEmpty();
        assertThat(WindowsZones.toZoneId("")).isEmpty();
        assertThat(WindowsZones.isWindowsName("Europe/Berlin")).isFalse();
    }

    @Test
    void toZoneId_rejectsNull() {
        assertThatThrownBy(() -> WindowsZones.toZoneId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("windowsName");
    }

    @ParameterizedTest
    @CsvSource({
        "W. Europe Standard Time, Europe/Berlin",
        "' Europe/Berlin ',       Europe/Berlin",
        "America/New_York,        America/New_York",
        "UTC,                     Etc/UTC",
        "Z,                       Z",
        "+05:30,                  +05:30",
        "UTC+01:00,               UTC+01:00",
    })
    void resolve_acceptsWindowsNamesAndZoneIds(String name, String expected) {
        assertThat(WindowsZones.resolve(name)).isEqualTo(ZoneId.of(expected));
    }

    @Test
    void resolve_rejectsUnknownNamesNamingTheValue() {
        assertThatThrownBy(() -> WindowsZones.resolve("Mars Standard Time"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Mars Standard Time'")
                .hasMessageContaining("IANA zone id");
        // ambiguous abbreviations are not zone ids
        assertThatThrownBy(() -> WindowsZones.resolve("PST")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'PST'");
    }

    @Test
    void resolve_rejectsNull() {
        assertThatThrownBy(() -> WindowsZones.resolve(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("anyName");
    }
}
