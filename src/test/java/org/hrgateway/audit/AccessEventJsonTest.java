package org.hrgateway.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hrgateway.audit.PatientAccessAudit.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Scopes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The access events written as JSON by hand are the events the HAPI model would hold: each case is
 * also built here with HAPI's AuditEvent, as BALP PatientRead / PatientQuery describe it, and the two
 * must encode alike. HAPI parses the hand-written JSON strictly, so an unknown or misspelt element fails.
 */
class AccessEventJsonTest {

    /** As the gateway's context (FhirContextProducer): versioned references are kept, as read. */
    private static final FhirContext FHIR = FhirContext.forR4();

    static {
        FHIR.getParserOptions().setStripVersionsFromReferences(false);
    }
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String SITE = "http://gateway.example/fhir";
    private static final String INSTITUTIONS = "http://hr-gateway.org/fhir/sid/institution-code";

    static Stream<Arguments> events() {
        Caller clinician = new Caller("dr-1", "Practitioner/dr-1", "H001", null, "https://idp.example",
                Scopes.parse("user/*.rs"), false);
        Caller platform = new Caller("platform", null, null, null, "https://idp.example",
                Scopes.parse("system/*.rs"), false);
        Caller both = new Caller("dr-2", null, "H002", null, "https://idp.example",
                Scopes.parse("user/Observation.rs system/Patient.rs"), false);
        Caller patientApp = new Caller("app", null, null, "p1", "https://idp.example",
                Scopes.parse("patient/*.rs"), false);
        Set<String> two = new LinkedHashSet<>(List.of("Observation/1/_history/2", "DiagnosticReport/r/_history/1"));
        return Stream.of(
                Arguments.of("a clinician reads two results", clinician, Access.READ, "Observation/1", two, "0"),
                Arguments.of("a clinician searches", clinician, Access.SEARCH_TYPE,
                        "Observation?patient=Patient%2F1&code=http%3A%2F%2Floinc.org%7C718-7&_count=20", Set.of(), "0"),
                Arguments.of("the platform reads history", platform, Access.HISTORY_TYPE, "Observation/_history", Set.of(), "0"),
                Arguments.of("a token with user and system scopes", both, Access.VREAD, "Observation/1/_history/2",
                        Set.of("Observation/1/_history/2"), "0"),
                Arguments.of("a patient's app is refused", patientApp, Access.READ, "Observation/9",
                        Set.of("Observation/9/_history/1"), "4"),
                Arguments.of("security is off", Caller.UNCHECKED, Access.SEARCH_TYPE, "Patient?name=Zhang", Set.of(), "0"),
                Arguments.of("a query with quotes, backslashes and Chinese", clinician, Access.SEARCH_TYPE,
                        "Patient?name=\"张三\"\\x&_text=a\tb", Set.of(), "0"),
                Arguments.of("a token without sub, issuer or fhirUser", new Caller(null, "", null, null, null,
                        Scopes.parse("user/*.rs"), false), Access.READ, "Observation/1", Set.of("Observation/1/_history/1"), "0"),
                Arguments.of("a token with sub only", new Caller("s", null, null, null, null,
                        Scopes.parse("user/*.rs"), false), Access.READ, "Observation/1", Set.of("Observation/1/_history/1"), "0"),
                Arguments.of("a peer's search for a province call, with its request id", platform.forRequest("3f6c-req.1"),
                        Access.SEARCH_TYPE, "Observation?subject:Patient.identifier=x%7C1&_count=50", Set.of(), "0"),
                Arguments.of("a clinician's read with a request id", clinician.forRequest("req-7"), Access.READ,
                        "Observation/1", two, "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void givenAnAccess_whenWrittenAsJson_thenItIsTheEventHapiWouldBuild(String name, Caller caller, Access access,
                                                                          String query, Set<String> data, String outcome)
            throws Exception {
        Instant recorded = Instant.parse("2026-12-05T08:30:15.123Z");
        String json = AccessEventJson.write(new AccessEventJson.Event("e-1", caller, access, query, "Patient/p1", data,
                recorded, SITE, outcome, INSTITUTIONS));

        IParser strict = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        AuditEvent written = strict.parseResource(AuditEvent.class, json);
        AuditEvent expected = oracle(caller, access, query, "Patient/p1", data, recorded, AuditEventOutcome.fromCode(outcome));
        expected.setId("e-1");

        assertEquals(FHIR.newJsonParser().encodeResourceToString(expected), FHIR.newJsonParser().encodeResourceToString(written));
        // As written, too: no empty element HAPI would have left out (compared as trees, in any order).
        assertEquals(JSON.readTree(FHIR.newJsonParser().encodeResourceToString(expected)), JSON.readTree(json));
    }

    @Test
    void givenANulCharacter_whenWritten_thenItBecomesTheReplacementCharacter() {
        Caller caller = new Caller("a\u0000b", null, null, null, "https://idp.example", Scopes.parse("user/*.rs"), false);
        String json = AccessEventJson.write(new AccessEventJson.Event("e-2", caller, Access.READ, "Observation/1",
                "Patient/p1", Set.of("Observation/1/_history/1"), Instant.now(), SITE, "0", INSTITUTIONS));
        assertEquals("a\uFFFDb", FHIR.newJsonParser().parseResource(AuditEvent.class, json).getAgentFirstRep().getAltId());
    }

    /** The event as BALP describes it, built with HAPI's model (what the gateway built before ADR 0014). */
    private static AuditEvent oracle(Caller caller, Access access, String query, String patient, Set<String> data,
                                     Instant recorded, AuditEventOutcome outcome) {
        AuditEvent event = new AuditEvent();
        event.setType(AuditCodes.rest());
        event.addSubtype(new Coding(AuditCodes.INTERACTIONS, access.code, null));
        event.setAction(access.query ? AuditEventAction.E : AuditEventAction.R);
        event.setRecordedElement(new InstantType(recorded.toString()));
        event.setOutcome(outcome);
        AuditEventAgentComponent user = event.addAgent().setRequestor(true);
        if (caller.unchecked()) {
            user.setName("anyone (security is off)");
        } else {
            user.getType().addCoding(!caller.scopes().has(Scopes.Context.USER) && caller.isSystem()
                    ? new Coding(AuditCodes.DICOM, "110150", "Application")
                    : new Coding(AuditCodes.SECURITY_ROLES, "humanuser", "human user"));
            user.setWho(caller.fhirUser() != null ? new Reference(caller.fhirUser())
                    : new Reference().setIdentifier(new Identifier().setSystem(caller.issuer()).setValue(caller.subject())));
            user.setAltId(caller.subject()).setName(caller.subject());
            if (caller.institution() != null) {
                event.addAgent().setRequestor(false)
                        .setType(new CodeableConcept(new Coding(AuditCodes.ROLE_CLASSES, "PROV", "healthcare provider")))
                        .setWho(new Reference().setType("Organization")
                                .setIdentifier(new Identifier().setSystem(INSTITUTIONS).setValue(caller.institution())));
            }
        }
        event.getSource().setSite(SITE).setObserver(new Reference().setDisplay("HR Gateway"))
                .addType(new Coding(AuditCodes.SOURCE_TYPES, "4", "Application Server"));
        AuditCodes.addPatient(event, patient);
        if (access.query) {
            AuditCodes.addObject(event, AuditCodes.QUERY_ROLE, "Query")
                    .setQuery(query.getBytes(StandardCharsets.UTF_8))
                    .setDescription(query);
        } else {
            for (String read : data) {
                AuditCodes.addObject(event, "4", "Domain Resource").setWhat(new Reference(read));
            }
        }
        if (caller.requestId() != null) {
            event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setValue(caller.requestId())))
                    .setType(new Coding(AuditCodes.BALP_ENTITY_TYPES, AuditCodes.REQUEST_ID, null));
        }
        return event;
    }
}
