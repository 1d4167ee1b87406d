package org.hrgateway.db;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The generic-plan pool's connections plan prepared statements once; the main pool keeps PostgreSQL's default. */
@QuarkusTest
class GenericPlanPoolTest {

    @Inject
    GenericPlanPool generic;

    @Inject
    Pool main;

    @Test
    void givenAPreparedStatement_whenRunOnTheGenericPlanPool_thenNoCustomPlanIsMade() throws Throwable {
        String marker = "marker_" + Fixtures.unique().replace('-', '_');
        String sql = "select count(*) as " + marker + " from resource where res_type = $1";

        Row plans = VertxContextSupport.subscribeAndAwait(() -> generic.get().withConnection(connection ->
                connection.preparedQuery(sql).execute(Tuple.of("Patient"))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of("Observation")))
                        .chain(() -> connection.preparedQuery("select generic_plans, custom_plans"
                                + " from pg_prepared_statements where statement like $1").execute(Tuple.of("%" + marker + "%")))
                        .map(rows -> rows.iterator().next())));

        // PostgreSQL's default makes a custom plan for each of a statement's first five runs.
        assertEquals(2, plans.getLong("generic_plans"));
        assertEquals(0, plans.getLong("custom_plans"));
    }

    @Test
    void givenBothPools_whenAskedForThePlanSetting_thenOnlyTheGenericPlanPoolForcesIt() throws Throwable {
        assertEquals("force_generic_plan", setting(generic.get()));
        assertEquals("auto", setting(main));
    }

    private static String setting(Pool pool) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> pool.query("show plan_cache_mode").execute()
                .map(rows -> rows.iterator().next().getString(0)));
    }
}
