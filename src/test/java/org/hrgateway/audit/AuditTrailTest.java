package org.hrgateway.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AuditTrail against PostgreSQL: an event is durable as a waiting row once recorded, a search of the
 * trail finds it, and one that cannot be stored is moved aside, kept, without holding up the rest.
 */
@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditTrail trail;

    @Inject
    Pool pool;

    @Test
    void givenRecordedEvents_whenTheTrailIsSearched_thenEachIsFoundOnceWithItsRecordedTimeAsLastUpdated() throws Throwable {
        String name = "audit-trail-" + Fixtures.unique();
        AuditEvent event = event(name);
        event.setRecorded(new Date(1_700_000_000_000L));
        VertxContextSupport.subscribeAndAwait(() -> trail.record(event));
        assertEquals(1, waiting(name), "recorded, durable, not yet a resource");

        String lastUpdated = fhir().queryParam("entity-name:exact", name).when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1))
                .extract().path("entry[0].resource.meta.lastUpdated");
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), OffsetDateTime.parse(lastUpdated).toInstant());
        assertEquals(0, waiting(name));
        fhir().queryParam("entity-name:exact", name).queryParam("_summary", "count").when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void givenEventsWithANulCharacterAndAnOverlongReference_whenTheTrailIsSearched_thenBothAreStored() throws Throwable {
        String run = "audit-trail-" + Fixtures.unique();
        AuditEvent overlong = event(run + "-overlong");
        overlong.getAgentFirstRep().setWho(new org.hl7.fhir.r4.model.Reference("Organization/" + "x".repeat(70)));
        // PostgreSQL refuses NUL in text, and an id longer than 64 characters in a reference's column:
        // recorded as U+FFFD, and as a reference that names no resource here.
        VertxContextSupport.subscribeAndAwait(() -> trail.recordAll(() -> List.of(event(run + "-\u0000-nul"), overlong)));

        fhir().queryParam("entity-name:exact", run + "-\uFFFD-nul").queryParam("_summary", "count").when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1));
        fhir().queryParam("entity-name:exact", run + "-overlong").queryParam("_summary", "count").when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void givenARowThatCannotBeStored_whenTheTrailIsSearched_thenTheOthersAreFoundAndItIsKeptAsFailed() throws Throwable {
        String run = "audit-trail-" + Fixtures.unique();
        String unreadable = "{\"resourceType\":\"AuditEvent\",\"id\":\"" + run + "\",\"recorded\":"; // cut short
        VertxContextSupport.subscribeAndAwait(() -> trail.recordAll(() -> List.of(event(run + "-first")))
                .chain(() -> trail.recordJson(List.of(unreadable)))
                .chain(() -> trail.recordAll(() -> List.of(event(run + "-last")))));
        try {
            for (String name : List.of(run + "-first", run + "-last")) {
                fhir().queryParam("entity-name:exact", name).queryParam("_summary", "count").when().get("/AuditEvent")
                        .then().statusCode(200).body("total", equalTo(1));
            }
            List<Row> failed = rows("select failed from audit_failed where content like $1", "%" + run + "%");
            assertEquals(1, failed.size());
            assertEquals(0, rows("select 1 from audit_pending where content like $1", "%" + run + "%").size());
            // Moved aside, it no longer stands in the way of the next reader.
            fhir().queryParam("entity-name:exact", run + "-first").when().get("/AuditEvent").then().statusCode(200);
        } finally {
            rows("delete from audit_failed where content like $1", "%" + run + "%");
        }
    }

    @Test
    void givenReads_whenAskedWhetherTheyMayAnswerAuditEvents_thenThoseThatNameItOrEveryTypeDo() {
        assertTrue(AuditTrail.mayShowEvents(null, Map.of()));
        assertTrue(AuditTrail.mayShowEvents("AuditEvent", Map.of()));
        assertTrue(AuditTrail.mayShowEvents("Patient", Map.of("_revinclude", List.of("AuditEvent:patient"))));
        assertTrue(AuditTrail.mayShowEvents("Patient", Map.of("_has:AuditEvent:patient:agent", List.of("x"))));
        assertTrue(AuditTrail.mayShowEvents("Patient", Map.of("_revinclude", List.of("*"))));
        assertFalse(AuditTrail.mayShowEvents("Observation", Map.of("patient", List.of("Patient/1"),
                "_include", List.of("Observation:performer"))));
    }

    private long waiting(String name) throws Throwable {
        return rows("select 1 from audit_pending where content like $1", "%" + name + "%").size();
    }

    private List<Row> rows(String sql, String value) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(sql).execute(Tuple.of(value))
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                }));
    }

    static AuditEvent event(String entityName) {
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
