package dev.personaltracker.calendar.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void challengeOf_matchesRfc7636AppendixB() {
        // RFC 7636, Appendix B: the example verifier and its S256 challenge
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void generate_makesAFreshVerifierOfTheRequiredLengthEachTime() {
        Pkce a = Pkce.generate();
        Pkce b = Pkce.generate();
        assertThat(a.verifier()).isNotEqualTo(b.verifier()).matches("[A-Za-z0-9_-]{43,128}");
        assertThat(a.challenge()).isEqualTo(Pkce.challengeOf(a.verifier()));
        assertThat(a.method()).isEqualTo("S256");
    }
}
