package org.hrgateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hrgateway.store.NativeSql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statements on `audit_pending` and `audit_failed` (V8), the one place that names them:
 * AuditEvents written on the request path as JSON, waiting to become resources (ADR 0014). The insert runs on the pool, by
 * itself; every other method runs in the caller's session, and the caller owns the transaction.
 */
final class PendingEvents {

    /** A row waiting: its place in the queue and the AuditEvent's JSON. */
    record Row(long seq, String json) {
    }

    private PendingEvents() {
    }

    /**
     * Appends events, in order, with one statement however many there are, committed by itself on
     * the pool (one round trip per batch; ADR 0014 and its exception to ADR 0011).
     */
    static Uni<Void> insert(Pool pool, List<String> events) {
        return pool.preparedQuery("insert into audit_pending (content) select unnest($1::text[])")
                .execute(Tuple.of(events.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Where the queue stands now.
     *
     * @param last    the last row committed, or 0: a run stores up to it and no further
     * @param backlog how many rows wait, at most (from the first to the last; gaps are not counted off)
     */
    record Extent(long last, long backlog) {
    }

    static Uni<Extent> extent(Mutiny.Session session) {
        return NativeSql.rows(session, "select coalesce(max(seq), 0), coalesce(max(seq) - min(seq) + 1, 0) from audit_pending",
                List.of()).map(rows -> new Extent(((Number) rows.get(0)[0]).longValue(), ((Number) rows.get(0)[1]).longValue()));
    }

    /** The first `limit` rows waiting after `after` and up to `upTo`, in order. */
    static Uni<List<Row>> next(Mutiny.Session session, long after, long upTo, int limit) {
        return NativeSql.rows(session, "select seq, content from audit_pending where seq > ?1 and seq <= ?2"
                        + " order by seq limit ?3", List.of(after, upTo, limit))
                .map(rows -> {
                    List<Row> pending = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        pending.add(new Row(((Number) row[0]).longValue(), (String) row[1]));
                    }
                    return pending;
                });
    }

    /**
     * Deletes those of `seqs` that still wait and says which: the caller stores exactly those in the
     * same transaction. A concurrent materializer's rows are locked until it commits, and then gone.
     */
    static Uni<List<Long>> claim(Mutiny.Session session, List<Long> seqs) {
        return NativeSql.values(session, "delete from audit_pending where seq = any(cast(?1 as bigint[])) returning seq",
                        Collections.<Object>singletonList(seqs.toArray(Long[]::new)),
                        Number.class)
                .map(claimed -> claimed.stream().map(Number::longValue).toList());
    }

    /** Moves a row that could not be stored to `audit_failed`, with the reason (if it still waits). */
    static Uni<Void> fail(Mutiny.Session session, long seq, String reason) {
        return NativeSql.execute(session, "with moved as (delete from audit_pending where seq = ?1 returning seq, content)"
                + " insert into audit_failed (seq, content, failed) select seq, content, ?2 from moved", List.of(seq, reason));
    }

    /**
     * Gives the space of an emptied table back at once (PostgreSQL's autovacuum may be off, and a
     * queue's dead rows would otherwise pile up): only when nothing waits and no writer holds the
     * table, since the lock is asked without waiting. Fails (and the caller's transaction with it)
     * when the table is in use.
     */
    static Uni<Boolean> truncateIfEmpty(Mutiny.Session session) {
        return NativeSql.execute(session, "lock table audit_pending in access exclusive mode nowait", List.of())
                .chain(() -> NativeSql.value(session, "select exists (select 1 from audit_pending)", List.of(), Boolean.class))
                .chain(any -> any ? Uni.createFrom().item(false)
                        : NativeSql.execute(session, "truncate audit_pending", List.of()).replaceWith(true));
    }
}
