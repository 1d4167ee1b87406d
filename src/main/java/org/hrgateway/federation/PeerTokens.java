package org.hrgateway.federation;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hrgateway.config.GatewayConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The bearer token this gateway sends to its peers (ADR 0015): `system/*.rs` (read and search, never
 * write), signed with the city's own key, configured by reference (`hr.federation.signing-key`, a
 * PEM file never committed) and verified by each peer with `hr.security.keys`. A gateway with peers
 * and no key refuses to start. One token serves every
 * peer until half its lifetime is gone: signing costs more than a peer call's parsing.
 */
@Startup
@ApplicationScoped
public class PeerTokens {

    static final String SCOPE = "system/*.rs";

    private record Signed(String token, Instant renewAfter) {
    }

    private final Optional<PrivateKey> key;
    private final SignatureAlgorithm algorithm;
    private final String keyId;
    private final String issuer;
    private final String subject;
    private final Optional<String> audience;
    private final Duration lifetime;
    private final Clock clock;
    private volatile Signed current;

    @Inject
    public PeerTokens(GatewayConfig config, Peers peers) {
        this(config.federation().signingKey().map(Path::of), config.federation().signingKeyId(),
                config.federation().issuer().or(config::baseUrl),
                config.federation().audience().or(() -> config.security().audience()),
                config.city().orElse("unnamed"), config.federation().tokenLifetime(), !peers.all().isEmpty()
                        || config.federation().peersFile().isPresent(), Clock.systemUTC());
    }

    PeerTokens(Optional<Path> keyFile, Optional<String> keyId, Optional<String> issuer, Optional<String> audience,
               String city, Duration lifetime, boolean federated, Clock clock) {
        if (federated && keyFile.isEmpty()) {
            throw new IllegalStateException("hr.federation.signing-key must name the PEM file of the key this gateway"
                    + " signs its peer tokens with, when peers are configured");
        }
        if (federated && keyId.isEmpty()) {
            throw new IllegalStateException("hr.federation.signing-key-id must be the kid of that key in the peers' JWKS");
        }
        this.key = keyFile.map(PeerTokens::read);
        this.algorithm = key.map(k -> k instanceof ECPrivateKey ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256)
                .orElse(SignatureAlgorithm.RS256);
        this.keyId = keyId.orElse("");
        this.issuer = issuer.orElse("");
        this.subject = "gateway-" + city;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The `Authorization` header value for a peer call. */
    public String authorization() {
        Signed signed = current;
        Instant now = clock.instant();
        if (signed == null || !now.isBefore(signed.renewAfter())) {
            signed = sign(now);
            current = signed;
        }
        return "Bearer " + signed.token();
    }

    private Signed sign(Instant now) {
        PrivateKey privateKey = key.orElseThrow(() -> new IllegalStateException(
                "No hr.federation.signing-key: this gateway cannot call its peers"));
        JwtClaimsBuilder claims = Jwt.claims().issuer(issuer).subject(subject).issuedAt(now)
                .expiresAt(now.plus(lifetime)).claim("scope", SCOPE);
        audience.ifPresent(claims::audience);
        String token = claims.jws().keyId(keyId).algorithm(algorithm).sign(privateKey);
        return new Signed(token, now.plus(lifetime.dividedBy(2)));
    }

    private static PrivateKey read(Path file) {
        try {
            String pem = Files.readString(file);
            SignatureAlgorithm algorithm = pem.contains("EC PRIVATE") ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256;
            try {
                return KeyUtils.decodePrivateKey(pem, algorithm);
            } catch (GeneralSecurityException | RuntimeException notThatKind) {
                return KeyUtils.decodePrivateKey(pem, algorithm == SignatureAlgorithm.RS256
                        ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("hr.federation.signing-key " + file + " is not a readable PEM private key"
                    + " (PKCS#8, RSA or EC P-256): " + e.getMessage(), e);
        }
    }
}
