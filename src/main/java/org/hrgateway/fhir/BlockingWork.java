package org.hrgateway.fhir;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.hrgateway.config.GatewayConfig;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs CPU-heavy FHIR work (parsing Bundles, FHIRPath, validation) on the worker pool, bounded.
 * executeBlocking returns on the caller's Vert.x context, where Hibernate Reactive must continue;
 * when the bound is reached the request gets 503 at once instead of queueing without limit.
 */
@ApplicationScoped
public class BlockingWork {

    private final Vertx vertx;
    private final Semaphore permits;

    public BlockingWork(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.permits = new Semaphore(config.limits().maxBlockingTasks());
    }

    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            if (!permits.tryAcquire()) {
                return Uni.createFrom().failure(
                        HttpStatusException.serviceUnavailable("The gateway is at capacity; retry shortly"));
            }
            return vertx.executeBlocking(Uni.createFrom().item(work), false)
                    .onTermination().invoke(permits::release);
        });
    }
}
