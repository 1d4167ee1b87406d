package org.hrgateway.audit;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The audit's background work runs on Vert.x contexts of its own, apart from any request's session,
 * and tells its callers on theirs: Hibernate Reactive requires both.
 */
final class OwnContexts {

    private OwnContexts() {
    }

    /** A new duplicated context, marked safe as Quarkus marks a request's. */
    static Context create(Vertx vertx) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    /** Runs `completion` on `caller` (the context a call came from), or at once when it had none. */
    static void onCaller(Context caller, Runnable completion) {
        if (caller == null) {
            completion.run();
        } else {
            caller.runOnContext(ignored -> completion.run());
        }
    }
}
