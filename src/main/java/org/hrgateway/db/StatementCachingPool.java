package org.hrgateway.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL pool as Quarkus configures it, except that statements up to
 * {@link #CACHED_SQL_LIMIT} characters are kept prepared. The Vert.x client keeps only statements
 * up to 2,048 characters by default; a longer one is parsed and planned anew on every call, and
 * planning is most of what the gateway's larger statements cost (`$recognize`'s one statement:
 * about 5 ms to plan, 0.4 ms to run).
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {

    private final Optional<String> credentialsProvider;
    /** What Quarkus configured the pool with, for further pools to the same database. */
    private volatile Input configured;

    public StatementCachingPool(
            @ConfigProperty(name = "quarkus.datasource.credentials-provider") Optional<String> credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
    }

    /** Room for the recognition statement and long searches; each connection keeps at most 256 statements. */
    public static final int CACHED_SQL_LIMIT = 8_192;

    @Override
    public Pool create(Input input) {
        // Quarkus's own pool asks a credentials provider at every connect; this one connects with the
        // options as configured, so a rotating provider would be silently ignored.
        credentialsProvider.ifPresent(name -> {
            throw new IllegalStateException("quarkus.datasource.credentials-provider (" + name + ") is not supported"
                    + " by " + StatementCachingPool.class.getSimpleName() + "; give the credentials as configuration");
        });
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT);
        }
        configured = input;
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }

    /**
     * A further pool to the same database, of the same size, whose connections start with these
     * run-time parameters (PostgreSQL settings sent when connecting). Only once the main pool exists.
     */
    Pool withSettings(String name, Map<String, String> settings) {
        Input input = configured;
        if (input == null) {
            throw new IllegalStateException("The gateway's pool is not created yet");
        }
        List<PgConnectOptions> options = input.pgConnectOptionsList().stream().map(original -> {
            PgConnectOptions copy = new PgConnectOptions(original);
            settings.forEach(copy::addProperty);
            return copy;
        }).toList();
        return PgDriver.INSTANCE.createPool(input.vertx(), options, new PoolOptions(input.poolOptions()).setName(name));
    }
}
