package org.hrgateway.db;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Connections to the gateway's database that always run prepared statements with PostgreSQL's
 * generic plan (`plan_cache_mode = force_generic_plan`, set when each connection starts). For a
 * statement whose custom plan costs far more to make than to run, and whose generic plan is known
 * to be right for every value (`store/PersonResultsQuery`): no transaction is needed around it to
 * set the mode, so it is one round trip. Other statements keep PostgreSQL's default on the main pool.
 */
@ApplicationScoped
public class GenericPlanPool {

    private final Pool pool;

    public GenericPlanPool(Pool main, StatementCachingPool creator) {
        main.getDelegate(); // the main pool exists first: this one copies its options
        this.pool = Pool.newInstance(creator.withSettings("generic-plan", Map.of("plan_cache_mode", "force_generic_plan")));
    }

    public Pool get() {
        return pool;
    }

    @PreDestroy
    void close() {
        pool.closeAndAwait();
    }
}
