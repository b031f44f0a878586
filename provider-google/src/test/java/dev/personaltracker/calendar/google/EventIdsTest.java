package dev.personaltracker.calendar.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.personaltracker.calendar.spi.SessionKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Event ids derived from session keys: Google's base32hex form, stable, distinct per key. */
class EventIdsTest {

    @Provide
    Arbitrary<SessionKey> keys() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(64)
                .map(SessionKey::of);
    }

    @Property(tries = 300)
    void of_isBase32HexOfAcceptedLength(@ForAll("keys") SessionKey key) {
        assertThat(EventIds.of(key)).matches("[0-9a-v]{5,1024}");
    }

    @Property(tries = 300)
    void of_isStableAndDistinguishesKeys(@ForAll("keys") SessionKey a, @ForAll("keys") SessionKey b) {
        assertThat(EventIds.of(a)).isEqualTo(EventIds.of(SessionKey.of(a.value())));
        assertThat(EventIds.of(a).equals(EventIds.of(b))).isEqualTo(a.equals(b));
    }

    @Test
    void of_encodesAsRfc4648Base32Hex() {
        // RFC 4648 test vector: BASE32-HEX("foobar") = "CPNMUOJ1E8======"
        assertThat(EventIds.of(SessionKey.of("foobar"))).isEqualTo("pts0cpnmuoj1e8");
        assertThat(EventIds.of(SessionKey.of("a"))).isEqualTo("pts0c4").hasSizeGreaterThanOrEqualTo(5);
    }
}
