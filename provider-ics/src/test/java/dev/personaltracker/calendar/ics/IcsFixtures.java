package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.time.Interval;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Shared helpers for the provider's tests: fixtures under src/test/resources/ics and connections over them. */
final class IcsFixtures {

    private IcsFixtures() {
    }

    static Path fixture(String name) {
        try {
            return Path.of(IcsFixtures.class.getResource("/ics/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    /** Connects with the given properties (name, value, name, value, ...). */
    static CalendarConnection connect(String... properties) {
        return new IcsCalendarProvider().connect(settings(properties).build(), Credentials.none());
    }

    static ProviderSettings.Builder settings(String... properties) {
        ProviderSettings.Builder b = ProviderSettings.builder();
        for (int i = 0; i < properties.length; i += 2) {
            b.property(properties[i], properties[i + 1]);
        }
        return b;
    }

    /** Connects to one fixture as source "cal", in the given zone, owner me@example.com. */
    static CalendarConnection fixtureConnection(String fixture, String zone) {
        return connect("source.cal", fixture(fixture).toString(), "zone", zone, "owner", "me@example.com");
    }

    /**
     * Writes a calendar holding the given content lines (VEVENTs) to {@code dir/cal.ics} and connects to it as
     * source "cal" in {@code zone}.
     */
    static CalendarConnection inlineCalendar(Path dir, String zone, String... lines) {
        List<String> all = new java.util.ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"));
        all.addAll(List.of(lines));
        all.add("END:VCALENDAR");
        all.add("");
        Path file = dir.resolve("cal.ics");
        try {
            java.nio.file.Files.writeString(file, String.join("\r\n", all));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return connect("source.cal", file.toString(), "zone", zone);
    }

    /** Writes {@code text} byte for byte (UTF-8) to {@code dir/cal.ics} and connects to it as source "cal". */
    static CalendarConnection rawCalendar(Path dir, String zone, String text) {
        Path file = dir.resolve("cal.ics");
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return connect("source.cal", file.toString(), "zone", zone, "owner", "me@example.com");
    }

    /** A calendar's text: the lines between BEGIN:VCALENDAR and END:VCALENDAR, joined by {@code eol}. */
    static String calendarText(String eol, String... lines) {
        List<String> all = new java.util.ArrayList<>(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"));
        all.addAll(List.of(lines));
        all.add("END:VCALENDAR");
        return String.join(eol, all) + eol;
    }

    /** The busy intervals' times only. */
    static List<Interval> intervals(CalendarConnection c, Interval window) {
        return busy(c, window).stream().map(BusyInterval::interval).toList();
    }

    static Interval window(String start, String end) {
        return Interval.of(Instant.parse(start), Instant.parse(end));
    }

    static List<BusyInterval> busy(CalendarConnection c, Interval window) {
        return c.busy(List.of("cal"), window, BusyPolicy.defaults());
    }

    /** @return a local date-time in iCalendar's basic form, such as {@code 20261103T093000} */
    static String basic(java.time.LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss"));
    }

    /** The same as {@link #window}, read as "an event at". */
    static Interval at(String start, String end) {
        return window(start, end);
    }
}
