package dev.personaltracker.calendar.ics;

import static dev.personaltracker.calendar.ics.IcsCalendarProvider.ACCOUNT;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.ALLOWED_FOLDER;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.ALLOW_PRIVATE_ADDRESSES;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.FILE_TIMEOUT;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.MAX_BYTES;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.MAX_INSTANCES;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.MAX_REDIRECTS;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.CONNECT_TIMEOUT;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.OUTPUT;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.OUTPUT_ID;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.OWNER;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.REQUEST_TIMEOUT;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.SOURCE_PREFIX;
import static dev.personaltracker.calendar.ics.IcsCalendarProvider.ZONE;

import dev.personaltracker.calendar.ics.internal.BusyRequest;
import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.ProviderSettings;
import dev.personaltracker.calendar.spi.RetryPolicy;
import dev.personaltracker.calendar.zone.WindowsZones;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The provider's settings, parsed and checked once from {@link ProviderSettings} properties. */
record IcsSettings(List<IcsSource> sources, ZoneId zone, Set<String> owners, Optional<Path> output, String outputId,
                   String account, ReadLimits limits, RetryPolicy retryPolicy, boolean readOnly, Clock clock,
                   int maxInstancesPerEvent) {

    static final String DEFAULT_OUTPUT_ID = "study-sessions";

    static IcsSettings from(ProviderSettings settings) {
        Map<String, String> props = settings.properties();
        List<IcsSource> sources = new ArrayList<>();
        props.entrySet().stream()
                .filter(e -> e.getKey().startsWith(SOURCE_PREFIX))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sources.add(IcsSource.parse(e.getKey().substring(SOURCE_PREFIX.length()), e.getValue())));
        ZoneId zone = settings.property(ZONE).map(IcsSettings::zone).orElseGet(ZoneId::systemDefault);
        Set<String> owners = settings.property(OWNER)
                .map(v -> Arrays.stream(v.split(","))
                        .map(IcsSettings::normalizeAddress)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
                .orElseGet(LinkedHashSet::new);
        Optional<Path> output = settings.property(OUTPUT).map(IcsSettings::outputPath);
        String outputId = settings.property(OUTPUT_ID).map(String::strip).orElse(DEFAULT_OUTPUT_ID);
        if (outputId.isEmpty()) {
            throw new BadSettingsException("ics: property '" + OUTPUT_ID + "' is empty: give the output calendar an id");
        }
        if (sources.stream().anyMatch(s -> s.name().equals(outputId))) {
            throw new BadSettingsException("ics: source '" + outputId + "' has the id of the output calendar ('"
                    + OUTPUT_ID + "'): rename one of them");
        }
        if (sources.isEmpty() && output.isEmpty()) {
            throw new BadSettingsException("ics: no calendar configured: set at least one '" + SOURCE_PREFIX
                    + "<name>' property (an .ics file or feed) or the '" + OUTPUT + "' property");
        }
        String account = settings.property(ACCOUNT).map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> owners.stream().findFirst().orElse("local"));
        ReadLimits limits = new ReadLimits(
                number(settings, MAX_BYTES, ReadLimits.DEFAULT_MAX_BYTES, 1, Long.MAX_VALUE),
                duration(settings, FILE_TIMEOUT, Duration.ofSeconds(30)),
                duration(settings, CONNECT_TIMEOUT, Duration.ofSeconds(10)),
                duration(settings, REQUEST_TIMEOUT, Duration.ofSeconds(30)),
                (int) number(settings, MAX_REDIRECTS, 5, 0, 20),
                settings.property(ALLOWED_FOLDER).map(IcsSettings::folder),
                bool(settings, ALLOW_PRIVATE_ADDRESSES, true));
        return new IcsSettings(List.copyOf(sources), zone, Set.copyOf(owners), output, outputId, account, limits,
                settings.retryPolicy(), settings.readOnly(), settings.clock(),
                (int) number(settings, MAX_INSTANCES, BusyRequest.DEFAULT_MAX_INSTANCES_PER_EVENT, 1, 10_000_000));
    }

    /** @return the source with that id, if any */
    Optional<IcsSource> source(String calendarId) {
        return sources.stream().filter(s -> s.name().equals(calendarId)).findFirst();
    }

    /** @return every calendar id, the output first */
    List<String> calendarIds() {
        List<String> ids = new ArrayList<>();
        output.ifPresent(p -> ids.add(outputId));
        sources.forEach(s -> ids.add(s.name()));
        return ids;
    }

    /** Lower-cases an address and drops a {@code mailto:} prefix, so ATTENDEE values compare with settings. */
    static String normalizeAddress(String address) {
        return BusyRequest.normalizeAddress(address);
    }

    private static ZoneId zone(String value) {
        try {
            return WindowsZones.resolve(value);
        } catch (IllegalArgumentException e) {
            throw new BadSettingsException("ics: property '" + ZONE + "' is not a time zone: '" + value
                    + "'; use an IANA id such as 'Europe/Berlin' or a Windows name", e);
        }
    }

    private static Path outputPath(String value) {
        try {
            if (value.isBlank()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(value.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadSettingsException("ics: property '" + OUTPUT + "' is not a file path: '" + value + "'", e);
        }
    }

    private static long number(ProviderSettings settings, String name, long fallback, long min, long max) {
        Optional<String> value = settings.property(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.get().strip());
            if (n < min || n > max) {
                throw new NumberFormatException("out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadSettingsException("ics: property '" + name + "' must be a whole number from " + min + " to "
                    + max + ", but was '" + value.get() + "'", e);
        }
    }

    private static boolean bool(ProviderSettings settings, String name, boolean fallback) {
        Optional<String> value = settings.property(name).map(v -> v.strip().toLowerCase(java.util.Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.get().equals("true") && !value.get().equals("false")) {
            throw new BadSettingsException("ics: property '" + name + "' must be 'true' or 'false', but was '"
                    + value.get() + "'");
        }
        return Boolean.parseBoolean(value.get());
    }

    private static Path folder(String value) {
        try {
            if (value.isBlank()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(value.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new BadSettingsException("ics: property '" + ALLOWED_FOLDER + "' is not a folder path: '" + value
                    + "'", e);
        }
    }

    private static Duration duration(ProviderSettings settings, String name, Duration fallback) {
        Optional<String> value = settings.property(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.get().strip());
            if (d.isNegative() || d.isZero()) {
                throw new BadSettingsException("ics: property '" + name + "' must be positive, but was '"
                        + value.get() + "'");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new BadSettingsException("ics: property '" + name + "' is not an ISO-8601 duration such as"
                    + " 'PT30S': '" + value.get() + "'", e);
        }
    }
}
