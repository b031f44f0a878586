package dev.personaltracker.calendar.caldav;

import dev.personaltracker.calendar.spi.Availability;
import dev.personaltracker.calendar.spi.BusyInterval;
import dev.personaltracker.calendar.spi.BusyPolicy;
import dev.personaltracker.calendar.spi.BusySource;
import dev.personaltracker.calendar.spi.EventFacts;
import dev.personaltracker.calendar.spi.UnexpectedResponseException;
import dev.personaltracker.calendar.time.Interval;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the busy time of a calendar the account may only see as free/busy, with the {@code free-busy-query} REPORT
 * (RFC 4791 section 7.10): the server answers a VFREEBUSY whose {@code FREEBUSY} periods are mapped to facts for the
 * shared {@link BusyPolicy} ({@code BUSY} busy, {@code BUSY-TENTATIVE} tentative, {@code BUSY-UNAVAILABLE} out of
 * office, {@code FREE} ignored).
 */
final class FreeBusyReader {

    private static final Pattern FREEBUSY = Pattern.compile("(?im)^FREEBUSY((?:;[^:]*)?):(.*)$");
    private static final Pattern FBTYPE = Pattern.compile("(?i);FBTYPE=\"?([A-Za-z-]+)");

    private final DavClient client;

    FreeBusyReader(DavClient client) {
        this.client = client;
    }

    List<BusyInterval> busy(String providerId, String accountId, CaldavCalendar calendar, URI uri, Interval window,
                            BusyPolicy policy) {
        String what = "REPORT " + uri.getPath() + " (free-busy-query)";
        DavResponse response = client.send(DavRequest.xml("REPORT", uri, "1",
                Reports.freeBusy(window.start(), window.end()), "free-busy-query"));
        if (response.status() != 200) {
            throw DavFaults.unexpected(response, what);
        }
        String text = response.body().replaceAll("\r?\n[ \t]", ""); // unfold
        if (!text.contains("VFREEBUSY")) {
            throw new UnexpectedResponseException("caldav: " + what + " answered without a VFREEBUSY; starts with: "
                    + DavXml.preview(response.body()));
        }
        List<BusyInterval> result = new ArrayList<>();
        Matcher m = FREEBUSY.matcher(text);
        while (m.find()) {
            Matcher type = FBTYPE.matcher(m.group(1));
            String fbtype = type.find() ? type.group(1).toUpperCase(Locale.ROOT) : "BUSY";
            Optional<EventFacts> facts = facts(fbtype);
            if (facts.isEmpty() || !policy.blocks(facts.get())) {
                continue;
            }
            for (String period : m.group(2).strip().split(",")) {
                Interval interval = period(period.strip(), what);
                interval.intersection(window).ifPresent(clipped -> result.add(new BusyInterval(clipped,
                        new BusySource(providerId, accountId, calendar.id(), "freebusy-" + interval.start(),
                                Optional.empty()), facts.get())));
            }
        }
        return result;
    }

    private static Optional<EventFacts> facts(String fbtype) {
        return switch (fbtype) {
            case "FREE" -> Optional.empty();
            case "BUSY-TENTATIVE" -> Optional.of(EventFacts.busy().withAvailability(Availability.TENTATIVE));
            case "BUSY-UNAVAILABLE" -> Optional.of(EventFacts.busy().withAvailability(Availability.OUT_OF_OFFICE));
            default -> Optional.of(EventFacts.busy());
        };
    }

    private static Interval period(String text, String what) {
        String[] parts = text.split("/");
        try {
            Instant start = Instant.from(Reports.UTC.parse(parts[0]));
            Instant end;
            if (parts[1].startsWith("P") || parts[1].startsWith("+P")) {
                String d = parts[1].replace("+", "");
                Matcher weeks = Pattern.compile("P(\\d+)W").matcher(d);
                end = weeks.matches() ? start.plus(Duration.ofDays(7L * Integer.parseInt(weeks.group(1))))
                        : start.plus(Duration.parse(d));
            } else {
                end = Instant.from(Reports.UTC.parse(parts[1]));
            }
            return Interval.of(start, end);
        } catch (DateTimeException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new UnexpectedResponseException("caldav: " + what + " answered an unreadable FREEBUSY period '"
                    + text + "'", e);
        }
    }
}
