package org.hrgateway.federation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The locator's name for a resident: the same in every city that has the province key, nothing of the id in it. */
class ResidentKeyTest {

    private static final byte[] KEY = "a province key of at least 32 bytes!".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void givenTheSameKey_whenTwoCitiesNameAResident_thenTheyAgree_andItIsHmacSha256OfSystemBarValue() throws Exception {
        byte[] jinan = new ResidentKey(KEY).of("http://hr-gateway.org/fhir/sid/resident-id", "370102198001011234");
        byte[] heze = new ResidentKey(KEY.clone()).of("http://hr-gateway.org/fhir/sid/resident-id", "370102198001011234");
        assertArrayEquals(jinan, heze);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        assertArrayEquals(mac.doFinal("http://hr-gateway.org/fhir/sid/resident-id|370102198001011234"
                .getBytes(StandardCharsets.UTF_8)), jinan);
        assertFalse(ResidentKey.hex(jinan).contains("370102"));
    }

    @Test
    void givenAnotherKey_whenNamed_thenTheNameDiffers() {
        byte[] other = "another province key of 32 bytes+!".getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(java.util.Arrays.equals(new ResidentKey(KEY).of("s", "1"), new ResidentKey(other).of("s", "1")));
    }

    @Test
    void givenAShortKeyFile_whenRead_thenItIsRefused() throws Exception {
        Path file = Files.createTempFile("short-key", ".txt");
        Files.writeString(file, "short\n");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ResidentKey.read(file));
        assertEquals("The record locator's key must be at least 32 bytes, not 5", refused.getMessage());
    }
}
