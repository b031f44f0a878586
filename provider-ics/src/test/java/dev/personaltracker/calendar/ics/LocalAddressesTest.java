package dev.personaltracker.calendar.ics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "127.0.0.1", "127.255.1.2", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "192.0.0.8", "198.18.0.1",
        "198.19.255.255", "224.0.0.1", "240.0.0.1",
        "255.255.255.255",
        "::1", "::", "fe80::1", "fec0::1", "fc00::1", "fd12:3456::1", "ff02::1", "100::1",
        // IPv6 forms that lead to a local IPv4 address
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "::10.0.0.1", "::ffff:0:127.0.0.1",
        "::ffff:0:192.168.0.1", "64:ff9b::10.0.0.1", "64:ff9b::127.0.0.1", "64:ff9b::169.254.169.254",
        "64:ff9b:1::1.2.3.4", "2002:7f00:1::1", "2002:0a00:0001::", "2002:a9fe:a9fe::1",
        // Teredo: server 127.0.0.1, and a client 10.0.0.1 written inverted
        "2001:0:7f00:1::1", "2001:0:0102:0304::f5ff:fffe"})
    void refusesLocalAndNonPublicAddressesInEveryForm(String literal) throws UnknownHostException {
        assertThat(LocalAddresses.isLocal(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.255.255",
        "172.32.0.1", "192.0.1.1", "192.169.0.1", "198.17.255.255", "198.20.0.1", "223.255.255.255",
        "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:0808:0808::1",
        "2001:0:0808:0808::f7f7:f7f7"})
    void letsPublicAddressesThrough(String literal) throws UnknownHostException {
        assertThat(LocalAddresses.isLocal(InetAddress.getByName(literal))).as(literal).isFalse();
    }
}
