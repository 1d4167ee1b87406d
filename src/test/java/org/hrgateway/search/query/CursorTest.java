package org.hrgateway.search.query;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paging cursor: what a `next` or `previous` link carries, and what a tampered one gets. */
class CursorTest {

    @Test
    void givenSortValuesOfEveryKind_whenEncodedAndDecoded_thenTheSameCursor() {
        OffsetDateTime issued = OffsetDateTime.of(2026, 3, 1, 8, 30, 0, 0, ZoneOffset.ofHours(8));
        Cursor cursor = new Cursor(false, Arrays.asList(issued, new BigDecimal("7.250"), "Zhang, Wei", null), 42L);

        Cursor decoded = Cursor.decode(cursor.encode());

        assertEquals(false, decoded.backwards());
        assertEquals(42L, decoded.pk());
        // The instant is kept in UTC, the decimal with its written scale, the string as it was.
        assertEquals(issued.withOffsetSameInstant(ZoneOffset.UTC), decoded.sortValues().get(0));
        assertEquals(new BigDecimal("7.250"), decoded.sortValues().get(1));
        assertEquals("Zhang, Wei", decoded.sortValues().get(2));
        assertEquals(null, decoded.sortValues().get(3));
    }

    @Test
    void givenABackwardsCursor_whenRoundTripped_thenStillBackwards() {
        assertTrue(Cursor.decode(new Cursor(true, List.of(), 9L).encode()).backwards());
    }

    @Test
    void givenAnEncodedCursor_whenRead_thenItIsUrlSafe() {
        String token = new Cursor(false, List.of("a/b+c?d=e&f"), Long.MAX_VALUE).encode();
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }

    @Test
    void givenGarbage_whenDecoded_then400TellingToFollowTheLink() {
        String json = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"not\":\"a list\"}".getBytes());
        String shortList = Base64.getUrlEncoder().withoutPadding().encodeToString("[\"n\"]".getBytes());
        String badNumber = Base64.getUrlEncoder().withoutPadding().encodeToString("[\"n\",\"x\"]".getBytes());
        String badDecimal = Base64.getUrlEncoder().withoutPadding().encodeToString("[\"n\",\"1\",\"dten\"]".getBytes());
        for (String token : List.of("", "%%%", "bm90IGpzb24", json, shortList, badNumber, badDecimal)) {
            InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> Cursor.decode(token), token);
            assertTrue(refused.getMessage().contains("follow the Bundle's next or previous link"), refused.getMessage());
        }
    }
}
