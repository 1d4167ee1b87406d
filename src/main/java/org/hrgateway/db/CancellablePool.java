package org.hrgateway.db;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.PreparedStatement;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.spi.DatabaseMetadata;

import org.jboss.logging.Logger;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The pool, remembering which connections each HTTP request holds, so that the statements of a
 * request whose client went away can be cancelled in PostgreSQL ({@link #cancelQueriesOf}): a runaway
 * search would otherwise hold its connection and a core of the database until the statement timeout.
 *
 * <p>A request runs on its own duplicated Vert.x context, and a connection taken on it is noted in
 * that context's locals until it is given back. Statements run through {@link #query} and
 * {@link #preparedQuery} on the pool itself take a connection the caller never sees: code that wants
 * its statements cancellable runs them in {@code withConnection}.
 */
@SuppressWarnings("deprecation") // Quarkus's datasource bean is still typed PgPool
public final class CancellablePool implements PgPool {

    private static final String HELD = CancellablePool.class.getName() + ".held";

    private static final Logger LOG = Logger.getLogger(CancellablePool.class);

    private final Pool pool;
    /** The read-only replica's pool (`hr.datasource.read-url`), or null: then every read is the primary's. */
    private final Pool replica;
    private volatile long replicaWarned;

    CancellablePool(Pool pool, Pool replica) {
        this.pool = pool;
        this.replica = replica;
    }

    /** The pool a statement taken now goes to: the replica's during a {@link ReadReplica#read}. */
    private Pool source() {
        return replica != null && ReadReplica.reading(Vertx.currentContext()) ? replica : pool;
    }

    /**
     * A connection from the replica, or from the primary when none can be had there (the replicas
     * down, or all being replaced): a search is slower then, never refused for want of a replica.
     */
    private Future<SqlConnection> connection(Pool source) {
        if (source == pool) {
            return pool.getConnection();
        }
        return source.getConnection().recover(failure -> {
            long now = System.nanoTime();
            if (now - replicaWarned > 60_000_000_000L) {
                replicaWarned = now;
                LOG.warnf("The read-only replica (hr.datasource.read-url) gave no connection (%s);"
                        + " reads go to the primary until it does", failure.getMessage());
            }
            return pool.getConnection();
        });
    }

    /**
     * Asks PostgreSQL to cancel whatever the connections taken on `context` (a request's) are running.
     * A cancel is a signal, not a statement: it reaches the backend a moment later, and a connection
     * that finished in that moment and was taken by another request could see that request's statement
     * cancelled (57014, answered 503, safe to retry). PostgreSQL's own clients live with the same race.
     */
    public static void cancelQueriesOf(Context context) {
        Queue<Held> held = context.getLocal(HELD);
        if (held == null) {
            return;
        }
        for (Held connection : held) {
            if (connection.connection instanceof PgConnection postgres) {
                postgres.cancelRequest();
            }
        }
    }

    @Override
    public Future<SqlConnection> getConnection() {
        Context context = Vertx.currentContext();
        Future<SqlConnection> taken = connection(source());
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return taken;
        }
        return taken.map(connection -> {
            Queue<Held> held = context.getLocal(HELD);
            if (held == null) {
                held = new ConcurrentLinkedQueue<>();
                context.putLocal(HELD, held);
            }
            Held note = new Held(connection, held);
            held.add(note);
            return note;
        });
    }

    @Override
    public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
        getConnection().onComplete(handler);
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return source().query(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return source().preparedQuery(sql);
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return source().preparedQuery(sql, options);
    }

    @Override
    public void close(Handler<AsyncResult<Void>> handler) {
        close().onComplete(handler);
    }

    @Override
    public Future<Void> close() {
        return replica == null ? pool.close() : Future.join(pool.close(), replica.close()).mapEmpty();
    }

    @Override
    public PgPool connectHandler(Handler<SqlConnection> handler) {
        pool.connectHandler(handler);
        return this;
    }

    @Override
    public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
        pool.connectionProvider(provider);
        return this;
    }

    @Override
    public int size() {
        return pool.size();
    }

    /** A connection a request holds; giving it back ({@link #close}) takes the note off. */
    private static final class Held implements SqlConnection {

        private final SqlConnection connection;
        private final Queue<Held> notes;

        Held(SqlConnection connection, Queue<Held> notes) {
            this.connection = connection;
            this.notes = notes;
        }

        @Override
        public Future<Void> close() {
            notes.remove(this);
            return connection.close();
        }

        @Override
        public void close(Handler<AsyncResult<Void>> handler) {
            close().onComplete(handler);
        }

        @Override
        public Query<RowSet<Row>> query(String sql) {
            return connection.query(sql);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
            return connection.preparedQuery(sql);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
            return connection.preparedQuery(sql, options);
        }

        @Override
        public SqlConnection prepare(String sql, Handler<AsyncResult<PreparedStatement>> handler) {
            connection.prepare(sql, handler);
            return this;
        }

        @Override
        public Future<PreparedStatement> prepare(String sql) {
            return connection.prepare(sql);
        }

        @Override
        public SqlConnection prepare(String sql, PrepareOptions options, Handler<AsyncResult<PreparedStatement>> handler) {
            connection.prepare(sql, options, handler);
            return this;
        }

        @Override
        public Future<PreparedStatement> prepare(String sql, PrepareOptions options) {
            return connection.prepare(sql, options);
        }

        @Override
        public SqlConnection exceptionHandler(Handler<Throwable> handler) {
            connection.exceptionHandler(handler);
            return this;
        }

        @Override
        public SqlConnection closeHandler(Handler<Void> handler) {
            connection.closeHandler(handler);
            return this;
        }

        @Override
        public void begin(Handler<AsyncResult<Transaction>> handler) {
            connection.begin(handler);
        }

        @Override
        public Future<Transaction> begin() {
            return connection.begin();
        }

        @Override
        public Transaction transaction() {
            return connection.transaction();
        }

        @Override
        public boolean isSSL() {
            return connection.isSSL();
        }

        @Override
        public DatabaseMetadata databaseMetadata() {
            return connection.databaseMetadata();
        }
    }
}
