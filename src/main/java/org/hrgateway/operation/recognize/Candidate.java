package org.hrgateway.operation.recognize;

import java.time.Instant;

/**
 * A stored result considered for recognition, reduced to what the rules read.
 *
 * @param reference   how the answer refers to it: `Observation/1` here, an absolute URL elsewhere
 * @param marked      it, or a DiagnosticReport listing it, carries a recognition mark
 * @param effective   when the specimen was taken (effective[x]); the validity window runs from it
 * @param issued      when the result was released; the issuer's certification must cover it
 * @param performer   the performing Organization's reference, or null when none is given
 */
public record Candidate(String reference, String status, boolean marked, Instant effective, Instant issued,
                        String performer) {
}
