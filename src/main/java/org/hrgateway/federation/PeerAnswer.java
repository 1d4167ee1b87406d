package org.hrgateway.federation;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.federation.Peers.Peer;
import org.hrgateway.fhir.HttpStatusException;

/** What one peer gave for one call: its answer's body, or why it is missing. */
public sealed interface PeerAnswer {

    Peer peer();

    /** A 200 whose body is a FHIR JSON resource (not yet parsed). */
    record Answered(Peer peer, String body) implements PeerAnswer {
    }

    /** No usable answer: `code` is the OperationOutcome issue type (timeout, transient, incomplete). */
    record Missing(Peer peer, IssueType code, String reason) implements PeerAnswer {

        /** For a call that needs this answer to answer at all: 504 past the deadline, else 502. */
        public HttpStatusException failure() {
            return code == IssueType.TIMEOUT ? HttpStatusException.gatewayTimeout(reason)
                    : HttpStatusException.badGateway(reason);
        }
    }
}
