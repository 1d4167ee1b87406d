package org.hrgateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.smallrye.common.vertx.VertxContext;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.interaction.Prepared;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.Encoded;
import org.hrgateway.store.ResourceStore.NewResource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Stores AuditEvents, committing those of concurrent callers together (group commit): each call
 * completes only once its event is committed, but the events that arrive while one batch is being
 * written share the next one. Alone, a call pays one statement; under load, one statement per batch
 * instead of one per event (an audited operation otherwise spends more on its audit record than on
 * its answer). An event is prepared and encoded by its caller, off the event loop; a batch is then
 * the create statement in a transaction of its own (docs/adr/0011), written on a Vert.x context that
 * belongs to the trail: batches are written one at a time, apart from any caller's session.
 */
@ApplicationScoped
public class AuditTrail {

    /** Events written in one statement at most. */
    static final int MAX_BATCH = 64;
    /** A write that takes longer fails its events, so that a stuck one cannot hold up every later call. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ResourcePreparer preparer;
    private final ResourceStore store;
    private final Mutiny.SessionFactory sessions;
    private final BlockingWork blocking;
    /** Where every batch is written: a duplicated context of its own, safe for Hibernate Reactive. */
    private final Context writer;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    /** An event waiting for its batch; its caller is told on the caller's own Vert.x context. */
    private record Pending(Encoded event, CompletableFuture<Void> stored, Context caller) {

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

    public AuditTrail(ResourcePreparer preparer, ResourceStore store, Mutiny.SessionFactory sessions, Vertx vertx,
                      BlockingWork blocking) {
        this.preparer = preparer;
        this.store = store;
        this.sessions = sessions;
        this.blocking = blocking;
        this.writer = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(writer, true);
    }

    /** Stores `event` as a new AuditEvent; completes when it is committed, fails when it could not be. */
    public Uni<Void> record(AuditEvent event) {
        return recordAll(() -> List.of(event));
    }

    /**
     * Stores each of `events` (prepared together, on one worker task); completes when all are
     * committed, fails when one could not be.
     */
    public Uni<Void> recordAll(java.util.function.Supplier<List<AuditEvent>> events) {
        return blocking.run(() -> events.get().stream().map(event -> encode(preparer.prepareNow(event))).toList())
                .chain(encoded -> encoded.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().completionStage(CompletableFuture.allOf(
                                storeTogether(encoded).toArray(CompletableFuture[]::new))));
    }

    /** An AuditEvent prepared for storing, as version 1 with a new id (CPU work: on a worker thread). */
    Encoded encode(Prepared prepared) {
        return store.encodeNew(new NewResource("AuditEvent", UUID.randomUUID().toString(), prepared.resource(),
                prepared.index(), "POST"), Instant.now());
    }

    /**
     * Queues encoded AuditEvents at once, so that they are written in one statement when they fit
     * in a batch; each stage completes when its own event is stored, or fails alone.
     */
    List<CompletableFuture<Void>> storeTogether(List<Encoded> events) {
        Context caller = Vertx.currentContext();
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        boolean start;
        synchronized (queue) {
            for (Encoded event : events) {
                CompletableFuture<Void> future = new CompletableFuture<>();
                queue.add(new Pending(event, future, caller));
                stored.add(future);
            }
            start = !writing;
            writing = true;
        }
        if (start) {
            writer.runOnContext(ignored -> writeNext());
        }
        return stored;
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

    /** On the writer's context: a session of its own, opened and closed around the batch's transaction. */
    private Uni<Void> write(List<Pending> batch) {
        List<Encoded> events = batch.stream().map(Pending::event).toList();
        return sessions.openSession()
                .chain(session -> session.withTransaction(transaction -> store.insertEncoded(session, events))
                        .eventually(session::close))
                .ifNoItem().after(WRITE_TIMEOUT).fail();
    }

    /** After a batch failed: each event in a statement of its own, so that one bad event fails alone. */
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
