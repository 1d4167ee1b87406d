package org.hrgateway.audit;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.interaction.Prepared;
import org.hrgateway.interaction.ResourcePreparer;
import org.hrgateway.store.ResourceStore;
import org.hrgateway.store.ResourceStore.Encoded;
import org.hrgateway.store.ResourceStore.NewResource;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the AuditEvents waiting in `audit_pending` into ordinary AuditEvent resources (ADR 0014):
 * parsed and indexed on a worker, then stored and their rows deleted in one transaction, a batch at
 * a time. Two things run it:
 * <ul>
 * <li>a timer: while requests keep writing events, it stores at most `while-busy` of them per
 *     interval, so that the work waits for a quiet moment; once an interval passes without new
 *     events, or the backlog passes `max-backlog`, it stores all of them;</li>
 * <li>{@link #drain()}, before anything that reads AuditEvents: everything committed before it began
 *     is stored when it completes, so an auditor never misses an event.</li>
 * </ul>
 * Materializers may run at once (a drain beside the timer, or several gateway instances on one
 * database): a row is stored by whoever deletes it, so no event is stored twice or lost.
 */
@ApplicationScoped
public class AuditMaterializer {

    private static final Logger LOG = Logger.getLogger(AuditMaterializer.class);

    private final Mutiny.SessionFactory sessions;
    private final BlockingWork blocking;
    private final ResourceCodec codec;
    private final ResourcePreparer preparer;
    private final ResourceStore store;
    private final Vertx vertx;
    private final GatewayConfig.Audit.Materialize settings;
    /** Where the timer's runs happen: a duplicated context of its own, safe for Hibernate Reactive. */
    private final Context own;

    /** Events written since the timer last looked: any means the gateway is busy. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();

    public AuditMaterializer(Mutiny.SessionFactory sessions, BlockingWork blocking, ResourceCodec codec,
                             ResourcePreparer preparer, ResourceStore store, Vertx vertx, GatewayConfig config) {
        this.sessions = sessions;
        this.blocking = blocking;
        this.codec = codec;
        this.preparer = preparer;
        this.store = store;
        this.vertx = vertx;
        this.settings = config.audit().materialize();
        this.own = OwnContexts.create(vertx);
    }

    void start(@Observes StartupEvent started) {
        vertx.setPeriodic(settings.interval().toMillis(), ignored -> own.runOnContext(run -> tick().subscribe().with(
                done -> {
                },
                failure -> LOG.warnf("Audit events waiting in audit_pending could not be stored now (retried at the"
                        + " next interval): %s", failure.toString()))));
    }

    /** The request path wrote `count` events. */
    void written(int count) {
        written.addAndGet(count);
    }

    /**
     * Stores every event committed before this call; completes on the caller's context once they
     * are all searchable. Fails when one batch cannot be stored (the events stay waiting).
     */
    public Uni<Void> drain() {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            // A context of its own: a drain runs beside the timer's run and other drains.
            OwnContexts.create(vertx).runOnContext(ignored -> withSession(PendingEvents::extent)
                    .chain(extent -> run(extent.last(), Long.MAX_VALUE))
                    .subscribe().with(
                            stored -> OwnContexts.onCaller(caller, () -> done.complete(null)),
                            failure -> OwnContexts.onCaller(caller, () -> done.completeExceptionally(failure))));
            return done;
        });
    }

    /**
     * On the timer: a share while busy, everything when quiet or when the backlog is too long; then,
     * when everything was stored, the emptied table's space is given back.
     */
    Uni<Void> tick() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        boolean busy = written.getAndSet(0) > 0;
        return withSession(PendingEvents::extent)
                .chain(extent -> {
                    long budget = busy && extent.backlog() <= settings.maxBacklog() ? settings.whileBusy() : Long.MAX_VALUE;
                    return run(extent.last(), budget)
                            .chain(() -> budget == Long.MAX_VALUE ? reclaim() : Uni.createFrom().voidItem());
                })
                .eventually(() -> running.set(false));
    }

    /**
     * Stores the events up to `upTo`, a batch at a time, until none is left or `budget` rows were
     * handled. A loop, not a chain of batches: each batch's rows are let go before the next is read
     * (a recursive chain kept every batch alive until the last, and ran out of memory on 200,000).
     */
    private Uni<Void> run(long upTo, long budget) {
        Cursor cursor = new Cursor(budget);
        return Multi.createBy().repeating().uni(() -> batch(cursor, upTo))
                .whilst(handled -> handled > 0 && cursor.budget > 0 && cursor.after < upTo)
                .onItem().ignoreAsUni();
    }

    /** Where a run is: the last row it handled, and how many more it may. */
    private static final class Cursor {
        long after;
        long budget;

        Cursor(long budget) {
            this.budget = budget;
        }
    }

    /** One batch after the cursor; moves it on and says how many rows were handled. */
    private Uni<Integer> batch(Cursor cursor, long upTo) {
        int limit = (int) Math.min(settings.batch(), cursor.budget);
        return withSession(session -> PendingEvents.next(session, cursor.after, upTo, limit))
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    cursor.after = rows.get(rows.size() - 1).seq();
                    cursor.budget -= rows.size();
                    return materialize(rows).replaceWith(rows.size());
                });
    }

    /** An emptied table's space given back; a table in use is left for another time. */
    private Uni<Void> reclaim() {
        return sessions.openSession()
                .chain(session -> session.withTransaction(transaction -> PendingEvents.truncateIfEmpty(session))
                        .eventually(session::close))
                .onFailure().recoverWithItem(false)
                .replaceWithVoid();
    }

    /** A row parsed and indexed, or why it could not be. */
    private record Materialized(long seq, Encoded encoded, String failure) {
    }

    /** Parses and indexes on a worker, then stores; rows that cannot be stored are moved to `audit_failed`. */
    private Uni<Void> materialize(List<PendingEvents.Row> rows) {
        return blocking.run(() -> rows.stream().map(this::encode).toList())
                .chain(materialized -> {
                    List<Materialized> parsed = materialized.stream().filter(row -> row.failure() == null).toList();
                    List<Materialized> refused = materialized.stream().filter(row -> row.failure() != null).toList();
                    return store(parsed)
                            .onFailure(failure -> parsed.size() > 1).recoverWithUni(failure -> storeAlone(parsed, 0))
                            .onFailure(AuditMaterializer::refusedByTheDatabase)
                            .recoverWithUni(failure -> markFailed(parsed.get(0), failure.toString()))
                            .chain(() -> markAllFailed(refused, 0));
                });
    }

    private Materialized encode(PendingEvents.Row row) {
        try {
            Resource resource = codec.parseStored(row.json());
            if (!(resource instanceof AuditEvent event)) {
                return new Materialized(row.seq(), null, "not an AuditEvent: " + resource.fhirType());
            }
            String id = event.hasIdElement() ? event.getIdElement().getIdPart() : UUID.randomUUID().toString();
            Prepared prepared = preparer.prepareNow(event);
            // Stored as of when it was recorded: that is when the request path made it durable.
            Instant stored = event.hasRecorded() ? event.getRecorded().toInstant() : Instant.now();
            return new Materialized(row.seq(), store.encodeNew(new NewResource("AuditEvent", id, prepared.resource(),
                    prepared.index(), "POST"), stored), null);
        } catch (RuntimeException unreadable) {
            return new Materialized(row.seq(), null, unreadable.toString());
        }
    }

    /**
     * In one transaction: deletes the rows still waiting and stores exactly their events. A stuck
     * statement ends at the pool's statement timeout (`hr.db.statement-timeout`); a timeout here
     * would cancel the chain before the session is closed, and keep its connection.
     */
    private Uni<Void> store(List<Materialized> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sessions.openSession()
                .chain(session -> session.withTransaction(transaction ->
                                PendingEvents.claim(session, rows.stream().map(Materialized::seq).toList())
                                        .chain(claimed -> {
                                            Set<Long> ours = new HashSet<>(claimed);
                                            List<Encoded> events = new ArrayList<>(ours.size());
                                            rows.stream().filter(row -> ours.contains(row.seq()))
                                                    .forEach(row -> events.add(row.encoded()));
                                            return store.insertEncoded(session, events);
                                        }))
                        .eventually(session::close));
    }

    /** After a batch failed: each row in a transaction of its own, so that one bad row fails alone. */
    private Uni<Void> storeAlone(List<Materialized> rows, int index) {
        if (index == rows.size()) {
            return Uni.createFrom().voidItem();
        }
        Materialized row = rows.get(index);
        return store(List.of(row))
                .onFailure(AuditMaterializer::refusedByTheDatabase).recoverWithUni(failure -> markFailed(row, failure.toString()))
                .chain(() -> storeAlone(rows, index + 1));
    }

    private Uni<Void> markAllFailed(List<Materialized> rows, int index) {
        return index == rows.size() ? Uni.createFrom().voidItem()
                : markFailed(rows.get(index), rows.get(index).failure()).chain(() -> markAllFailed(rows, index + 1));
    }

    /** The event is kept in `audit_failed`, with the reason, for an operator; drains no longer meet it. */
    private Uni<Void> markFailed(Materialized row, String reason) {
        LOG.errorf("Audit event %d cannot be stored as a resource; it is kept in audit_failed with the reason: %s",
                row.seq(), reason);
        return sessions.openSession()
                .chain(session -> session.withTransaction(transaction -> PendingEvents.fail(session, row.seq(), reason))
                        .eventually(session::close));
    }

    /**
     * PostgreSQL refused the data itself (SQLSTATE class 22, data exception; 23, integrity): storing
     * it again will not help. Anything else (the database unreachable, a timeout) is left to a later run.
     */
    static boolean refusedByTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = cause instanceof io.vertx.pgclient.PgException refused ? refused.getSqlState()
                    : cause instanceof java.sql.SQLException refused ? refused.getSQLState() : null;
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private <T> Uni<T> withSession(java.util.function.Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().chain(session -> work.apply(session).eventually(session::close));
    }
}
