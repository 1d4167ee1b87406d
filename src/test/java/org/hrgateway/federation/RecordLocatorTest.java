package org.hrgateway.federation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A gateway without a record locator (no `hr.federation.locator.nats-url`, as the test suite runs)
 * keeps no outbox: its trigger is off, so nothing grows that no relay would empty. The locator itself
 * is tested with real gateways and a real NATS server in ProvinceIT.
 */
@QuarkusTest
class RecordLocatorTest {

    @Inject
    RecordLocator locator;

    @Inject
    Pool pool;

    @Test
    void givenNoLocator_whenAPatientWithAResidentIdIsStored_thenNothingIsQueued() throws Throwable {
        assertFalse(locator.enabled());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (triggerOn() && System.nanoTime() < deadline) {
            Thread.sleep(100); // the gateway turns it off in the background at start
        }
        assertFalse(triggerOn());
        fhir().contentType("application/fhir+json").body("{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":"
                        + "\"http://hr-gateway.org/fhir/sid/resident-id\",\"value\":\"loc-" + Fixtures.unique() + "\"}]}")
                .post("/Patient").then().statusCode(201);
        assertEquals(0L, (long) VertxContextSupport.subscribeAndAwait(() -> pool.query("select count(*) from locator_outbox")
                .execute().map(rows -> rows.iterator().next().getLong(0))));
    }

    @Test
    void givenNoLocator_whenARebuildIsAsked_thenItIs400SayingWhatToSet() {
        fhir().contentType("application/fhir+json").body("{\"resourceType\":\"Parameters\"}")
                .post("/$locator-rebuild").then().statusCode(400)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("hr.federation.locator.nats-url"));
    }

    private boolean triggerOn() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.query(
                        "select tgenabled <> 'D' from pg_trigger where tgname = 'locator_outbox_resident_id'")
                .execute().map(rows -> rows.iterator().next().getBoolean(0)));
    }
}
