package dev.personaltracker.calendar.ics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The normalizer's rewriting, line by line. */
class IcsTextTest {

    private static String[] normalized(String... lines) {
        return IcsText.normalize(String.join("\r\n", lines), "test").text().split("\r\n");
    }

    @Test
    void dropsTzidOnlyWhereEveryValueIsADate() {
        assertThat(normalized("BEGIN:VCALENDAR", "BEGIN:VEVENT",
                "DTSTART;TZID=\"(UTC+01:00) Amsterdam, Berlin\";VALUE=DATE:20261105",
                "DTEND;VALUE=DATE;TZID=W. Europe Standard Time:20261106",
                "EXDATE;TZID=Europe/Berlin:20261105,20261112",
                "DTSTART;TZID=Europe/Berlin:20261105T090000",
                "DESCRIPTION;TZID=x:20261105", "END:VEVENT", "END:VCALENDAR"))
                .containsExactly("BEGIN:VCALENDAR", "BEGIN:VEVENT",
                        "DTSTART;VALUE=DATE:20261105",
                        "DTEND;VALUE=DATE:20261106",
                        IcsText.EXDATE + ":20261105,20261112",
                        "DTSTART;X-PERSONALTRACKER-TZID=Europe/Berlin:20261105T090000",
                        "DESCRIPTION;TZID=x:20261105", "END:VEVENT", "END:VCALENDAR");
    }

    @Test
    void keepsOnlyTheZonesIcal4jMustBuildFromTheFile() {
        assertThat(normalized("BEGIN:VCALENDAR",
                "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time", "BEGIN:STANDARD", "DTSTART:16011028T030000",
                "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
                "BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD", "DTSTART:16010101T000000",
                "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "END:STANDARD", "END:VTIMEZONE",
                "BEGIN:VEVENT",
                "DTSTART;TZID=\"W. Europe Standard Time\":20261103T100000",
                "DTEND;TZID=Customized Time Zone:20261103T110000",
                "SUMMARY:;TZID=Europe/Berlin stays as written in a value",
                "END:VEVENT", "END:VCALENDAR", ""))
                .containsExactly("BEGIN:VCALENDAR",
                        "BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD", "DTSTART:16010101T000000",
                        "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "END:STANDARD", "END:VTIMEZONE",
                        "BEGIN:VEVENT",
                        "DTSTART;X-PERSONALTRACKER-TZID=\"W. Europe Standard Time\":20261103T100000",
                        "DTEND;TZID=Customized Time Zone:20261103T110000",
                        "SUMMARY:;TZID=Europe/Berlin stays as written in a value",
                        "END:VEVENT", "END:VCALENDAR");
    }

    @Test
    void normalizeUntil_makesUntilAgreeWithALocalTimeExpansion() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(RuleInstances.normalizeUntil("FREQ=DAILY;UNTIL=20261104", berlin))
                .isEqualTo("FREQ=DAILY;UNTIL=20261104T235959"); // end of that day, local
        assertThat(RuleInstances.normalizeUntil("FREQ=DAILY;UNTIL=20261104T100000;COUNT=2", berlin))
                .isEqualTo("FREQ=DAILY;UNTIL=20261104T100000;COUNT=2"); // floating stays local
        assertThat(RuleInstances.normalizeUntil("FREQ=DAILY;UNTIL=20261104T100000Z", null))
                .isEqualTo("FREQ=DAILY;UNTIL=20261104"); // all-day series
        assertThat(RuleInstances.normalizeUntil("FREQ=WEEKLY;UNTIL=20261104T100000Z", berlin))
                .isEqualTo("FREQ=WEEKLY;UNTIL=20261104T110000"); // UTC read in the event's zone
    }
}
