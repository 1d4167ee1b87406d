package org.hrgateway.federation;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hrgateway.support.TestTokens;
import org.hrgateway.support.TestTokens.SigningKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token a gateway sends its peers: signed with the city's key, read-only, kept for half its life. */
class PeerTokensTest {

    private static final String ISSUER = "http://127.0.0.1:8081/fhir";

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-05T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void givenTheCitysKey_whenATokenIsSigned_thenItVerifiesWithThePublicKeyAndOnlyReads() throws Exception {
        SigningKey key = TestTokens.signingKey("jinan-1");
        PeerTokens tokens = new PeerTokens(Optional.of(key.pem()), Optional.of("jinan-1"), Optional.of(ISSUER),
                Optional.of("hr-gateway"), "jinan", Duration.ofMinutes(5), true, Clock.systemUTC());
        String token = tokens.authorization().substring("Bearer ".length());
        JsonWebToken verified = new DefaultJWTParser().verify(token, key.publicKey());
        assertEquals(ISSUER, verified.getIssuer());
        assertEquals("gateway-jinan", verified.getSubject());
        assertEquals(Set.of("hr-gateway"), verified.getAudience());
        assertEquals("system/*.rs", verified.getClaim("scope").toString().replace("\"", ""));
        assertEquals(300, verified.getExpirationTime() - verified.getIssuedAtTime());
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"kid\":\"jinan-1\"") && header.contains("RS256"), header);
    }

    @Test
    void givenATokenSigned_whenHalfItsLifeIsGone_thenANewOneIsSignedAndNotBefore() {
        SigningKey key = TestTokens.signingKey("heze-1");
        MovingClock clock = new MovingClock();
        PeerTokens tokens = new PeerTokens(Optional.of(key.pem()), Optional.of("heze-1"), Optional.of(ISSUER),
                Optional.empty(), "heze", Duration.ofMinutes(4), true, clock);
        String first = tokens.authorization();
        clock.now = clock.now.plus(Duration.ofMinutes(2).minusSeconds(1));
        assertEquals(first, tokens.authorization());
        clock.now = clock.now.plusSeconds(1);
        assertNotEquals(first, tokens.authorization());
    }

    @Test
    void givenPeersWithoutAKey_whenStarting_thenItIsRefusedNamingTheProperty() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new PeerTokens(Optional.empty(),
                Optional.of("k"), Optional.of(ISSUER), Optional.empty(), "jinan", Duration.ofMinutes(5), true,
                Clock.systemUTC()));
        assertTrue(refused.getMessage().contains("hr.federation.signing-key"), refused.getMessage());
    }

    @Test
    void givenAFileThatIsNotAKey_whenStarting_thenItIsRefusedNamingTheFile() throws Exception {
        Path notAKey = Files.createTempFile("not-a-key", ".pem");
        Files.writeString(notAKey, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new PeerTokens(Optional.of(notAKey),
                Optional.of("k"), Optional.of(ISSUER), Optional.empty(), "jinan", Duration.ofMinutes(5), true,
                Clock.systemUTC()));
        assertTrue(refused.getMessage().contains(notAKey.toString()), refused.getMessage());
    }
}
