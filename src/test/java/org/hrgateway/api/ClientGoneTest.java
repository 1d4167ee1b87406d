package org.hrgateway.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.hrgateway.db.StatementCachingPool;
import org.hrgateway.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client that goes away takes its statements with it: PostgreSQL stops working for a request
 * nobody waits for. The resource table is locked, so the request's statement waits in PostgreSQL;
 * the client closes its connection; the statement is gone within seconds, long before the
 * statement timeout (30 s) would end it.
 */
@QuarkusTest
class ClientGoneTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    private static final String RECOGNIZE = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\","
            + "\"valueCoding\":{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}}]}";

    @ParameterizedTest
    @ValueSource(strings = {"search", "read", "recognize"})
    void givenAStatementWaitingInPostgres_whenTheClientGoesAway_thenItIsCancelled(String interaction) throws Exception {
        String request = switch (interaction) {
            case "search" -> "GET /fhir/Observation?code=http://loinc.org|718-7&_count=5 HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer() + "\r\n\r\n";
            case "read" -> "GET /fhir/Patient/gone-client-probe HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer() + "\r\n\r\n";
            default -> "POST /fhir/Patient/gone-client-probe/$recognize HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + TestTokens.bearer() + "\r\n"
                    + "Content-Type: application/fhir+json\r\nContent-Length: " + RECOGNIZE.length() + "\r\n\r\n" + RECOGNIZE;
        };
        SqlConnection locker = pool.getConnection().await().atMost(PATIENCE);
        try {
            locker.query("begin").execute().await().atMost(PATIENCE);
            locker.query("lock table resource in access exclusive mode").execute().await().atMost(PATIENCE);

            try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
                OutputStream out = client.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                awaitWaiting(1);
            }

            awaitWaiting(0);
        } finally {
            locker.query("rollback").execute().await().atMost(PATIENCE);
            locker.close().await().atMost(PATIENCE);
        }
    }

    /** Waits until exactly `expected` gateway statements wait for a lock, or fails. */
    private void awaitWaiting(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long waiting;
        do {
            waiting = pool.preparedQuery("select count(*) from pg_stat_activity where application_name = $1"
                            + " and wait_event_type = 'Lock' and datname = current_database()"
                            // The statistics keeper's ANALYZE waits for the lock too; it is no request.
                            + " and query not ilike 'analyze%'")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(StatementCachingPool.APPLICATION_NAME))
                    .await().atMost(PATIENCE).iterator().next().getLong(0);
            if (waiting != expected) {
                Thread.sleep(50);
            }
        } while (waiting != expected && System.nanoTime() < deadline);
        assertEquals(expected, waiting, "gateway statements waiting for the lock");
    }
}
