package org.hrgateway.telemetry;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request's id: the client's when it can be an OperationOutcome's id, else a new one. */
class RequestIdsTest {

    @Test
    void givenAClientsId_whenItIsAFhirIdToken_thenItIsKept_andFreeTextIsReplaced() {
        assertEquals("req-42.a", RequestIds.acceptOrMake("req-42.a"));
        assertEquals("0b9e6f2c-1c1a-4d6e-9a51-0d5c2a3b4c5d", RequestIds.acceptOrMake(" 0b9e6f2c-1c1a-4d6e-9a51-0d5c2a3b4c5d "));
        for (String unusable : new String[]{"<script>alert(1)</script>", "a:b", "a_b", "x".repeat(65), "", null}) {
            String replaced = RequestIds.acceptOrMake(unusable);
            assertNotEquals(unusable, replaced);
            assertEquals(36, replaced.length(), replaced);
        }
    }

    @Test
    void givenNewIds_whenMade_thenEachIsAVersion4UuidAndTheyDiffer() {
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID id = UUID.fromString(RequestIds.newId());
            assertEquals(4, id.version());
            assertEquals(2, id.variant());
            made.add(id.toString());
        }
        assertEquals(1000, made.size());
    }

    @Test
    void givenNoRequestBeingServed_whenAskedForItsId_thenThereIsNone() {
        assertTrue(RequestIds.current().isEmpty());
    }
}
