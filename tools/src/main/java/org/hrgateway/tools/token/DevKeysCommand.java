package org.hrgateway.tools.token;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * `dev-keys`: a development signing key and the JWKS a gateway trusts it by, so that a newcomer can
 * try the secured gateway on one machine. Never for a city: there the identity provider holds the keys.
 */
@Command(name = "dev-keys", mixinStandardHelpOptions = true,
        description = "Write a development RSA key (dev-key.pem) and its JWKS (dev-jwks.json) into a folder.")
public final class DevKeysCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/dev-keys",
            description = "where to write them (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Path key = dir.resolve("dev-key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        Path jwks = dir.resolve("dev-jwks.json");
        Files.writeString(jwks, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + DevTokenCommand.KEY_ID
                + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + unsigned(publicKey.getModulus()) + "\",\"e\":\""
                + unsigned(publicKey.getPublicExponent()) + "\"}]}\n");
        System.out.println("Private key: " + key.toAbsolutePath());
        System.out.println("Start the gateway with HR_SECURITY_KEYS=" + jwks.toAbsolutePath()
                + " HR_SECURITY_TRUSTED_ISSUERS=" + DevTokenCommand.ISSUER);
        return 0;
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
