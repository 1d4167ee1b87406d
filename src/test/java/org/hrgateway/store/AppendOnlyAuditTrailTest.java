package org.hrgateway.store;

import io.quarkus.test.junit.QuarkusTest;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;

/**
 * The audit trail cannot be rewritten, whoever asks (even the platform's token with every scope) and
 * however: PUT, DELETE, conditional forms, transaction and batch entries all answer 405.
 */
@QuarkusTest
class AppendOnlyAuditTrailTest {

    private static String event(String name) {
        return "{\"resourceType\":\"AuditEvent\",\"type\":{\"system\":\"http://terminology.hl7.org/CodeSystem/audit-event-type\","
                + "\"code\":\"rest\"},\"recorded\":\"2026-12-05T08:00:00Z\",\"agent\":[{\"requestor\":true,\"name\":\"test\"}],"
                + "\"source\":{\"observer\":{\"display\":\"test\"}},\"entity\":[{\"name\":\"" + name + "\"}]}";
    }

    @Test
    void givenAStoredAuditEvent_whenUpdatedOrDeleted_then405AndItStaysAsItWas() {
        String name = "append-only-" + Fixtures.unique();
        String id = created("AuditEvent", event(name));

        fhir().contentType(FHIR_JSON).body(event(name + "-changed").replace("{\"resourceType\":\"AuditEvent\",",
                        "{\"resourceType\":\"AuditEvent\",\"id\":\"" + id + "\","))
                .put("/AuditEvent/" + id).then().statusCode(405)
                .body("issue[0].code", equalTo("not-supported"))
                .body("issue[0].diagnostics", containsString("append-only"));
        fhir().delete("/AuditEvent/" + id).then().statusCode(405);
        fhir().queryParam("entity-name", name).delete("/AuditEvent").then().statusCode(405);

        fhir().get("/AuditEvent/" + id).then().statusCode(200)
                .body("meta.versionId", equalTo("1"))
                .body("entity[0].name", equalTo(name));
    }

    @Test
    void givenBundlesThatRewriteAnAuditEvent_whenPosted_thenTheTransactionFailsAndTheBatchEntryIs405() {
        String name = "append-only-" + Fixtures.unique();
        String id = created("AuditEvent", event(name));
        String delete = "{\"request\":{\"method\":\"DELETE\",\"url\":\"AuditEvent/" + id + "\"}}";

        fhir().contentType(FHIR_JSON).body("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + delete + "]}")
                .post("").then().statusCode(405);
        fhir().contentType(FHIR_JSON).body("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + delete + "]}")
                .post("").then().statusCode(200)
                .body("entry[0].response.status", startsWith("405"));
        fhir().get("/AuditEvent/" + id).then().statusCode(200).body("meta.versionId", equalTo("1"));
    }

    @Test
    void givenANewAuditEvent_whenCreated_thenStored() {
        created("AuditEvent", event("append-only-" + Fixtures.unique()));
    }
}
