package dev.personaltracker.calendar.ics;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The rule for addresses a calendar feed may not be read from unless the host allows it
 * ({@value IcsCalendarProvider#ALLOW_PRIVATE_ADDRESSES}): this machine and networks that are not the public internet.
 * The provider applies it to the very addresses it connects to; a host that reads feeds itself (the web example's
 * URL sources) applies the same rule.
 *
 * <p>IPv6 addresses that carry an IPv4 address inside them (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16} and Teredo {@code 2001::/32}) are judged by the IPv4 address they
 * lead to, because a gateway on the person's network may forward them there.
 */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * Checks whether an address is on this machine or a network that is not the public internet.
     *
     * @param address  an address, not null
     * @return true for loopback, any-local, link-local (169.254/16, fe80::/10, the cloud metadata address among them),
     *     site-local (10/8, 172.16/12, 192.168/16, fec0::/10), shared (100.64/10), 0/8, 192.0.0/24, the
     *     benchmarking range 198.18/15 (which some VPNs and proxies use for their own addresses), 240/4, unique-local IPv6 (fc00::/7), the discard prefix 100::/64, local-use NAT64 (64:ff9b:1::/48),
     *     multicast, and IPv6 forms that embed one of these IPv4 addresses
     */
    public static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? isLocalV4(b) : isLocalV6(b);
    }

    private static boolean isLocalV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        return first == 0 || first == 10 || first == 127 || (first == 100 && second >= 64 && second < 128)
                || (first == 169 && second == 254) || (first == 172 && second >= 16 && second < 32)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && third == 0) || (first == 198 && (second == 18 || second == 19))
                || first >= 224;
    }

    private static boolean isLocalV6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if ((b[0] & 0xfe) == 0xfc || (b[0] & 0xff) == 0xff || (w0 & 0xffc0) == 0xfe80 || (w0 & 0xffc0) == 0xfec0) {
            return true; // unique-local, multicast, link-local, site-local
        }
        if (w0 == 0x0100 && zero(b, 2, 8)) {
            return true; // discard-only 100::/64
        }
        if (w0 == 0x0064 && w1 == 0xff9b && word(b, 4) == 0x0001) {
            return true; // local-use NAT64 64:ff9b:1::/48
        }
        if (zero(b, 0, 10) && (word(b, 10) == 0xffff || word(b, 10) == 0)) {
            return isLocalV4(Arrays.copyOfRange(b, 12, 16)); // IPv4-mapped and IPv4-compatible (:: itself: 0/8)
        }
        if (zero(b, 0, 8) && word(b, 8) == 0xffff && word(b, 10) == 0) {
            return isLocalV4(Arrays.copyOfRange(b, 12, 16)); // IPv4-translated ::ffff:0:a.b.c.d
        }
        if (w0 == 0x0064 && w1 == 0xff9b && zero(b, 4, 12)) {
            return isLocalV4(Arrays.copyOfRange(b, 12, 16)); // NAT64 well-known prefix
        }
        if (w0 == 0x2002) {
            return isLocalV4(Arrays.copyOfRange(b, 2, 6)); // 6to4
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            return isLocalV4(Arrays.copyOfRange(b, 4, 8)) || isLocalV4(client); // Teredo server and client
        }
        return false;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
