package dev.personaltracker.calendar.ics;

import dev.personaltracker.calendar.spi.BadSettingsException;
import dev.personaltracker.calendar.spi.CalendarConnection;
import dev.personaltracker.calendar.spi.CalendarProvider;
import dev.personaltracker.calendar.spi.Credentials;
import dev.personaltracker.calendar.spi.ProviderSettings;
import java.util.Objects;
import java.util.Set;

/**
 * The iCalendar provider, id {@code "ics"}: reads busy time from .ics files and http(s) feeds and writes the
 * library's study sessions to a local .ics file.
 * <p>
 * It needs no account and no OAuth. Everything is configured with {@link ProviderSettings#property properties}:
 * <table>
 * <caption>Settings</caption>
 * <tr><th>property</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@value #SOURCE_PREFIX}<i>name</i></td><td>a read-only calendar named <i>name</i> (letters, digits,
 *     {@code . _ -}): a file path, a {@code file:} URI, or an {@code http(s)://} or {@code webcal://} feed URL.
 *     Repeat for more sources.</td><td>none</td></tr>
 * <tr><td>{@value #ZONE}</td><td>the person's time zone (IANA id or Windows name): floating times and all-day
 *     dates are read in it</td><td>the system default zone</td></tr>
 * <tr><td>{@value #OWNER}</td><td>the person's e-mail addresses, comma-separated: their {@code ATTENDEE}
 *     {@code PARTSTAT} and {@code ORGANIZER} decide the invitation rules of the busy policy</td><td>none (no event
 *     counts as an invitation)</td></tr>
 * <tr><td>{@value #OUTPUT}</td><td>the .ics file study sessions are written to (created on the first write)</td>
 *     <td>none: no writable calendar</td></tr>
 * <tr><td>{@value #OUTPUT_ID}</td><td>the calendar id of the output file</td><td>{@code study-sessions}</td></tr>
 * <tr><td>{@value #ACCOUNT}</td><td>the connection's account id</td><td>the first owner address, else
 *     {@code local}</td></tr>
 * <tr><td>{@value #CONNECT_TIMEOUT}, {@value #REQUEST_TIMEOUT}</td><td>feed timeouts, ISO-8601 durations; the
 *     request timeout is a total deadline for one request, its whole body included</td>
 *     <td>{@code PT10S}, {@code PT30S}</td></tr>
 * <tr><td>{@value #FILE_TIMEOUT}</td><td>total deadline for reading one file</td><td>{@code PT30S}</td></tr>
 * <tr><td>{@value #MAX_BYTES}</td><td>the largest file or feed body read, in bytes</td><td>20 MB (20971520)</td></tr>
 * <tr><td>{@value #MAX_REDIRECTS}</td><td>redirects a feed may take (never to another scheme)</td><td>5</td></tr>
 * <tr><td>{@value #ALLOWED_FOLDER}</td><td>if set, source files must lie in this folder (links resolved)</td>
 *     <td>none: any regular file</td></tr>
 * <tr><td>{@value #ALLOW_PRIVATE_ADDRESSES}</td><td>{@code false} refuses feeds on loopback, private and
 *     link-local addresses (set it in a server that reads URLs its users typed)</td><td>{@code true}</td></tr>
 * <tr><td>{@value #MAX_INSTANCES}</td><td>the most instances one recurring event yields per call; past it the
 *     event warns and counts as busy to the window's end</td><td>20000</td></tr>
 * </table>
 * Feeds are retried by {@link ProviderSettings#retryPolicy()}; {@link ProviderSettings#readOnly()} refuses writes;
 * {@link ProviderSettings#clock()} stamps written events. The credentials are ignored (use {@link Credentials#none()}).
 * <p>
 * This class has a public no-argument constructor that does no I/O, as {@link java.util.ServiceLoader} needs. It is
 * immutable and thread-safe.
 */
public final class IcsCalendarProvider implements CalendarProvider {

    /** The provider id, {@code "ics"}. */
    public static final String ID = "ics";
    /** Prefix of the source properties: {@code source.work=/path/work.ics}. */
    public static final String SOURCE_PREFIX = "source.";
    /** Property naming the person's time zone. */
    public static final String ZONE = "zone";
    /** Property listing the person's e-mail addresses, comma-separated. */
    public static final String OWNER = "owner";
    /** Property naming the .ics file study sessions are written to. */
    public static final String OUTPUT = "output";
    /** Property naming the calendar id of the output file. */
    public static final String OUTPUT_ID = "output.id";
    /** Property naming the account id of the connection. */
    public static final String ACCOUNT = "account";
    /** Property with the feed connect timeout, an ISO-8601 duration. */
    public static final String CONNECT_TIMEOUT = "http.connectTimeout";
    /** Property with the feed request timeout, an ISO-8601 duration. */
    public static final String REQUEST_TIMEOUT = "http.requestTimeout";

    /** Property with the total deadline for reading one file, an ISO-8601 duration. */
    public static final String FILE_TIMEOUT = "file.readTimeout";
    /** Property with the size limit of a file or feed body, in bytes. */
    public static final String MAX_BYTES = "maxBytes";
    /** Property with the number of redirects a feed may take. */
    public static final String MAX_REDIRECTS = "http.maxRedirects";
    /** Property naming the folder source files must lie in. */
    public static final String ALLOWED_FOLDER = "allowedFolder";
    /** Property that, set to {@code false}, refuses feeds on loopback and private addresses. */
    public static final String ALLOW_PRIVATE_ADDRESSES = "http.allowPrivateAddresses";
    /** Property with the most instances one recurring event yields per call. */
    public static final String MAX_INSTANCES = "maxInstancesPerEvent";

    /** Creates the provider; does no I/O. */
    public IcsCalendarProvider() {
    }

    /** @return {@code "ics"} */
    @Override
    public String id() {
        return ID;
    }

    /** @return {@code "iCalendar"} */
    @Override
    public String displayName() {
        return "iCalendar";
    }

    /** @return false: files and feeds need no OAuth */
    @Override
    public boolean usesOAuth() {
        return false;
    }

    /**
     * Opens a connection over the configured sources and output file. Checks the settings but reads no file and
     * no feed until used.
     *
     * @param settings  the settings, not null
     * @param credentials  ignored, not null
     * @return the connection, not null
     * @throws BadSettingsException if a property is malformed (a bad zone, a bad source name or location, a bad
     *     timeout) or there is neither a source nor an output file; the message names the property
     */
    @Override
    public CalendarConnection connect(ProviderSettings settings, Credentials credentials) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        return new IcsConnection(IcsSettings.from(settings));
    }

    /**
     * Names every property this provider reads, so that the facade refuses a misspelled one with a "did you mean".
     *
     * @return the property names, not null
     */
    @Override
    public Set<String> propertyNames() {
        return Set.of(SOURCE_PREFIX + "*", ZONE, OWNER, OUTPUT, OUTPUT_ID, ACCOUNT, CONNECT_TIMEOUT, REQUEST_TIMEOUT,
                FILE_TIMEOUT, MAX_BYTES, MAX_REDIRECTS, ALLOWED_FOLDER, ALLOW_PRIVATE_ADDRESSES, MAX_INSTANCES);
    }
}
