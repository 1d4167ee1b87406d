package org.hrgateway.support;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Keys the tests make for themselves (an RSA and an EC key the gateway trusts, and one it does not)
 * and tokens signed with them, good and bad in every way a token can be. The JWKS of the trusted
 * keys is written to a temporary file that the test gateway reads (PostgresResource, GatewayProcess).
 */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.hr-gateway.org";
    public static final String AUDIENCE = "hr-gateway";
    public static final String INSTITUTION_SYSTEM = "http://hr-gateway.org/fhir/sid/institution-code";

    private static final KeyPair RSA = generate("RSA", null);
    private static final KeyPair EC = generate("EC", new ECGenParameterSpec("secp256r1"));
    private static final KeyPair UNTRUSTED = generate("RSA", null);
    private static final Path JWKS = writeJwks(List.of());
    private static final String SYSTEM = sign(claims("system/*.cruds", "platform"), RSA, "rsa-1",
            SignatureAlgorithm.RS256);

    private TestTokens() {
    }

    /** The gateway settings that trust these keys. */
    public static Map<String, String> gatewaySettings() {
        return Map.of("hr.security.keys", JWKS.toString(),
                "hr.security.trusted-issuers", ISSUER,
                "hr.security.audience", AUDIENCE);
    }

    /** A city gateway's own signing key (ADR 0015): its kid, its private key as a PEM file, its public key. */
    public record SigningKey(String keyId, Path pem, RSAPublicKey publicKey) {
    }

    /** A new RSA key for a city's peer tokens, its private key written as a PKCS#8 PEM file. */
    public static SigningKey signingKey(String keyId) {
        KeyPair pair = generate("RSA", null);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            Path file = Files.createTempFile("hr-gateway-" + keyId, ".pem");
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return new SigningKey(keyId, file, (RSAPublicKey) pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment of a gateway process that trusts these tests' keys and also the cities' `keys`,
     * and, as issuers, the test issuer and `issuers` (the cities' bases, which sign their peer tokens).
     */
    public static Map<String, String> provinceEnvironment(List<SigningKey> keys, List<String> issuers) {
        List<String> trusted = new java.util.ArrayList<>(List.of(ISSUER));
        trusted.addAll(issuers);
        return Map.of("HR_SECURITY_KEYS", writeJwks(keys).toString(),
                "HR_SECURITY_TRUSTED_ISSUERS", String.join(",", trusted),
                "HR_SECURITY_AUDIENCE", AUDIENCE);
    }

    /** The same settings as environment variables, for a gateway process. */
    public static Map<String, String> gatewayEnvironment() {
        return Map.of("HR_SECURITY_KEYS", JWKS.toString(),
                "HR_SECURITY_TRUSTED_ISSUERS", ISSUER,
                "HR_SECURITY_AUDIENCE", AUDIENCE);
    }

    /** What the suites send: the provincial platform's token, every scope on every type. */
    public static String system() {
        return SYSTEM;
    }

    public static String bearer() {
        return "Bearer " + SYSTEM;
    }

    /** A clinician's token at `institution` with `scope` (RS256). */
    public static String user(String institution, String scope) {
        return sign(claims(scope, "dr-" + institution).claim("institution", institution)
                .claim("fhirUser", "Practitioner/dr-" + institution), RSA, "rsa-1", SignatureAlgorithm.RS256);
    }

    /** A `user/` token that names no institution (an identity provider that was not told to add it). */
    public static String userWithoutInstitution(String scope) {
        return sign(claims(scope, "dr-nowhere"), RSA, "rsa-1", SignatureAlgorithm.RS256);
    }

    /** The same, signed with the EC key (ES256). */
    public static String userEs256(String institution, String scope) {
        return sign(claims(scope, "dr-" + institution).claim("institution", institution), EC, "ec-1",
                SignatureAlgorithm.ES256);
    }

    /** A patient's own app. */
    public static String patient(String patientId, String scope) {
        return sign(claims(scope, "patient-" + patientId).claim("patient", patientId), RSA, "rsa-1",
                SignatureAlgorithm.RS256);
    }

    /** Tokens that must not verify, by what is wrong with them. */
    public static Map<String, String> invalid() {
        String good = user("H001", "user/*.cruds");
        String[] parts = good.split("\\.");
        // The claims changed after signing (a user scope made a system one): the signature no longer fits.
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("user/*.cruds", "system/*.cruds");
        String tampered = parts[0] + "." + base64(claims) + "." + parts[2];
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String hmac = Jwt.claims().issuer(ISSUER).subject("x").audience(AUDIENCE).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).claim("scope", "system/*.cruds")
                .jws().keyId("rsa-1").algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(RSA.getPublic().getEncoded(), "HmacSHA256"));
        return Map.of(
                "bad signature", tampered,
                "alg none", none,
                "HMAC signed with the public key", hmac,
                "expired", sign(claims("user/*.cruds", "late").issuedAt(Instant.now().minusSeconds(7200))
                        .expiresAt(Instant.now().minusSeconds(3600)), RSA, "rsa-1", SignatureAlgorithm.RS256),
                "not yet valid", sign(claims("user/*.cruds", "early").claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()),
                        RSA, "rsa-1", SignatureAlgorithm.RS256),
                "unknown issuer", sign(claims("user/*.cruds", "elsewhere").issuer("https://idp.example.org"), RSA, "rsa-1",
                        SignatureAlgorithm.RS256),
                "unknown key", sign(claims("user/*.cruds", "stranger"), UNTRUSTED, "rsa-9", SignatureAlgorithm.RS256),
                "wrong audience", sign(claims("user/*.cruds", "other-aud").audience("another-service"), RSA, "rsa-1",
                        SignatureAlgorithm.RS256),
                "malformed", "not.a.token",
                "oversized", sign(claims("user/*.cruds", "big").claim("padding", "x".repeat(10_000)), RSA, "rsa-1",
                        SignatureAlgorithm.RS256));
    }

    private static JwtClaimsBuilder claims(String scope, String subject) {
        Instant now = Instant.now();
        return Jwt.claims().issuer(ISSUER).subject(subject).audience(AUDIENCE).issuedAt(now)
                .expiresAt(now.plusSeconds(3600)).claim("scope", scope);
    }

    private static String sign(JwtClaimsBuilder claims, KeyPair key, String keyId, SignatureAlgorithm algorithm) {
        return claims.jws().keyId(keyId).algorithm(algorithm).sign(key.getPrivate());
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(curve);
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writeJwks(List<SigningKey> more) {
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        StringBuilder json = new StringBuilder("{\"keys\":[" + rsaJwk("rsa-1", rsa) + ","
                + "{\"kty\":\"EC\",\"kid\":\"ec-1\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"x\":\""
                + coordinate(ec.getW().getAffineX()) + "\",\"y\":\"" + coordinate(ec.getW().getAffineY()) + "\"}");
        more.forEach(key -> json.append(',').append(rsaJwk(key.keyId(), key.publicKey())));
        json.append("]}");
        try {
            Path file = Files.createTempFile("hr-gateway-test-jwks", ".json");
            Files.writeString(file, json);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rsaJwk(String keyId, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"kid\":\"" + keyId + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A P-256 coordinate: exactly 32 bytes. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
