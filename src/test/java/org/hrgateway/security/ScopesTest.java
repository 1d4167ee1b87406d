package org.hrgateway.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SMART scopes as the gateway reads them: v2 letters, v1 words, and what grants nothing. */
class ScopesTest {

    @Test
    void givenV2Scopes_whenRead_thenEachLetterIsItsPermissionOnItsTypeAndContext() {
        Scopes scopes = Scopes.parse("user/Observation.rs system/*.c patient/Patient.r");
        assertTrue(scopes.allows(Scopes.Context.USER, "Observation", Permission.READ));
        assertTrue(scopes.allows(Scopes.Context.USER, "Observation", Permission.SEARCH));
        assertFalse(scopes.allows(Scopes.Context.USER, "Observation", Permission.CREATE));
        assertFalse(scopes.allows(Scopes.Context.USER, "DiagnosticReport", Permission.READ));
        assertTrue(scopes.allows(Scopes.Context.SYSTEM, "DiagnosticReport", Permission.CREATE));
        assertTrue(scopes.allows(Scopes.Context.PATIENT, "Patient", Permission.READ));
        assertFalse(scopes.allows(Scopes.Context.PATIENT, "Observation", Permission.READ));
        assertTrue(scopes.has(Scopes.Context.SYSTEM));
    }

    @Test
    void givenV1Scopes_whenRead_thenReadWriteAndStarAreTheirV2Letters() {
        Scopes scopes = Scopes.parse("user/Observation.read user/DiagnosticReport.write patient/*.*");
        assertTrue(scopes.allows(Scopes.Context.USER, "Observation", Permission.SEARCH));
        assertFalse(scopes.allows(Scopes.Context.USER, "Observation", Permission.UPDATE));
        assertTrue(scopes.allows(Scopes.Context.USER, "DiagnosticReport", Permission.DELETE));
        assertFalse(scopes.allows(Scopes.Context.USER, "DiagnosticReport", Permission.READ));
        assertTrue(scopes.allows(Scopes.Context.PATIENT, "Specimen", Permission.UPDATE));
        assertEquals(Permission.all(), Scopes.parse("user/*.*").grants().get(0).permissions());
    }

    @Test
    void givenWhatIsNoResourceScope_whenRead_thenItGrantsNothing() {
        for (String scope : new String[]{"openid", "fhirUser", "launch/patient", "offline_access", "user/Observation",
                "user/Observation.x", "user/Observation.sr", "user/Observation.rr", "user/observation.r",
                "admin/*.cruds", "user/Observation.rs?category=laboratory", "", "   "}) {
            assertEquals(0, Scopes.parse(scope).grants().size(), scope);
        }
        assertEquals(0, Scopes.parse(null).grants().size());
    }

    @Test
    void givenScopesSeparatedByAnyWhitespace_whenRead_thenAllAreKept() {
        assertEquals(3, Scopes.parse(" user/Observation.r\tuser/Patient.r \n system/*.s ").grants().size());
    }
}
