package org.hrgateway.federation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hrgateway.telemetry.RequestIds;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One province call as its peers see it (ADR 0015): the instant by which every answer must be in
 * (the configured deadline, or the caller's `X-HR-Deadline` when sooner), and the request id that
 * links the reads every city records for it.
 */
public record ProvinceCall(Instant deadline, String requestId) {

    /** The caller's deadline, an ISO instant; passed on to each peer. */
    public static final String DEADLINE_HEADER = "X-HR-Deadline";
    /** Sent with every peer call: a gateway answering one never fans out again. */
    public static final String HOP_HEADER = "X-HR-Province-Hop";

    /**
     * The call starting `now` with `budget`, shortened by the caller's deadline header when that is
     * sooner; `requestId` is the request's (telemetry/RequestIds), a new one when null.
     */
    public static ProvinceCall of(Instant now, Duration budget, String deadlineHeader, String requestId) {
        Instant deadline = now.plus(budget);
        if (deadlineHeader != null && !deadlineHeader.isBlank()) {
            Instant asked = parse(deadlineHeader.strip());
            if (asked.isBefore(deadline)) {
                deadline = asked;
            }
        }
        return new ProvinceCall(deadline, requestId != null ? requestId : RequestIds.newId());
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
