package org.hrgateway.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.interaction.Prepared;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.NewResource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stores AuditEvents, committing those of concurrent callers together (group commit): each call
 * completes only once its event is committed, but the events that arrive while one transaction is
 * being written share the next one. Alone, a call pays one transaction as before; under load, one
 * transaction per batch instead of one per event (an audited operation otherwise spends more on its
 * audit record than on its answer).
 */
@ApplicationScoped
public class AuditTrail {

    /** Events written in one transaction at most. */
    static final int MAX_BATCH = 64;

    private final ResourcePreparer preparer;
    private final ResourceStore store;
    private final Mutiny.SessionFactory sessions;
    private final BlockingWork blocking;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    /** An event waiting for its transaction, and who waits: completed on the caller's own Vert.x context. */
    private record Pending(NewResource event, UniEmitter<? super Void> caller, Context context) {

        void complete(Throwable failure) {
            Runnable completion = () -> {
                if (failure == null) {
                    caller.complete(null);
                } else {
                    caller.fail(failure);
                }
            };
            if (context == null) {
                completion.run();
            } else {
                context.runOnContext(ignored -> completion.run());
            }
        }
    }

    public AuditTrail(ResourcePreparer preparer, ResourceStore store, Mutiny.SessionFactory sessions,
                      BlockingWork blocking) {
        this.preparer = preparer;
        this.store = store;
        this.sessions = sessions;
        this.blocking = blocking;
    }

    /** Stores `event` as a new AuditEvent; completes when it is committed, fails when it could not be. */
    public Uni<Void> record(AuditEvent event) {
        return blocking.run(() -> preparer.prepareNow(event))
                .chain(prepared -> Uni.createFrom().emitter(caller -> enqueue(prepared, caller)));
    }

    private void enqueue(Prepared prepared, UniEmitter<? super Void> caller) {
        Pending pending = new Pending(new NewResource("AuditEvent", UUID.randomUUID().toString(), prepared.resource(),
                prepared.index(), "POST"), caller, Vertx.currentContext());
        boolean start;
        synchronized (queue) {
            queue.add(pending);
            start = !writing;
            writing = true;
        }
        if (start) {
            startWriting(pending.context());
        }
    }

    /**
     * The writer runs on a fresh duplicated context, never the caller's own: a session the caller
     * has open there must not take in other callers' events, nor outlive its request.
     */
    private void startWriting(Context caller) {
        if (caller == null) {
            writeNext();
            return;
        }
        Context writer = VertxContext.createNewDuplicatedContext(caller);
        VertxContextSafetyToggle.setContextSafe(writer, true);
        writer.runOnContext(ignored -> writeNext());
    }

    /** Writes what is queued, then again while more arrived meanwhile; one writer at a time. */
    private void writeNext() {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
                return;
            }
        }
        // The writer runs apart from the callers' pipelines: each caller waits on its own emitter.
        Uni.createFrom().deferred(() -> sessions.withTransaction(
                        session -> store.insertAll(session, batch.stream().map(Pending::event).toList())))
                .subscribe().with(
                        stored -> finish(batch, null),
                        failure -> finish(batch, failure));
    }

    private void finish(List<Pending> batch, Throwable failure) {
        batch.forEach(pending -> pending.complete(failure));
        writeNext();
    }
}
