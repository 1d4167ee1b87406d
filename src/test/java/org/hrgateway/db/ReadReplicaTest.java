package org.hrgateway.db;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.hrgateway.support.Fixtures;
import org.hrgateway.support.PostgresResource;
import org.hrgateway.support.TcpProxy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hrgateway.support.FhirApi.FHIR_JSON;
import static org.hrgateway.support.FhirApi.fhir;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional read-only pool (`hr.datasource.read-url`), here reaching the same database through a
 * proxy that can fail: searches and `$recognize` read through it, writes never do, a write is found
 * by the search that follows it, and a replica that is away sends reads back to the primary.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.WithReplica.class)
class ReadReplicaTest {

    static volatile TcpProxy replica;

    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ReplicaProxy.class));
        }
    }

    /** Starts after the database (order 10): the proxy forwards to wherever PostgresResource put it. */
    public static class ReplicaProxy implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            URI database = URI.create(PostgresResource.url().replace("postgresql://", "http://"));
            try {
                replica = new TcpProxy(database.getHost(), database.getPort());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("hr.datasource.read-url", "postgresql://127.0.0.1:" + replica.port() + database.getPath());
        }

        @Override
        public void stop() {
            try {
                replica.close();
            } catch (Exception ignored) {
                // the JVM ends with the tests
            }
        }

        @Override
        public int order() {
            return 10;
        }
    }

    @Inject
    Pool pool;

    @Test
    void givenAWrite_whenItsClientSearchesForItAtOnce_thenTheSearchGoesToTheReplicaAndFindsIt() {
        String resident = Fixtures.unique();
        for (int i = 0; i < 20; i++) {
            String id = created(resident + "-" + i);
            fhir().queryParam("_id", id).when().get("/Patient")
                    .then().statusCode(200).body("total", equalTo(1)).body("entry[0].resource.id", equalTo(id));
        }
        List<String> replicaStatements = statementsOf(StatementCachingPool.APPLICATION_NAME + "-read");
        assertTrue(replicaStatements.stream().anyMatch(sql -> sql.contains("from resource")),
                "searches ran on the read-only pool: " + replicaStatements);
        assertFalse(replicaStatements.stream().anyMatch(sql -> sql.toLowerCase().startsWith("insert")),
                "no write ran on it: " + replicaStatements);
    }

    @Test
    void givenTheReplicaAway_whenSearching_thenThePrimaryAnswers_andTheReplicaIsUsedAgainOnceBack() throws Exception {
        String id = created(Fixtures.unique());
        replica.cut();
        try {
            for (int i = 0; i < 5; i++) {
                fhir().queryParam("_id", id).when().get("/Patient").then().statusCode(200).body("total", equalTo(1));
            }
        } finally {
            replica.restore();
        }
        fhir().queryParam("_id", id).when().get("/Patient").then().statusCode(200).body("total", equalTo(1));
        assertFalse(statementsOf(StatementCachingPool.APPLICATION_NAME + "-read").isEmpty());
    }

    private static String created(String resident) {
        return fhir().contentType(FHIR_JSON).body("""
                        {"resourceType":"Patient","identifier":[{"system":"http://hr-gateway.org/fhir/sid/resident-id","value":"%s"}]}"""
                        .formatted(resident))
                .when().post("/Patient").then().statusCode(201).extract().path("id");
    }

    /** The last statement of each connection the gateway opened under `applicationName`. */
    private List<String> statementsOf(String applicationName) {
        return pool.preparedQuery("select query from pg_stat_activity where application_name = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(applicationName))
                .await().atMost(Duration.ofSeconds(10))
                .stream().map(row -> row.getString("query")).toList();
    }
}
