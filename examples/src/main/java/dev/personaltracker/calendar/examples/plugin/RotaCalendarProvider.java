package dev.personaltracker.calendar.examples.plugin;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * A minimal third-party calendar provider, the template that {@code examples/WRITING-A-PROVIDER.md} walks through:
 * it reads a work rota (shifts, one per line of a CSV file) as busy time. It is read-only (its connection is a
 * {@link dev.personaltracker.calendar.spi.ReadOnlyCalendarConnection}): study sessions go to another account's calendar.
 * <p>
 * It is found by {@link java.util.ServiceLoader} because this jar lists it in
 * {@code META-INF/services/dev.personaltracker.calendar.spi.CalendarProvider}; a host then connects it by id:
 * <pre>{@code
 * alice.connect("rota", ProviderSettings.builder()
 *         .property("file", "/home/alice/rota.csv")
 *         .property("zone", "Europe/Berlin")
 *         .build());
 * }</pre>
 * Settings: {@value #FILE} (required) the rota file, lines {@code 2026-03-09,18:00,22:00,Late shift}, times in
 * {@value #ZONE} (default UTC), a shift ending at or before its start runs past midnight; {@value #ACCOUNT} the account
 * id (default {@code rota}).
 * <p>
 * Like every provider it has a public no-argument constructor that does no I/O, and it is thread-safe.
 */
public final class RotaCalendarProvider implements CalendarProvider {

    /** The provider id. */
    public static final String ID = "rota";
    /** Property: the rota file. */
    public static final String FILE = "file";
    /** Property: the zone of the rota's local times. */
    public static final String ZONE = "zone";
    /** Property: the account id. */
    public static final String ACCOUNT = "account";

    /** Creates the provider; ServiceLoader calls this, so it does no I/O. */
    public RotaCalendarProvider() {
    }

    /** @return {@value #ID} */
    @Override
    public String id() {
        return ID;
    }

    /** @return "Work rota (CSV)" */
    @Override
    public String displayName() {
        return "Work rota (CSV)";
    }

    /** @return false: a local file needs no OAuth */
    @Override
    public boolean usesOAuth() {
        return false;
    }

    /**
     * Opens a connection to one rota file. Checks the settings; reads nothing until asked.
     *
     * @param settings  the settings, not null
     * @param credentials  ignored, not null
     * @return the connection, not null
     * @throws BadSettingsException if {@value #FILE} is missing or {@value #ZONE} is not a zone; the message names it
     */
    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        Path file = settings.property(FILE).map(Path::of).orElseThrow(() -> new BadSettingsException(
                "rota: property '" + FILE + "' is missing: set it to the rota's CSV file"));
        ZoneId zone;
        try {
            zone = ZoneId.of(settings.property(ZONE).orElse("UTC"));
        } catch (DateTimeException e) {
            throw new BadSettingsException("rota: property '" + ZONE + "' is not a time zone: '"
                    + settings.property(ZONE).orElse("") + "'", e);
        }
        String account = settings.property(ACCOUNT).orElse("rota");
        return new RotaConnection(account, file, zone);
    }

    /** @return the properties it reads: {@value #FILE}, {@value #ZONE}, {@value #ACCOUNT} (others are refused) */
    @Override
    public Set<String> propertyNames() {
        return Set.of(FILE, ZONE, ACCOUNT);
    }
}
