package org.hrgateway.telemetry;

/**
 * One request as its log line and metrics will name it: its id, and what is learnt about it while it
 * is served (the operation the registry found). Kept on the request's Vert.x context.
 */
public final class RequestRecord {

    private final String id;
    private final long startedNanos;
    private volatile String operation;

    RequestRecord(String id, long startedNanos) {
        this.id = id;
        this.startedNanos = startedNanos;
    }

    public String id() {
        return id;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The operation being run (its OperationDefinition's code), once the registry found it. */
    public void operation(String code) {
        this.operation = code;
    }

    String operation() {
        return operation;
    }
}
