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

/**
 * The pool the gateway runs on keeps statements longer than Vert.x's default 2,048 characters
 * prepared, and runs them with their generic plan.
 */
@QuarkusTest
class StatementCachingPoolTest {

    @Inject
    Pool pool;

    @Test
    void givenAStatementOfFiveThousandCharacters_whenRunTwiceOnAConnection_thenItStaysPreparedThere() throws Throwable {
        String marker = "marker_" + Fixtures.unique().replace('-', '_');
        // A long statement: a comment pads it past the default limit, under the gateway's.
        String sql = "select $1::int + 1 as " + marker + " /* " + "x".repeat(5_000) + " */";

        long prepared = VertxContextSupport.subscribeAndAwait(() -> pool.withConnection(connection ->
                connection.preparedQuery(sql).execute(Tuple.of(1))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of(2)))
                        .chain(() -> connection.preparedQuery(
                                "select count(*) from pg_prepared_statements where statement like $1")
                                .execute(Tuple.of("%" + marker + "%")))
                        .map(rows -> rows.iterator().next().getLong(0))));

        assertEquals(1, prepared);
    }

    @Test
    void givenAPreparedStatement_whenRunTwiceOnAConnection_thenNoCustomPlanIsMade() throws Throwable {
        String marker = "marker_" + Fixtures.unique().replace('-', '_');
        String sql = "select count(*) as " + marker + " from resource where res_type = $1";

        Row plans = VertxContextSupport.subscribeAndAwait(() -> pool.withConnection(connection ->
                connection.preparedQuery(sql).execute(Tuple.of("Patient"))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of("Observation")))
                        .chain(() -> connection.preparedQuery("select generic_plans, custom_plans"
                                + " from pg_prepared_statements where statement like $1").execute(Tuple.of("%" + marker + "%")))
                        .map(rows -> rows.iterator().next())));

        // PostgreSQL's default (auto) makes a custom plan for each of a statement's first five runs.
        assertEquals(2, plans.getLong("generic_plans"));
        assertEquals(0, plans.getLong("custom_plans"));
    }

    @Test
    void givenAPooledConnection_whenAsked_thenPlansAreNeverJitCompiled() throws Throwable {
        String jit = VertxContextSupport.subscribeAndAwait(() -> pool.withConnection(connection ->
                connection.query("show jit").execute().map(rows -> rows.iterator().next().getString(0))));

        assertEquals("off", jit);
    }

    @Test
    void givenAStatementLongerThanTheTimeout_whenRun_thenPostgresCancelsItAndTheClientIsToldToRetry() throws Throwable {
        String timeout = VertxContextSupport.subscribeAndAwait(() -> pool.withConnection(connection ->
                connection.query("show statement_timeout").execute().map(rows -> rows.iterator().next().getString(0))));
        // hr.db.statement-timeout's default, on every pooled connection.
        assertEquals("30s", timeout);

        Throwable cancelled = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () ->
                VertxContextSupport.subscribeAndAwait(() -> pool.withConnection(connection ->
                        connection.query("set statement_timeout = 200").execute()
                                .chain(() -> connection.query("select pg_sleep(5)").execute())
                                .eventually(() -> connection.query("reset statement_timeout").execute()))));

        org.hrgateway.api.error.ErrorClassifier.Classified classified = org.hrgateway.api.error.ErrorClassifier.classify(cancelled);
        assertEquals(503, classified.status());
        assertEquals("timeout", classified.outcome().getIssueFirstRep().getCode().toCode());
    }
}
