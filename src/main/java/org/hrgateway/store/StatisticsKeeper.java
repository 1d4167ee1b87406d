package org.hrgateway.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hrgateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the planner's statistics current, whether or not the database's autovacuum does. Search and
 * `$recognize` run prepared statements with their generic plan (ADR 0003), and a plan is only as good
 * as the statistics it was made from: after 27,310 resources were loaded into a database with
 * autovacuum off, patient+code+date answered 0.3 requests/s instead of 3,300. Every
 * `hr.db.analyze-interval` the gateway applies autovacuum's own analyze rule (more rows changed since
 * the last ANALYZE than 50 plus 10 % of the table) to its tables and analyzes those that need it; a
 * fresh ANALYZE invalidates the cached plans, so the next search is planned on the new figures
 * (ADR 0008).
 */
@ApplicationScoped
public class StatisticsKeeper {

    private static final Logger LOG = Logger.getLogger(StatisticsKeeper.class);

    /** Autovacuum's defaults: autovacuum_analyze_threshold 50, autovacuum_analyze_scale_factor 0.1. */
    static final String STALE_TABLES = """
            select format('%I.%I', s.schemaname, s.relname) as name
              from pg_stat_user_tables s
              join pg_class c on c.oid = s.relid
             where s.schemaname = current_schema()
               and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
             order by s.n_mod_since_analyze desc""";

    private final Pool pool;
    private final Duration interval;
    private final boolean enabled;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public StatisticsKeeper(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.interval = config.db().analyzeInterval();
        this.enabled = !interval.isZero();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (enabled) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> analyzeStale().subscribe().with(
                    analyzed -> { },
                    failure -> LOG.warn("Keeping statistics current failed (retried in " + interval + "): " + failure)));
        }
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Analyzes the tables autovacuum's rule says are due, one after another; returns their names. */
    public Uni<List<String>> analyzeStale() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(List.of()); // the previous round is still at work
        }
        return pool.query(STALE_TABLES).execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .map((Row row) -> row.getString("name"))
                .onItem().transformToUniAndConcatenate(table -> analyze(table))
                .collect().asList()
                .invoke(tables -> {
                    if (!tables.isEmpty()) {
                        LOG.infof("Statistics refreshed: %s", String.join(", ", tables));
                    }
                })
                .eventually(() -> running.set(false));
    }

    private Uni<String> analyze(String table) {
        return pool.query("analyze " + table).execute().replaceWith(table);
    }
}
