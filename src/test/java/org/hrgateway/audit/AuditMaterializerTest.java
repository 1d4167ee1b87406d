package org.hrgateway.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The background work that turns waiting events into AuditEvent resources: a share per interval while
 * events keep coming (`while-busy`, 2 in tests), all of them once it is quiet or the backlog passes
 * `max-backlog` (4 in tests), the emptied table given back; beside a drain, no event stored twice.
 */
@QuarkusTest
class AuditMaterializerTest {

    @Inject
    AuditTrail trail;

    @Inject
    AuditMaterializer materializer;

    @Inject
    Pool pool;

    @Test
    void givenEventsComing_whenTheTimerRuns_thenAShareIsStoredUntilQuietOrTheBacklogIsTooLong() throws Throwable {
        await(materializer.drain());
        await(materializer.tick());
        String run = "materializer-" + Fixtures.unique();

        record(run, 3);
        await(materializer.tick());
        assertEquals(1, waiting(), "busy: two of three stored");

        await(materializer.tick());
        assertEquals(0, waiting(), "quiet: all stored");
        assertEquals(0L, scalar("select pg_relation_size('audit_pending')"), "the emptied table's space is given back");

        record(run, 5);
        await(materializer.tick());
        assertEquals(0, waiting(), "busy, but five waiting is past the backlog of four: all stored");

        fhir().queryParam("entity-name", run).queryParam("_summary", "count").when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(8));
    }

    @Test
    void givenManyEventsWaiting_whenTheTimerAndTwoDrainsRunAtOnce_thenEachEventIsStoredOnce() throws Throwable {
        String run = "materializer-" + Fixtures.unique();
        record(run, 1_200);

        await(Uni.combine().all().unis(materializer.drain(), materializer.tick(), materializer.drain()).discardItems());

        assertEquals(0, waiting());
        fhir().queryParam("entity-name", run).queryParam("_summary", "count").when().get("/AuditEvent")
                .then().statusCode(200).body("total", equalTo(1_200));
    }

    private void record(String run, int count) throws Throwable {
        List<AuditEvent> events = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> events.add(AuditTrailTest.event(run + "-" + i)));
        await(trail.recordAll(() -> events));
    }

    private long waiting() throws Throwable {
        return scalar("select count(*) from audit_pending");
    }

    private long scalar(String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.query(sql).execute()
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    private static void await(Uni<Void> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> work);
    }
}
