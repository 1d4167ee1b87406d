package org.hrgateway.db;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Reads that may be served by a read-only replica (`hr.datasource.read-url`): searches and
 * `$recognize`'s read. While such a read runs, the connections its request takes come from the
 * replica's pool ({@link CancellablePool}); anything else, and anything run inside a transaction
 * already open, stays on the primary. A replica answers only what was committed before the read
 * began when every replica is synchronous with `synchronous_commit = remote_apply` (k8s/, ADR 0016):
 * then a client that wrote and reads its write back finds it.
 */
public final class ReadReplica {

    static final String READING = ReadReplica.class.getName() + ".reading";

    private ReadReplica() {
    }

    /** `read`, with the connections it takes from the replica when one is configured. */
    public static <T> Uni<T> read(Supplier<Uni<T>> read) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !VertxContext.isDuplicatedContext(context) || context.getLocal(READING) != null) {
                return read.get();
            }
            context.putLocal(READING, Boolean.TRUE);
            return read.get().eventually(() -> context.removeLocal(READING));
        });
    }

    /** Whether the connection about to be taken on `context` is for a replica's read. */
    static boolean reading(Context context) {
        return context != null && context.getLocal(READING) != null;
    }
}
