package org.hrgateway.validation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.hl7.fhir.r4.model.Observation;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PackagePublished;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.hasItem;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;
import static org.hrgateway.validation.LabResources.json;

/** With `hr.profiles.validator=hapi`, HAPI's validator judges every profiled write. */
@QuarkusTest
@TestProfile(HapiWriteValidatorTest.HapiOnly.class)
class HapiWriteValidatorTest {

    public static class HapiOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hr.profiles.validator", "hapi");
        }
    }

    private String patientId;
    private String organizationId;

    @BeforeEach
    void givenAPatientAndAHospital() {
        PackagePublished.await();
        patientId = created("Patient", json(LabResources.patient("37010219800101" + Fixtures.unique().substring(0, 4))));
        organizationId = created("Organization", json(LabResources.organization("ORG-" + Fixtures.unique())));
    }

    @Test
    void givenConformantObservation_whenCreated_then201() {
        created("Observation", json(LabResources.observation(patientId, organizationId)));
    }

    @Test
    void givenObservationWithoutIssued_whenCreated_then422WithHapisMessageId() {
        Observation observation = LabResources.observation(patientId, organizationId);
        observation.setIssued(null);

        fhir().contentType(FHIR_JSON).body(json(observation))
                .when().post("/Observation")
                .then().statusCode(422)
                .body("issue.expression.flatten()", hasItem("Observation.issued"))
                .body("issue.extension.flatten().findAll { it.url.endsWith('operationoutcome-message-id') }.valueString",
                        hasItem("Validation_VAL_Profile_Minimum"));
    }
}
