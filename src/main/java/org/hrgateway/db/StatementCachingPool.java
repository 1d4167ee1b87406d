package org.hrgateway.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
