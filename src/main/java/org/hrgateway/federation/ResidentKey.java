package org.hrgateway.federation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A resident id as the record locator knows it: HMAC-SHA256 of `system|value` with the province's
 * key, the same in every city, so that cities agree on a resident without the id travelling in clear.
 */
public final class ResidentKey {

    private final byte[] key;

    ResidentKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalStateException("The record locator's key must be at least 32 bytes, not " + key.length);
        }
        this.key = key.clone();
    }

    /** The key in `file` (its bytes, a trailing line end left out). */
    static ResidentKey read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            return new ResidentKey(text.strip().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IllegalStateException("hr.federation.locator.key-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The 32 bytes that stand for the resident `system|value`. */
    public byte[] of(String system, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(((system == null ? "" : system) + "|" + value).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
