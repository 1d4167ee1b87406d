package org.hrgateway.api.error;

import io.restassured.path.json.JsonPath;
import org.hrgateway.support.GatewayProcess;
import org.hrgateway.support.RawHttp;
import org.hrgateway.support.TcpProxy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database gone for 10 s (every connection dropped, new ones refused), then back: meanwhile
 * every request is answered 503 `transient` (clients retry a 503), never 500; after, writes and
 * reads succeed and readiness is UP again within seconds. Before, an outage answered 500 "Database
 * error 55000", and readiness once stayed DOWN after the database was back.
 */
class DatabaseOutageIT {

    private static final byte[] PATIENT = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Outage\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> FHIR_JSON = Map.of("Content-Type", "application/fhir+json");

    @Test
    void givenTheDatabaseGoneForTenSeconds_whenItIsBack_thenWritesAndReadinessRecover() throws Exception {
        String url = System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL");
        assumeTrue(url != null, "needs the configured PostgreSQL (CI sets it) to put a failing network before it");
        URI database = URI.create(url);

        try (TcpProxy network = new TcpProxy(database.getHost(), database.getPort());
             GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx256m"), Map.of("QUARKUS_DATASOURCE_REACTIVE_URL",
                     "postgresql://127.0.0.1:" + network.port() + database.getPath()))) {
            assertThat(write(gateway).status(), equalTo(201));

            network.cut();
            Map<Integer, Integer> during = new TreeMap<>();
            List<String> unexpected = new ArrayList<>();
            long back = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < back) {
                for (RawHttp.Response response : List.of(write(gateway),
                        RawHttp.get(gateway.port(), "/fhir/Patient?family=Outage&_count=1"))) {
                    during.merge(response.status(), 1, Integer::sum);
                    if (response.status() != 503 || !"transient".equals(JsonPath.from(response.body()).getString("issue[0].code"))) {
                        unexpected.add(response.status() + " " + response.body());
                    }
                }
                Thread.sleep(200);
            }
            network.restore();
            System.out.println("Answers while the database was gone: " + during);
            assertThat(unexpected, empty());

            long recovered = System.nanoTime() + 15_000_000_000L;
            RawHttp.Response written = write(gateway);
            while (written.status() != 201 && System.nanoTime() < recovered) {
                Thread.sleep(100);
                written = write(gateway);
            }
            assertThat(gateway.output(), written.status(), equalTo(201));
            String id = JsonPath.from(written.body()).getString("id");
            assertThat(RawHttp.get(gateway.port(), "/fhir/Patient/" + id).status(), equalTo(200));
            int ready = gateway.readiness();
            while (ready != 200 && System.nanoTime() < recovered) {
                Thread.sleep(100);
                ready = gateway.readiness();
            }
            assertThat("readiness after the database came back\n" + gateway.output(), ready, equalTo(200));
            assertThat(during.getOrDefault(503, 0), greaterThan(0));
        }
    }

    private static RawHttp.Response write(GatewayProcess gateway) throws Exception {
        return RawHttp.send(gateway.port(), "POST", "/fhir/Patient", FHIR_JSON, PATIENT);
    }
}
