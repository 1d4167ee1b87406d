package org.hrgateway.support;

import io.quarkus.vertx.VertxContextSupport;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs ANALYZE, as autovacuum would within a minute of the writes in production. The suite fills
 * its database in minutes, and a multi-level chain planned on statistics that still say "empty"
 * walks every row of every level (tens of seconds) instead of starting from the selective end.
 */
public final class FreshStatistics {

    private FreshStatistics() {
    }

    public static void refresh(Mutiny.SessionFactory sessions) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                    session.createNativeQuery("analyze").executeUpdate()));
        } catch (Throwable e) {
            throw new AssertionError("ANALYZE failed", e);
        }
    }
}
