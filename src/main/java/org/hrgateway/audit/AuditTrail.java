package org.hrgateway.audit;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
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

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
    /** A transaction that takes longer fails its events, so that a stuck one cannot hold up every later call. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ResourcePreparer preparer;
    private final ResourceStore store;
    private final Mutiny.SessionFactory sessions;
    private final BlockingWork blocking;
    private final Vertx vertx;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    /** An event waiting for its transaction; its caller is told on the caller's own Vert.x context. */
    private record Pending(NewResource event, CompletableFuture<Void> stored, Context caller) {

        void complete(Throwable failure) {
            Runnable completion = () -> {
                if (failure == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(failure);
                }
            };
            if (caller == null) {
                completion.run();
            } else {
                caller.runOnContext(ignored -> completion.run());
            }
        }
    }

    public AuditTrail(ResourcePreparer preparer, ResourceStore store, Mutiny.SessionFactory sessions,
                      BlockingWork blocking, Vertx vertx) {
        this.preparer = preparer;
        this.store = store;
        this.sessions = sessions;
        this.blocking = blocking;
        this.vertx = vertx;
    }

    /** Stores `event` as a new AuditEvent; completes when it is committed, fails when it could not be. */
    public Uni<Void> record(AuditEvent event) {
        return blocking.run(() -> preparer.prepareNow(event))
                .chain(prepared -> Uni.createFrom().completionStage(storeTogether(List.of(prepared)).get(0)));
    }

    /**
     * Queues prepared AuditEvents at once, so that they are written in one transaction when they fit
     * in a batch; each stage completes when its own event is stored, or fails alone.
     */
    List<CompletableFuture<Void>> storeTogether(List<Prepared> events) {
        Context caller = Vertx.currentContext();
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        boolean start;
        synchronized (queue) {
            for (Prepared prepared : events) {
                CompletableFuture<Void> future = new CompletableFuture<>();
                queue.add(new Pending(new NewResource("AuditEvent", UUID.randomUUID().toString(), prepared.resource(),
                        prepared.index(), "POST"), future, caller));
                stored.add(future);
            }
            start = !writing;
            writing = true;
        }
        if (start) {
            startWriting(caller);
        }
        return stored;
    }

    /**
     * The writer runs on a fresh duplicated context, never the caller's own: a session the caller
     * has open there must not take in other callers' events, nor outlive its request.
     */
    private void startWriting(Context caller) {
        Context writer = VertxContext.createNewDuplicatedContext(caller != null ? caller : vertx.getOrCreateContext());
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
        // The writer runs apart from the callers' pipelines: each caller waits on its own stage.
        write(batch).subscribe().with(
                stored -> finish(batch, null),
                failure -> {
                    if (batch.size() == 1) {
                        finish(batch, failure);
                    } else {
                        writeAlone(batch, 0);
                    }
                });
    }

    private Uni<Void> write(List<Pending> batch) {
        return Uni.createFrom().deferred(() -> sessions.withTransaction(
                        session -> store.insertAll(session, batch.stream().map(Pending::event).toList())))
                .ifNoItem().after(WRITE_TIMEOUT).fail()
                .replaceWithVoid();
    }

    /** After a batch failed: each event in a transaction of its own, so that one bad event fails alone. */
    private void writeAlone(List<Pending> batch, int index) {
        if (index == batch.size()) {
            writeNext();
            return;
        }
        Pending pending = batch.get(index);
        write(List.of(pending)).subscribe().with(
                stored -> {
                    pending.complete(null);
                    writeAlone(batch, index + 1);
                },
                failure -> {
                    pending.complete(failure);
                    writeAlone(batch, index + 1);
                });
    }

    private void finish(List<Pending> batch, Throwable failure) {
        batch.forEach(pending -> pending.complete(failure));
        writeNext();
    }
}
