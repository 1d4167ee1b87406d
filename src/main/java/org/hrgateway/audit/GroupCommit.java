package org.hrgateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Writes the items of concurrent callers together (group commit): each call completes only once its
 * items are committed, but the items that arrive while one batch is being written share the next
 * one. Alone, a call pays one statement; under load, one statement per batch instead of one per item.
 * Batches are written one at a time on a Vert.x context that belongs to this writer, apart from any
 * caller's session (docs/adr/0011). A batch the database refused for its data is written again item
 * by item, so that one bad item fails alone; any other failure (the database away, a timeout) fails
 * the whole batch at once, since writing it again might write twice what did commit.
 *
 * @param <T> what is written
 */
final class GroupCommit<T> {

    /** A write that takes longer fails its items, so that a stuck one cannot hold up every later call. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final int maxBatch;
    /** Writes one batch in a transaction of its own, on the writer's context. */
    private final Function<List<T>, Uni<Void>> write;
    /** Whether a failed batch was refused for its data, so that its items are worth writing one by one. */
    private final java.util.function.Predicate<Throwable> refusedData;
    /** Where every batch is written: a duplicated context of its own, safe for Hibernate Reactive. */
    private final Context writer;

    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private boolean writing;

    /** An item waiting for its batch; its caller is told on the caller's own Vert.x context. */
    private record Pending<T>(T item, CompletableFuture<Void> stored, Context caller) {

        void complete(Throwable failure) {
            OwnContexts.onCaller(caller, () -> {
                if (failure == null) {
                    stored.complete(null);
                } else {
                    stored.completeExceptionally(failure);
                }
            });
        }
    }

    GroupCommit(Vertx vertx, int maxBatch, Function<List<T>, Uni<Void>> write,
                java.util.function.Predicate<Throwable> refusedData) {
        this.maxBatch = maxBatch;
        this.write = write;
        this.refusedData = refusedData;
        this.writer = OwnContexts.create(vertx);
    }

    /** Completes when all of `items` are committed, fails when one could not be. */
    Uni<Void> writeAll(List<T> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> CompletableFuture.allOf(
                queue(items).toArray(CompletableFuture[]::new)));
    }

    /**
     * Queues `items` at once, so that they are written in one statement when they fit in a batch;
     * each stage completes when its own item is stored, or fails alone.
     */
    private List<CompletableFuture<Void>> queue(List<T> items) {
        Context caller = Vertx.currentContext();
        List<CompletableFuture<Void>> stored = new ArrayList<>(items.size());
        boolean start;
        synchronized (queue) {
            for (T item : items) {
                CompletableFuture<Void> future = new CompletableFuture<>();
                queue.add(new Pending<>(item, future, caller));
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
        List<Pending<T>> batch = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && batch.size() < maxBatch) {
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
                    if (batch.size() > 1 && refusedData.test(failure)) {
                        writeAlone(batch, 0);
                    } else {
                        finish(batch, failure);
                    }
                });
    }

    private Uni<Void> write(List<Pending<T>> batch) {
        return Uni.createFrom().deferred(() -> write.apply(batch.stream().map(Pending::item).toList()))
                .ifNoItem().after(WRITE_TIMEOUT).fail();
    }

    /** After a batch failed: each item in a statement of its own, so that one bad item fails alone. */
    private void writeAlone(List<Pending<T>> batch, int index) {
        if (index == batch.size()) {
            writeNext();
            return;
        }
        Pending<T> pending = batch.get(index);
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

    private void finish(List<Pending<T>> batch, Throwable failure) {
        batch.forEach(pending -> pending.complete(failure));
        writeNext();
    }
}
