package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.FreshStatistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Chained and reverse-chained search (search.html#chaining, #has): `subject:Patient.identifier`, the
 * two-level `subject:Patient.organization.identifier`, `_has`, `_has` whose inner criterion is a chain,
 * `_has` inside `_has`, and a chain ending in `_has`.
 *
 * Each test writes: hospital A managing patient 1, hospital B managing patient 2; patient 1 has a
 * haemoglobin and a glucose performed by A, patient 2 a haemoglobin performed by B.
 */
@QuarkusTest
class ChainedSearchTest {

    private static boolean analyzed;

    @Inject
    Mutiny.SessionFactory sessions;

    @BeforeEach
    void statisticsOfTheDataWrittenSoFar() {
        if (!analyzed) {
            FreshStatistics.refresh(sessions);
            analyzed = true;
        }
    }

    private static final String INSTITUTION = "http://hr-gateway.org/fhir/sid/institution-code";
    private static final String RESIDENT = "http://hr-gateway.org/fhir/sid/resident-id";
    private static final String HEMOGLOBIN = "718-7";
    private static final String GLUCOSE = "2345-7";

    private record Written(String unique, String hospitalA, String hospitalB, String patient1, String patient2,
                           String hb1, String glucose1, String hb2) {

        String subjects() {
            return "Patient/" + patient1 + ",Patient/" + patient2;
        }

        String hospitals() {
            return INSTITUTION + "|a-" + unique + "," + INSTITUTION + "|b-" + unique;
        }

        String family() {
            return "Chain" + unique;
        }
    }

    private static Written write() {
        String unique = Fixtures.unique();
        String hospitalA = created("Organization", SearchFixtures.load("organization-lab.json",
                "institution", "a-" + unique, "name", "Heze Municipal Hospital " + unique));
        String hospitalB = created("Organization", SearchFixtures.load("organization-lab.json",
                "institution", "b-" + unique, "name", "Liaocheng People's Hospital " + unique));
        String patient1 = created("Patient", SearchFixtures.load("patient-managed-by.json",
                "resident", "p1-" + unique, "family", "Chain" + unique, "organization", "Organization/" + hospitalA));
        String patient2 = created("Patient", SearchFixtures.load("patient-managed-by.json",
                "resident", "p2-" + unique, "family", "Chain" + unique, "organization", "Organization/" + hospitalB));
        return new Written(unique, hospitalA, hospitalB, patient1, patient2,
                observation(patient1, HEMOGLOBIN, hospitalA),
                observation(patient1, GLUCOSE, hospitalA),
                observation(patient2, HEMOGLOBIN, hospitalB));
    }

    private static String observation(String patient, String code, String performer) {
        return created("Observation", SearchFixtures.load("observation-performed-by.json",
                "subject", "Patient/" + patient, "code", code, "performer", "Organization/" + performer));
    }

    private static Set<String> ids(RequestSpecification request, String type) {
        return Set.copyOf(Searchset.of(request.get("/" + type)).matchIds());
    }

    @Test
    void givenTwoPatients_whenSubjectChainedToPatientIdentifier_thenThatPatientsObservations() {
        Written written = write();

        assertEquals(Set.of(written.hb1(), written.glucose1()), ids(fhir()
                .queryParam("subject:Patient.identifier", RESIDENT + "|p1-" + written.unique()), "Observation"));
    }

    @Test
    void givenTwoPatients_whenPatientChainedToFamily_thenBothPatientsObservations() {
        Written written = write();

        assertEquals(Set.of(written.hb1(), written.glucose1(), written.hb2()), ids(fhir()
                .queryParam("patient.family", written.family()), "Observation"));
    }

    @Test
    void givenChainThroughManagingOrganization_whenTwoLevels_thenObservationsOfPatientsOfThatHospital() {
        Written written = write();

        assertEquals(Set.of(written.hb2()), ids(fhir()
                .queryParam("subject:Patient.organization.identifier", INSTITUTION + "|b-" + written.unique()),
                "Observation"));
        assertEquals(Set.of(written.hb1(), written.glucose1()), ids(fhir()
                .queryParam("patient.organization:Organization.identifier", INSTITUTION + "|a-" + written.unique()),
                "Observation"));
    }

    @Test
    void givenChainAndOwnCriterion_whenBoth_thenAnded() {
        Written written = write();

        assertEquals(Set.of(written.glucose1()), ids(fhir()
                .queryParam("subject:Patient.organization.identifier", INSTITUTION + "|a-" + written.unique())
                .queryParam("code", "http://loinc.org|" + GLUCOSE), "Observation"));
    }

    @Test
    void givenPerformers_whenPerformerChainedToOrganizationIdentifier_thenThatHospitalsObservations() {
        Written written = write();

        assertEquals(Set.of(written.hb1(), written.glucose1()), ids(fhir()
                .queryParam("performer:Organization.identifier", INSTITUTION + "|a-" + written.unique()),
                "Observation"));
    }

    /** Of subject's targets (Group, Device, Location, Patient) only Patient is served, so `subject.` means Patient. */
    @Test
    void givenOnlyOneServedTarget_whenChainWithoutType_thenThroughThatTarget() {
        Written written = write();

        assertEquals(Set.of(written.hb2()), ids(fhir()
                .queryParam("subject.identifier", RESIDENT + "|p2-" + written.unique()), "Observation"));
    }

    /** performer may be a served Practitioner, PractitionerRole, Organization or Patient, all with an identifier. */
    @Test
    void whenChainTargetAmbiguous_then400NamingTheCandidates() {
        fhir().queryParam("performer.identifier", INSTITUTION + "|x").get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString("ambiguous"))
                .body("issue[0].diagnostics", containsString("Organization"))
                .body("issue[0].diagnostics", containsString("Practitioner"));
    }

    @Test
    void givenObservations_whenHasObservationWithGlucose_thenOnlyPatient1() {
        Written written = write();

        assertEquals(Set.of(written.patient1()), ids(fhir().queryParam("family", written.family())
                .queryParam("_has:Observation:subject:code", "http://loinc.org|" + GLUCOSE), "Patient"));
        assertEquals(Set.of(written.patient1(), written.patient2()), ids(fhir().queryParam("family", written.family())
                .queryParam("_has:Observation:patient:code", "http://loinc.org|" + HEMOGLOBIN), "Patient"));
    }

    @Test
    void givenPerformers_whenHasWithChainedInnerCriterion_thenPatientsWithAResultFromThatHospital() {
        Written written = write();

        assertEquals(Set.of(written.patient2()), ids(fhir().queryParam("family", written.family())
                .queryParam("_has:Observation:subject:performer:Organization.identifier",
                        INSTITUTION + "|b-" + written.unique()), "Patient"));
    }

    @Test
    void givenHospitals_whenNestedHas_thenHospitalsWhosePatientsHaveAGlucose() {
        Written written = write();

        assertEquals(Set.of(written.hospitalA()), ids(fhir().queryParam("identifier", written.hospitals())
                .queryParam("_has:Patient:organization:_has:Observation:subject:code", "http://loinc.org|" + GLUCOSE),
                "Organization"));
        assertEquals(Set.of(written.hospitalA(), written.hospitalB()), ids(fhir()
                .queryParam("identifier", written.hospitals())
                .queryParam("_has:Patient:organization:_has:Observation:subject:code",
                        "http://loinc.org|" + HEMOGLOBIN), "Organization"));
    }

    @Test
    void givenObservations_whenChainEndsInHas_thenObservationsOfPatientsWithAGlucose() {
        Written written = write();

        assertEquals(Set.of(written.hb1(), written.glucose1()), ids(fhir().queryParam("subject", written.subjects())
                .queryParam("subject:Patient._has:Observation:subject:code", "http://loinc.org|" + GLUCOSE),
                "Observation"));
    }
}
