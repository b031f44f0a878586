package dev.personaltracker.calendar.spi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings for one provider: OAuth client, scopes, base URLs, retries and provider-specific properties.
 * <p>
 * The API and authorization base URLs default to the real service; set them to reach a national cloud, a proxy
 * or a local test server. {@link #toString()} never shows the client secret.
 * This class is immutable and thread-safe; its {@link Builder} is not.
 */
public final class ProviderSettings {

    /** The default {@link #readDeadline()}: 5 seconds. */
    public static final Duration DEFAULT_READ_DEADLINE = Duration.ofSeconds(5);

    private final String clientId;
    private final String clientSecret;
    private final URI redirectUri;
    private final Set<String> scopes;
    private final URI apiBaseUrl;
    private final URI authBaseUrl;
    private final boolean readOnly;
    private final RetryPolicy retryPolicy;
    private final Duration readDeadline;
    private final Clock clock;
    private final SyncStateStore syncStateStore;
    private final Map<String, String> properties;
    private final String userId;
    private final ZoneId userZone;
    private final boolean clockSet;

    private ProviderSettings(Builder b) {
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.redirectUri = b.redirectUri;
        this.scopes = Set.copyOf(b.scopes);
        this.apiBaseUrl = b.apiBaseUrl;
        this.authBaseUrl = b.authBaseUrl;
        this.readOnly = b.readOnly;
        this.retryPolicy = b.retryPolicy;
        this.readDeadline = b.readDeadline;
        this.clock = b.clock;
        this.syncStateStore = b.syncStateStore;
        this.properties = Map.copyOf(b.properties);
        this.userId = b.userId;
        this.userZone = b.userZone;
        this.clockSet = b.clockSet;
    }

    /** @return a new builder with defaults: no client, real service URLs, read-write, default retries, UTC system clock */
    public static Builder builder() {
        return new Builder();
    }

    /** @return settings with every default, for providers that need no client (such as iCalendar) */
    public static ProviderSettings defaults() {
        return builder().build();
    }

    /** @return the OAuth client id, if set */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    /** @return the OAuth client secret, if set (public clients using PKCE may have none) */
    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** @return the redirect URI registered for the client, if set */
    public Optional<URI> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    /** @return extra scopes to request beyond the provider's least set; usually empty */
    public Set<String> scopes() {
        return scopes;
    }

    /** @return the API base URL, empty for the real service */
    public Optional<URI> apiBaseUrl() {
        return Optional.ofNullable(apiBaseUrl);
    }

    /** @return the authorization server base URL, empty for the real service */
    public Optional<URI> authBaseUrl() {
        return Optional.ofNullable(authBaseUrl);
    }

    /** @return true to read calendars only: no write scope is requested and writes fail */
    public boolean readOnly() {
        return readOnly;
    }

    /** @return how requests are retried, not null */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /**
     * Gets the total time one read (busy time, calendar list, session lookup) may take, retries and their waits
     * included: when it is spent, the read fails with a {@link CalendarException} subtype rather than waiting
     * longer. Default {@link #DEFAULT_READ_DEADLINE}.
     *
     * @return the deadline of one read, positive, not null
     */
    public Duration readDeadline() {
        return readDeadline;
    }

    /** @return the clock for token expiry and state lifetimes, not null */
    public Clock clock() {
        return clock;
    }

    /** @return where incremental-sync state is kept; empty keeps it in memory for the connection's life */
    public Optional<SyncStateStore> syncStateStore() {
        return Optional.ofNullable(syncStateStore);
    }

    /**
     * Gets a provider-specific property (for example {@code tenant} for Outlook, {@code source} for iCalendar).
     *
     * @param name  the property name, not null
     * @return the value, if set
     */
    public Optional<String> property(String name) {
        return Optional.ofNullable(properties.get(Objects.requireNonNull(name, "name")));
    }

    /** @return every provider-specific property, not null */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * Gets the host's id for the person a connection is opened for. A facade opening connections for several people
     * with one provider's settings sets it per person ({@link #forUser}), so that state a provider keeps per account
     * (sync state, caches) is also kept apart per person, also for host-held access tokens.
     *
     * @return the person's id, empty if the settings are not for one person
     * @since 0.2
     */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /**
     * Gets the person's time zone. Providers read all-day events (floating dates) as the person's local days in it.
     *
     * @return the person's zone, empty if not set (providers then fall back to their own settings)
     * @since 0.2
     */
    public Optional<ZoneId> userZone() {
        return Optional.ofNullable(userZone);
    }

    /**
     * Obtains a copy of these settings for one person: their id and zone set, everything else unchanged.
     *
     * @param userId  the host's id for the person, not blank
     * @param zone  the person's time zone, not null
     * @return the settings for that person, not null
     * @throws IllegalArgumentException if {@code userId} is not a valid user id ({@link UserIds#require})
     * @since 0.2
     */
    public ProviderSettings forUser(String userId, ZoneId zone) {
        UserIds.require(userId);
        Objects.requireNonNull(zone, "zone");
        Builder b = toBuilder();
        b.userId = userId;
        b.userZone = zone;
        return b.build();
    }

    /**
     * Obtains a copy of these settings for one person whose zone is not known (yet): their id set, the zone and
     * everything else unchanged.
     *
     * @param userId  the host's id for the person, not blank
     * @return the settings for that person, not null
     * @throws IllegalArgumentException if {@code userId} is not a valid user id ({@link UserIds#require})
     * @since 0.2
     */
    public ProviderSettings forUser(String userId) {
        UserIds.require(userId);
        Builder b = toBuilder();
        b.userId = userId;
        return b.build();
    }

    /**
     * Obtains a copy of these settings whose clock is the given one, unless a clock was set on purpose
     * ({@link Builder#clock}). The facade hands its own clock to providers this way, so a host that runs the tracker
     * on a fixed or test clock gets the same clock in every provider (token expiry, DTSTAMPs, state lifetimes).
     *
     * @param fallback  the clock to use when none was set, not null
     * @return the settings with that clock, or these settings if a clock was set, not null
     * @since 0.2
     */
    public ProviderSettings withDefaultClock(Clock fallback) {
        Objects.requireNonNull(fallback, "fallback");
        if (clockSet) {
            return this;
        }
        Builder b = toBuilder();
        b.clock = fallback;
        return b.build();
    }

    /** @return whether a clock was set on purpose, rather than the default system clock */
    public boolean hasClock() {
        return clockSet;
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.redirectUri = redirectUri;
        b.scopes.addAll(scopes);
        b.apiBaseUrl = apiBaseUrl;
        b.authBaseUrl = authBaseUrl;
        b.readOnly = readOnly;
        b.retryPolicy = retryPolicy;
        b.clock = clock;
        b.clockSet = clockSet;
        b.syncStateStore = syncStateStore;
        b.properties.putAll(properties);
        b.readDeadline = readDeadline;
        b.userId = userId;
        b.userZone = userZone;
        return b;
    }

    /** @return a description without the client secret */
    @Override
    public String toString() {
        return "ProviderSettings[clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "(none)" : "(redacted)")
                + ", redirectUri=" + redirectUri + ", scopes=" + scopes
                + ", apiBaseUrl=" + (apiBaseUrl == null ? "(default)" : apiBaseUrl)
                + ", authBaseUrl=" + (authBaseUrl == null ? "(default)" : authBaseUrl)
                + ", readOnly=" + readOnly + ", retryPolicy=" + retryPolicy + ", readDeadline=" + readDeadline
                + (userId == null ? "" : ", userId=" + userId) + (userZone == null ? "" : ", userZone=" + userZone)
                + ", properties=" + new TreeMap<>(properties) + "]";
    }

    /** A mutable, single-thread builder of {@link ProviderSettings}. */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private URI redirectUri;
        private final Set<String> scopes = new LinkedHashSet<>();
        private URI apiBaseUrl;
        private URI authBaseUrl;
        private boolean readOnly;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration readDeadline = DEFAULT_READ_DEADLINE;
        private Clock clock = Clock.systemUTC();
        private SyncStateStore syncStateStore;
        private final Map<String, String> properties = new TreeMap<>();
        private String userId;
        private ZoneId userZone;
        private boolean clockSet;

        private Builder() {
        }

        /**
         * @param clientId  the OAuth client id, not null
         * @return this
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /**
         * @param clientSecret  the OAuth client secret, not null
         * @return this
         */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * @param redirectUri  the registered redirect URI, not null
         * @return this
         */
        public Builder redirectUri(URI redirectUri) {
            this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
            return this;
        }

        /**
         * @param scope  an extra scope to request, not null
         * @return this
         */
        public Builder scope(String scope) {
            this.scopes.add(Objects.requireNonNull(scope, "scope"));
            return this;
        }

        /**
         * @param apiBaseUrl  the API base URL, absolute http(s), not null
         * @return this
         * @throws BadSettingsException if it is not an absolute http or https URL
         */
        public Builder apiBaseUrl(URI apiBaseUrl) {
            this.apiBaseUrl = checkHttpUrl(apiBaseUrl, "apiBaseUrl");
            return this;
        }

        /**
         * @param authBaseUrl  the authorization server base URL, absolute http(s), not null
         * @return this
         * @throws BadSettingsException if it is not an absolute http or https URL
         */
        public Builder authBaseUrl(URI authBaseUrl) {
            this.authBaseUrl = checkHttpUrl(authBaseUrl, "authBaseUrl");
            return this;
        }

        /**
         * @param readOnly  true to ask for read scopes only
         * @return this
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * @param retryPolicy  the retry policy, not null
         * @return this
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets the total time one read may take, retries and their waits included (see
         * {@link ProviderSettings#readDeadline()}).
         *
         * @param readDeadline  the deadline, positive, not null
         * @return this
         * @throws BadSettingsException if it is zero or negative
         */
        public Builder readDeadline(Duration readDeadline) {
            Objects.requireNonNull(readDeadline, "readDeadline");
            if (readDeadline.isNegative() || readDeadline.isZero()) {
                throw new BadSettingsException("readDeadline must be positive, but was " + readDeadline);
            }
            this.readDeadline = readDeadline;
            return this;
        }

        /**
         * @param clock  the clock, not null
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.clockSet = true;
            return this;
        }

        /**
         * @param syncStateStore  where to keep incremental-sync state, not null
         * @return this
         */
        public Builder syncStateStore(SyncStateStore syncStateStore) {
            this.syncStateStore = Objects.requireNonNull(syncStateStore, "syncStateStore");
            return this;
        }

        /**
         * @param name  a provider-specific property name, not null
         * @param value  its value, not null
         * @return this
         */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param userId  the host's id for the person these settings are for, not blank
         * @return this
         * @throws IllegalArgumentException if blank
         * @since 0.2
         */
        public Builder userId(String userId) {
            this.userId = UserIds.require(userId);
            return this;
        }

        /**
         * @param userZone  the person's time zone, not null
         * @return this
         * @since 0.2
         */
        public Builder userZone(ZoneId userZone) {
            this.userZone = Objects.requireNonNull(userZone, "userZone");
            return this;
        }

        /** @return the settings, not null */
        public ProviderSettings build() {
            return new ProviderSettings(this);
        }

        private static URI checkHttpUrl(URI url, String name) {
            Objects.requireNonNull(url, name);
            String scheme = url.getScheme();
            if (!url.isAbsolute() || url.getHost() == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new BadSettingsException(name + " must be an absolute http or https URL, but was '" + url + "'");
            }
            return url;
        }
    }
}
