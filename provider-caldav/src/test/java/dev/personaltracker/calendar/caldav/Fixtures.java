package dev.personaltracker.calendar.caldav;

/** Calendar object resources as Apple Calendar, Thunderbird and Outlook write them (CRLF, VTIMEZONE). */
final class Fixtures {

    private Fixtures() {
    }

    static final String BERLIN = """
            BEGIN:VTIMEZONE
            TZID:Europe/Berlin
            BEGIN:DAYLIGHT
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            TZNAME:CEST
            DTSTART:19700329T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            TZNAME:CET
            DTSTART:19701025T030000
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            END:STANDARD
            END:VTIMEZONE
            """;

    /** Weekly at 10:00 Berlin from 17 March (CET) for 5 weeks; 31 March moved to 14:00; 7 April excluded. */
    static final String LECTURE = crlf("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Apple Inc.//macOS 14.0//EN
            """ + BERLIN + """
            BEGIN:VEVENT
            UID:lecture-1@example.com
            DTSTAMP:20260301T000000Z
            DTSTART;TZID=Europe/Berlin:20260317T100000
            DTEND;TZID=Europe/Berlin:20260317T110000
            RRULE:FREQ=WEEKLY;COUNT=5
            EXDATE;TZID=Europe/Berlin:20260407T100000
            SUMMARY:Linear Algebra
            END:VEVENT
            BEGIN:VEVENT
            UID:lecture-1@example.com
            DTSTAMP:20260301T000000Z
            RECURRENCE-ID;TZID=Europe/Berlin:20260331T100000
            DTSTART;TZID=Europe/Berlin:20260331T140000
            DTEND;TZID=Europe/Berlin:20260331T150000
            SUMMARY:Linear Algebra (moved)
            END:VEVENT
            END:VCALENDAR
            """);

    static final String ALL_DAY = crlf("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
            BEGIN:VEVENT
            UID:trip@example.com
            DTSTAMP:20260301T000000Z
            DTSTART;VALUE=DATE:20260320
            DTEND;VALUE=DATE:20260321
            SUMMARY:Field trip
            END:VEVENT
            END:VCALENDAR
            """);

    static final String TRANSPARENT = crlf("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Example//EN
            BEGIN:VEVENT
            UID:reminder@example.com
            DTSTAMP:20260301T000000Z
            DTSTART:20260325T080000Z
            DTEND:20260325T090000Z
            TRANSP:TRANSPARENT
            SUMMARY:Call mum (free)
            END:VEVENT
            END:VCALENDAR
            """);

    /** An hour-long invitation to the test user with the given PARTSTAT. */
    static String invitation(String uid, String startUtc, String partstat) {
        String end = startUtc.substring(0, 9) + String.format("%02d", Integer.parseInt(startUtc.substring(9, 11)) + 1)
                + startUtc.substring(11);
        return crlf("""
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//Example//EN
                METHOD:REQUEST
                BEGIN:VEVENT
                UID:%s@example.com
                DTSTAMP:20260301T000000Z
                DTSTART:%s
                DTEND:%s
                SUMMARY:Meeting %s
                ORGANIZER;CN=Prof:mailto:prof@example.com
                ATTENDEE;CN=Prof;PARTSTAT=ACCEPTED:mailto:prof@example.com
                ATTENDEE;CN=Student;PARTSTAT=%s;RSVP=TRUE:mailto:%s
                END:VEVENT
                END:VCALENDAR
                """.formatted(uid, startUtc, end, uid, partstat, RadicaleServer.USER.toUpperCase()));
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
