package org.hrgateway.federation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One province call as its peers see it (ADR 0015): the instant by which every answer must be in
 * (the configured deadline, or the caller's `X-HR-Deadline` when sooner), and the request id that
 * links the reads every city records for it.
 */
public record ProvinceCall(Instant deadline, String requestId) {

    /** The caller's deadline, an ISO instant; passed on to each peer. */
    public static final String DEADLINE_HEADER = "X-HR-Deadline";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Sent with every peer call: a gateway answering one never fans out again. */
    public static final String HOP_HEADER = "X-HR-Province-Hop";

    /** What a request id may be: a UUID or any short token a client or proxy makes, never free text. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /**
     * The call starting `now` with `budget`, shortened by the caller's deadline header when that is
     * sooner; the caller's request id when it is usable, else a new one.
     */
    public static ProvinceCall of(Instant now, Duration budget, String deadlineHeader, String requestIdHeader) {
        Instant deadline = now.plus(budget);
        if (deadlineHeader != null && !deadlineHeader.isBlank()) {
            Instant asked = parse(deadlineHeader.strip());
            if (asked.isBefore(deadline)) {
                deadline = asked;
            }
        }
        return new ProvinceCall(deadline, requestId(requestIdHeader).orElseGet(ProvinceCall::newRequestId));
    }

    /**
     * A new request id, a random (version 4) UUID from a thread-local generator: it names a request in
     * logs and audit trails, it guards nothing, so it needs no SecureRandom (whose lock every request
     * would share).
     */
    public static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The caller's request id, when it is one this gateway repeats (in peer calls and its audit trail). */
    public static Optional<String> requestId(String header) {
        return header != null && REQUEST_ID.matcher(header.strip()).matches()
                ? Optional.of(header.strip()) : Optional.empty();
    }

    /** What is left of the budget at `now`; zero or negative once the deadline passed. */
    public Duration remaining(Instant now) {
        return Duration.between(now, deadline);
    }

    private static Instant parse(String header) {
        try {
            return Instant.parse(header);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(DEADLINE_HEADER + " '" + header
                    + "' is not an instant such as 2026-12-05T08:00:02.500Z");
        }
    }
}
