package org.hrgateway.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hrgateway.config.GatewayConfig;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL pool as Quarkus configures it, except that statements up to
 * {@link #CACHED_SQL_LIMIT} characters are kept prepared, and always run with their generic plan.
 * The Vert.x client keeps only statements up to 2,048 characters by default; a longer one is parsed
 * and planned anew on every call, and planning is most of what the gateway's statements cost
 * (`$recognize`'s one statement: about 5 ms to plan, 0.3 ms to run).
 *
 * <p>Every connection starts with `plan_cache_mode = force_generic_plan`. The search SQL names
 * types, parameters and codes as literals and binds only values (ADR 0003), so a generic plan is
 * made with the right statistics; a custom plan is made for the bound values, and a value that is
 * common for another resource type misleads it: once a patient's id was common among AuditEvents,
 * PostgreSQL kept making custom plans that started from every haemoglobin result (6 s instead of
 * 0.5 ms, bench/RESULTS.md).
 *
 * <p>The pool remembers which connections each request holds ({@link CancellablePool}), so that the
 * statements of a request whose client went away are cancelled.
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {

    private final Optional<String> credentialsProvider;

    private final Duration statementTimeout;
    private final Optional<String> readUrl;

    public StatementCachingPool(
            @ConfigProperty(name = "quarkus.datasource.credentials-provider") Optional<String> credentialsProvider,
            GatewayConfig config) {
        this.credentialsProvider = credentialsProvider;
        this.statementTimeout = config.db().statementTimeout();
        this.readUrl = config.datasource().readUrl().filter(url -> !url.isBlank());
    }

    /** Room for the recognition statement and long searches; each connection keeps at most 256 statements. */
    public static final int CACHED_SQL_LIMIT = 8_192;

    public static final String APPLICATION_NAME = "hr-gateway";
    /** The read-only pool's name in metrics (`vertx_pool_*{pool_name="read"}`). */
    public static final String READ_POOL_NAME = "read";

    @Override
    public Pool create(Input input) {
        // Quarkus's own pool asks a credentials provider at every connect; this one connects with the
        // options as configured, so a rotating provider would be silently ignored.
        credentialsProvider.ifPresent(name -> {
            throw new IllegalStateException("quarkus.datasource.credentials-provider (" + name + ") is not supported"
                    + " by " + StatementCachingPool.class.getSimpleName() + "; give the credentials as configuration");
        });
        input.pgConnectOptionsList().forEach(options -> prepare(options, APPLICATION_NAME));
        Pool primary = PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
        return new CancellablePool(primary, readUrl.map(url -> replica(input, url)).orElse(null));
    }

    /**
     * The read-only pool: the replica's URL (CloudNativePG's `-ro` service), with the primary's
     * credentials unless the URL names its own, and the same pool size and statement settings.
     */
    private Pool replica(Input input, String url) {
        PgConnectOptions primary = input.pgConnectOptionsList().get(0);
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        if (URI.create(url.replaceFirst("^[a-z]+://", "http://")).getUserInfo() == null) {
            options.setUser(primary.getUser()).setPassword(primary.getPassword());
        }
        options.setSslMode(primary.getSslMode()).setReconnectAttempts(primary.getReconnectAttempts())
                .setReconnectInterval(primary.getReconnectInterval());
        prepare(options, APPLICATION_NAME + "-read");
        PoolOptions pool = new PoolOptions(input.poolOptions()).setName(READ_POOL_NAME);
        return PgDriver.INSTANCE.createPool(input.vertx(), List.of(options), pool);
    }

    private void prepare(PgConnectOptions options, String applicationName) {
        options.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT);
        options.addProperty("plan_cache_mode", "force_generic_plan");
        options.addProperty("statement_timeout", Long.toString(statementTimeout.toMillis()));
        // PostgreSQL compiles a plan whose estimated cost passes jit_above_cost to machine code:
        // 65 ms of compiling, on every run, for `$recognize`'s 3 ms statement once an estimate grew.
        options.addProperty("jit", "off");
        // Tells an operator's pg_stat_activity which connections are the gateway's, and which read.
        options.addProperty("application_name", applicationName);
    }
}
