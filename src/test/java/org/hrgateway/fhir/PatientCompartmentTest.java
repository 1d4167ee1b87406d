package org.hrgateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.hrgateway.validation.LabResources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whose data a stored resource is, read from its JSON by the streaming reader, must be what HAPI's
 * own compartment reader says of the parsed resource.
 */
class PatientCompartmentTest {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private static final String BASE = "https://jinan.example/fhir";
    private static final PatientCompartment COMPARTMENT = new PatientCompartment(CONTEXT,
            Set.of("Patient", "Organization", "Observation", "DiagnosticReport", "ServiceRequest", "Specimen",
                    "DetectedIssue", "AuditEvent", "Provenance"));

    private static Set<String> streamed(Resource resource) {
        String json = CONTEXT.newJsonParser().encodeResourceToString(resource);
        return COMPARTMENT.patients(resource.fhirType(), resource.getIdElement().getIdPart(), json, BASE);
    }

    private static void agrees(Resource resource, Set<String> expected) {
        assertEquals(expected, streamed(resource), "streamed");
        assertEquals(expected, COMPARTMENT.patients(resource, CONTEXT, BASE), "HAPI's reader");
    }

    @Test
    void givenAnObservation_whenRead_thenItsSubjectAndAPatientPerformerAreItsPatients() {
        Observation observation = LabResources.observation("p1", "org1");
        observation.setId("o1");
        agrees(observation, Set.of("Patient/p1"));
        observation.addPerformer(new Reference("Patient/p2"));
        observation.addPerformer(new Reference("Practitioner/d1"));
        agrees(observation, Set.of("Patient/p1", "Patient/p2"));
    }

    @Test
    void givenAPatient_whenRead_thenItIsInItsOwnCompartmentAndItsLinksToo() {
        Patient patient = LabResources.patient("370102199001011234");
        patient.setId("p1");
        patient.addLink().setOther(new Reference("Patient/p9")).setType(Patient.LinkType.SEEALSO);
        agrees(patient, Set.of("Patient/p1", "Patient/p9"));
    }

    @Test
    void givenAbsoluteAndVersionedReferences_whenRead_thenThisServersAreRelativeAndVersionless() {
        ServiceRequest order = new ServiceRequest();
        order.setId("s1");
        order.setSubject(new Reference(BASE + "/Patient/p1/_history/3"));
        order.addPerformer(new Reference("https://heze.example/fhir/Patient/p7"));
        assertEquals(Set.of("Patient/p1", "https://heze.example/fhir/Patient/p7"), streamed(order));
        // Read as the search index reads them: `subject=Patient/p2` finds these, so they are p2's data.
        order.setSubject(new Reference("x/Patient/p2"));
        order.getPerformer().clear();
        assertEquals(Set.of("Patient/p2"), streamed(order));
    }

    @Test
    void givenOtherMembers_whenRead_thenTheirPatientElementIsRead() {
        Specimen specimen = new Specimen();
        specimen.setId("sp1");
        specimen.setSubject(new Reference("Patient/p3"));
        agrees(specimen, Set.of("Patient/p3"));
        DetectedIssue issue = LabResources.declinedRecognition("p4", "Observation/o1", "ServiceRequest/s1", "emergency");
        issue.setId("d1");
        agrees(issue, Set.of("Patient/p4"));
    }

    @Test
    void givenAnOrganization_whenRead_thenItIsNoPatientsData() {
        Organization organization = LabResources.organization("H001");
        organization.setId("org1");
        assertFalse(COMPARTMENT.hasMembers("Organization"));
        assertEquals(Set.of(), streamed(organization));
        assertTrue(COMPARTMENT.hasMembers("Observation"));
    }

    @Test
    void givenAPathTheReaderCannotFollow_whenDeclared_thenItSaysSo() {
        assertEquals(List.of("agent", "who"), List.of(PatientCompartment.elements("AuditEvent",
                "AuditEvent.agent.who.where(resolve() is Patient)")));
        assertThrows(IllegalStateException.class, () -> PatientCompartment.elements("Observation",
                "Observation.subject.resolve()"));
    }
}
