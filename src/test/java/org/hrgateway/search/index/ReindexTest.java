package org.hrgateway.search.index;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hrgateway.support.FhirApi.created;
import static org.hrgateway.support.FhirApi.fhir;

/**
 * A reindex rebuilds index rows from the stored text: rows lost (as when a SearchParameter is added
 * after the data) come back, and searches find the resources again.
 */
@QuarkusTest
class ReindexTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void givenIndexRowsLost_whenReindex_thenSearchFindsTheResourceAgain() {
        String unique = Fixtures.unique();
        String id = created("Observation", Fixtures.load("observation-hemoglobin.json", unique));
        String identifier = "http://hospital.example.cn/lis|hb-" + unique;
        fhir().queryParam("identifier", identifier).get("/Observation")
                .then().statusCode(200).body("entry.resource.id", equalTo(List.of(id)));

        sessions.withTransaction(session -> session.createNativeQuery(
                        "delete from idx_token where resource_pk = (select pk from resource where res_type = 'Observation' and res_id = ?1)")
                .setParameter(1, id).executeUpdate()).await().indefinitely();
        fhir().queryParam("identifier", identifier).get("/Observation")
                .then().statusCode(200).body("total", equalTo(0));

        fhir().queryParam("type", "Observation").post("/$reindex")
                .then().statusCode(200)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", startsWith("Reindexed "));

        fhir().queryParam("identifier", identifier).get("/Observation")
                .then().statusCode(200).body("entry.resource.id", equalTo(List.of(id)));
    }

    @Test
    void givenUnknownType_whenReindex_then404() {
        fhir().queryParam("type", "Medication").post("/$reindex")
                .then().statusCode(404).body("issue[0].code", equalTo("not-supported"));
    }
}
