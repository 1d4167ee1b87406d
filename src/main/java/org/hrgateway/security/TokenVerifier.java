package org.hrgateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hrgateway.config.GatewayConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies a bearer token with SmallRye JWT: signed RS256 or ES256 (nothing else, no `none`, no HMAC)
 * by a key of the configured JWKS (`hr.security.keys`), `exp`, `nbf` and `iat` within the clock skew,
 * the audience when one is configured; then the issuer must be a trusted one. What is wrong is said in
 * {@link Rejected}; the answer is 401 whatever it is.
 *
 * <p>A token that verified is kept, keyed by its whole text, until its `exp` (plus the skew): a client
 * sends the same token on every call, and verifying it each time cost about as much CPU as a read
 * (bench/RESULTS.md). A key removed from the JWKS therefore stops tokens it signed only when they
 * expire, or after {@link #KEPT_AT_MOST}.
 */
@ApplicationScoped
public class TokenVerifier {

    /** A token that cannot be used, and why (for the OperationOutcome and the log, never the token). */
    public static final class Rejected extends Exception {
        public Rejected(String reason) {
            super(reason);
        }
    }

    private static final String BEARER = "bearer ";
    /** Tokens kept: a city's clients and peers number in the hundreds. */
    private static final int KEPT_TOKENS = 4_096;
    static final Duration KEPT_AT_MOST = Duration.ofMinutes(10);

    /** A verified token's caller and when it stops being valid (`exp` plus the skew). */
    private record Verified(Caller caller, Instant validUntil) {
    }

    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(KEPT_TOKENS).expireAfterWrite(KEPT_AT_MOST).build();

    private final GatewayConfig.Security config;
    private final JWTParser parser;
    private final List<String> trustedIssuers;

    public TokenVerifier(GatewayConfig config) {
        this.config = config.security();
        this.trustedIssuers = this.config.trustedIssuers().orElse(List.of());
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        this.config.keys().ifPresent(keys -> context.setPublicKeyLocation(location(keys)));
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
        context.setClockSkew((int) this.config.clockSkew().toSeconds());
        context.setRequiredClaims(Set.of("iss", "sub", "exp", "iat"));
        this.config.audience().ifPresent(audience -> context.setExpectedAudience(Set.of(audience)));
        this.parser = new DefaultJWTParser(context);
    }

    /** Whether the keys are fetched over the network (then verification runs off the event loop). */
    public boolean remoteKeys() {
        return config.keys().map(keys -> keys.startsWith("http://") || keys.startsWith("https://")).orElse(false);
    }

    /** The caller an `Authorization` header speaks for. */
    public Caller verify(String authorization) throws Rejected {
        if (authorization == null || authorization.isBlank()) {
            throw new Rejected("No bearer token: send Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Rejected("The Authorization header is not a bearer token");
        }
        if (authorization.length() > config.maxTokenBytes()) {
            throw new Rejected("The token is longer than " + config.maxTokenBytes() + " bytes");
        }
        if (config.keys().isEmpty() || trustedIssuers.isEmpty()) {
            throw new Rejected("The gateway has no keys or trusted issuers configured (hr.security.keys,"
                    + " hr.security.trusted-issuers)");
        }
        String text = authorization.substring(BEARER.length()).trim();
        Verified known = verified.getIfPresent(text);
        if (known != null && Instant.now().isBefore(known.validUntil())) {
            return known.caller();
        }
        JsonWebToken token;
        try {
            token = parser.parse(text);
        } catch (ParseException | RuntimeException e) {
            throw new Rejected("The token does not verify: " + reason(e));
        }
        if (!trustedIssuers.contains(token.getIssuer())) {
            throw new Rejected("The token's issuer " + token.getIssuer() + " is not trusted");
        }
        Caller caller = new Caller(token.getSubject(), string(token, "fhirUser"), string(token, "institution"),
                string(token, "patient"), token.getIssuer(), Scopes.parse(string(token, "scope")), false);
        verified.put(text, new Verified(caller, Instant.ofEpochSecond(token.getExpirationTime()).plus(config.clockSkew())));
        return caller;
    }

    private static String string(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return value == null ? null : value.toString();
    }

    /** SmallRye's message names the first problem; its cause says which check failed. */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // jose4j may quote the token's claims back: never echo more than a sentence.
        int cut = message.indexOf(". ");
        String first = cut > 0 ? message.substring(0, cut) : message;
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }

    private static String location(String keys) {
        String lower = keys.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")
                || lower.startsWith("classpath:")) {
            return keys;
        }
        return "file:" + Path.of(keys).toAbsolutePath();
    }
}
