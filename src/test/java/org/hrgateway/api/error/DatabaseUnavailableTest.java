package org.hrgateway.api.error;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;

/** The gateway pointed at a port where no PostgreSQL listens: every data request is a clean 503. */
@QuarkusTest
@TestProfile(DatabaseUnavailableTest.NoDatabase.class)
class DatabaseUnavailableTest {

    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/none",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.datasource.reactive.idle-timeout", "PT1S");
        }
    }

    @Test
    void givenNoDatabase_whenCreate_then503Transient() {
        fhir().contentType(FHIR_JSON).body(Fixtures.load("patient-resident.json"))
                .when().post("/Patient")
                .then().statusCode(503)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("transient"))
                .body("issue[0].diagnostics", containsString("database is unavailable"));
    }

    @Test
    void givenNoDatabase_whenRead_then503AndMetadataStillServed() {
        fhir().when().get("/Patient/any").then().statusCode(503).body("issue[0].code", equalTo("transient"));
        // The service itself stays up: what needs no database still answers.
        fhir().when().get("/metadata").then().statusCode(200).body("resourceType", equalTo("CapabilityStatement"));
    }
}
