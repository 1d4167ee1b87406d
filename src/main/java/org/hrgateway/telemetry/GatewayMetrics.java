package org.hrgateway.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The domain's metrics, in one place so that their names and tags are one list (README "Metrics",
 * docs/deploy.md's alerts read them): `$recognize` calls and what each item came to, repeat tests
 * detected, writes refused by validation rule, audit write time, peer calls by city and outcome, the
 * record locator's outbox. Every tag value comes from a bounded set (scopes, reason codes of the
 * package, rule ids, configured cities), never from a request's free text.
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final Duration[] PEER_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5)};
    private static final Duration[] AUDIT_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final Counter repeats;
    private final Timer auditWrites;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.repeats = Counter.builder("hr.repeats.detected")
                .description("Orders for an item the patient has a recognizable result for, with no reason recorded")
                .register(registry);
        this.auditWrites = Timer.builder("hr.audit.write")
                .description("Time to store a batch of audit events")
                .serviceLevelObjectives(AUDIT_BUCKETS)
                .register(registry);
    }

    /** One `$recognize` call, `city` or `province`. */
    public void recognizeCall(String scope) {
        registry.counter("hr.recognize.calls", "scope", scope).increment();
    }

    /** One item's answer: `recognized`, `not-recognized` (with its reason code) or `not-applicable`. */
    public void recognizeResult(String outcome, String reason) {
        registry.counter("hr.recognize.results", "outcome", outcome, "reason", reason == null ? "" : reason).increment();
    }

    public void repeatDetected() {
        repeats.increment();
    }

    /** A write refused by a validation rule (an invariant key, `cardinality`, HAPI's message id, ...). */
    public void validationFailure(String resourceType, String rule) {
        registry.counter("hr.validation.failures", "resource_type", resourceType, "rule", rule == null ? "unknown" : rule)
                .increment();
    }

    public void auditWritten(long nanos) {
        auditWrites.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One call to a peer city: `ok`, `timeout`, `transient` or `incomplete` (federation/PeerAnswer). */
    public void peerCall(String city, String outcome, long nanos) {
        Timer.builder("hr.peer.calls")
                .description("Calls to peer cities' gateways, by city and outcome")
                .tags("city", city, "outcome", outcome)
                .serviceLevelObjectives(PEER_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A gauge read when scraped: `value` must answer at once from what its owner already knows. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).strongReference(true).register(registry);
    }
}
