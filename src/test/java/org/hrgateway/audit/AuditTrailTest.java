package org.hrgateway.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** AuditTrail against PostgreSQL: events written together, and one that cannot be stored failing alone. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    ResourcePreparer preparer;

    @Test
    void givenABatchWithAnEventTheDatabaseRefuses_whenStored_thenOnlyThatEventFails() throws Exception {
        String run = "audit-trail-" + Fixtures.unique();
        // PostgreSQL refuses a NUL character in text: the event's entity name cannot be indexed.
        List<CompletableFuture<Void>> stored = trail.storeTogether(List.of(
                trail.encode(preparer.prepareNow(event(run + "-first"))),
                trail.encode(preparer.prepareNow(event(run + "-\u0000-refused"))),
                trail.encode(preparer.prepareNow(event(run + "-last")))));

        stored.get(0).get(30, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class, () -> stored.get(1).get(30, TimeUnit.SECONDS));
        stored.get(2).get(30, TimeUnit.SECONDS);
        for (String name : List.of(run + "-first", run + "-last")) {
            fhir().queryParam("entity-name:exact", name).queryParam("_summary", "count").when().get("/AuditEvent")
                    .then().statusCode(200).body("total", equalTo(1));
        }
    }

    private static AuditEvent event(String entityName) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", null));
        event.setRecorded(new Date());
        event.getSource().setSite("AuditTrailTest");
        event.getSource().getObserver().setDisplay("AuditTrailTest");
        event.addAgent().setRequestor(true).setName("test");
        event.addEntity().setName(entityName);
        return event;
    }
}
