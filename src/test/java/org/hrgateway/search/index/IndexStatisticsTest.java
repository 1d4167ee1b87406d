package org.hrgateway.search.index;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The planner's estimate of one code's index rows stays near the truth when other resource types
 * outnumber it (the AuditEvent skew of ADR 0008): without statistics on the columns together it
 * multiplied the fractions of res_type, param and code as if independent and expected 1 row for
 * hundreds, so the generic plan of patient+code+date scanned every result with that code.
 */
@QuarkusTest
class IndexStatisticsTest {

    private static final int RESULTS_WITH_CODE = 500;
    private static final int OTHER_ROWS = 40_000;

    @Inject
    Pool pool;

    @Test
    void givenResultsOutnumberedByAuditTokens_whenOneCodeIsPlanned_thenTheEstimateIsNearItsRows() throws Throwable {
        String code = "skew-" + Fixtures.unique();
        // Negative keys name no resource: these rows never reach a search, and are removed after.
        run("insert into idx_token (resource_pk, res_type, param, system, code) "
                + "select -n, 'AuditEvent', (array['type','subtype','action','outcome','site','entity-type','entity-role'])[1 + n % 7], "
                + "'http://terminology.hl7.org/CodeSystem/audit-event-type', 'audit-' || (n % 5) "
                + "from generate_series(1, " + OTHER_ROWS + ") n");
        run("insert into idx_token (resource_pk, res_type, param, system, code) "
                + "select -" + OTHER_ROWS + " - n, 'Observation', 'code', 'http://loinc.org', '" + code + "' "
                + "from generate_series(1, " + RESULTS_WITH_CODE + ") n");
        try {
            run("analyze idx_token");

            double estimate = estimatedRows("select 1 from idx_token where res_type = 'Observation' and param = 'code' "
                    + "and code = '" + code + "' and system = 'http://loinc.org'");

            assertTrue(estimate >= RESULTS_WITH_CODE / 4.0 && estimate <= RESULTS_WITH_CODE * 4.0,
                    "estimated " + estimate + " rows for " + RESULTS_WITH_CODE);
        } finally {
            run("delete from idx_token where resource_pk < 0");
            run("analyze idx_token");
        }
    }

    private double estimatedRows(String query) throws Throwable {
        Row row = VertxContextSupport.subscribeAndAwait(() -> pool.query("explain (format json) " + query).execute()
                .map(rows -> rows.iterator().next()));
        Object plan = row.getValue(0);
        JsonArray json = plan instanceof JsonArray array ? array : new JsonArray(plan.toString());
        return json.getJsonObject(0).getJsonObject("Plan").getDouble("Plan Rows");
    }

    private void run(String sql) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.query(sql).execute());
    }
}
