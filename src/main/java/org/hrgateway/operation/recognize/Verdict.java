package org.hrgateway.operation.recognize;

import java.time.Instant;

/** One candidate judged: recognizable or not, the reason (a code of mr-recognition-reason) when not. */
public record Verdict(Candidate candidate, boolean recognizable, String reason, Instant validUntil) {
}
