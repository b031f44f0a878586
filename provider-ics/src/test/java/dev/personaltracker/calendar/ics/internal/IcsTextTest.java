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
                        IcsText.eventName("DTSTART") + ";VALUE=DATE:20261105",
                        IcsText.eventName("DTEND") + ";VALUE=DATE:20261106",
                        IcsText.EXDATE + ":20261105,20261112",
                        IcsText.eventName("DTSTART") + ";X-PERSONALTRACKER-TZID=Europe/Berlin:20261105T090000",
                        "DESCRIPTION;TZID=x:20261105", "END:VEVENT", "END:VCALENDAR");
    }

    @Test
    void keepsOnlyTheZonesIcal4jMustBuildFromTheFile_andCarriesTheOthersPastIt() {
        String known = String.join("\r\n", "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time", "BEGIN:STANDARD",
                "DTSTART:16011028T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE");
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
                        IcsText.VTIMEZONE + ":" + java.util.Base64.getEncoder().encodeToString(
                                known.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD", "DTSTART:16010101T000000",
                        "TZOFFSETFROM:+0300", "TZOFFSETTO:+0300", "END:STANDARD", "END:VTIMEZONE",
                        "BEGIN:VEVENT",
                        IcsText.eventName("DTSTART") + ";X-PERSONALTRACKER-TZID=\"W. Europe Standard Time\":20261103T100000",
                        IcsText.eventName("DTEND") + ";TZID=Customized Time Zone:20261103T110000",
                        "SUMMARY:;TZID=Europe/Berlin stays as written in a value",
                        "END:VEVENT", "END:VCALENDAR");
    }

    @Test
    void aZonesObservancesKeepTheirNames_anEventsDatesAndRulesTravelRenamed_andPrintBackUnderTheirOwn() {
        String[] zone = {"BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:DAYLIGHT", "DTSTART:16010101T020000",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "RDATE:20270328T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "END:DAYLIGHT", "END:VTIMEZONE"};
        String[] event = {"BEGIN:VEVENT", "UID:u", "DTSTAMP:20261001T000000Z", "CREATED:20261001T000000Z",
            "LAST-MODIFIED:20261002T000000Z", "DTSTART;TZID=Customized Time Zone:20261103T100000",
            "DTEND;TZID=Customized Time Zone:20261103T110000", "RRULE:FREQ=WEEKLY", "EXDATE:20261110T090000Z",
            "RDATE:20261201T090000Z", "RECURRENCE-ID:20261117T090000Z", "END:VEVENT"};
        java.util.List<String> input = new java.util.ArrayList<>(java.util.List.of("BEGIN:VCALENDAR"));
        input.addAll(java.util.List.of(zone));
        input.addAll(java.util.List.of(event));
        input.add("END:VCALENDAR");

        String[] out = normalized(input.toArray(String[]::new));

        assertThat(java.util.Arrays.copyOfRange(out, 1, 1 + zone.length)).containsExactly(zone);
        assertThat(java.util.Arrays.copyOfRange(out, 1 + zone.length, 1 + zone.length + event.length))
                .allSatisfy(line -> assertThat(line).matches("(BEGIN|END|UID|X-PERSONALTRACKER-[A-Z-]+)[;:].*"));
        String printedBack = PrintedText.restoreNames(String.join("\r\n", out) + "\r\n");
        assertThat(printedBack.split("\r\n")).containsSubsequence(zone).containsSubsequence(event);
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

    @Test
    void aZoneIcal4jCannotBuild_travelsPastItUnread_andPrintsBackAsItWas() {
        String[] zone = {"BEGIN:VTIMEZONE", "TZID:Odd", "BEGIN:STANDARD", "DTSTART:16010101T030000",
            "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"};
        java.util.List<String> input = new java.util.ArrayList<>(java.util.List.of("BEGIN:VCALENDAR", "BEGIN:VEVENT",
                "UID:u", "END:VEVENT"));
        input.addAll(java.util.List.of(zone));
        input.add("END:VCALENDAR");
        IcsText.Normalized body = IcsText.normalize(String.join("\n", input), "test");
        String[] text = body.text().split("\r\n");
        int end = java.util.Arrays.asList(text).indexOf("END:VTIMEZONE") + 1; // 1-based, as ical4j counts

        assertThat(body.withoutZoneAt(3)).isEmpty(); // a line of the VEVENT
        IcsText.Normalized without = body.withoutZoneAt(end).orElseThrow();

        String[] kept = without.text().split("\r\n");
        assertThat(kept).containsExactly("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:u", "END:VEVENT",
                IcsText.VTIMEZONE + ":" + java.util.Base64.getEncoder().encodeToString(String.join("\r\n", zone)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "END:VCALENDAR");
        assertThat(without.fileLine(5)).isEqualTo(5); // the zone's first line in the file
        assertThat(without.fileLine(6)).isEqualTo(body.fileLine(text.length));
        assertThat(PrintedText.restoreNames(without.text()).split("\r\n")).containsSubsequence(zone);
    }
}
