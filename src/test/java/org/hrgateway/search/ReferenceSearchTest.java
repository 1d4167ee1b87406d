package org.hrgateway.search;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reference search (search.html#reference): `Type/id`, bare id, `:Type`, absolute URLs on this server
 * and on another, `:identifier` and `:missing`. Each test writes its own Patients, so the Observations
 * pointing at them are exactly the ones it wrote.
 */
@QuarkusTest
class ReferenceSearchTest {

    private static final String OTHER_SERVER = "http://other-gateway.example.org/fhir";

    /** Two Patients: `mine` with two Observations, `theirs` with one. */
    private record TwoPatients(String mine, String theirs, Set<String> minesObservations, String theirsObservation) {
    }

    private static TwoPatients twoPatientsWithObservations() {
        String unique = Fixtures.unique();
        String mine = created("Patient", Fixtures.load("patient-resident.json"));
        String theirs = created("Patient", Fixtures.load("patient-resident.json"));
        String first = observationOf("Patient/" + mine, unique);
        String second = observationOf("Patient/" + mine, unique);
        String other = observationOf("Patient/" + theirs, unique);
        return new TwoPatients(mine, theirs, Set.of(first, second), other);
    }

    private static String observationOf(String subject, String unique) {
        return created("Observation", SearchFixtures.load("observation-of-subject.json",
                "unique", unique, "subject", subject));
    }

    private static Set<String> observationIds(String param, String value) {
        return Set.copyOf(Searchset.of(fhir().queryParam(param, value).get("/Observation")).matchIds());
    }

    @Test
    void givenObservationsOfTwoPatients_whenSubjectIsTypeAndId_thenOnlyThatPatientsObservations() {
        TwoPatients written = twoPatientsWithObservations();

        assertEquals(written.minesObservations(), observationIds("subject", "Patient/" + written.mine()));
        assertEquals(Set.of(written.theirsObservation()), observationIds("subject", "Patient/" + written.theirs()));
    }

    @Test
    void givenObservationsOfTwoPatients_whenSubjectIsBareId_thenOnlyThatPatientsObservations() {
        TwoPatients written = twoPatientsWithObservations();

        assertEquals(written.minesObservations(), observationIds("subject", written.mine()));
    }

    @Test
    void givenObservationOfAGroup_whenSubjectIsBareId_thenThatObservation() {
        String group = "group-" + Fixtures.unique(); // Group is not served here; a reference to one is kept
        String observation = observationOf("Group/" + group, Fixtures.unique());

        // A bare id on a parameter that may name a Patient or a Group finds the Group's results too.
        assertEquals(Set.of(observation), observationIds("subject", group));
        assertEquals(Set.of(), observationIds("patient", group));
    }

    @Test
    void givenObservationsOfTwoPatients_whenSubjectWithTypeModifier_thenOnlyThatPatientsObservations() {
        TwoPatients written = twoPatientsWithObservations();

        assertEquals(written.minesObservations(), observationIds("subject:Patient", written.mine()));
        assertEquals(Set.of(), observationIds("subject:Group", written.mine()));
    }

    @Test
    void givenObservationsOfTwoPatients_whenPatientParameter_thenOnlyThatPatientsObservations() {
        TwoPatients written = twoPatientsWithObservations();

        assertEquals(written.minesObservations(), observationIds("patient", "Patient/" + written.mine()));
        assertEquals(written.minesObservations(), observationIds("patient", written.mine()));
    }

    @Test
    void givenObservationsOfTwoPatients_whenSubjectsOred_thenObservationsOfBoth() {
        TwoPatients written = twoPatientsWithObservations();

        Set<String> both = new java.util.HashSet<>(written.minesObservations());
        both.add(written.theirsObservation());
        assertEquals(both, observationIds("subject", "Patient/" + written.mine() + ",Patient/" + written.theirs()));
    }

    @Test
    void givenRelativeAndAbsoluteReferencesToOnePatient_whenSubjectIsAbsoluteUrlOfThisServer_thenBoth() {
        TwoPatients written = twoPatientsWithObservations();
        String base = Searchset.of(fhir().queryParam("subject", "Patient/" + written.mine()).get("/Observation")).base();
        String absolute = observationOf(base + "/Patient/" + written.mine(), Fixtures.unique());
        Set<String> all = new java.util.HashSet<>(written.minesObservations());
        all.add(absolute);

        assertEquals(all, observationIds("subject", base + "/Patient/" + written.mine()));
        assertEquals(all, observationIds("subject", "Patient/" + written.mine()));
    }

    @Test
    void givenReferenceToAnotherServer_whenSubjectIsThatUrl_thenOnlyThatObservation() {
        String unique = Fixtures.unique();
        String id = "ext-" + unique;
        String there = observationOf(OTHER_SERVER + "/Patient/" + id, unique);
        observationOf("http://third-gateway.example.org/fhir/Patient/" + id, unique);
        observationOf("Patient/" + id, unique);

        assertEquals(Set.of(there), observationIds("subject", OTHER_SERVER + "/Patient/" + id));
    }

    /** search.html#reference: a relative reference means a resource on this server, not one elsewhere with the same id. */
    @Test
    void givenSameIdHereAndOnAnotherServer_whenSubjectIsRelative_thenOnlyTheLocalReference() {
        String unique = Fixtures.unique();
        String id = "ext-" + unique;
        observationOf(OTHER_SERVER + "/Patient/" + id, unique);
        String here = observationOf("Patient/" + id, unique);

        assertEquals(Set.of(here), observationIds("subject", "Patient/" + id));
        assertEquals(Set.of(here), observationIds("subject", id));
    }

    @Test
    void givenSubjectKnownOnlyByIdentifier_whenSubjectIdentifier_thenThatObservation() {
        String unique = Fixtures.unique();
        String known = created("Observation", SearchFixtures.load("observation-subject-by-identifier.json",
                "unique", unique, "resident", "rid-" + unique));
        created("Observation", SearchFixtures.load("observation-subject-by-identifier.json",
                "unique", unique, "resident", "other-" + unique));

        assertEquals(Set.of(known), observationIds("subject:identifier",
                "http://hr-gateway.org/fhir/sid/resident-id|rid-" + unique));
        assertEquals(Set.of(), observationIds("subject:identifier", "http://example.org/other-system|rid-" + unique));
    }

    @Test
    void givenObservationsWithAndWithoutSubject_whenSubjectMissing_thenSplitByPresence() {
        String unique = Fixtures.unique();
        String patient = created("Patient", Fixtures.load("patient-resident.json"));
        String with = observationOf("Patient/" + patient, unique);
        String without = created("Observation", SearchFixtures.load("observation-without-subject.json", "unique", unique));
        String identifier = "http://hospital.example.cn/lis|" + unique;

        assertEquals(Set.of(without), Set.copyOf(Searchset.of(fhir().queryParam("identifier", identifier)
                .queryParam("subject:missing", "true").get("/Observation")).matchIds()));
        assertEquals(Set.of(with), Set.copyOf(Searchset.of(fhir().queryParam("identifier", identifier)
                .queryParam("subject:missing", "false").get("/Observation")).matchIds()));
    }

    @Test
    void whenReferenceModifierUnknown_then400Invalid() {
        fhir().queryParam("subject:below", "Patient/1").get("/Observation")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"))
                .body("issue[0].diagnostics", containsString(":below"));
    }
}
