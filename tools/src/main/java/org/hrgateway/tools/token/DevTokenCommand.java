package org.hrgateway.tools.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Callable;

/** `dev-token`: a token signed with the `dev-keys` key, for curl against a gateway that trusts it. */
@Command(name = "dev-token", mixinStandardHelpOptions = true,
        description = "Print a development bearer token signed with the key `dev-keys` wrote.")
public final class DevTokenCommand implements Callable<Integer> {

    static final String ISSUER = "https://dev.hr-gateway.local";
    static final String KEY_ID = "dev-1";

    @Option(names = "--key", paramLabel = "PEM", defaultValue = "data/dev-keys/dev-key.pem",
            description = "the private key (default: ${DEFAULT-VALUE})")
    Path key;

    @Option(names = "--scope", paramLabel = "SCOPES", defaultValue = "user/*.cruds",
            description = "space-separated SMART scopes (default: ${DEFAULT-VALUE})")
    String scope;

    @Option(names = "--institution", paramLabel = "CODE", description = "the caller's institution code")
    String institution;

    @Option(names = "--patient", paramLabel = "ID", description = "the Patient id of patient/ scopes")
    String patient;

    @Option(names = "--subject", paramLabel = "SUB", defaultValue = "developer",
            description = "the token's sub (default: ${DEFAULT-VALUE})")
    String subject;

    @Option(names = "--audience", paramLabel = "AUD", description = "the token's aud, when the gateway asks for one")
    String audience;

    @Option(names = "--valid-for", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "lifetime, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration validFor;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.claims().issuer(ISSUER).subject(subject).issuedAt(now)
                .expiresAt(now.plus(validFor)).claim("scope", scope);
        if (institution != null) {
            claims.claim("institution", institution);
        }
        if (patient != null) {
            claims.claim("patient", patient);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        System.out.println(claims.jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(privateKey(key)));
        return 0;
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
