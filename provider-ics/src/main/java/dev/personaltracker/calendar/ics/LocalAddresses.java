package dev.personaltracker.calendar.ics;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The rule for addresses a calendar feed may not be read from unless the host allows it
 * ({@value IcsCalendarProvider#ALLOW_PRIVATE_ADDRESSES}): this machine and networks that are not the public internet.
 * The provider applies it to the very addresses it connects to; a host that reads feeds itself (the web example's
 * URL sources) applies the same rule.
 */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * Checks whether an address is on this machine or a network that is not the public internet.
     *
     * @param address  an address, not null
     * @return true for loopback, any-local, link-local (169.254/16, fe80::/10, the cloud metadata address among them),
     *     site-local (10/8, 172.16/12, 192.168/16), shared (100.64/10), 0/8, 192.0.0/24, 240/4, unique-local IPv6
     *     (fc00::/7), multicast and IPv4-mapped forms of these
     */
    public static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return true; // fc00::/7
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return isLocal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }
}
