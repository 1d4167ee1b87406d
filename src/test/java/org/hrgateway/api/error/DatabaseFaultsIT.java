package org.hrgateway.api.error;

import io.restassured.path.json.JsonPath;
import org.hrgateway.support.GatewayProcess;
import org.hrgateway.support.RawHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database's connections killed under write load (as a failover or an operator's
 * pg_terminate_backend does): every write is answered 201 or 503 `transient` (clients retry a 503),
 * never 500, and every acknowledged write can be read back. Before, such faults answered 500
 * ("SocketException", "NoStackTraceThrowable", "HibernateException").
 */
class DatabaseFaultsIT {

    @Test
    void givenConnectionsKilledUnderWriteLoad_whenWriting_thenEvery201IsStoredAndEveryFailureIs503() throws Exception {
        String url = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
        assumeTrue(url != null, "needs the configured PostgreSQL (CI sets it) to kill the gateway's connections");
        String jdbc = "jdbc:" + url;

        try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx256m"), Map.of());
             Connection admin = DriverManager.getConnection(jdbc, System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                     System.getenv("QUARKUS_DATASOURCE_PASSWORD"))) {
            ExecutorService writers = Executors.newFixedThreadPool(4);
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> stored = new ConcurrentLinkedQueue<>();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            for (int w = 0; w < 4; w++) {
                writers.submit(() -> {
                    while (writing.get()) {
                        byte[] body = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Fault\"}]}".getBytes(StandardCharsets.UTF_8);
                        RawHttp.Response response = RawHttp.send(gateway.port(), "POST", "/fhir/Patient",
                                Map.of("Content-Type", "application/fhir+json"), body);
                        statuses.merge(response.status(), 1, Integer::sum);
                        if (response.status() == 201) {
                            stored.add(JsonPath.from(response.body()).getString("id"));
                        } else if (response.status() != 503) {
                            unexpected.add(response.status() + " " + response.body());
                        }
                    }
                    return null;
                });
            }
            try (Statement kill = admin.createStatement()) {
                for (int round = 0; round < 15; round++) {
                    Thread.sleep(300);
                    kill.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where application_name = 'hr-gateway' and pid <> pg_backend_pid()");
                }
            }
            Thread.sleep(500);
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(60, TimeUnit.SECONDS), equalTo(true));

            System.out.println("Answers while connections were killed: " + statuses);
            assertThat(statuses.toString(), unexpected, empty());
            assertThat(statuses.toString(), stored.size(), greaterThan(0));
            for (String id : stored) {
                assertThat("acknowledged write lost: Patient/" + id,
                        RawHttp.get(gateway.port(), "/fhir/Patient/" + id).status(), equalTo(200));
            }
            assertThat(gateway.readiness(), equalTo(200));
        }
    }
}
