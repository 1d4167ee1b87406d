package org.hrgateway.telemetry;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every request's id: the client's `X-Request-Id` when it is usable, else a new one. It names the
 * request in its log line, in every OperationOutcome it answers (`OperationOutcome.id`), in its audit
 * events and in the calls it makes to peer cities, so a client's error report finds its log line.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key: JSON log lines carry it in `mdc`, text lines in the console format. */
    public static final String MDC_KEY = "requestId";

    /**
     * What a request id may be: the characters of a FHIR id, so that it can be an OperationOutcome's id;
     * a UUID, or any short token a client or proxy makes, never free text.
     */
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9.-]{1,64}");

    private RequestIds() {
    }

    /** The client's id, when it is one this gateway repeats. */
    private static Optional<String> usable(String header) {
        return header != null && USABLE.matcher(header.strip()).matches() ? Optional.of(header.strip()) : Optional.empty();
    }

    /** The client's id when usable, else a new one. */
    public static String acceptOrMake(String header) {
        return usable(header).orElseGet(RequestIds::newId);
    }

    /**
     * A new id, a random (version 4) UUID from a thread-local generator: it names a request in logs
     * and audit trails, it guards nothing, so it needs no SecureRandom (whose lock every request
     * would share).
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * An OperationOutcome this request answers carries the request's id as its own, so that a
     * client's error report finds the request's log line. Other resources, and outcomes that have an
     * id, are left as they are.
     */
    public static <R extends IBaseResource> R stamp(R resource) {
        if (resource instanceof OperationOutcome outcome && !outcome.hasIdElement()) {
            current().ifPresent(outcome::setId);
        }
        return resource;
    }

    /** The id of the request being served on this Vert.x context, if any (none in a timer or at start). */
    public static Optional<String> current() {
        return RequestTelemetry.current().map(RequestRecord::id);
    }

}
