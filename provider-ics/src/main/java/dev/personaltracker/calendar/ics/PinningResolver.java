package dev.personaltracker.calendar.ics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a feed's host once per connection, checks every address it got and hands exactly those addresses to the
 * connection manager, which connects to them: there is no second lookup a DNS-rebinding server could answer
 * differently (first a public address, then 127.0.0.1 or 169.254.169.254). TLS still verifies, and sends as SNI, the
 * host name of the URL. Thread-safe.
 */
final class PinningResolver implements DnsResolver {

    /** Looks a host up; a seam so tests can play a rebinding DNS server. */
    @FunctionalInterface
    interface Lookup {
        /** The system resolver. */
        Lookup SYSTEM = InetAddress::getAllByName;

        /**
         * @param host  a host name or literal address
         * @return its addresses, at least one
         * @throws UnknownHostException if it has none
         */
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** The host resolved to a local or private address while the settings forbid them; nothing was connected. */
    static final class RefusedAddress extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        RefusedAddress(String host) {
            super("host " + host + " resolves to a local or private address");
        }
    }

    private final Lookup lookup;
    private final Predicate<InetAddress> refused;

    /**
     * @param lookup  how a host is looked up, once per new connection
     * @param refused  which addresses are refused; a host with any of them is refused as a whole
     */
    PinningResolver(Lookup lookup, Predicate<InetAddress> refused) {
        this.lookup = lookup;
        this.refused = refused;
    }

    /**
     * @param allowPrivateAddresses  false refuses the addresses {@link LocalAddresses#isLocal} names
     * @return a resolver on the system's lookup
     */
    static PinningResolver system(boolean allowPrivateAddresses) {
        return new PinningResolver(Lookup.SYSTEM, allowPrivateAddresses ? address -> false : LocalAddresses::isLocal);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = lookup.addresses(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (refused.test(address)) {
                throw new RefusedAddress(host);
            }
        }
        return addresses.clone();
    }

    /** No reverse or second forward lookup: the name stays as written (only Kerberos would ask for it). */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
