package org.hrgateway.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * The PostgreSQL pool as Quarkus configures it, except that statements up to
 * {@link #CACHED_SQL_LIMIT} characters are kept prepared. The Vert.x client keeps only statements
 * up to 2,048 characters by default; a longer one is parsed and planned anew on every call, and
 * planning is most of what the gateway's larger statements cost (`$recognize`'s one statement:
 * about 5 ms to plan, 0.4 ms to run).
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {

    /** Room for the recognition statement and long searches; each connection keeps at most 256 statements. */
    public static final int CACHED_SQL_LIMIT = 8_192;

    @Override
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(CACHED_SQL_LIMIT);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
