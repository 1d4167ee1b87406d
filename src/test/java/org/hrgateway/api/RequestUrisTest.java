package org.hrgateway.api;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestUrisTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', value = {
            "/fhir/Observation?code=http://loinc.org|718-7 /fhir/Observation?code=http://loinc.org%7C718-7",
            "/fhir/Patient?identifier=a[1]{2}^3`x /fhir/Patient?identifier=a%5B1%5D%7B2%7D%5E3%60x",
            "/fhir/Patient?name=a\\b\"c<d> /fhir/Patient?name=a%5Cb%22c%3Cd%3E",
            "/fhir/Patient/1#frag /fhir/Patient/1%23frag",
    })
    void givenCharactersUriRefuses_whenCanonical_thenPercentEncoded(String raw, String canonical) {
        assertEquals(canonical, RequestUris.canonical(raw));
    }

    @Test
    void givenUtf8BytesAsTheCodecHandsThem_whenCanonical_thenTheirEscapes() {
        // Netty hands the request line over byte for byte, as ISO-8859-1 characters.
        String asReceived = new String("/fhir/Patient?name=张".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertEquals("/fhir/Patient?name=%E5%BC%A0", RequestUris.canonical(asReceived));
    }

    @Test
    void givenCanonicalTarget_whenCanonical_thenSameInstance() {
        String target = "/fhir/Observation?code=http%3A%2F%2Floinc.org%7C718-7&_count=20";

        assertSame(target, RequestUris.canonical(target));
    }

    @ParameterizedTest
    @CsvSource({"%ZZ, Malformed percent-escape '%ZZ' at character 14",
            "%4, Malformed percent-escape '%4' at character 14",
            "%, Malformed percent-escape '%' at character 14",
            "%00, The request target holds the control character U+0000",
            "%1F, The request target holds the control character U+001F",
            "%7F, The request target holds the control character U+007F",
            "%C3%28, The request target's escapes do not decode as UTF-8",
            "%ED%A0%80, The request target's escapes do not decode as UTF-8"})
    void givenUnreadableEscape_whenCanonical_then400(String escape, String message) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> RequestUris.canonical("/fhir/Patient?" + escape));

        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }

    @Test
    void givenRawInvalidUtf8Byte_whenCanonical_then400() {
        String asReceived = "/fhir/Patient?name=" + (char) 0xC3 + "(";

        assertThrows(InvalidRequestException.class, () -> RequestUris.canonical(asReceived));
    }
}
