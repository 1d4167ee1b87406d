package org.hrgateway.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.hrgateway.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway keeps statistics current itself on a database whose autovacuum is off (as on these
 * machines): a table filled after its last ANALYZE, or never analyzed, is analyzed within a round.
 */
@QuarkusTest
class StatisticsKeeperTest {

    @Inject
    Pool pool;

    @Inject
    StatisticsKeeper keeper;

    @Test
    void givenATableFilledAndNeverAnalyzed_whenTheKeeperRuns_thenItIsAnalyzed() throws Throwable {
        String table = "keeper_probe_" + Fixtures.unique().replace('-', '_');
        run("create table " + table + " (n int)");
        try {
            run("insert into " + table + " select generate_series(1, 2000)");

            boolean analyzed = false;
            // Row counts reach pg_stat_user_tables about a second after the commit, or, when the
            // backend could not take the shared statistics' lock at once (another backend was
            // analysing), at its next try 10 s later (PostgreSQL 15's PGSTAT_IDLE_INTERVAL).
            for (int round = 0; round < 120 && !analyzed; round++) {
                VertxContextSupport.subscribeAndAwait(() -> keeper.analyzeStale());
                analyzed = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(
                                "select last_analyze is not null from pg_stat_user_tables where relname = $1")
                        .execute(Tuple.of(table))
                        .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean(0)));
                if (!analyzed) {
                    Thread.sleep(250);
                }
            }

            assertTrue(analyzed, table + " was never analyzed");
        } finally {
            run("drop table " + table);
        }
    }

    private void run(String sql) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.query(sql).execute());
    }
}
