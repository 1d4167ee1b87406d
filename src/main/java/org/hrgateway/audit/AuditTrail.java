package org.hrgateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Pool;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hrgateway.fhir.BlockingWork;
import org.hrgateway.fhir.ResourceCodec;
import org.hrgateway.telemetry.GatewayMetrics;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where every AuditEvent the gateway writes goes (ADR 0014). An event is written as its JSON, one
 * compact row in `audit_pending`, and the call completes once that row is committed: the event is
 * then durable, and the answer it guards may be sent. The rows of concurrent callers share one
 * statement ({@link GroupCommit}). {@link AuditMaterializer} later stores them as AuditEvent
 * resources, indexed like any other, and {@link #drain()} makes sure it has before the trail is read.
 */
@ApplicationScoped
public class AuditTrail {

    /** Events written in one statement at most. */
    static final int MAX_BATCH = 256;

    private final GroupCommit<String> pending;
    private final AuditMaterializer materializer;
    private final BlockingWork blocking;
    private final ResourceCodec codec;
    private final GatewayMetrics metrics;

    public AuditTrail(Pool pool, Vertx vertx, AuditMaterializer materializer, BlockingWork blocking,
                      ResourceCodec codec, GatewayMetrics metrics) {
        this.materializer = materializer;
        this.metrics = metrics;
        this.blocking = blocking;
        this.codec = codec;
        // One statement on the pool, committed by itself: a session and a transaction around each
        // batch cost an audited read about 60 µs more of Java and 12 µs of PostgreSQL (ADR 0014).
        this.pending = new GroupCommit<>(vertx, MAX_BATCH, events -> PendingEvents.insert(pool, events),
                AuditMaterializer::refusedByTheDatabase);
    }

    /** Records `event`; completes when it is committed, fails when it could not be. */
    public Uni<Void> record(AuditEvent event) {
        return recordAll(() -> List.of(event));
    }

    /** Records each of `events`, encoded on one worker task; completes when all are committed. */
    public Uni<Void> recordAll(Supplier<List<AuditEvent>> events) {
        return blocking.run(() -> events.get().stream().map(this::encode).toList())
                .chain(this::recordJson);
    }

    private String encode(AuditEvent event) {
        if (!event.hasIdElement() || event.getIdElement().isEmpty()) {
            event.setId(UUID.randomUUID().toString());
        }
        // PostgreSQL refuses a NUL character in text, and the event must be storable: U+FFFD instead
        // (the escape only, not an escaped backslash followed by "u0000").
        return NUL.matcher(codec.encodeForStorage(event)).replaceAll("$1\\\\uFFFD");
    }

    private static final java.util.regex.Pattern NUL = java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    /** Records AuditEvents already written as JSON, each with its id; completes when all are committed. */
    Uni<Void> recordJson(List<String> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        materializer.written(events.size());
        long started = System.nanoTime();
        // What a caller waits for its events to be durable, its share of a group commit included.
        return pending.writeAll(events).invoke(() -> metrics.auditWritten(System.nanoTime() - started));
    }

    /**
     * Completes once every event recorded before this call is a stored, searchable AuditEvent:
     * anything that reads the audit trail calls it first.
     */
    public Uni<Void> drain() {
        return materializer.drain();
    }

    /** {@link #drain()} when a read of `type` (null: of every type) with `params` may answer AuditEvents. */
    public Uni<Void> beforeReading(String type, Map<String, List<String>> params) {
        return mayShowEvents(type, params) ? drain() : Uni.createFrom().voidItem();
    }

    /**
     * Whether a read may answer AuditEvents: of every type, of AuditEvent, or naming it anywhere in
     * its parameters (`_revinclude=AuditEvent:patient`, `_has:AuditEvent:...`), or including by
     * wildcard. Reading the text is cruder than parsing the search, and errs on the side of draining.
     */
    static boolean mayShowEvents(String type, Map<String, List<String>> params) {
        if (type == null || type.equals("AuditEvent")) {
            return true;
        }
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            if (param.getKey().contains("AuditEvent")) {
                return true;
            }
            for (String value : param.getValue()) {
                if (value.contains("AuditEvent") || param.getKey().contains("include") && value.contains("*")) {
                    return true;
                }
            }
        }
        return false;
    }
}
