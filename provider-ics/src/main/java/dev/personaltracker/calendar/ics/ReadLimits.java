package dev.personaltracker.calendar.ics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How sources may be read.
 *
 * @param maxBytes  the largest file or feed body accepted
 * @param fileTimeout  the total deadline for reading one file
 * @param connectTimeout  the connect timeout of a feed
 * @param requestTimeout  the total deadline of one feed request, the whole body included
 * @param maxRedirects  how many redirects a feed may take (same scheme only)
 * @param allowedFolder  if present, files must lie in it (after resolving links)
 * @param allowPrivateAddresses  false refuses feeds on loopback, private, link-local and other local addresses
 */
record ReadLimits(long maxBytes, Duration fileTimeout, Duration connectTimeout, Duration requestTimeout,
                  int maxRedirects, Optional<Path> allowedFolder, boolean allowPrivateAddresses) {

    /** The default size limit, 20 MB. */
    static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
}
